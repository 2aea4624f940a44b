import { describe, expect, it } from 'vitest';
import { renderSpread, runToRunSpread, type RunMedian } from '../../src/stability/spread.js';

const m = (runId: string, target: string, median: number, metric = 'getppid'): RunMedian => ({ runId, target, workload: 'syscall', metric, unit: 'ns/op', median });

describe('run-to-run spread', () => {
  it('computes the coefficient of variation of per-run medians', () => {
    // medians 100, 110, 90: mean 100, sample sd 10 → cv 10 %
    const [runc] = runToRunSpread([m('a', 'runc', 100), m('b', 'runc', 110), m('c', 'runc', 90)]);
    expect(runc).toMatchObject({ target: 'runc', runs: 3, medianOfMedians: 100, min: 90, max: 110 });
    expect(runc?.cvPct).toBeCloseTo(10, 10);
  });

  it('keeps runtimes and metrics apart, says nothing about a single run, and ignores non-positive medians', () => {
    const spreads = runToRunSpread([m('a', 'runc', 100), m('a', 'runsc', 70_000), m('b', 'runsc', 70_000), m('a', 'runc', 5, 'stat'), m('b', 'runc', -1, 'stat')]);
    expect(spreads.map((s) => [s.metric, s.target, s.runs, s.cvPct])).toEqual([
      ['getppid', 'runc', 1, null],
      ['getppid', 'runsc', 2, 0],
      ['stat', 'runc', 1, null],
    ]);
  });

  it('renders a table naming the runs', () => {
    const text = renderSpread(runToRunSpread([m('a', 'runc', 100), m('b', 'runc', 110)]), ['a', 'b']);
    expect(text.split('\n')[0]).toBe('run-to-run spread of medians over 2 run(s): a, b');
    expect(text).toMatch(/syscall\s+getppid\s+runc\s+ns\/op\s+2\s+105\s+100\s+110\s+6\.7\s+–/);
    expect(text.split('\n')[2]).toMatch(/cv %\s+cv % of ratio to native$/);
  });

  it('the ratio to the baseline in the same run cancels a drift of the host that moves both', () => {
    // the host drifts by +20 % in run b: runc 100 -> 120, native 80 -> 96; the ratio stays 1.25
    const spreads = runToRunSpread([m('a', 'runc', 100), m('a', 'native', 80), m('b', 'runc', 120), m('b', 'native', 96)]);
    const runc = spreads.find((s) => s.target === 'runc');
    expect(runc?.cvPct).toBeGreaterThan(10);
    expect(runc?.ratioCvPct).toBeCloseTo(0, 10);
    expect(spreads.find((s) => s.target === 'native')?.ratioCvPct).toBeNull();
  });

  it('ratios: only runs that measured both; medians 1.0 and 1.5 of the baseline give cv 28.3 %', () => {
    // ratios 1.0 and 1.5: mean 1.25, sample sd 0.3536 -> 28.28 %; run c has no baseline and is left out
    const spreads = runToRunSpread([m('a', 'runc', 10), m('a', 'runsc', 10), m('b', 'runc', 15), m('b', 'runsc', 10), m('c', 'runc', 99)], 'runsc');
    expect(spreads.find((s) => s.target === 'runc')?.ratioCvPct).toBeCloseTo(28.284, 2);
  });

  it("ratios: a paired run's paired ratio is used instead of its medians' ratio", () => {
    // paired ratios 1.1 and 1.1 (the medians say 1.0 and 2.0): cv 0
    const spreads = runToRunSpread([m('a', 'native', 10), { ...m('a', 'runc', 10), pairedRatio: 1.1 }, m('b', 'native', 10), { ...m('b', 'runc', 20), pairedRatio: 1.1 }]);
    expect(spreads.find((s) => s.target === 'runc')?.ratioCvPct).toBeCloseTo(0, 10);
  });
});
