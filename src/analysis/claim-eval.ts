/**
 * Measuring claims against a run: for each claim, the measured quantity with its bootstrap
 * interval, the claimed range in the measured unit, and the verdict (verdicts.ts). Pure.
 *
 * Not measured, checked in this order:
 *   no-workload       the claim has no measure, or no workload of the catalogue (nor the run)
 *                     reports its metric
 *   runtime-absent    the run did not include the claim's target or its reference
 *   workload-not-run  both runtimes ran, but one has no usable sample of the metric
 *   unit-mismatch     the claimed unit cannot be converted to the metric's unit
 *
 * Intervals use the same random streams as the report (comparison.ts), so a claim about the
 * baseline pair shows the same interval as the report's overhead column.
 */
import { APPS_WORKLOAD } from '../claims/app-kinds.js';
import type { Claim, ClaimMeasure } from '../claims/schema.js';
import { convertUnit } from '../claims/units.js';
import { bootstrapMedianCi } from './bootstrap.js';
import { type AppBasis, measureApps } from './claim-apps.js';
import { comparePair, groupRandom, overheadFromRatio, overheadInterval, pairRandom } from './comparison.js';
import { type GroupId, type SampleGroup, findGroup } from './groups.js';
import { medianOfSorted } from './stats.js';
import { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES } from './summary.js';
import { type BetterIs, type Bounds, type NotMeasuredReason, type Verdict, judge } from './verdicts.js';

export interface ClaimMeasurement {
  readonly value: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** unit of value and interval: the metric's unit, or '%' for the *-pct quantities */
  readonly unit: string;
  readonly confidence: number;
  readonly trials: number;
  readonly referenceTrials: number | null;
  /** claims judged on applications: the applications that made the figure, each with its own slowdown */
  readonly basis?: readonly AppBasis[];
}

export interface ClaimResult {
  readonly claim: Claim;
  readonly verdict: Verdict;
  readonly reason: NotMeasuredReason | null;
  readonly measured: ClaimMeasurement | null;
  /** the claimed range in the measured unit; null when not measured */
  readonly claimedInUnit: (Bounds & { readonly unit: string }) | null;
  /** which direction is better for the measured quantity; null without a measure */
  readonly betterIs: BetterIs | null;
}

export interface ClaimContext {
  readonly groups: ReadonlyMap<string, SampleGroup>;
  /** the runtime targets of the run */
  readonly runTargets: readonly string[];
  /** `workload/metric` of every metric the catalogue knows */
  readonly knownMetrics: ReadonlySet<string>;
  readonly seed: number;
  readonly resamples?: number;
  readonly confidence?: number;
  /** a paired run's paired ratio of a group to a reference target (issue 15), used instead of the bootstrap's */
  readonly pairedRatio?: (group: GroupId, reference: string) => { readonly ratio: number; readonly low: number; readonly high: number } | undefined;
}

export function evaluateClaims(claims: readonly Claim[], context: ClaimContext): ClaimResult[] {
  const byMetric = new Map<string, SampleGroup>();
  for (const group of context.groups.values()) {
    const id = metricKey(group.first.workload, group.first.metric, group.first.target);
    if (!byMetric.has(id)) byMetric.set(id, group);
  }
  const ranMetrics = new Set([...context.groups.values()].map((g) => `${g.first.workload}/${g.first.metric}`));
  return claims.map((claim) => evaluate(claim, context, byMetric, ranMetrics));
}

function evaluate(claim: Claim, context: ClaimContext, byMetric: ReadonlyMap<string, SampleGroup>, ranMetrics: ReadonlySet<string>): ClaimResult {
  const notMeasured = (reason: NotMeasuredReason, betterIs: BetterIs | null = null): ClaimResult =>
    ({ claim, verdict: 'not-measured', reason, measured: null, claimedInUnit: null, betterIs });
  const measure = claim.measure;
  if (measure === null) return notMeasured('no-workload');
  if (measure.workload === APPS_WORKLOAD) return evaluateApps(claim, measure, context, notMeasured);
  const metricId = `${measure.workload}/${measure.metric}`;
  if (!context.knownMetrics.has(metricId) && !ranMetrics.has(metricId)) return notMeasured('no-workload');
  const absent = [measure.target, ...(measure.reference === undefined ? [] : [measure.reference])].some((t) => !context.runTargets.includes(t));
  if (absent) return notMeasured('runtime-absent');
  const group = byMetric.get(metricKey(measure.workload, measure.metric, measure.target));
  const reference = measure.reference === undefined || group === undefined ? undefined : findGroup(context.groups, group.first, measure.reference);
  if (group === undefined || (measure.reference !== undefined && reference === undefined)) return notMeasured('workload-not-run');
  const measured = measureQuantity(measure, group, reference, context);
  const betterIs = betterDirection(measure, group);
  const min = toUnit(claim.claimed.min, claim.claimed.unit, measured.unit);
  const max = toUnit(claim.claimed.max, claim.claimed.unit, measured.unit);
  if (min === undefined || max === undefined) return notMeasured('unit-mismatch', betterIs);
  const bounds = { min, max };
  const verdict = judge({ low: measured.ciLow, high: measured.ciHigh }, bounds, betterIs);
  return { claim, verdict, reason: null, measured, claimedInUnit: { ...bounds, unit: measured.unit }, betterIs };
}

