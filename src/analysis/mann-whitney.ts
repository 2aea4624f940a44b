/**
 * The Mann-Whitney U test (Wilcoxon rank-sum test) of two independent samples, two-sided.
 *
 * U is the statistic of `a`: U = R_a − n_a(n_a + 1)/2, where R_a is the sum of the ranks of `a`
 * in the pooled sample, tied values getting the mean of their ranks (midranks). U counts the
 * pairs (x from a, y from b) with x > y, ties counting one half. So U > n_a·n_b/2 means `a`
 * tends to be larger than `b`.
 *
 * p-value, two-sided, by one of two methods:
 *   exact   when C(n_a + n_b, n_a) ≤ {@link EXACT_LIMIT} and n_a + n_b ≤ {@link EXACT_MAX_N}:
 *           the permutation distribution of R_a over every way to split the pooled midranks
 *           into groups of n_a and n_b, counted by dynamic programming. With ties this is the exact conditional (permutation) test.
 *           p = min(1, 2·min(P(R ≤ r), P(R ≥ r))), the convention of R's wilcox.test and
 *           scipy's mannwhitneyu(method='exact').
 *   normal  otherwise: z = (|U − n_a·n_b/2| − 0.5) / σ with the tie-corrected variance
 *           σ² = n_a·n_b/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1))), t the size of each tie group,
 *           and p = min(1, 2·P(Z ≥ z)); scipy's method='asymptotic' with use_continuity=True.
 *           When every value is tied σ = 0 and p = 1.
 */
import { normalUpperTail } from './normal.js';

/** Largest number of splits counted exactly (5 vs 5 trials: 252; 10 vs 10: 184 756). */
export const EXACT_LIMIT = 1_000_000;
/** …and at most this many values in all, which bounds the table of rank sums. */
export const EXACT_MAX_N = 100;

export interface MannWhitneyResult {
  /** U of the first sample */
  readonly u: number;
  readonly nA: number;
  readonly nB: number;
  /** two-sided p-value */
  readonly pValue: number;
  readonly method: 'exact' | 'normal';
  /** the smallest two-sided p-value these sample sizes can give (exact method), else 0 */
  readonly minPValue: number;
}

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const nA = a.length;
  const nB = b.length;
  if (nA === 0 || nB === 0) throw new RangeError('Mann-Whitney U needs at least one value in each sample');
  const ranks = midranks([...a, ...b]);
  const rankSumA = ranks.slice(0, nA).reduce((sum, r) => sum + r, 0);
  const u = rankSumA - (nA * (nA + 1)) / 2;
  if (nA + nB <= EXACT_MAX_N && binomial(nA + nB, nA) <= EXACT_LIMIT) {
    const { pValue, minPValue } = exactP(ranks, nA, rankSumA);
    return { u, nA, nB, pValue, method: 'exact', minPValue };
  }
  return { u, nA, nB, pValue: normalP(u, nA, nB, ranks), method: 'normal', minPValue: 0 };
}

/** Midranks (1-based) of `values`, in their order. */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[(order[k] as { index: number }).index] = rank;
    start = end + 1;
  }
  return ranks;
}

function normalP(u: number, nA: number, nB: number, ranks: readonly number[]): number {
  const n = nA + nB;
  const tieSum = tieGroupSizes(ranks).reduce((sum, t) => sum + (t ** 3 - t), 0);
  const variance = ((nA * nB) / 12) * (n + 1 - (n > 1 ? tieSum / (n * (n - 1)) : 0));
  if (!(variance > 0)) return 1;
  const z = (Math.abs(u - (nA * nB) / 2) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * normalUpperTail(z));
}

function tieGroupSizes(ranks: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts.values()];
}

/**
 * Exact permutation distribution of the rank sum of `nA` of the pooled midranks. Midranks are
 * multiples of 1/2, so the DP runs over doubled (integer) rank sums: ways[k][s] = number of
 * subsets of size k with doubled rank sum s.
 */
function exactP(ranks: readonly number[], nA: number, rankSumA: number): { pValue: number; minPValue: number } {
  const doubled = ranks.map((r) => Math.round(2 * r));
  const maxSum = doubled.reduce((sum, r) => sum + r, 0);
  const ways: Float64Array[] = Array.from({ length: nA + 1 }, () => new Float64Array(maxSum + 1));
  (ways[0] as Float64Array)[0] = 1;
  for (const r of doubled) {
    // 0/1 knapsack: walk k and s downwards so that each rank is used at most once
    for (let k = nA; k >= 1; k--) {
      const from = ways[k - 1] as Float64Array;
      const to = ways[k] as Float64Array;
      for (let s = maxSum; s >= r; s--) to[s] = (to[s] ?? 0) + (from[s - r] ?? 0);
    }
  }
  const distribution = ways[nA] as Float64Array;
  const total = distribution.reduce((sum, w) => sum + w, 0);
  const observed = Math.round(2 * rankSumA);
  let below = 0;
  let above = 0;
  for (let s = 0; s <= maxSum; s++) {
    if (s <= observed) below += distribution[s] ?? 0;
    if (s >= observed) above += distribution[s] ?? 0;
  }
  let first = 0;
  while (first < maxSum && (distribution[first] ?? 0) === 0) first++;
  let last = maxSum;
  while (last > 0 && (distribution[last] ?? 0) === 0) last--;
  const rarest = Math.min(distribution[first] ?? 0, distribution[last] ?? 0);
  return {
    pValue: Math.min(1, (2 * Math.min(below, above)) / total),
    minPValue: Math.min(1, (2 * rarest) / total),
  };
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}
