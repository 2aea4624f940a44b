import { describe, expect, it } from 'vitest';
import { compareTargets } from '../../src/analysis/order.js';
import { type MetricSummary, type SampleRow, summarize } from '../../src/analysis/summary.js';
import type { Direction } from '../../src/workloads/types.js';

const TIERS: Record<string, string> = { native: 'native', runc: 'container', runsc: 'sandbox', kata: 'vm' };

/** One row per value; `trials` splits the values round-robin over trial ids 1..trials. */
function rows(
  target: string,
  metric: { workload: string; metric: string; unit: string; direction: Direction },
  values: readonly number[],
  trials = 3,
): SampleRow[] {
  return values.map((value, index) => ({
    target,
    tier: TIERS[target] ?? 'container',
    ...metric,
    value,
    trialId: (index % trials) + 1 + target.length * 100,
  }));
}

const getppid = { workload: 'syscall', metric: 'getppid', unit: 'ns/op', direction: 'lower-is-better' } as const;
const echo = { workload: 'tcp-echo', metric: 'round_trips', unit: 'ops/s', direction: 'higher-is-better' } as const;
const options = { baseline: 'native', seed: 42, resamples: 500 };

function find(summaries: readonly MetricSummary[], target: string, metric: string): MetricSummary {
  const found = summaries.find((s) => s.target === target && s.metric === metric);
  if (found === undefined) throw new Error(`no summary for ${target} ${metric}`);
  return found;
}

