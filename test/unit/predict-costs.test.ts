import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import { costTable, pointPick, resampledPick } from '../../src/predict/costs.js';

const s = (trialId: number, value: number, unit = 'ns/op') => ({ trialId, target: 'runsc', workload: 'calls', metric: 'brk', unit, value });

describe('cost table', () => {
  it('keeps the median of each trial, ns/op only, and the point is the median of those', () => {
    // trial 1: 10, 30, 20 → 20; trial 2: 40, 50 → 45; trial 3: 100 → 100; an ops/s sample is left out
    const t = costTable([s(1, 10), s(1, 30), s(1, 20), s(2, 40), s(2, 50), s(3, 100), s(3, 7, 'ops/s')]);
    expect(t.get('runsc')?.get('calls/brk')).toEqual([20, 45, 100]);
    expect(pointPick(t)('runsc', 'calls/brk')).toBe(45);
    expect(pointPick(t)('runc', 'calls/brk')).toBeUndefined();
  });

  it('draws one resample per metric and replicate, from the trial medians only', () => {
    const t = costTable([s(1, 20), s(2, 45), s(3, 100)]);
    const pick = resampledPick(t, createRandom(3));
    const first = pick('runsc', 'calls/brk');
    expect(pick('runsc', 'calls/brk')).toBe(first);
    expect([20, 45, 100]).toContain(first);
  });

  it("keeps the cpu workload's rate as ns per hash, the compute speed the model needs", () => {
    const t = costTable([{ trialId: 1, target: 'runsc', workload: 'cpu', metric: 'hash_4k', unit: 'ops/s', value: 200_000 }]);
    expect(t.get('runsc')?.get('cpu/hash_4k')).toEqual([5000]);
  });
});
