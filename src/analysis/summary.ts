/**
 * From stored samples to one summary per runtime target × workload × metric, with the overhead
 * against a baseline target and seeded (cluster) bootstrap intervals.
 *
 * Overhead sign convention (comparison.ts): POSITIVE = WORSE than the baseline, whatever the
 * metric's direction. The delta (median − baseline median) keeps its plain sign. Both come with
 * a bootstrap interval drawn from the same resamples.
 *
 * Intervals resample whole trials when a group has several (clusters.ts), the values of its
 * single trial otherwise. Values that are not finite and > 0 are dropped before anything is
 * computed; a group with nothing left is omitted; warm-up repetitions are never stored. Each
 * group draws from its own random stream derived from the seed and the group's key (and each
 * pair from one derived from both keys), so adding or removing a runtime does not change the
 * intervals of the others, and the same rows and seed always give identical output.
 */
import type { Direction } from '../workloads/types.js';
import { bootstrapMedianCi } from './bootstrap.js';
import { comparePair, groupRandom, pairRandom } from './comparison.js';
import { type SampleGroup, type SampleRow, findGroup, groupSamples } from './groups.js';
import { compareText, compareTargets } from './order.js';
import { describe } from './stats.js';

export type { SampleRow } from './groups.js';

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
  /** the confidence level of every interval of this summary, e.g. 0.95 */
  readonly confidence: number;
  /** baseline target compared with; null for the baseline itself or when it lacks this metric */
  readonly baseline: string | null;
  readonly baselineMedian: number | null;
  /** median − baselineMedian, and its bootstrap interval */
  readonly deltaAbs: number | null;
  readonly deltaCiLow: number | null;
  readonly deltaCiHigh: number | null;
  readonly overheadPct: number | null;
  readonly overheadCiLow: number | null;
  readonly overheadCiHigh: number | null;
}

export function summarize(rows: readonly SampleRow[], options: SummaryOptions): MetricSummary[] {
  checkSeed(options.seed);
  return summarizeGroups(groupSamples(rows), options);
}

/** {@link summarize} for rows already grouped (so callers can reuse the groups for claims). */
export function summarizeGroups(groups: ReadonlyMap<string, SampleGroup>, options: SummaryOptions): MetricSummary[] {
  checkSeed(options.seed);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const summaries: MetricSummary[] = [];
  for (const group of groups.values()) {
    const { target, tier, workload, metric, unit, direction } = group.first;
    const stats = describe(group.samples.pooled);
    const ci = bootstrapMedianCi(group.samples, { resamples, confidence, random: groupRandom(options.seed, group.key) });
    const base = target === options.baseline ? undefined : findGroup(groups, group.first, options.baseline);
    let comparison = NO_COMPARISON;
    if (base !== undefined) {
      const pair = comparePair(group.samples, base.samples, {
        direction, resamples, confidence, random: pairRandom(options.seed, group.key, base.key),
      });
      comparison = {
        baseline: options.baseline,
        baselineMedian: pair.referenceMedian,
        deltaAbs: pair.deltaAbs,
        deltaCiLow: pair.deltaCi.low,
        deltaCiHigh: pair.deltaCi.high,
        overheadPct: pair.overheadPct,
        overheadCiLow: pair.overheadCi.low,
        overheadCiHigh: pair.overheadCi.high,
      };
    }
    summaries.push({
      target, tier, workload, metric, unit, direction,
      n: stats.n,
      trials: group.samples.trials,
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
  'baseline' | 'baselineMedian' | 'deltaAbs' | 'deltaCiLow' | 'deltaCiHigh' | 'overheadPct' | 'overheadCiLow' | 'overheadCiHigh'
>;

const NO_COMPARISON: Comparison = {
  baseline: null,
  baselineMedian: null,
  deltaAbs: null,
  deltaCiLow: null,
  deltaCiHigh: null,
  overheadPct: null,
  overheadCiLow: null,
  overheadCiHigh: null,
};

/**
 * Stable report order: workload, then metric, then unit (code-unit order, independent of the
 * locale), then target in {@link compareTargets} order.
 */
export function compareSummaries(
  a: Pick<MetricSummary, 'workload' | 'metric' | 'unit' | 'target'>,
  b: Pick<MetricSummary, 'workload' | 'metric' | 'unit' | 'target'>,
): number {
  return (
    compareText(a.workload, b.workload) ||
    compareText(a.metric, b.metric) ||
    compareText(a.unit, b.unit) ||
    compareTargets(a.target, b.target)
  );
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be an integer from 0 to 2^53 - 1, got ${seed}`);
  }
}
