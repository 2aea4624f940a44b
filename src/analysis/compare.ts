/**
 * Comparing two runs (BASE and NEW) metric by metric, for `isobench compare` and the nightly
 * gate. Pure: rows in, changes out.
 *
 * For every runtime target × workload × metric × unit present in both runs:
 *   changePct   (newMedian / baseMedian − 1) · 100, plain sign (for ops/s, + is better)
 *   change CI   cluster-bootstrap interval of newMedian / baseMedian (trials resampled, see
 *               clusters.ts), mapped the same way
 *   pValue      two-sided Mann-Whitney U (mann-whitney.ts) of the per-TRIAL medians when both
 *               runs have ≥ 2 trials of the metric (repetitions within a trial are not
 *               independent), of the individual samples otherwise (a less conservative fallback)
 *
 * The gate, with "worse %" = the change in the metric's worse direction (+ = worse, as overhead):
 *   regression        p < alpha AND the whole interval of worse % lies ABOVE +threshold
 *   improvement       p < alpha AND the whole interval of worse % lies BELOW −threshold
 *   within-threshold  the whole interval lies within [−threshold, +threshold]
 *   inconclusive      anything else (too noisy to tell, or significant but not clearly beyond
 *                     the threshold)
 * Only `regression` fails the gate. Requiring the interval, not just the point estimate, to
 * clear the threshold makes a failing night mean "at least threshold % worse, with 95 %
 * confidence", so a metric drifting around the threshold does not make the job flaky; the
 * significance test guards the bootstrap, which is optimistic with very few trials. With the
 * exact test, 3 vs 3 trials can never give p < 0.05 (the minimum is 0.1): `minPValue` says so,
 * and a gate needs ≥ 4 trials per runtime and workload on each side (the default is 5).
 */
import type { Direction } from '../workloads/types.js';
import { comparePair, overheadInterval } from './comparison.js';
import { type SampleGroup, type SampleRow, groupSamples } from './groups.js';
import { mannWhitneyU } from './mann-whitney.js';
import { createRandom, seedFromString } from './random.js';
import { DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, compareSummaries } from './summary.js';

export type ChangeStatus = 'regression' | 'improvement' | 'within-threshold' | 'inconclusive';

export interface CompareOptions {
  /** percent, > 0: a change smaller than this in the worse direction never fails the gate */
  readonly thresholdPct: number;
  /** significance level, default 0.05 */
  readonly alpha?: number;
  readonly seed: number;
  readonly resamples?: number;
  readonly confidence?: number;
}

export const DEFAULT_THRESHOLD_PCT = 5;
export const DEFAULT_ALPHA = 0.05;

export interface MetricChange {
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly baseMedian: number;
  readonly newMedian: number;
  readonly baseN: number;
  readonly newN: number;
  readonly baseTrials: number;
  readonly newTrials: number;
  /** (new / base − 1) · 100, plain sign */
  readonly changePct: number;
  readonly changeCiLow: number;
  readonly changeCiHigh: number;
  /** the change in the worse direction: + = worse (for higher-is-better, −changePct) */
  readonly worsePct: number;
  readonly worseCiLow: number;
  readonly worseCiHigh: number;
  readonly confidence: number;
  readonly pValue: number;
  /** what the test ranked: per-trial medians, or samples when a side has a single trial */
  readonly testedOn: 'trial-medians' | 'samples';
  /** smallest p-value the test could give with these sizes (0 for the normal approximation) */
  readonly minPValue: number;
  readonly status: ChangeStatus;
}

export function compareRuns(baseRows: readonly SampleRow[], newRows: readonly SampleRow[], options: CompareOptions): MetricChange[] {
  if (!(options.thresholdPct >= 0) || !Number.isFinite(options.thresholdPct)) {
    throw new RangeError(`threshold must be a finite percentage >= 0, got ${options.thresholdPct}`);
  }
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const baseGroups = groupSamples(baseRows);
  const changes: MetricChange[] = [];
  for (const [key, fresh] of groupSamples(newRows)) {
    const base = baseGroups.get(key);
    if (base === undefined) continue;
    const { direction } = fresh.first;
    const random = createRandom(seedFromString(`${options.seed}\u0000compare\u0000${key}`));
    const pair = comparePair(fresh.samples, base.samples, { direction, resamples, confidence, random });
    const worse = overheadInterval(pair.ratioCi, direction);
    const test = significance(base, fresh);
    changes.push({
      target: fresh.first.target,
      tier: fresh.first.tier,
      workload: fresh.first.workload,
      metric: fresh.first.metric,
      unit: fresh.first.unit,
      direction,
      baseMedian: pair.referenceMedian,
      newMedian: pair.median,
      baseN: base.samples.pooled.length,
      newN: fresh.samples.pooled.length,
      baseTrials: base.samples.trials,
      newTrials: fresh.samples.trials,
      changePct: (pair.ratio - 1) * 100,
      changeCiLow: (pair.ratioCi.low - 1) * 100,
      changeCiHigh: (pair.ratioCi.high - 1) * 100,
      worsePct: pair.overheadPct,
      worseCiLow: worse.low,
      worseCiHigh: worse.high,
      confidence,
      ...test,
      status: classifyChange(worse.low, worse.high, test.pValue, options.thresholdPct, alpha),
    });
  }
  return changes.sort(compareSummaries);
}

export function classifyChange(worseLow: number, worseHigh: number, pValue: number, thresholdPct: number, alpha: number): ChangeStatus {
  if (pValue < alpha && worseLow > thresholdPct) return 'regression';
  if (pValue < alpha && worseHigh < -thresholdPct) return 'improvement';
  if (worseLow >= -thresholdPct && worseHigh <= thresholdPct) return 'within-threshold';
  return 'inconclusive';
}

/** Whether the nightly gate fails: any significant regression beyond the threshold. */
export function gateFails(changes: readonly MetricChange[]): boolean {
  return changes.some((change) => change.status === 'regression');
}

function significance(base: SampleGroup, fresh: SampleGroup): Pick<MetricChange, 'pValue' | 'testedOn' | 'minPValue'> {
  const trialLevel = base.trialMedians.length >= 2 && fresh.trialMedians.length >= 2;
  const result = trialLevel
    ? mannWhitneyU(fresh.trialMedians, base.trialMedians)
    : mannWhitneyU(fresh.samples.pooled, base.samples.pooled);
  return { pValue: result.pValue, testedOn: trialLevel ? 'trial-medians' : 'samples', minPValue: result.minPValue };
}
