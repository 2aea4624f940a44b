import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import type { MetricSummary } from '../../src/analysis/summary.js';
import { CSV_COLUMNS, neutraliseFormula, renderCsv, round as roundCsv } from '../../src/report/csv.js';
import type { ReportData } from '../../src/report/model.js';
import { FULL_REPORT_DATA, REPORT_DATA, RUN, SUMMARIES } from './fixtures/report-data.js';

/** A strict RFC 4180 reader (LF or CRLF record ends), independent of csv-stringify. */
function parseCsv(text: string): { cells: string[][]; quoted: boolean[][] } {
  const cells: string[][] = [];
  const quoted: boolean[][] = [];
  let row: string[] = [];
  let rowQuoted: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    let isQuoted = false;
    if (text[i] === '"') {
      isQuoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (text[i] === '"') { i++; break; }
        cell += text[i];
        i++;
      }
    } else {
      while (i < text.length && !',\r\n'.includes(text[i] as string)) cell += text[i++];
      if (cell.includes('"')) throw new Error(`bare quote in ${cell}`);
    }
    row.push(cell);
    rowQuoted.push(isQuoted);
    if (text[i] === ',') { i++; continue; }
    if (text[i] === '\r') i++;
    if (text[i] !== '\n') throw new Error(`expected a record end at ${i}`);
    i++;
    cells.push(row);
    quoted.push(rowQuoted);
    row = [];
    rowQuoted = [];
  }
  return { cells, quoted };
}

