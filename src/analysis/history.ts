/**
 * The medians of a run, without intervals: what a trend chart needs from earlier runs of the
 * same host. Cheap (no bootstrap), so a report can carry many earlier runs.
 */
import { groupSamples, type SampleRow } from './groups.js';
import { medianOfSorted } from './stats.js';
import { compareSummaries } from './summary.js';

export interface HistoryMedian {
  readonly target: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly median: number;
}

export interface HistoryRun {
  readonly runId: string;
  /** ISO 8601 */
  readonly startedAt: string;
  readonly medians: readonly HistoryMedian[];
}

/** One median per target × workload × metric × unit, in report order; unusable values dropped. */
export function runMedians(rows: readonly SampleRow[]): HistoryMedian[] {
  return [...groupSamples(rows).values()]
    .map(({ first, samples }) => ({
      target: first.target,
      workload: first.workload,
      metric: first.metric,
      unit: first.unit,
      median: medianOfSorted(samples.pooled),
    }))
    .sort(compareSummaries);
}
