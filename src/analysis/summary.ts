/**
 * From stored samples to one summary per runtime target × workload × metric, with the overhead
 * against a baseline target and seeded bootstrap intervals.
 *
 * Overhead sign convention: POSITIVE = WORSE than the baseline, whatever the metric's direction.
 *   lower-is-better  (ns/op, ms, MiB):  overheadPct = (median − baseMedian) / baseMedian · 100
 *   higher-is-better (ops/s, MiB/s):    overheadPct = (baseMedian − median) / baseMedian · 100
 * Its interval comes from a bootstrap of median / baseMedian (both groups resampled), mapped
 * through the same formula.
 *
 * Values that are not finite and > 0 are dropped before anything is computed (stats.ts); a
 * group with nothing left is omitted. Each group draws from its own random stream derived from
 * the seed and the group's key, so adding or removing a runtime does not change the intervals
 * of the others, and the same rows and seed always give identical output.
 */
import type { Direction } from '../workloads/types.js';
import { type BootstrapOptions, bootstrapMedianCi, bootstrapRatioCi } from './bootstrap.js';
import { createRandom, seedFromString } from './random.js';
import { type SortedSamples, describe, isUsableSample, medianOfSorted, sortSamples } from './stats.js';
import { compareText, compareTargets } from './order.js';

export interface SampleRow {
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly value: number;
  readonly trialId: number;
}

export interface SummaryOptions {
  /** runtime target the others are compared with, usually `native` */
  readonly baseline: string;
  /** non-negative safe integer; the same seed reproduces every interval */
  readonly seed: number;
  /** bootstrap resamples per interval (default 2000) */
  readonly resamples?: number;
  /** confidence level of every interval (default 0.95) */
  readonly confidence?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_CONFIDENCE = 0.95;

/** All values are in the metric's `unit`, except n, trials, cv (a fraction) and the *Pct fields. */
export interface MetricSummary {
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  /** usable samples (after dropping non-finite and non-positive values) */
  readonly n: number;
  /** distinct trials those samples came from */
  readonly trials: number;
  readonly median: number;
  readonly mean: number;
  readonly sd: number | null;
  readonly cv: number | null;
  readonly p5: number;
  readonly p95: number;
  readonly p99: number;
  /** bootstrap interval of the median at `confidence` */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** the confidence level of ciLow/ciHigh and overheadCiLow/overheadCiHigh, e.g. 0.95 */
  readonly confidence: number;
  /** baseline target compared with; null for the baseline itself or when it lacks this metric */
  readonly baseline: string | null;
  readonly baselineMedian: number | null;
  /** median − baselineMedian */
  readonly deltaAbs: number | null;
  readonly overheadPct: number | null;
  readonly overheadCiLow: number | null;
  readonly overheadCiHigh: number | null;
}

interface Group {
  readonly first: SampleRow;
  readonly values: number[];
  readonly trialIds: Set<number>;
}

export function summarize(rows: readonly SampleRow[], options: SummaryOptions): MetricSummary[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw new RangeError(`seed must be an integer from 0 to 2^53 - 1, got ${options.seed}`);
  }
  const groups = groupRows(rows);
  const sortedByKey = new Map<string, SortedSamples>();
  for (const [key, group] of groups) sortedByKey.set(key, sortSamples(group.values));

  const summaries: MetricSummary[] = [];
  for (const [key, group] of groups) {
    const { target, tier, workload, metric, unit, direction } = group.first;
    const sorted = sortedByKey.get(key) as SortedSamples;
    const stats = describe(sorted);
    const bootstrap = (purpose: string): BootstrapOptions => ({
      resamples,
      confidence,
      random: createRandom(seedFromString(`${options.seed}\u0000${purpose}\u0000${key}`)),
    });
    const ci = bootstrapMedianCi(sorted, bootstrap('median'));
    const base = target === options.baseline ? undefined : sortedByKey.get(groupKey({ ...group.first, target: options.baseline }));
    const comparison =
      base === undefined
        ? NO_COMPARISON
        : compareWithBaseline(sorted, base, { name: options.baseline, direction, bootstrap: bootstrap('overhead') });
    summaries.push({
      target, tier, workload, metric, unit, direction,
      n: stats.n,
      trials: group.trialIds.size,
      median: stats.median,
      mean: stats.mean,
      sd: stats.sd,
      cv: stats.cv,
      p5: stats.p5,
      p95: stats.p95,
      p99: stats.p99,
      ciLow: ci.low,
      ciHigh: ci.high,
      confidence,
      ...comparison,
    });
  }
  return summaries.sort(compareSummaries);
}

type Comparison = Pick<
  MetricSummary,
  'baseline' | 'baselineMedian' | 'deltaAbs' | 'overheadPct' | 'overheadCiLow' | 'overheadCiHigh'
>;

const NO_COMPARISON: Comparison = {
  baseline: null,
  baselineMedian: null,
  deltaAbs: null,
  overheadPct: null,
  overheadCiLow: null,
  overheadCiHigh: null,
};

/** Delta and overhead (positive = worse, see the top of this file) of `sorted` vs `base`. */
function compareWithBaseline(
  sorted: SortedSamples,
  base: SortedSamples,
  context: { name: string; direction: Direction; bootstrap: BootstrapOptions },
): Comparison {
  const median = medianOfSorted(sorted);
  const baselineMedian = medianOfSorted(base);
  const ratio = bootstrapRatioCi(sorted, base, context.bootstrap);
  const lowerIsBetter = context.direction === 'lower-is-better';
  return {
    baseline: context.name,
    baselineMedian,
    deltaAbs: median - baselineMedian,
    overheadPct: ((lowerIsBetter ? median - baselineMedian : baselineMedian - median) / baselineMedian) * 100,
    overheadCiLow: lowerIsBetter ? (ratio.low - 1) * 100 : (1 - ratio.high) * 100,
    overheadCiHigh: lowerIsBetter ? (ratio.high - 1) * 100 : (1 - ratio.low) * 100,
  };
}

/**
 * Stable report order: workload, then metric, then unit (code-unit order, independent of the
 * locale), then target in {@link compareTargets} order.
 */
export function compareSummaries(a: MetricSummary, b: MetricSummary): number {
  return (
    compareText(a.workload, b.workload) ||
    compareText(a.metric, b.metric) ||
    compareText(a.unit, b.unit) ||
    compareTargets(a.target, b.target)
  );
}

/** One group per workload × metric × unit × target; the unit is part of the key so that
 * figures in different units are never pooled or compared. Tier and direction come from the
 * group's first row. Only usable values and their trials enter. */
function groupRows(rows: readonly SampleRow[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const row of rows) {
    if (!isUsableSample(row.value)) continue;
    const key = groupKey(row);
    let group = groups.get(key);
    if (group === undefined) {
      group = { first: row, values: [], trialIds: new Set() };
      groups.set(key, group);
    }
    group.values.push(row.value);
    group.trialIds.add(row.trialId);
  }
  return groups;
}

function groupKey(row: Pick<SampleRow, 'workload' | 'metric' | 'unit' | 'target'>): string {
  return JSON.stringify([row.workload, row.metric, row.unit, row.target]);
}
