/**
 * The verdict on a claimed range, given a measured confidence interval. Pure.
 *
 *   holds          the whole interval lies inside [min, max] (ends inclusive, null = open)
 *   better         the whole interval lies beyond a bound on the BETTER side
 *   worse          the whole interval lies beyond a bound on the WORSE side
 *   inconclusive   the interval reaches across a bound (it contains min or max)
 *   not-measured   nothing to judge; `reason` says why (claim-eval.ts)
 *
 * "Better" respects the direction of the measured quantity: for a latency (lower is better) an
 * interval below `min` is better than claimed and one above `max` is worse; for a throughput
 * retention (higher is better) the other way round. A range open on one side has no bound
 * there, so it cannot be beaten on that side: a start-up of 40 ms against "< 100 ms" (min
 * null) HOLDS, it is not "better"; only against "50–100 ms" would it be better than claimed.
 *
 * A point claim (min = max, e.g. "+50 ns") can hold only for an interval of zero width; an
 * interval around the point reads inconclusive: consistent with the claim at this precision,
 * but not a confirmation of an exact value.
 */
import type { Interval } from './bootstrap.js';

export type Verdict = 'holds' | 'better' | 'worse' | 'inconclusive' | 'not-measured';

export type NotMeasuredReason = 'runtime-absent' | 'workload-not-run' | 'no-workload' | 'unit-mismatch';

export type BetterIs = 'lower' | 'higher';

export interface Bounds {
  readonly min: number | null;
  readonly max: number | null;
}

export type Judgement = Exclude<Verdict, 'not-measured'>;

export function judge(interval: Interval, bounds: Bounds, betterIs: BetterIs): Judgement {
  const { low, high } = interval;
  const belowMin = bounds.min !== null && high < bounds.min;
  const aboveMax = bounds.max !== null && low > bounds.max;
  if (belowMin) return betterIs === 'lower' ? 'better' : 'worse';
  if (aboveMax) return betterIs === 'lower' ? 'worse' : 'better';
  const inside = (bounds.min === null || low >= bounds.min) && (bounds.max === null || high <= bounds.max);
  return inside ? 'holds' : 'inconclusive';
}

/** The bounds an interval reaches across (for explaining an inconclusive verdict). */
export function boundsCrossed(interval: Interval, bounds: Bounds): ('min' | 'max')[] {
  const crossed: ('min' | 'max')[] = [];
  if (bounds.min !== null && interval.low < bounds.min && interval.high >= bounds.min) crossed.push('min');
  if (bounds.max !== null && interval.low <= bounds.max && interval.high > bounds.max) crossed.push('max');
  return crossed;
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  holds: 'holds',
  better: 'better than claimed',
  worse: 'worse than claimed',
  inconclusive: 'inconclusive',
  'not-measured': 'not measured',
};

export const REASON_LABELS: Readonly<Record<NotMeasuredReason, string>> = {
  'runtime-absent': 'runtime absent',
  'workload-not-run': 'workload not run',
  'no-workload': 'no workload measures this',
  'unit-mismatch': 'unit does not match the metric',
};

/** `holds`, `worse than claimed`, `not measured (runtime absent)`, … */
export function verdictText(verdict: Verdict, reason: NotMeasuredReason | null): string {
  return verdict === 'not-measured' && reason !== null ? `${VERDICT_LABELS[verdict]} (${REASON_LABELS[reason]})` : VERDICT_LABELS[verdict];
}
