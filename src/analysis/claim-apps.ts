/**
 * Claims judged on applications (`measure.workload: 'apps'`, `measure.metric`: a kind of work,
 * claims/app-kinds.ts): the geometric mean of the applications' slowdowns, as an overhead
 * ((slowdown − 1)·100 %) or a retention (100 / slowdown %). The measurement names the
 * applications that made it. Pure.
 */
import { APP_KIND_METRICS, isAppKind } from '../claims/app-kinds.js';
import type { ClaimMeasure } from '../claims/schema.js';
import { appScore } from './app-score.js';
import type { SampleGroup } from './groups.js';
import type { Interval } from './bootstrap.js';
import type { BetterIs, NotMeasuredReason } from './verdicts.js';

export interface AppBasis {
  readonly workload: string;
  /** this application's own slowdown vs the reference (geometric mean of its metrics) */
  readonly slowdown: number;
}

export interface AppsMeasured {
  readonly value: number;
  readonly interval: Interval;
  readonly betterIs: BetterIs;
  readonly trials: number;
  readonly referenceTrials: number;
  readonly basis: readonly AppBasis[];
}

export function measureApps(
  measure: ClaimMeasure,
  groups: ReadonlyMap<string, SampleGroup>,
  options: { readonly seed: number; readonly resamples: number; readonly confidence: number },
): AppsMeasured | NotMeasuredReason {
  if (!isAppKind(measure.metric) || measure.reference === undefined) return 'no-workload';
  if (measure.quantity !== 'overhead-pct' && measure.quantity !== 'retention-pct') return 'unit-mismatch';
  const score = appScore(groups, APP_KIND_METRICS[measure.metric], measure.target, measure.reference, options);
  if (score === null) return 'workload-not-run';
  const base = { trials: score.trials, referenceTrials: score.referenceTrials, basis: score.apps.map(({ workload, slowdown }) => ({ workload, slowdown })) };
  const { low, high } = score.interval;
  if (measure.quantity === 'overhead-pct') {
    return { ...base, value: (score.slowdown - 1) * 100, interval: { low: (low - 1) * 100, high: (high - 1) * 100 }, betterIs: 'lower' };
  }
  return { ...base, value: 100 / score.slowdown, interval: { low: 100 / high, high: 100 / low }, betterIs: 'higher' };
}
