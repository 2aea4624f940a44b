/**
 * Percentile-bootstrap confidence intervals of medians (Efron & Tibshirani 1993, ch. 13): draw
 * `resamples` resamples, compute the statistic on each, and take the type-7 quantiles (see
 * stats.ts) at (1 − confidence)/2 and (1 + confidence)/2 of the bootstrap distribution.
 *
 * Cluster (trial-level) resampling: for {@link ClusteredSamples} with several trials, one
 * resample draws as many TRIALS as there are, with replacement, pools all their values, and
 * takes the median of the pool (its size varies when trials differ in size). With one trial,
 * or for a bare {@link SortedSamples}, every value is its own unit: the plain bootstrap. See
 * clusters.ts for why.
 *
 * For two groups each resample draws from both groups independently (group `a` first, then
 * `b`), which suits independent trials of two runtimes or two runs; the difference and the
 * ratio of medians come from the same resamples.
 *
 * Reproducible: the same data, options and `random` state give the same interval.
 */
import { quantileSorted } from 'simple-statistics';
import { type ClusteredSamples, independentSamples } from './clusters.js';
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

/** What can be resampled: trial-grouped samples, or sorted values taken as independent. */
export type Resamplable = ClusteredSamples | SortedSamples;

/** Percentile-bootstrap interval of the median of one group. */
export function bootstrapMedianCi(samples: Resamplable, options: BootstrapOptions): Interval {
  checkOptions(options);
  const draw = medianResampler(asClustered(samples));
  const medians = new Float64Array(options.resamples);
  for (let r = 0; r < medians.length; r++) medians[r] = draw(options.random);
  return percentileInterval(medians, options.confidence);
}

/** Intervals of median(a) − median(b) (unit of the samples) and median(a) / median(b). */
export interface PairIntervals {
  readonly diff: Interval;
  readonly ratio: Interval;
}

/** Both intervals from the same resamples: `a` drawn first, then `b`, in every resample. */
export function bootstrapPairCis(a: Resamplable, b: Resamplable, options: BootstrapOptions): PairIntervals {
  checkOptions(options);
  const drawA = medianResampler(asClustered(a));
  const drawB = medianResampler(asClustered(b));
  const diffs = new Float64Array(options.resamples);
  const ratios = new Float64Array(options.resamples);
  for (let r = 0; r < diffs.length; r++) {
    const medianA = drawA(options.random);
    const medianB = drawB(options.random);
    diffs[r] = medianA - medianB;
    ratios[r] = medianA / medianB;
  }
  return { diff: percentileInterval(diffs, options.confidence), ratio: percentileInterval(ratios, options.confidence) };
}

/** Percentile-bootstrap interval of median(a) − median(b), in the unit of the samples. */
export function bootstrapDiffCi(a: Resamplable, b: Resamplable, options: BootstrapOptions): Interval {
  return bootstrapPairCis(a, b, options).diff;
}

/**
 * Percentile-bootstrap interval of median(a) / median(b), a dimensionless ratio. Overhead vs a
 * baseline is an affine function of it: (ratio − 1)·100 % for lower-is-better metrics.
 */
export function bootstrapRatioCi(a: Resamplable, b: Resamplable, options: BootstrapOptions): Interval {
  return bootstrapPairCis(a, b, options).ratio;
}

/**
 * Draws of a statistic of several groups at once (a geometric mean of ratios, app-score.ts): one
 * median resampler per group, and the interval of the statistic's draws.
 */
export function medianDraws(samples: Resamplable): (random: Random) => number {
  return medianResampler(asClustered(samples));
}

export function statisticInterval(draw: () => number, options: BootstrapOptions): Interval {
  checkOptions(options);
  const values = new Float64Array(options.resamples);
  for (let r = 0; r < values.length; r++) values[r] = draw();
  return percentileInterval(values, options.confidence);
}

function asClustered(samples: Resamplable): ClusteredSamples {
  return Array.isArray(samples) ? independentSamples(samples as SortedSamples) : (samples as ClusteredSamples);
}

/**
 * A function that draws one resample (as many units as there are, with replacement) and returns
 * the type-7 median of the pooled values. It counts how often each unit is drawn and walks the
 * sorted pool once, weighting each value by its unit's count: O(n) per resample, no sorting.
 * With one value per unit this is exactly the plain bootstrap.
 */
function medianResampler(samples: ClusteredSamples): (random: Random) => number {
  const { pooled, unitOf, unitSizes } = samples;
  const units = unitSizes.length;
  const counts = new Uint32Array(units);
  return (random) => {
    counts.fill(0);
    let total = 0;
    for (let i = 0; i < units; i++) {
      const unit = randomIndex(random, units);
      counts[unit] = (counts[unit] ?? 0) + 1;
      total += unitSizes[unit] ?? 0;
    }
    const lowRank = Math.floor((total - 1) / 2);
    const highRank = Math.ceil((total - 1) / 2);
    let low = Number.NaN;
    let seen = 0;
    for (let i = 0; i < pooled.length; i++) {
      seen += counts[unitOf[i] ?? 0] ?? 0;
      if (Number.isNaN(low) && seen > lowRank) low = pooled[i] as number;
      if (seen > highRank) {
        const high = pooled[i] as number;
        return low + 0.5 * (high - low);
      }
    }
    throw new Error('unreachable: resample counts do not add up to the resample size');
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