function evaluateApps(claim: Claim, measure: ClaimMeasure, context: ClaimContext, notMeasured: (r: NotMeasuredReason) => ClaimResult): ClaimResult {
  const absent = [measure.target, measure.reference ?? measure.target].some((t) => !context.runTargets.includes(t));
  if (absent) return notMeasured('runtime-absent');
  const confidence = context.confidence ?? DEFAULT_CONFIDENCE;
  const apps = measureApps(measure, context.groups, { seed: context.seed, resamples: context.resamples ?? DEFAULT_RESAMPLES, confidence });
  if (typeof apps === 'string') return notMeasured(apps);
  const min = toUnit(claim.claimed.min, claim.claimed.unit, '%');
  const max = toUnit(claim.claimed.max, claim.claimed.unit, '%');
  if (min === undefined || max === undefined) return notMeasured('unit-mismatch');
  const measured: ClaimMeasurement = {
    value: apps.value, ciLow: apps.interval.low, ciHigh: apps.interval.high, unit: '%', confidence,
    trials: apps.trials, referenceTrials: apps.referenceTrials, basis: apps.basis,
  };
  const verdict = judge(apps.interval, { min, max }, apps.betterIs);
  return { claim, verdict, reason: null, measured, claimedInUnit: { min, max, unit: '%' }, betterIs: apps.betterIs };
}

function measureQuantity(measure: ClaimMeasure, group: SampleGroup, reference: SampleGroup | undefined, context: ClaimContext): ClaimMeasurement {
  const resamples = context.resamples ?? DEFAULT_RESAMPLES;
  const confidence = context.confidence ?? DEFAULT_CONFIDENCE;
  const base = { confidence, trials: group.samples.trials, referenceTrials: reference?.samples.trials ?? null };
  if (reference === undefined) {
    const ci = bootstrapMedianCi(group.samples, { resamples, confidence, random: groupRandom(context.seed, group.key) });
    return { ...base, value: medianOfSorted(group.samples.pooled), ciLow: ci.low, ciHigh: ci.high, unit: group.first.unit };
  }
  const direction = group.first.direction;
  const pair = comparePair(group.samples, reference.samples, {
    direction, resamples, confidence, random: pairRandom(context.seed, group.key, reference.key),
  });
  const paired = context.pairedRatio?.(group.first, reference.first.target);
  const ratio = paired ?? { ratio: pair.ratio, low: pair.ratioCi.low, high: pair.ratioCi.high };
  switch (measure.quantity) {
    case 'delta':
      return { ...base, value: pair.deltaAbs, ciLow: pair.deltaCi.low, ciHigh: pair.deltaCi.high, unit: group.first.unit };
    case 'overhead-pct': {
      const ci = paired ? overheadInterval(paired, direction) : pair.overheadCi;
      return { ...base, value: paired ? overheadFromRatio(paired.ratio, direction) : pair.overheadPct, ciLow: ci.low, ciHigh: ci.high, unit: '%' };
    }
    default: {
      const retention = (r: number): number => (direction === 'lower-is-better' ? 100 / r : 100 * r);
      const ends = [retention(ratio.low), retention(ratio.high)].sort((x, y) => x - y) as [number, number];
      return { ...base, value: retention(ratio.ratio), ciLow: ends[0], ciHigh: ends[1], unit: '%' };
    }
  }
}

function betterDirection(measure: ClaimMeasure, group: SampleGroup): BetterIs {
  if (measure.quantity === 'overhead-pct') return 'lower';
  if (measure.quantity === 'retention-pct') return 'higher';
  return group.first.direction === 'lower-is-better' ? 'lower' : 'higher';
}

function toUnit(value: number | null, from: string, to: string): number | null | undefined {
  return value === null ? null : convertUnit(value, from, to);
}

function metricKey(workload: string, metric: string, target: string): string {
  return JSON.stringify([workload, metric, target]);
}
