import { describe, expect, it } from 'vitest';
import { hodgesLehmann, signedRankCdf } from '../../src/analysis/hodges-lehmann.js';

describe('signedRankCdf', () => {
  it('counts the subsets of {1..10} by their sum (by hand: 25 subsets sum to at most 8, 8 more to 9)', () => {
    const cdf = signedRankCdf(10);
    expect(cdf.length).toBe(56);
    expect(cdf[0]).toBeCloseTo(1 / 1024, 15);
    expect(cdf[8]).toBeCloseTo(25 / 1024, 15);
    expect(cdf[9]).toBeCloseTo(33 / 1024, 15);
    expect(cdf[55]).toBeCloseTo(1, 12);
  });

  it('is symmetric: P(T ≤ t) = 1 − P(T ≤ n(n+1)/2 − t − 1)', () => {
    const cdf = signedRankCdf(12);
    for (let t = 0; t < 77; t += 1) expect((cdf[t] as number) + (cdf[77 - t] as number)).toBeCloseTo(1, 12);
  });
});

describe('hodgesLehmann', () => {
  it('matches Hollander & Wolfe for n = 10: the 9th smallest and 9th largest Walsh averages', () => {
    // Walsh averages of 1..10, smallest first: 1, 1.5, 2, 2, 2.5, 2.5, 3, 3, 3 -> the 9th is 3;
    // by symmetry the 9th largest is 8. Coverage 1 − 2·25/1024.
    const hl = hodgesLehmann([4, 1, 9, 2, 10, 3, 8, 5, 7, 6]);
    expect(hl).toEqual({ n: 10, estimate: 5.5, low: 3, high: 8, achievedConfidence: 1 - 50 / 1024 });
  });

  it('gives the widest interval with what it achieves when there are too few values (n = 5: 1 − 2/32)', () => {
    expect(hodgesLehmann([1, 2, 3, 4, 5])).toEqual({ n: 5, estimate: 3, low: 1, high: 5, achievedConfidence: 1 - 2 / 32 });
  });

  it('is the median of the Walsh averages, not of the values (by hand: 0, 0, 3 -> 0, 0, 1.5, 0, 1.5, 3)', () => {
    expect(hodgesLehmann([0, 0, 3]).estimate).toBe(0.75);
  });

  it('moves with a shift of the data and narrows as the level drops', () => {
    const values = [0.3, -1.2, 0.8, 2.5, 0.1, -0.4, 1.7, 0.9, -0.2, 0.6, 1.1, 0.05];
    const a = hodgesLehmann(values);
    const b = hodgesLehmann(values.map((v) => v + 10));
    expect(b.estimate).toBeCloseTo(a.estimate + 10, 12);
    expect(b.low).toBeCloseTo(a.low + 10, 12);
    const narrow = hodgesLehmann(values, 0.5);
    expect(narrow.low).toBeGreaterThanOrEqual(a.low);
    expect(narrow.high).toBeLessThanOrEqual(a.high);
    expect(a.low).toBeLessThanOrEqual(a.estimate);
    expect(a.high).toBeGreaterThanOrEqual(a.estimate);
  });

  it('uses the normal approximation beyond 400 values and stays symmetric for symmetric data', () => {
    const values = Array.from({ length: 401 }, (_, i) => i + 1);
    const hl = hodgesLehmann(values);
    expect(hl.estimate).toBe(201);
    expect(hl.low + hl.high).toBeCloseTo(402, 9);
    expect(hl.low).toBeGreaterThan(180);
    expect(hl.high).toBeLessThan(222);
    expect(hl.achievedConfidence).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects empty input and a confidence outside (0, 1)', () => {
    expect(() => hodgesLehmann([])).toThrow(RangeError);
    expect(() => hodgesLehmann([1], 1)).toThrow(/confidence/);
  });
});
