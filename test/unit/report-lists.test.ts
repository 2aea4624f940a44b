import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderRuns, type RunListing } from '../../src/report/runs-render.js';
import { renderStability, stabilityOf } from '../../src/report/stability-render.js';
import type { Spread } from '../../src/stability/spread.js';

const run: RunListing = {
  id: 'r1', startedAt: '2026-12-01T08:51:55.829Z', hostname: 'vm', status: 'complete', targets: ['native', 'runsc'],
  workloads: ['syscall', 'cpu'], quick: true, trialsOk: 12, trialsFailed: 0,
};
const spread: Spread = { target: 'runc', workload: 'syscall', metric: 'getppid', unit: 'ns/op', runs: 4, medianOfMedians: 1234.5678, cvPct: 18.2, min: 900.123, max: 1500, ratioCvPct: 1.1 };

describe('runs and stability listings', () => {
  it('runs: workloads, targets and quick in every format', () => {
    expect(renderRuns('table', [run])).toMatch(/r1 +2026-12-01 08:51:55 +vm +complete +native,runsc +syscall,cpu +quick +12 ok, 0 failed/);
    expect(parse(renderRuns('csv', [run]), { columns: true })).toEqual([expect.objectContaining({ workloads: 'syscall cpu', quick: 'true', trials_ok: '12' })]);
    expect(JSON.parse(renderRuns('json', [run]))).toMatchObject({ format: 'isobench.runs', runs: [run] });
  });

  it('stability: says what CV is good enough, and formats numbers as the report does', () => {
    expect([stabilityOf(2.5), stabilityOf(4.9), stabilityOf(5.1), stabilityOf(null)]).toEqual(['stable', 'marginal', 'noisy', null]);
    const table = renderStability('table', [spread], ['a', 'b', 'c', 'd'], 'native');
    expect(table).toContain('CV ≤ 2.5 %: stable enough to compare runs by');
    // 1234.5678 → 1,235 (grouped integer), 900.123 → 900.1; the verdict follows the ratio's CV (1.1 %)
    expect(table).toMatch(/syscall +getppid +runc +ns\/op +4 +1,235 +900.1 +1,500 +18.2 +1.1 +stable/);
    expect(parse(renderStability('csv', [spread], ['a'], 'native'), { columns: true })).toEqual([expect.objectContaining({ stability: 'stable', baseline: 'native' })]);
    expect(JSON.parse(renderStability('json', [spread], ['a'], 'native'))).toMatchObject({ thresholds: { goodCvPct: 2.5, noisyCvPct: 5 } });
  });
});
