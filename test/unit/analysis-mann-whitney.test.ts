import { describe, expect, it } from 'vitest';
import { mannWhitneyU, midranks } from '../../src/analysis/mann-whitney.js';
import { erfc, normalUpperTail } from '../../src/analysis/normal.js';

describe('erfc and normalUpperTail', () => {
  // Python: math.erfc(x); scipy.stats.norm.sf(z)
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [-1, 1.842700792949715],
  ])('erfc(%d) = %d to 1.2e-7 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1.2e-7);
  });

  it.each([
    [0, 0.5],
    [1.959963984540054, 0.025],
    [2.5758293035489, 0.005],
    [3.5, 0.00023262907903552502],
  ])('P(Z >= %d) = %d', (z, expected) => {
    expect(Math.abs(normalUpperTail(z) - expected) / expected).toBeLessThan(1.2e-7);
  });
});

describe('midranks', () => {
  it('gives tied values the mean of their ranks, in input order', () => {
    expect(midranks([3, 1, 2, 2, 5, 2])).toEqual([5, 1, 3, 3, 6, 3]);
  });
});

describe('mannWhitneyU', () => {
  // Expected values from scipy 1.17: scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method=…);
  // .statistic is U of the first sample.
  it.each([
    ['5 vs 5, separated', [1.1, 2.3, 3.5, 4.2, 5.9], [6.1, 7.4, 8.8, 9.0, 10.3], 0, 0.007936507936507936],
    ['6 vs 7, mixed', [12.1, 15.3, 11.8, 19.4, 13.3, 16.2], [10.2, 9.8, 14.1, 11.1, 12.6, 8.9, 10.7], 37, 0.022144522144522144],
    ['3 vs 3, separated', [1, 2, 3], [4, 5, 6], 0, 0.1],
    ['4 vs 4, separated', [1, 2, 3, 4], [5, 6, 7, 8], 0, 0.02857142857142857],
  ])('exact, no ties: %s (scipy method=exact)', (_what, a, b, u, p) => {
    const result = mannWhitneyU(a, b);
    expect(result.method).toBe('exact');
    expect(result.u).toBe(u);
    expect(result.pValue).toBeCloseTo(p, 12);
  });

  it('is symmetric: swapping the samples gives U′ = n1·n2 − U and the same p', () => {
    const a = [12.1, 15.3, 11.8, 19.4, 13.3, 16.2];
    const b = [10.2, 9.8, 14.1, 11.1, 12.6, 8.9, 10.7];
    expect(mannWhitneyU(b, a).u).toBe(42 - 37);
    expect(mannWhitneyU(b, a).pValue).toBeCloseTo(mannWhitneyU(a, b).pValue, 12);
  });

  // With ties the exact test is the permutation test of the rank sum:
  //   scipy.stats.permutation_test((a, b), lambda x, y: mannwhitneyu(x, y).statistic,
  //       permutation_type='independent', alternative='two-sided', n_resamples=np.inf)
  //   → statistic 7.0, pvalue 0.17316017316017315
  it('exact with ties: the exact permutation test of the midrank sum', () => {
    const result = mannWhitneyU([1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6]);
    expect(result.u).toBe(7);
    expect(result.pValue).toBeCloseTo(0.17316017316017315, 12);
  });

  it('reports the smallest p-value the sizes allow (2 / C(n, k) without ties)', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).minPValue).toBeCloseTo(2 / 20, 12);
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).minPValue).toBeCloseTo(2 / 252, 12);
  });

  // scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True)
  // for x = round(normal(100, 5, 60)), y = round(normal(103, 5, 70)) from numpy default_rng(1):
  // U = 1348.0, p = 0.00043472990745618335 (many ties: integers)
  const x = [102, 104, 102, 93, 105, 102, 97, 103, 102, 101, 100, 103, 96, 99, 98, 103, 100, 99, 96, 99, 100, 99, 106, 105, 86, 91, 99, 98, 101, 101, 111, 94, 98, 110, 103, 103, 97, 92, 101, 101, 94, 97, 100, 95, 100, 100, 100, 97, 103, 104, 102, 96, 104, 97, 104, 95, 105, 100, 94, 98];
  const y = [103, 104, 98, 97, 104, 101, 104, 107, 95, 104, 109, 102, 99, 107, 104, 107, 101, 96, 102, 101, 107, 104, 95, 97, 107, 106, 100, 103, 105, 105, 107, 104, 103, 102, 108, 92, 102, 103, 96, 105, 100, 107, 102, 106, 109, 105, 99, 95, 112, 102, 100, 104, 102, 107, 103, 103, 99, 105, 98, 106, 111, 95, 91, 106, 116, 98, 97, 106, 99, 100];
  it('uses the tie-corrected normal approximation with continuity correction for large samples', () => {
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe('normal');
    expect(result.u).toBe(1348);
    expect(Math.abs(result.pValue - 0.00043472990745618335) / 0.00043472990745618335).toBeLessThan(1e-5);
  });

  it('gives p = 1 when every value is tied, and rejects empty samples', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5, 5]).pValue).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});
