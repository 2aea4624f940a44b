/**
 * One group against a reference group of the same metric: absolute delta, ratio and overhead,
 * each with a (cluster) bootstrap interval. Used for overhead vs the baseline, for claims that
 * name their own reference target, and for comparing two runs.
 *
 * Overhead sign convention: POSITIVE = WORSE than the reference, whatever the metric's direction.
 *   lower-is-better  (ns/op, ms, MiB):  overheadPct = (median − refMedian) / refMedian · 100
 *   higher-is-better (ops/s, MiB/s):    overheadPct = (refMedian − median) / refMedian · 100
 * Its interval is the bootstrap interval of median / refMedian mapped through the same formula.
 * The delta (median − refMedian, in the metric's unit) keeps its plain sign.
 *
 * Randomness: every pair draws from its own stream, derived from the seed and the two groups'
 * keys ({@link pairRandom}), so that a pair gets the same interval wherever it is computed (the
 * report's overhead column and a claim about the same pair agree to the last digit).
 */
import type { Direction } from '../workloads/types.js';
import { type BootstrapOptions, type Interval, bootstrapPairCis } from './bootstrap.js';
import type { ClusteredSamples } from './clusters.js';
import { type Random, createRandom, seedFromString } from './random.js';
import { medianOfSorted } from './stats.js';

export interface PairComparison {
  readonly median: number;
  readonly referenceMedian: number;
  /** median − referenceMedian, in the metric's unit */
  readonly deltaAbs: number;
  readonly deltaCi: Interval;
  /** median / referenceMedian */
  readonly ratio: number;
  readonly ratioCi: Interval;
  /** positive = worse than the reference (see the top of this file) */
  readonly overheadPct: number;
  readonly overheadCi: Interval;
}

export interface PairOptions {
  readonly direction: Direction;
  readonly resamples: number;
  readonly confidence: number;
  readonly random: Random;
}

export function comparePair(samples: ClusteredSamples, reference: ClusteredSamples, options: PairOptions): PairComparison {
  const median = medianOfSorted(samples.pooled);
  const referenceMedian = medianOfSorted(reference.pooled);
  const bootstrap: BootstrapOptions = { resamples: options.resamples, confidence: options.confidence, random: options.random };
  const { diff, ratio } = bootstrapPairCis(samples, reference, bootstrap);
  const pointRatio = median / referenceMedian;
  return {
    median,
    referenceMedian,
    deltaAbs: median - referenceMedian,
    deltaCi: diff,
    ratio: pointRatio,
    ratioCi: ratio,
    overheadPct: overheadFromRatio(pointRatio, options.direction),
    overheadCi: overheadInterval(ratio, options.direction),
  };
}

/** Overhead in % (positive = worse) from median / refMedian. */
export function overheadFromRatio(ratio: number, direction: Direction): number {
  return direction === 'lower-is-better' ? (ratio - 1) * 100 : (1 - ratio) * 100;
}

/** The ratio interval mapped to overhead; the ends swap for higher-is-better metrics. */
export function overheadInterval(ratio: Interval, direction: Direction): Interval {
  return direction === 'lower-is-better'
    ? { low: overheadFromRatio(ratio.low, direction), high: overheadFromRatio(ratio.high, direction) }
    : { low: overheadFromRatio(ratio.high, direction), high: overheadFromRatio(ratio.low, direction) };
}

/** The random stream of one pair of groups under one seed. */
export function pairRandom(seed: number, key: string, referenceKey: string): Random {
  return createRandom(seedFromString(`${seed}\u0000pair\u0000${key}\u0000${referenceKey}`));
}

/** The random stream of one group's own interval (its median) under one seed. */
export function groupRandom(seed: number, key: string): Random {
  return createRandom(seedFromString(`${seed}\u0000median\u0000${key}`));
}
