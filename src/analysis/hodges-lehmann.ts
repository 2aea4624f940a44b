/**
 * The Hodges–Lehmann estimator of a one-sample location and its distribution-free interval
 * (Hollander & Wolfe, Nonparametric Statistical Methods, §3.2): the estimate is the median of
 * the n(n+1)/2 Walsh averages (x_i + x_j)/2, i ≤ j; the interval runs from the k-th smallest to
 * the k-th largest Walsh average, where k − 1 is the largest lower-tail quantile of the Wilcoxon
 * signed-rank statistic with P(T ≤ k − 1) ≤ α/2. The distribution of T is exact (counted by
 * dynamic programming) up to EXACT_MAX_N, a normal approximation with continuity correction
 * beyond. It assumes the values are symmetric about their centre, which log-ratios of paired
 * batches are to a good approximation; it needs no other distributional assumption.
 */
import { normalUpperTail } from './normal.js';

/** Above this many values the distribution of T is approximated (the exact count costs O(n³)). */
const EXACT_MAX_N = 400;

export interface LocationInterval {
  readonly n: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  /** the confidence the interval actually has: T is discrete, and few values cannot reach every level */
  readonly achievedConfidence: number;
}

/** P(T ≤ t) for t = 0 … n(n+1)/2, T the signed-rank statistic of n values under the null. */
export function signedRankCdf(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  let density = new Float64Array(max + 1);
  density[0] = 1;
  for (let rank = 1; rank <= n; rank += 1) {
    const next = new Float64Array(max + 1);
    const reach = (rank * (rank - 1)) / 2; // the largest sum of ranks 1 … rank − 1
    for (let t = 0; t <= reach; t += 1) {
      const d = density[t] as number;
      next[t] = (next[t] as number) + d / 2;
      next[t + rank] = (next[t + rank] as number) + d / 2;
    }
    density = next;
  }
  const cdf = new Float64Array(max + 1);
  let sum = 0;
  for (let t = 0; t <= max; t += 1) {
    sum += density[t] as number;
    cdf[t] = Math.min(1, sum);
  }
  return cdf;
}

/** P(T ≤ t): exact up to EXACT_MAX_N values, normal with continuity correction beyond. */
function cdfOf(n: number): (t: number) => number {
  if (n <= EXACT_MAX_N) {
    const cdf = signedRankCdf(n);
    return (t) => (t < 0 ? 0 : (cdf[Math.min(t, cdf.length - 1)] as number));
  }
  const mean = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  return (t) => (t < 0 ? 0 : normalUpperTail((mean - t - 0.5) / sd));
}

/** Hodges–Lehmann estimate of the centre of `values` and its interval at `confidence` (default 0.95). */
export function hodgesLehmann(values: readonly number[], confidence = 0.95): LocationInterval {
  const n = values.length;
  if (n === 0) throw new RangeError('hodgesLehmann needs at least one value');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const walsh = new Float64Array((n * (n + 1)) / 2);
  let w = 0;
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) walsh[w++] = ((values[i] as number) + (values[j] as number)) / 2;
  }
  walsh.sort();
  const m = walsh.length;
  const mid = (m - 1) / 2;
  const estimate = ((walsh[Math.floor(mid)] as number) + (walsh[Math.ceil(mid)] as number)) / 2;
  // [W(c+1), W(m−c)] covers the centre with probability 1 − 2·P(T ≤ c): cut the most averages c
  // at each end with P(T ≤ c) ≤ α/2 (none when even c = 0 cannot reach the level asked).
  const cdf = cdfOf(n);
  const alphaHalf = (1 - confidence) / 2;
  let cut = 0;
  while (cut + 1 <= Math.floor(mid) && cdf(cut + 1) <= alphaHalf) cut += 1;
  return {
    n,
    estimate,
    low: walsh[cut] as number,
    high: walsh[m - 1 - cut] as number,
    achievedConfidence: 1 - 2 * cdf(cut),
  };
}
