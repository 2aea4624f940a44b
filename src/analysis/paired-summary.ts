/**
 * In a paired run (issue 15) the overhead of a target against the baseline is the paired ratio
 * of the rounds (paired-ratio.ts), not the ratio of two medians: the host's drift cancels in
 * it. This replaces the overhead and its interval of every summary that has a paired ratio;
 * the medians, their intervals and the delta stay as summary.ts computed them.
 */
import { overheadFromRatio, overheadInterval } from './comparison.js';
import type { PairedRatio } from './paired-ratio.js';
import type { MetricSummary } from './summary.js';

const key = (r: Pick<PairedRatio, 'target' | 'workload' | 'metric' | 'unit'>): string => JSON.stringify([r.target, r.workload, r.metric, r.unit]);

export function withPairedOverhead(summaries: readonly MetricSummary[], ratios: readonly PairedRatio[]): MetricSummary[] {
  const byKey = new Map(ratios.map((r) => [key(r), r]));
  return summaries.map((s) => {
    const paired = s.baseline === null ? undefined : byKey.get(key(s));
    if (!paired) return s;
    const ci = overheadInterval({ low: paired.low, high: paired.high }, s.direction);
    return { ...s, overheadPct: overheadFromRatio(paired.ratio, s.direction), overheadCiLow: ci.low, overheadCiHigh: ci.high };
  });
}
