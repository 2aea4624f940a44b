import { describe, expect, it } from 'vitest';
import { clusterSamples, independentSamples, trialMedians } from '../../src/analysis/clusters.js';
import { comparePair, overheadFromRatio, overheadInterval, pairRandom } from '../../src/analysis/comparison.js';
import { type SampleRow, groupSamples } from '../../src/analysis/groups.js';
import { runMedians } from '../../src/analysis/history.js';
import { sortSamples } from '../../src/analysis/stats.js';

describe('clusterSamples', () => {
  it('pools the usable values of every trial in order, remembering each value’s trial', () => {
    const c = clusterSamples([[3, 1], [2, 0, Number.NaN], [], [-1], [5]]);
    expect([...c.pooled]).toEqual([1, 2, 3, 5]);
    expect(c.unitOf).toEqual([0, 1, 0, 2]);
    expect(c.unitSizes).toEqual([2, 1, 1]);
    expect(c).toMatchObject({ resampling: 'trials', trials: 3 });
  });

  it('falls back to independent values for a single trial', () => {
    const c = clusterSamples([[], [4, 2, 3]]);
    expect(c).toMatchObject({ resampling: 'values', trials: 1, unitOf: [0, 1, 2], unitSizes: [1, 1, 1] });
    expect(independentSamples(sortSamples([2, 3, 4]))).toEqual(c);
  });

  it('throws when nothing usable is left', () => {
    expect(() => clusterSamples([[0], []])).toThrow(RangeError);
  });

  it('trialMedians gives one type-7 median per trial with usable values', () => {
    expect(trialMedians([[1, 2, 3, 10], [0], [7]])).toEqual([2.5, 7]);
  });
});

const row = (target: string, trialId: number, value: number, extra: Partial<SampleRow> = {}): SampleRow => ({
  target, tier: 'container', workload: 'syscall', metric: 'getppid', unit: 'ns/op', direction: 'lower-is-better', value, trialId, ...extra,
});

describe('groupSamples', () => {
  it('groups per target × workload × metric × unit, trials ordered by id whatever the row order', () => {
    const rows = [row('runc', 9, 10), row('runc', 2, 20), row('runc', 9, 11), row('native', 1, 5), row('runc', 2, 0)];
    const forward = groupSamples(rows);
    const backward = groupSamples([...rows].reverse());
    const runc = [...forward.values()].find((g) => g.first.target === 'runc');
    expect(runc?.samples.unitSizes).toEqual([1, 2]);
    expect(runc?.trialMedians).toEqual([20, 10.5]);
    expect([...backward.values()].find((g) => g.first.target === 'runc')?.samples).toEqual(runc?.samples);
    expect(forward.size).toBe(2);
  });

  it('runMedians gives each group’s pooled median in report order', () => {
    expect(runMedians([row('runc', 1, 10), row('runc', 2, 30), row('native', 3, 4), row('native', 3, 6)])).toEqual([
      { target: 'native', workload: 'syscall', metric: 'getppid', unit: 'ns/op', median: 5 },
      { target: 'runc', workload: 'syscall', metric: 'getppid', unit: 'ns/op', median: 20 },
    ]);
  });
});

describe('comparePair and the overhead convention', () => {
  it('maps ratios to overhead, positive = worse, swapping the ends for higher-is-better', () => {
    expect(overheadFromRatio(1.25, 'lower-is-better')).toBeCloseTo(25, 12);
    expect(overheadFromRatio(0.75, 'higher-is-better')).toBeCloseTo(25, 12);
    expect(overheadInterval({ low: 0.7, high: 0.8 }, 'higher-is-better')).toEqual({ low: (1 - 0.8) * 100, high: (1 - 0.7) * 100 });
    expect(overheadInterval({ low: 1.1, high: 1.2 }, 'lower-is-better').low).toBeCloseTo(10, 12);
  });

  it('gives point values from the pooled medians and intervals around them', () => {
    // medians 104 and 52: delta 52, ratio 2, overhead +100 %
    const a = clusterSamples([[100, 102], [104, 106], [108]]);
    const b = clusterSamples([[50, 51], [52, 53], [54]]);
    const pair = comparePair(a, b, { direction: 'lower-is-better', resamples: 500, confidence: 0.95, random: pairRandom(1, 'a', 'b') });
    expect(pair).toMatchObject({ median: 104, referenceMedian: 52, deltaAbs: 52, ratio: 2, overheadPct: 100 });
    expect(pair.deltaCi.low).toBeLessThanOrEqual(52);
    expect(pair.deltaCi.high).toBeGreaterThanOrEqual(52);
    expect(pair.overheadCi.low).toBeCloseTo((pair.ratioCi.low - 1) * 100, 12);
    const again = comparePair(a, b, { direction: 'lower-is-better', resamples: 500, confidence: 0.95, random: pairRandom(1, 'a', 'b') });
    expect(again).toEqual(pair);
  });
});
