import { describe as group, expect, it } from 'vitest';
import { describe, isUsableSample, medianOfSorted, sortSamples } from '../../src/analysis/stats.js';

group('sortSamples', () => {
  it('sorts ascending and drops non-finite and non-positive values', () => {
    const sorted = sortSamples([3, Number.NaN, 1, 0, -2, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY]);
    expect([...sorted]).toEqual([1, 2, 3]);
  });

  it('does not modify its input', () => {
    const input = [3, 1, 2];
    sortSamples(input);
    expect(input).toEqual([3, 1, 2]);
  });

  it('sorts numerically, not as text', () => {
    expect([...sortSamples([10, 9, 100])]).toEqual([9, 10, 100]);
  });

  it('rejects empty input and input with nothing usable', () => {
    expect(() => sortSamples([])).toThrow(RangeError);
    expect(() => sortSamples([0, -1, Number.NaN])).toThrow(/no usable samples/);
  });

  it('isUsableSample accepts only finite values > 0', () => {
    expect([1e-300, 5, 0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY].map(isUsableSample)).toEqual([
      true, true, false, false, false, false, false,
    ]);
  });
});

group('describe', () => {
  // Expected values from Python 3 (statistics and numpy 2.4, both type 7):
  //   x = [3, 4.5, 6, 7, 8, 9, 10, 11, 12, 15]
  //   statistics.median(x) = 8.5, statistics.mean(x) = 8.55, statistics.stdev(x) = 3.624377341159597
  //   numpy.percentile(x, [5, 95, 99]) = [3.675, 13.65, 14.73]
  // By hand, type 7 with n = 10: h = 9p; p5: h = 0.45 → 3 + 0.45·1.5 = 3.675;
  //   p95: h = 8.55 → 12 + 0.55·3 = 13.65; p99: h = 8.91 → 12 + 0.91·3 = 14.73.
  it('matches independently computed values (n = 10, with junk values dropped)', () => {
    const d = describe(sortSamples([12, 7, 3, 4.5, 9, 15, 11, 8, 6, 10, 0, -1, Number.NaN]));
    expect(d.n).toBe(10);
    expect(d.median).toBe(8.5);
    expect(d.mean).toBeCloseTo(8.55, 12);
    expect(d.sd).toBeCloseTo(3.624377341159597, 12);
    expect(d.cv).toBeCloseTo(0.4239037825917657, 12);
    expect(d.min).toBe(3);
    expect(d.max).toBe(15);
    expect(d.p5).toBeCloseTo(3.675, 12);
    expect(d.p95).toBeCloseTo(13.65, 12);
    expect(d.p99).toBeCloseTo(14.73, 12);
  });

  // numpy.percentile([0.75, 1.5, 2.25], [5, 95, 99]) = [0.825, 2.175, 2.235]; stdev = 0.75
  it('matches independently computed values (n = 3, odd)', () => {
    const d = describe(sortSamples([1.5, 2.25, 0.75]));
    expect(d.median).toBe(1.5);
    expect(d.sd).toBeCloseTo(0.75, 12);
    expect(d.p5).toBeCloseTo(0.825, 12);
    expect(d.p95).toBeCloseTo(2.175, 12);
    expect(d.p99).toBeCloseTo(2.235, 12);
  });

  it('has no spread for a single sample', () => {
    const d = describe(sortSamples([42]));
    expect(d).toEqual({ n: 1, median: 42, mean: 42, sd: null, cv: null, min: 42, max: 42, p5: 42, p95: 42, p99: 42 });
  });

  it('medianOfSorted averages the two middle values when n is even', () => {
    expect(medianOfSorted(sortSamples([4, 1, 3, 2]))).toBe(2.5);
  });
});
