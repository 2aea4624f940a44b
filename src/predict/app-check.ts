/**
 * The prediction checked on a run's own applications (issue 11, pure): each application
 * command the run profiled natively (src/cli/app-profiles.ts) is predicted per runtime from
 * the per-call costs, and set beside the slowdown the run measured for that command's metric,
 * median against native median. A rate (ops/s) slows down as native / runtime, a time as
 * runtime / native; its interval is that of the two medians' intervals.
 */
import type { MetricSummary } from '../analysis/summary.js';
import type { Profile } from '../profile/profile.js';
import { pointPick, type CostTable } from './costs.js';
import { NATIVE, evaluate } from './model.js';
import { validatePredictions, type Interval, type SlowdownPoint, type Validation } from './validate.js';

export interface AppProfile {
  readonly workload: string;
  readonly metric: string;
  readonly profile: Profile;
}

export interface AppCheck extends Validation {
  /** the run whose per-call costs priced the profiles */
  readonly costRun: string;
  /** the workloads (syscall, cpu) whose costs came from the checked run itself, where costRun lacks them */
  readonly ownCosts: readonly string[];
  /** application metrics (`workload/metric`) profiled but not measured on native and a runtime */
  readonly unmeasured: readonly string[];
  /** ids of the run's stored profiles that no longer read as profiles (written by an older isobench): left out */
  readonly unreadable: readonly string[];
}

type Medians = Pick<MetricSummary, 'target' | 'workload' | 'metric' | 'median' | 'direction'>
  & Partial<Pick<MetricSummary, 'ciLow' | 'ciHigh'>>;

/** Measured slowdown of `runtime` on one metric, or null when either median is missing. */
export function measuredSlowdown(summaries: readonly Medians[], workload: string, metric: string, runtime: string): number | null {
  const of = (target: string): Medians | undefined => summaries.find((s) => s.target === target && s.workload === workload && s.metric === metric);
  const native = of(NATIVE);
  const rt = of(runtime);
  if (!native || !rt || !(native.median > 0) || !(rt.median > 0)) return null;
  return rt.direction === 'higher-is-better' ? native.median / rt.median : rt.median / native.median;
}

/**
 * The interval of a runtime's measured slowdown on one metric: the quotient of the two medians'
 * bootstrap intervals (a time: runtime / native, a rate: native / runtime), wider than an interval
 * of the ratio itself, so that two slowdowns it tells apart are apart; null without intervals.
 */
export function measuredInterval(
  summaries: readonly Medians[], workload: string, metric: string, runtime: string,
): Interval | null {
  const of = (target: string): Medians | undefined =>
    summaries.find((s) => s.target === target && s.workload === workload && s.metric === metric);
  const native = of(NATIVE);
  const rt = of(runtime);
  if (native?.ciLow === undefined || native.ciHigh === undefined) return null;
  if (rt?.ciLow === undefined || rt.ciHigh === undefined) return null;
  const [low, high] = rt.direction === 'higher-is-better'
    ? [native.ciLow / rt.ciHigh, native.ciHigh / rt.ciLow]
    : [rt.ciLow / native.ciHigh, rt.ciHigh / native.ciLow];
  return Number.isFinite(low) && Number.isFinite(high) && low > 0 && high >= low ? { low, high } : null;
}

export function checkApplications(
  profiles: readonly AppProfile[], costs: CostTable, summaries: readonly Medians[], runtimes: readonly string[], costRun: string,
  ownCosts: readonly string[] = [],
): AppCheck {
  const pick = pointPick(costs);
  const predicted: SlowdownPoint[] = [];
  const measured: SlowdownPoint[] = [];
  const unmeasured: string[] = [];
  for (const { workload, metric, profile } of profiles) {
    const app = `${workload}/${metric}`;
    let any = false;
    for (const runtime of runtimes.filter((r) => r !== NATIVE)) {
      const m = measuredSlowdown(summaries, workload, metric, runtime);
      const e = costs.has(runtime) && costs.has(NATIVE) ? evaluate(profile, runtime, pick) : null;
      if (m === null || e === null) continue;
      any = true;
      measured.push({ app, runtime, slowdown: m, interval: measuredInterval(summaries, workload, metric, runtime) });
      predicted.push({ app, runtime, slowdown: e.predictedMs / profile.native.wallMs });
    }
    if (!any) unmeasured.push(app);
  }
  return { ...validatePredictions(predicted, measured), costRun, ownCosts: [...ownCosts], unmeasured, unreadable: [] };
}
