/**
 * Percentile-bootstrap confidence intervals of medians (Efron & Tibshirani 1993, ch. 13): draw
 * `resamples` resamples of the same size with replacement, compute the statistic on each, and
 * take the type-7 quantiles (see stats.ts) at (1 − confidence)/2 and (1 + confidence)/2 of
 * the bootstrap distribution. For two groups each resample draws from both groups
 * independently (group `a` first, then `b`), which suits independent trials of two runtimes.
 *
 * Every sample is treated as an independent draw. Repetitions of one trial share a container
 * and are usually more alike than repetitions of different trials, so with few trials these
 * intervals can be narrower than a trial-level (cluster) bootstrap would give.
 *
 * Reproducible: the same data, options and `random` state give the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { randomIndex, type Random } from './random.js';
import type { SortedSamples } from './stats.js';

export interface BootstrapOptions {
  /** number of bootstrap resamples, an integer ≥ 1 (2000 is a good default) */
  readonly resamples: number;
  /** two-sided confidence level in (0, 1), e.g. 0.95 */
  readonly confidence: number;
  readonly random: Random;
}

/** A closed interval [low, high] in the unit of the statistic it bounds. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Percentile-bootstrap interval of the median of one group. */
export function bootstrapMedianCi(sorted: SortedSamples, options: BootstrapOptions): Interval {
  checkOptions(options);
  const draw = medianResampler(sorted);
  const medians = new Float64Array(options.resamples);
  for (let r = 0; r < medians.length; r++) medians[r] = draw(options.random);
  return percentileInterval(medians, options.confidence);
}

/** Percentile-bootstrap interval of median(a) − median(b), in the unit of the samples. */
export function bootstrapDiffCi(a: SortedSamples, b: SortedSamples, options: BootstrapOptions): Interval {
  return bootstrapTwoGroups(a, b, (medianA, medianB) => medianA - medianB, options);
}

/**
 * Percentile-bootstrap interval of median(a) / median(b), a dimensionless ratio. Overhead vs a
 * baseline is an affine function of it: (ratio − 1)·100 % for lower-is-better metrics.
 */
export function bootstrapRatioCi(a: SortedSamples, b: SortedSamples, options: BootstrapOptions): Interval {
  return bootstrapTwoGroups(a, b, (medianA, medianB) => medianA / medianB, options);
}

function bootstrapTwoGroups(
  a: SortedSamples,
  b: SortedSamples,
  statistic: (medianA: number, medianB: number) => number,
  options: BootstrapOptions,
): Interval {
  checkOptions(options);
  const drawA = medianResampler(a);
  const drawB = medianResampler(b);
  const values = new Float64Array(options.resamples);
  for (let r = 0; r < values.length; r++) {
    const medianA = drawA(options.random);
    values[r] = statistic(medianA, drawB(options.random));
  }
  return percentileInterval(values, options.confidence);
}

/**
 * A function that draws one resample of `sorted` (same size, with replacement) and returns its
 * type-7 median. It counts how often each index is drawn and walks the counts in order, which
 * is O(n) per resample instead of sorting each resample.
 */
function medianResampler(sorted: SortedSamples): (random: Random) => number {
  const n = sorted.length;
  const counts = new Uint32Array(n);
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.ceil((n - 1) / 2);
  return (random) => {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const index = randomIndex(random, n);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    let low = Number.NaN;
    let seen = 0;
    for (let i = 0; i < n; i++) {
      seen += counts[i] ?? 0;
      if (Number.isNaN(low) && seen > lowRank) low = sorted[i] as number;
      if (seen > highRank) {
        const high = sorted[i] as number;
        return low + 0.5 * (high - low);
      }
    }
    throw new Error('unreachable: resample counts do not add up to the sample size');
  };
}

function percentileInterval(values: Float64Array, confidence: number): Interval {
  const ascending = Array.from(values.sort());
  const tail = (1 - confidence) / 2;
  return { low: quantileSorted(ascending, tail), high: quantileSorted(ascending, 1 - tail) };
}

function checkOptions(options: BootstrapOptions): void {
  if (!Number.isInteger(options.resamples) || options.resamples < 1) {
    throw new RangeError(`bootstrap resamples must be an integer >= 1, got ${options.resamples}`);
  }
  if (!(options.confidence > 0 && options.confidence < 1)) {
    throw new RangeError(`bootstrap confidence must be between 0 and 1 (exclusive), got ${options.confidence}`);
  }
}
