import { median, quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { clusterSamples } from '../../src/analysis/clusters.js';
import { bootstrapDiffCi, bootstrapMedianCi, bootstrapPairCis, bootstrapRatioCi } from '../../src/analysis/bootstrap.js';
import { type Random, createRandom } from '../../src/analysis/random.js';
import { type SortedSamples, medianOfSorted, sortSamples } from '../../src/analysis/stats.js';

/** Normal deviates by Box-Muller, from a seeded stream. */
function normalSample(count: number, mean: number, sd: number, seed: number): SortedSamples {
  const random = createRandom(seed);
  return sortSamples(
    Array.from({ length: count }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())),
  );
}

const options = (seed: number, resamples = 2000) => ({ resamples, confidence: 0.95, random: createRandom(seed) });

/** The textbook percentile bootstrap, written the slow and obvious way (sort every resample). */
function naiveMedianCi(values: readonly number[], resamples: number, confidence: number, random: Random) {
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) {
    medians.push(median(values.map(() => values[Math.floor(random() * values.length)] as number)));
  }
  medians.sort((a, b) => a - b);
  return { low: quantileSorted(medians, (1 - confidence) / 2), high: quantileSorted(medians, (1 + confidence) / 2) };
}

describe('bootstrapMedianCi', () => {
  const data = normalSample(41, 100, 5, 1);

  it('equals the naive percentile bootstrap drawn from the same stream (odd and even n)', () => {
    for (const sample of [data, sortSamples(data.slice(1))]) {
      expect(bootstrapMedianCi(sample, options(9, 500))).toEqual(naiveMedianCi(sample, 500, 0.95, createRandom(9)));
    }
  });

  it('gives the same interval for the same seed, and depends on the seed', () => {
    expect(bootstrapMedianCi(data, options(3))).toEqual(bootstrapMedianCi(data, options(3)));
    // The bootstrap medians of 41 values take few distinct values, so two seeds can give the same
    // interval; ten seeds should not.
    const intervals = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((seed) => JSON.stringify(bootstrapMedianCi(data, options(seed)))));
    expect(intervals.size).toBeGreaterThan(1);
  });

  it('contains the sample median', () => {
    for (let seed = 0; seed < 20; seed++) {
      const sample = normalSample(15 + seed, 50, 3, seed);
      const { low, high } = bootstrapMedianCi(sample, options(seed, 1000));
      expect(low).toBeLessThanOrEqual(medianOfSorted(sample));
      expect(high).toBeGreaterThanOrEqual(medianOfSorted(sample));
    }
  });

  it('is wider for noisier data', () => {
    const quiet = bootstrapMedianCi(normalSample(200, 100, 1, 5), options(1));
    const noisy = bootstrapMedianCi(normalSample(200, 100, 5, 6), options(1));
    expect(noisy.high - noisy.low).toBeGreaterThan(3 * (quiet.high - quiet.low));
  });

  it('is a single point for a single sample', () => {
    expect(bootstrapMedianCi(sortSamples([7]), options(1))).toEqual({ low: 7, high: 7 });
  });

  // Large-sample theory: the median of n normal draws is about normal with standard error
  // σ·sqrt(π/2)/sqrt(n). For σ = 10, n = 4000: 10 · 1.2533 / 63.246 = 0.19817, so the 95 %
  // interval is median ± 1.95996 · 0.19817 = ± 0.3884.
  it('roughly matches the analytic interval for a large normal sample', () => {
    const sample = normalSample(4000, 1000, 10, 11);
    const { low, high } = bootstrapMedianCi(sample, options(2));
    const halfWidth = (high - low) / 2;
    expect(halfWidth).toBeGreaterThan(0.3884 * 0.75);
    expect(halfWidth).toBeLessThan(0.3884 * 1.25);
    expect(Math.abs((low + high) / 2 - medianOfSorted(sample))).toBeLessThan(0.15);
  });

  it('covers the true median about 95 % of the time', () => {
    let covered = 0;
    const datasets = 200;
    for (let i = 0; i < datasets; i++) {
      const { low, high } = bootstrapMedianCi(normalSample(50, 20, 2, 1000 + i), options(i, 1000));
      if (low <= 20 && 20 <= high) covered++;
    }
    // a binomial(200, 0.95) count is 190 ± 3.1; the percentile bootstrap of a median runs a
    // little under nominal at n = 50
    expect(covered / datasets).toBeGreaterThan(0.88);
    expect(covered / datasets).toBeLessThanOrEqual(1);
  });

  it('rejects nonsense options', () => {
    expect(() => bootstrapMedianCi(data, { ...options(1), resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMedianCi(data, { ...options(1), resamples: 10.5 })).toThrow(RangeError);
    expect(() => bootstrapMedianCi(data, { ...options(1), confidence: 1 })).toThrow(RangeError);
    expect(() => bootstrapMedianCi(data, { ...options(1), confidence: 95 })).toThrow(RangeError);
  });
});

describe('bootstrapDiffCi and bootstrapRatioCi', () => {
  const base = normalSample(60, 50, 2, 21);
  const slower = normalSample(60, 100, 4, 22);

  it('bracket the observed difference and ratio of medians', () => {
    const diff = medianOfSorted(slower) - medianOfSorted(base);
    const ratio = medianOfSorted(slower) / medianOfSorted(base);
    const diffCi = bootstrapDiffCi(slower, base, options(5));
    const ratioCi = bootstrapRatioCi(slower, base, options(5));
    expect(diffCi.low).toBeLessThan(diff);
    expect(diffCi.high).toBeGreaterThan(diff);
    expect(ratioCi.low).toBeLessThan(ratio);
    expect(ratioCi.high).toBeGreaterThan(ratio);
    expect(ratioCi.low).toBeGreaterThan(1.8);
    expect(ratioCi.high).toBeLessThan(2.2);
  });

  it('contain no difference (0, or a ratio of 1) for two draws of one distribution', () => {
    const other = normalSample(60, 50, 2, 23);
    const diffCi = bootstrapDiffCi(other, base, options(6));
    const ratioCi = bootstrapRatioCi(other, base, options(6));
    expect(diffCi.low).toBeLessThan(0);
    expect(diffCi.high).toBeGreaterThan(0);
    expect(ratioCi.low).toBeLessThan(1);
    expect(ratioCi.high).toBeGreaterThan(1);
  });

  it('are exact for single samples', () => {
    expect(bootstrapDiffCi(sortSamples([6]), sortSamples([4]), options(8))).toEqual({ low: 2, high: 2 });
    expect(bootstrapRatioCi(sortSamples([6]), sortSamples([4]), options(8))).toEqual({ low: 1.5, high: 1.5 });
  });

  it('are reproducible', () => {
    expect(bootstrapRatioCi(slower, base, options(7))).toEqual(bootstrapRatioCi(slower, base, options(7)));
    expect(bootstrapDiffCi(slower, base, options(7))).toEqual(bootstrapDiffCi(slower, base, options(7)));
  });
});

describe('cluster (trial-level) bootstrap', () => {
  /** The textbook cluster bootstrap, the slow and obvious way: draw trials, concatenate, sort. */
  function naiveClusterCi(trials: readonly (readonly number[])[], resamples: number, random: Random) {
    const medians: number[] = [];
    for (let r = 0; r < resamples; r++) {
      const pooled = trials.flatMap(() => trials[Math.floor(random() * trials.length)] as readonly number[]);
      medians.push(median(pooled));
    }
    medians.sort((a, b) => a - b);
    return { low: quantileSorted(medians, 0.025), high: quantileSorted(medians, 0.975) };
  }

  // Five trials of different sizes, each shifted as a whole: the trial, not the repetition,
  // is the unit of variation.
  const trials = [[100, 101, 102], [110, 111, 109, 112], [95, 96], [104, 103, 105], [120, 118, 119, 121, 117]];

  it('equals the naive cluster bootstrap drawn from the same stream', () => {
    expect(bootstrapMedianCi(clusterSamples(trials), options(4, 600))).toEqual(naiveClusterCi(trials, 600, createRandom(4)));
  });

  it('is wider than the plain bootstrap of the same values when trials differ and repetitions agree', () => {
    // 4 trials × 8 tight repetitions around 100, 106, 96 and 110: the plain bootstrap keeps about
    // 8 values of each trial in every resample; the cluster bootstrap may draw one trial 4 times.
    const tight = [100, 106, 96, 110].map((centre) => Array.from({ length: 8 }, (_, k) => centre + (k - 3.5) * 0.05));
    const clustered = bootstrapMedianCi(clusterSamples(tight), options(5));
    const plain = bootstrapMedianCi(sortSamples(tight.flat()), options(5));
    expect(clustered.high - clustered.low).toBeGreaterThan(1.5 * (plain.high - plain.low));
  });

  it('falls back to resampling values for a single trial, exactly as the plain bootstrap', () => {
    const one = clusterSamples([[5, 3, 9, 4, 7, 6]]);
    expect(one.resampling).toBe('values');
    expect(bootstrapMedianCi(one, options(6, 500))).toEqual(bootstrapMedianCi(sortSamples([3, 4, 5, 6, 7, 9]), options(6, 500)));
  });

  it('resamples both groups by trial for a ratio and a difference, from the same resamples', () => {
    const base = clusterSamples([[50, 51], [52, 53], [49, 50]]);
    const slow = clusterSamples([[100, 101], [103, 104], [98, 99]]);
    const pair = bootstrapPairCis(slow, base, options(7, 800));
    expect(pair.diff).toEqual(bootstrapDiffCi(slow, base, options(7, 800)));
    expect(pair.ratio).toEqual(bootstrapRatioCi(slow, base, options(7, 800)));
    // trial medians lie in [98.5, 103.5] and [49.5, 52.5]: every resample's pooled median too
    expect(pair.ratio.low).toBeGreaterThanOrEqual(98.5 / 52.5);
    expect(pair.ratio.high).toBeLessThanOrEqual(103.5 / 49.5);
  });

  it('covers the true median more honestly than the plain bootstrap when trials vary (simulation)', () => {
    // 5 trials × 6 repetitions; trial offsets sd 3, repetition noise sd 0.5; true median 0 + 50.
    let clusterCovered = 0;
    let plainCovered = 0;
    const datasets = 150;
    for (let i = 0; i < datasets; i++) {
      const random = createRandom(5000 + i);
      const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const data = Array.from({ length: 5 }, () => {
        const offset = 3 * normal();
        return Array.from({ length: 6 }, () => 50 + offset + 0.5 * normal());
      });
      const c = bootstrapMedianCi(clusterSamples(data), options(i, 400));
      const p = bootstrapMedianCi(sortSamples(data.flat()), options(i, 400));
      if (c.low <= 50 && 50 <= c.high) clusterCovered++;
      if (p.low <= 50 && 50 <= p.high) plainCovered++;
    }
    // the plain bootstrap ignores the trial offsets and covers far less than 95 %
    expect(plainCovered / datasets).toBeLessThan(0.7);
    expect(clusterCovered / datasets).toBeGreaterThan(plainCovered / datasets + 0.1);
    expect(clusterCovered / datasets).toBeGreaterThan(0.75);
  });
});
