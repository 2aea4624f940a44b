/**
 * Descriptive statistics of one group of samples, as pure functions of a sorted array.
 *
 * Quantiles use ONE definition everywhere: linear interpolation between order statistics,
 * Hyndman & Fan type 7 (R's default `quantile(type = 7)`, numpy's default `percentile`
 * method "linear", Python's `statistics.quantiles(method='inclusive')`). That is what
 * simple-statistics' `quantileSorted` implements (checked in its source, v7.12.1): index
 * h = (n − 1)·p, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋]). The median is its p = 0.5.
 */
import { mean as meanOf, quantileSorted, sampleStandardDeviation } from 'simple-statistics';


declare const sortedSamplesBrand: unique symbol;

/**
 * A non-empty, ascending array of finite, strictly positive numbers. Build it with
 * {@link sortSamples}; the brand stops an unsorted or unfiltered array from reaching the
 * functions below.
 */
export type SortedSamples = readonly number[] & { readonly [sortedSamplesBrand]: true };

/**
 * Whether a value can be a sample. Every isobench metric is a duration, a rate or a size, so a
 * value that is not finite and strictly positive is a broken measurement (a zero ns/op, a NaN
 * from a failed parse), and it would also break ratios against a baseline.
 */
export function isUsableSample(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/**
 * The usable values (see {@link isUsableSample}) of `values`, sorted ascending. NaN, ±Infinity,
 * zero and negative values are DROPPED silently; callers that want to report how many were
 * dropped compare lengths.
 *
 * @throws RangeError when no usable value is left (empty input included): statistics of
 *   nothing are undefined, and the caller should omit the group instead.
 */
export function sortSamples(values: readonly number[]): SortedSamples {
  const usable = values.filter(isUsableSample).sort((x, y) => x - y);
  if (usable.length === 0) {
    throw new RangeError(`no usable samples: need at least one finite value > 0 (got ${values.length} values)`);
  }
  return usable as readonly number[] as SortedSamples;
}

export interface Description {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  /** sample standard deviation (n − 1 denominator); null when n < 2 */
  readonly sd: number | null;
  /** coefficient of variation sd / mean (a fraction, not a percentage); null when n < 2 */
  readonly cv: number | null;
  readonly min: number;
  readonly max: number;
  /** 5th, 95th and 99th percentiles, type 7 */
  readonly p5: number;
  readonly p95: number;
  readonly p99: number;
}

/** The median of any numbers, zeros and negatives included (an on-CPU share may be 0); null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
}

/** Median of sorted data, type 7 (the mean of the two middle values when n is even). */
export function medianOfSorted(sorted: SortedSamples): number {
  return quantileSorted(sorted, 0.5);
}

export function describe(sorted: SortedSamples): Description {
  const n = sorted.length;
  const mean = meanOf(sorted);
  const sd = n < 2 ? null : sampleStandardDeviation(sorted);
  return {
    n,
    median: medianOfSorted(sorted),
    mean,
    sd,
    cv: sd === null ? null : sd / mean,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    p5: quantileSorted(sorted, 0.05),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
  };
}