describe('summarize', () => {
  const data = [
    ...rows('runsc', getppid, [100, 102, 104, 106, 108]),
    ...rows('native', getppid, [50, 51, 52, 53, 54]),
    ...rows('native', echo, [1000, 1010, 990]),
    ...rows('runsc', echo, [750, 760, 740]),
  ];

  it('computes overhead, positive = worse, for a lower-is-better metric', () => {
    // runsc median 104 vs native 52: delta 52 ns/op, (104 − 52) / 52 · 100 = +100 %
    const runsc = find(summarize(data, options), 'runsc', 'getppid');
    expect(runsc).toMatchObject({ median: 104, baseline: 'native', baselineMedian: 52, deltaAbs: 52, overheadPct: 100 });
    expect(runsc.overheadCiLow).not.toBeNull();
    expect(runsc.overheadCiLow as number).toBeLessThanOrEqual(100);
    expect(runsc.overheadCiHigh as number).toBeGreaterThanOrEqual(100);
    // the bootstrap medians lie in [100, 108] and [50, 54]: ratio in [100/54, 108/50]
    expect(runsc.overheadCiLow as number).toBeGreaterThanOrEqual((100 / 54 - 1) * 100);
    expect(runsc.overheadCiHigh as number).toBeLessThanOrEqual((108 / 50 - 1) * 100);
  });

  it('computes overhead, positive = worse, for a higher-is-better metric', () => {
    // runsc 750 ops/s vs native 1000: delta −250 ops/s, (1000 − 750) / 1000 · 100 = +25 % worse
    const runsc = find(summarize(data, options), 'runsc', 'round_trips');
    expect(runsc).toMatchObject({ median: 750, baselineMedian: 1000, deltaAbs: -250, overheadPct: 25 });
    expect(runsc.overheadCiLow as number).toBeLessThanOrEqual(25);
    expect(runsc.overheadCiHigh as number).toBeGreaterThanOrEqual(25);
    // bootstrap ratio in [740/1010, 760/990] → overhead in [(1 − 760/990)·100, (1 − 740/1010)·100]
    expect(runsc.overheadCiLow as number).toBeGreaterThanOrEqual((1 - 760 / 990) * 100 - 1e-9);
    expect(runsc.overheadCiHigh as number).toBeLessThanOrEqual((1 - 740 / 1010) * 100 + 1e-9);
  });

  it('gives the delta a bootstrap interval too, from the same resamples as the overhead', () => {
    const runsc = find(summarize(data, options), 'runsc', 'getppid');
    // bootstrap medians lie in [100, 108] and [50, 54]: the delta in [100 − 54, 108 − 50]
    expect(runsc.deltaCiLow as number).toBeGreaterThanOrEqual(46);
    expect(runsc.deltaCiHigh as number).toBeLessThanOrEqual(58);
    expect(runsc.deltaCiLow as number).toBeLessThanOrEqual(52);
    expect(runsc.deltaCiHigh as number).toBeGreaterThanOrEqual(52);
    // lower-is-better: delta / baselineMedian and overhead are the same kind of figure, roughly
    expect(runsc.overheadCiLow as number).toBeLessThanOrEqual(100);
  });

  it('resamples trials: a group split over 3 trials reports 3 trials', () => {
    const runsc = find(summarize(data, options), 'runsc', 'getppid');
    expect(runsc.trials).toBe(3);
  });

  it('leaves the baseline rows without a comparison', () => {
    const native = find(summarize(data, options), 'native', 'getppid');
    expect(native).toMatchObject({
      baseline: null, baselineMedian: null, deltaAbs: null, deltaCiLow: null, deltaCiHigh: null,
      overheadPct: null, overheadCiLow: null, overheadCiHigh: null,
    });
  });

  it('describes each group (type-7 quantiles, sample sd, distinct trials)', () => {
    const native = find(summarize(data, options), 'native', 'getppid');
    // [50..54]: mean 52, sd = sqrt(10 / 4) = 1.5811…, p95: h = 3.8 → 53 + 0.8 = 53.8
    expect(native).toMatchObject({ n: 5, trials: 3, median: 52, mean: 52, confidence: 0.95 });
    expect(native.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(native.cv).toBeCloseTo(Math.sqrt(2.5) / 52, 12);
    expect(native.p5).toBeCloseTo(50.2, 12);
    expect(native.p95).toBeCloseTo(53.8, 12);
    expect(native.ciLow).toBeLessThanOrEqual(52);
    expect(native.ciHigh).toBeGreaterThanOrEqual(52);
  });

  it('orders by workload, metric, then native, runc, runc:unconfined, runsc, kata, others A–Z', () => {
    const targets = ['zeta', 'kata', 'runsc', 'kata-fc', 'native', 'runc:unconfined', 'aaa', 'runc'];
    const input = [...rows('x', echo, [1]), ...targets.flatMap((t) => rows(t, getppid, [1, 2]))];
    const order = summarize(input, options).map((s) => `${s.workload}/${s.target}`);
    expect(order).toEqual([
      ...['native', 'runc', 'runc:unconfined', 'runsc', 'kata', 'aaa', 'kata-fc', 'zeta'].map((t) => `syscall/${t}`),
      'tcp-echo/x',
    ]);
    expect(['runsc', 'native'].sort(compareTargets)).toEqual(['native', 'runsc']);
  });

  it('gives identical output for the same seed, and other intervals for another seed', () => {
    expect(summarize(data, options)).toEqual(summarize([...data].reverse(), options));
    const other = summarize(data, { ...options, seed: 43 });
    expect(other).not.toEqual(summarize(data, options));
    expect(other.map((s) => s.median)).toEqual(summarize(data, options).map((s) => s.median));
  });

  it("does not change one group's intervals when another runtime is added", () => {
    const withKata = [...data, ...rows('kata', getppid, [200, 210, 220])];
    expect(find(summarize(withKata, options), 'runsc', 'getppid')).toEqual(find(summarize(data, options), 'runsc', 'getppid'));
  });

  it('drops non-positive and non-finite values, and omits groups left empty', () => {
    const input = [
      ...rows('native', getppid, [50, 0, 51, -3, Number.NaN, 52]),
      ...rows('runc', getppid, [0, -1, Number.POSITIVE_INFINITY]),
    ];
    const summaries = summarize(input, options);
    expect(summaries.map((s) => s.target)).toEqual(['native']);
    expect(summaries[0]).toMatchObject({ n: 3, median: 51 });
  });

  it('counts only trials that contributed usable samples', () => {
    const input: SampleRow[] = [
      { target: 'native', tier: 'native', ...getppid, value: 50, trialId: 1 },
      { target: 'native', tier: 'native', ...getppid, value: 51, trialId: 1 },
      { target: 'native', tier: 'native', ...getppid, value: 0, trialId: 2 },
    ];
    expect(summarize(input, options)[0]).toMatchObject({ n: 2, trials: 1 });
  });

  it('has no comparison when the baseline lacks the metric, or the unit differs', () => {
    const input = [...rows('runsc', getppid, [100]), ...rows('native', { ...getppid, unit: 'us' }, [0.05])];
    const summaries = summarize(input, options);
    expect(summaries).toHaveLength(2);
    expect(find(summaries, 'runsc', 'getppid')).toMatchObject({ baseline: null, overheadPct: null });
  });

  it('compares against any chosen baseline', () => {
    const runc = rows('runc', getppid, [60, 61, 62]);
    const summaries = summarize([...data, ...runc], { ...options, baseline: 'runc' });
    expect(find(summaries, 'native', 'getppid')).toMatchObject({ baseline: 'runc', baselineMedian: 61, deltaAbs: -9 });
    expect(find(summaries, 'runc', 'getppid').baseline).toBeNull();
  });

  it('returns nothing for no rows, and rejects a bad seed', () => {
    expect(summarize([], options)).toEqual([]);
    expect(() => summarize(data, { ...options, seed: -1 })).toThrow(RangeError);
  });
});
