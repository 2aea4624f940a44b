/**
 * Predictions for every runtime of a run: the point estimate from the median costs, a 95 %
 * percentile-bootstrap interval (each replicate resamples the trial medians of every metric on
 * every target, the profile's counts held fixed), the top contributors to the extra time, and
 * the share of the extra time that rests on class estimates rather than a call's own metric.
 */
import { quantileSorted } from 'simple-statistics';
import type { Interval } from '../analysis/bootstrap.js';
import type { Random } from '../analysis/random.js';
import type { Profile } from '../profile/profile.js';
import { pointPick, resampledPick, type CostTable } from './costs.js';
import { NATIVE, evaluate, rowsOf, type CallExtra } from './model.js';

export interface RuntimePrediction {
  readonly runtime: string;
  readonly predictedMs: number;
  readonly slowdown: number;
  /** 95 % interval of the slowdown */
  readonly slowdownInterval: Interval;
  readonly extraMs: number;
  /** the largest contributors by |extra time|, with their share of Σ|extra| */
  readonly contributors: readonly (CallExtra & { readonly share: number })[];
  /** share of Σ|extra| priced by class medians instead of the call's own metric */
  readonly classEstimatedShare: number;
}

export interface Prediction {
  readonly profileId: string;
  readonly nativeWallMs: number;
  readonly runtimes: readonly RuntimePrediction[];
  /** runtimes asked for that the run has no costs for */
  readonly lacking: readonly string[];
}

export interface PredictOptions {
  readonly runtimes: readonly string[];
  readonly random: Random;
  readonly resamples: number;
  readonly top: number;
}

function percentile(values: number[], confidence = 0.95): Interval {
  const sorted = values.sort((a, b) => a - b);
  return { low: quantileSorted(sorted, (1 - confidence) / 2), high: quantileSorted(sorted, (1 + confidence) / 2) };
}

export function predict(profile: Profile, costs: CostTable, options: PredictOptions): Prediction {
  const wallMs = profile.native.wallMs;
  const runtimes: RuntimePrediction[] = [];
  const lacking: string[] = [];
  const point = pointPick(costs);
  for (const runtime of options.runtimes.filter((r) => r !== NATIVE)) {
    const e = costs.has(runtime) && costs.has(NATIVE) ? evaluate(profile, runtime, point) : null;
    if (!e) {
      lacking.push(runtime);
      continue;
    }
    const replicates: number[] = [];
    for (let r = 0; r < options.resamples; r += 1) {
      const b = evaluate(profile, runtime, resampledPick(costs, options.random));
      if (b) replicates.push(b.predictedMs / wallMs);
    }
    const all = rowsOf(e);
    const absTotal = all.reduce((s, r) => s + Math.abs(r.extraMs), 0);
    const share = (ms: number): number => (absTotal === 0 ? 0 : ms / absTotal);
    const contributors = [...all].sort((a, b) => Math.abs(b.extraMs) - Math.abs(a.extraMs)).slice(0, options.top).map((r) => ({ ...r, share: share(r.extraMs) }));
    const classMs = all.filter((r) => r.source !== 'measured').reduce((s, r) => s + Math.abs(r.extraMs), 0);
    runtimes.push({
      runtime,
      predictedMs: e.predictedMs,
      slowdown: e.predictedMs / wallMs,
      slowdownInterval: replicates.length > 0 ? percentile(replicates) : { low: Number.NaN, high: Number.NaN },
      extraMs: e.extraMs,
      contributors,
      classEstimatedShare: share(classMs),
    });
  }
  return { profileId: profile.id, nativeWallMs: wallMs, runtimes, lacking };
}
