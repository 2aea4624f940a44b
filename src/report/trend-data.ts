/**
 * Trend series of one metric across runs: the earlier runs' medians (ReportData.history) and
 * this run's, one series per runtime, oldest run first.
 */
import type { MetricSummary } from '../analysis/summary.js';
import type { ReportData } from './model.js';
import type { TrendSeries } from './svg-trend.js';

export interface Trend {
  readonly runs: { runId: string; startedAt: string }[];
  readonly series: TrendSeries[];
}

/** The trend of the metric of `summaries` (one workload × metric × unit); empty without history. */
export function metricTrend(data: ReportData, summaries: readonly MetricSummary[]): Trend {
  const first = summaries[0];
  const history = data.history ?? [];
  if (first === undefined || history.length === 0) return { runs: [], series: [] };
  const same = (m: { workload: string; metric: string; unit: string }): boolean =>
    m.workload === first.workload && m.metric === first.metric && m.unit === first.unit;
  const runs = [
    ...history.filter((h) => h.medians.some(same)).map((h) => ({ runId: h.runId, startedAt: h.startedAt })),
    { runId: data.run.id, startedAt: data.run.startedAt },
  ];
  const series = summaries.map((s) => ({
    target: s.target,
    points: [
      ...history.flatMap((h) =>
        h.medians.filter((m) => same(m) && m.target === s.target).map((m) => ({ runId: h.runId, startedAt: h.startedAt, median: m.median })),
      ),
      { runId: data.run.id, startedAt: data.run.startedAt, median: s.median },
    ],
  }));
  return { runs, series };
}