describe('renderCsv', () => {
  it('renders the hand-built report as saved', async () => {
    await expect(renderCsv(REPORT_DATA)).toMatchFileSnapshot('./fixtures/report.csv');
  });

  it('renders the report with claims as saved', async () => {
    await expect(renderCsv(FULL_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report-claims.csv');
  });

  it('writes the documented columns, in order (the first 15 as they always were), then one row per summary', () => {
    const { cells } = parseCsv(renderCsv(REPORT_DATA));
    expect(cells[0]?.slice(0, 15)).toEqual([
      'run_id', 'host', 'runtime', 'tier', 'workload', 'metric', 'unit', 'n', 'median',
      'ci_low', 'ci_high', 'p95', 'baseline', 'delta', 'overhead_pct',
    ]);
    expect(cells[0]?.slice(15)).toEqual([
      'claim_id', 'claimed_range', 'verdict', 'overhead_ci_low', 'overhead_ci_high', 'delta_ci_low', 'delta_ci_high',
      'trials', 'mean', 'sd', 'cv', 'p5', 'p99', 'direction',
      'quick', 'repetitions', 'samples', 'budget_ms', 'seed', 'docker_version', 'storage_driver', 'cgroup', 'os',
      'mem_total_bytes', 'isobench_version', 'family', 'cost_ratio', 'cost_ratio_ci_low', 'cost_ratio_ci_high',
    ]);
    expect(cells[0]).toEqual([...CSV_COLUMNS]);
    expect(cells).toHaveLength(SUMMARIES.length + 1);
    for (const row of cells) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('writes only the header for a run without samples, LF-terminated', () => {
    expect(renderCsv({ ...REPORT_DATA, summaries: [] })).toBe(`${CSV_COLUMNS.join(',')}\n`);
  });

  it('rounds numbers to six significant digits (never below the integer digits), keeps integers, leaves missing values empty', () => {
    const summary = { ...(SUMMARIES[4] as MetricSummary), median: 1 / 3, p95: 31.856660899999998, mean: 12_345_678.9, deltaAbs: -1e-7, overheadPct: null };
    const { cells } = parseCsv(renderCsv({ ...REPORT_DATA, summaries: [summary] }));
    const row = cells[1] ?? [];
    const cell = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(cell('median')).toBe('0.333333');
    expect(cell('p95')).toBe('31.8567');
    expect(cell('mean')).toBe('12345679');
    expect(cell('n')).toBe('30');
    expect(cell('seed')).toBe('42');
    expect(cell('delta')).toBe('-1e-7');
    expect(cell('overhead_pct')).toBe('');
    expect(cell('direction')).toBe('lower-is-better');
    expect(cell('family')).toBe('syscall');
  });

  it('neutralises formula-like text but never numbers (property test, seeded)', () => {
    const random = createRandom(2026);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const alphabet = ['=', '+', '-', '@', '\t', '\r', '\n', ',', '"', "'", ' ', 'a', 'Z', '1', '.', '\uFF1D', 'é'];
    const text = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(alphabet)).join('');
    const number = () => pick([-1, 1]) * random() * 10 ** Math.floor(random() * 12 - 6);
    for (let round = 0; round < 300; round++) {
      const summary: MetricSummary = {
        ...(SUMMARIES[4] as MetricSummary),
        target: text(), tier: text(), workload: text(), metric: text(), unit: text(),
        median: number(), ciLow: number(), ciHigh: number(), p95: number(), deltaAbs: number(), overheadPct: number(),
        baseline: pick([null, text()]),
      };
      const data: ReportData = { ...REPORT_DATA, run: { ...RUN, id: text(), host: { ...RUN.host, hostname: text() } }, summaries: [summary] };
      const { cells, quoted } = parseCsv(renderCsv(data));
      const row = cells[1] ?? [];
      const expectedText = [data.run.id, data.run.host.hostname, summary.target, summary.tier, summary.workload, summary.metric, summary.unit];
      expectedText.forEach((value, index) => {
        expect(row[index]).toBe(neutraliseFormula(value));
        expect(row[index]).not.toMatch(/^[=+\-@\t\r\uFF1D]/);
      });
      const numbers = [summary.n, summary.median, summary.ciLow, summary.ciHigh, summary.p95];
      numbers.forEach((value, index) => {
        expect(row[7 + index]).toBe(String(roundCsv(value)));
        expect(quoted[1]?.[7 + index]).toBe(false);
      });
      expect(row[12]).toBe(summary.baseline === null ? '' : neutraliseFormula(summary.baseline));
      expect(Number(row[13])).toBe(roundCsv(summary.deltaAbs ?? Number.NaN));
      expect(Number(row[14])).toBe(roundCsv(summary.overheadPct ?? Number.NaN));
    }
  });

  it('keeps negative numbers numeric and prefixes text that starts like a formula', () => {
    const summary = { ...(SUMMARIES[1] as MetricSummary), target: '-cmd', metric: '=HYPERLINK("x")', unit: '@SUM(A1)' };
    const line = renderCsv({ ...REPORT_DATA, summaries: [summary] }).split('\n')[1];
    expect(line).toBe(
      `20261103-101500-a1b2,bench-01,'-cmd,container,file-io,"'=HYPERLINK(""x"")",'@SUM(A1),30,12.4,12.2,12.61,14.05,native,-0.1,-0.8,,,,-2.9,1.35,,,3,12.4,,,12.4,14.05,lower-is-better,,,,,42,,,,,,,other,0.992,0.971,1.0135`,
    );
  });

  it('lists the claims about each row, joined by ; in claim order, and none where there are none', () => {
    const { cells } = parseCsv(renderCsv(FULL_REPORT_DATA));
    const header = cells[0] ?? [];
    const rowOf = (runtime: string, metric: string) => cells.find((r) => r[header.indexOf('runtime')] === runtime && r[header.indexOf('metric')] === metric) ?? [];
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const runsc = rowOf('runsc', 'getppid');
    expect(cell(runsc, 'claim_id')).toBe('demo.getppid.runsc;demo.hostile');
    expect(cell(runsc, 'claimed_range')).toBe('<= 2 us/op;overhead vs runc >= 0 %');
    expect(cell(runsc, 'verdict')).toBe('holds;holds');
    const runc = rowOf('runc', 'getppid');
    expect([cell(runc, 'claim_id'), cell(runc, 'claimed_range'), cell(runc, 'verdict')]).toEqual(['demo.getppid.runc', 'delta vs native = 0 ns/op', 'worse than claimed']);
    expect(cell(rowOf('native', 'getppid'), 'claim_id')).toBe('');
    expect(cell(rowOf('runsc', 'round_trips'), 'claimed_range')).toBe('retention vs native 85..95 %');
    expect(cells).toHaveLength(SUMMARIES.length + 1);
  });
});

describe('neutraliseFormula', () => {
  it.each([
    ['=1+2', "'=1+2"], ['+1', "'+1"], ['-1', "'-1"], ['@x', "'@x"], ['\tx', "'\tx"], ['\rx', "'\rx"],
    ['\uFF1D1', "'\uFF1D1"], ['a=1', 'a=1'], ['', ''], ["'=x", "'=x"],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});
