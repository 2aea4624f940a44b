import { describe, expect, it } from 'vitest';
import { baselineDrift, pairedRatios, type PairedRow } from '../../src/analysis/paired-ratio.js';

const row = (target: string, round: number, value: number, metric = 'getppid', block = 0): PairedRow => ({
  target, workload: 'syscall', metric, unit: 'ns/op', block, round, value,
});

describe('pairedRatios', () => {
  it('cancels a drift that moves both sides of every round alike', () => {
    const drift = [1, 1.3, 0.8, 1.2, 0.9, 1.25, 0.85, 1.1];
    const rows = drift.flatMap((d, r) => [row('native', r, 200 * d), row('runc', r, 230 * d)]);
    const [ratio] = pairedRatios(rows, 'native');
    expect(ratio?.rounds).toBe(8);
    expect(ratio?.ratio).toBeCloseTo(1.15, 12);
    expect(ratio?.low).toBeCloseTo(1.15, 12);
    expect(ratio?.high).toBeCloseTo(1.15, 12);
    expect(ratio?.halfWidthPct).toBeCloseTo(0, 9);
  });

  it('of two rounds is the geometric mean of their ratios (by hand: sqrt(1.1 × 0.9) = 0.994987)', () => {
    const rows = [row('native', 0, 100), row('runc', 0, 110), row('native', 1, 200), row('runc', 1, 180)];
    expect(pairedRatios(rows, 'native')[0]?.ratio).toBeCloseTo(Math.sqrt(0.99), 12);
  });

  it('pairs by block and round only, ignores unusable values, and omits the baseline and unpaired targets', () => {
    const rows = [
      row('native', 0, 100), row('runc', 0, 120), row('native', 0, 100, 'getppid', 1), row('runc', 0, 140, 'getppid', 1),
      row('runc', 1, 999), row('native', 2, 100), row('runc', 2, Number.NaN), row('runsc', 5, 3000),
    ];
    const out = pairedRatios(rows, 'native');
    expect(out.map((r) => [r.target, r.rounds])).toEqual([['runc', 2]]);
    expect(out[0]?.ratio).toBeCloseTo(Math.sqrt(1.2 * 1.4), 12);
  });

  it('keeps metrics apart and sorts by workload, metric, target', () => {
    const rows = [row('native', 0, 10, 'stat'), row('runsc', 0, 50, 'stat'), row('runc', 0, 12, 'stat'), row('native', 0, 1), row('runc', 0, 2)];
    expect(pairedRatios(rows, 'native').map((r) => `${r.metric} ${r.target} ${r.ratio}`)).toEqual(['getppid runc 2', 'stat runc 1.2', 'stat runsc 5']);
  });
});

describe('baselineDrift', () => {
  it('is the CV and range of the baseline over rounds (by hand: 90, 100, 110 -> sd 10, cv 10 %, range 20 %)', () => {
    const rows = [row('native', 0, 90), row('native', 1, 110), row('native', 2, 100), row('runc', 0, 1)];
    const [drift] = baselineDrift(rows, 'native');
    expect(drift?.rounds).toBe(3);
    expect(drift?.cvPct).toBeCloseTo(10, 12);
    expect(drift?.rangePct).toBeCloseTo(20, 12);
  });
});
