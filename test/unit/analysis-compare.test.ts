import { describe, expect, it } from 'vitest';
import { classifyChange, compareRuns, gateFails } from '../../src/analysis/compare.js';
import type { SampleRow } from '../../src/analysis/groups.js';
import type { Direction } from '../../src/workloads/types.js';

/** `trials` trials of 4 repetitions each; trial k is centred on centre · (1 + spread · offsets[k]). */
function run(centre: number, options: { trials?: number; direction?: Direction; metric?: string; target?: string; firstTrial?: number } = {}): SampleRow[] {
  const offsets = [0, 0.6, -0.4, 1, -0.8, 0.3, -0.2];
  const trials = options.trials ?? 5;
  return Array.from({ length: trials }, (_, t) => t).flatMap((t) =>
    [0.999, 1, 1.001, 1.0005].map((jitter) => ({
      target: options.target ?? 'runc', tier: 'container', workload: 'syscall', metric: options.metric ?? 'getppid', unit: 'ns/op',
      direction: options.direction ?? 'lower-is-better',
      value: centre * (1 + 0.01 * (offsets[t] ?? 0)) * jitter,
      trialId: (options.firstTrial ?? 0) + t,
    })),
  );
}

const options = { thresholdPct: 5, seed: 11, resamples: 500 };

describe('compareRuns', () => {
  it('flags a clear 20 % slow-down as a regression (exact test on 5 vs 5 trial medians)', () => {
    const [change] = compareRuns(run(100), run(120, { firstTrial: 100 }), options);
    expect(change).toMatchObject({ status: 'regression', testedOn: 'trial-medians', baseTrials: 5, newTrials: 5, baseN: 20 });
    expect(change?.changePct).toBeCloseTo(20, 6);
    expect(change?.worsePct).toBeCloseTo(20, 6);
    expect(change?.pValue).toBeCloseTo(2 / 252, 12);
    expect(gateFails([change as NonNullable<typeof change>])).toBe(true);
  });

  it('never fails the gate for an improvement, however large', () => {
    const changes = compareRuns(run(100), run(70, { firstTrial: 100 }), options);
    expect(changes[0]?.status).toBe('improvement');
    expect(gateFails(changes)).toBe(false);
  });

  it('calls no change within the threshold', () => {
    const changes = compareRuns(run(100), run(100.5, { firstTrial: 100 }), options);
    expect(changes[0]?.status).toBe('within-threshold');
    expect(gateFails(changes)).toBe(false);
  });

  it('respects the direction: fewer ops/s is worse', () => {
    const [change] = compareRuns(run(1000, { direction: 'higher-is-better' }), run(800, { direction: 'higher-is-better', firstTrial: 50 }), options);
    expect(change?.changePct).toBeCloseTo(-20, 6);
    expect(change?.worsePct).toBeCloseTo(20, 6);
    expect(change?.status).toBe('regression');
  });

  it('cannot reach significance with 3 vs 3 trials, and says so through minPValue', () => {
    const [change] = compareRuns(run(100, { trials: 3 }), run(150, { trials: 3, firstTrial: 9 }), options);
    expect(change?.minPValue).toBeCloseTo(0.1, 12);
    expect(change?.status).toBe('inconclusive');
  });

  it('falls back to the samples when a side has a single trial', () => {
    const [change] = compareRuns(run(100, { trials: 1 }), run(130, { trials: 5, firstTrial: 9 }), options);
    expect(change?.testedOn).toBe('samples');
  });

  it('compares only metrics present in both runs, in report order, reproducibly', () => {
    const base = [...run(100), ...run(50, { target: 'native', firstTrial: 20 })];
    const fresh = [...run(101, { firstTrial: 40 }), ...run(10, { metric: 'other', firstTrial: 60 })];
    const changes = compareRuns(base, fresh, options);
    expect(changes.map((c) => `${c.target}/${c.metric}`)).toEqual(['runc/getppid']);
    expect(compareRuns(base, fresh, options)).toEqual(changes);
    expect(() => compareRuns(base, fresh, { ...options, thresholdPct: -1 })).toThrow(RangeError);
  });
});

describe('classifyChange', () => {
  it.each([
    [6, 10, 0.01, 'regression'],
    [4, 10, 0.01, 'inconclusive'], // significant, but the interval reaches below the threshold
    [6, 10, 0.2, 'inconclusive'], // beyond the threshold, but not significant
    [-10, -6, 0.01, 'improvement'],
    [-4, 4, 0.01, 'within-threshold'],
    [-5, 5, 0.9, 'within-threshold'],
    [-8, 8, 0.9, 'inconclusive'],
  ] as const)('worse %% in [%d, %d] with p = %d → %s', (low, high, p, expected) => {
    expect(classifyChange(low, high, p, 5, 0.05)).toBe(expected);
  });
});
