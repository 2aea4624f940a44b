import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { COMPARE_FORMATS, renderCompare } from '../../src/report/compare-index.js';
import { COMPARE_COLUMNS } from '../../src/report/compare-csv.js';
import { gateLines } from '../../src/report/compare-model.js';
import { formatP } from '../../src/report/compare-table.js';
import { CHANGES, COMPARE_DATA } from './fixtures/compare-data.js';

describe('compare renderers', () => {
  it.each([
    ['table', 'compare.txt'],
    ['md', 'compare.md'],
    ['csv', 'compare.csv'],
    ['json', 'compare.json'],
  ] as const)('render %s as saved', async (format, file) => {
    await expect(renderCompare(format, COMPARE_DATA)).toMatchFileSnapshot(`./fixtures/${file}`);
  });

  it('lists its formats', () => {
    expect(COMPARE_FORMATS).toEqual(['table', 'csv', 'md', 'json']);
  });

  it('says whether the gate fails, and why a reader should be careful', () => {
    expect(gateLines(COMPARE_DATA)).toEqual([
      'gate: FAIL, 1 significant regression beyond 5 %',
      '4 metrics compared, 1 improved, 1 regressed',
      'warning: 1 metric has too few trials to reach p < 0.05 (the gate needs >= 4 trials per runtime and workload in each run)',
    ]);
    const passing = { ...COMPARE_DATA, changes: CHANGES.slice(1) };
    expect(gateLines(passing)[0]).toBe('gate: pass, no significant regression beyond 5 %');
    const odd = { ...COMPARE_DATA, fresh: { ...COMPARE_DATA.fresh, hostname: 'other', status: 'interrupted' as const }, changes: [] };
    expect(gateLines(odd)).toEqual(expect.arrayContaining([
      'warning: the two runs have no runtime × workload × metric in common',
      'warning: the runs come from different hosts (bench-01, other)',
      'warning: run 20261103-020000-bbbb is interrupted: its results are partial',
    ]));
  });

  it('writes one CSV row per change with the documented columns, and JSON with the gate', () => {
    const rows = parse(renderCompare('csv', COMPARE_DATA), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...COMPARE_COLUMNS]);
    expect(rows.map((r) => r.status)).toEqual(['regression', 'improvement', 'within-threshold', 'inconclusive']);
    expect(Number(rows[1]?.worse_pct)).toBeCloseTo(-10, 9);
    const json = JSON.parse(renderCompare('json', COMPARE_DATA)) as { gate: string; changes: unknown[] };
    expect(json.gate).toBe('fail');
    expect(json.changes).toHaveLength(4);
  });

  it('formats p-values', () => {
    expect([formatP(0.0079365), formatP(0.42), formatP(1), formatP(0.0004)]).toEqual(['0.0079', '0.42', '1.0', '< 0.001']);
  });
});
