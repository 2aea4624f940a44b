/**
 * What the `isobench compare` renderers receive: the two runs, the gate's settings and one
 * change per runtime × workload × metric present in both runs (src/analysis/compare.ts).
 */
import type { ChangeStatus, MetricChange } from '../analysis/compare.js';
import type { RunStatus } from './model.js';

export interface ComparedRun {
  readonly id: string;
  readonly startedAt: string;
  readonly status: RunStatus;
  readonly hostname: string;
}

export interface CompareData {
  readonly base: ComparedRun;
  readonly fresh: ComparedRun;
  /** percent: a change must exceed this, in the worse direction, to fail the gate */
  readonly thresholdPct: number;
  readonly alpha: number;
  readonly changes: readonly MetricChange[];
  /** `runtime workload/metric` measured in only one of the two runs (so not compared) */
  readonly onlyIn?: { readonly base: readonly string[]; readonly fresh: readonly string[] };
}

type MetricId = { readonly target: string; readonly workload: string; readonly metric: string };

/** The metrics (`runtime workload/metric`) one run has and the other has not, sorted. */
export function metricsOnlyIn(base: readonly MetricId[], fresh: readonly MetricId[]): { base: string[]; fresh: string[] } {
  const key = (m: MetricId): string => `${m.target} ${m.workload}/${m.metric}`;
  const a = new Set(base.map(key));
  const b = new Set(fresh.map(key));
  return { base: [...a].filter((k) => !b.has(k)).sort(), fresh: [...b].filter((k) => !a.has(k)).sort() };
}

export const STATUS_LABELS: Readonly<Record<ChangeStatus, string>> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'within-threshold': 'within threshold',
  inconclusive: 'inconclusive',
};

/** The closing lines: the gate's outcome, and warnings a reader needs to trust it. */
export function gateLines(data: CompareData): string[] {
  const regressions = data.changes.filter((c) => c.status === 'regression');
  const improvements = data.changes.filter((c) => c.status === 'improvement');
  const lines = [
    regressions.length > 0
      ? `gate: FAIL, ${regressions.length} significant ${regressions.length === 1 ? 'regression' : 'regressions'} beyond ${data.thresholdPct} %`
      : `gate: pass, no significant regression beyond ${data.thresholdPct} %`,
    `${data.changes.length} metrics compared, ${improvements.length} improved, ${regressions.length} regressed`,
  ];
  const powerless = data.changes.filter((c) => c.minPValue >= data.alpha).length;
  if (powerless > 0) {
    lines.push(`warning: ${powerless} ${powerless === 1 ? 'metric has' : 'metrics have'} too few trials to reach p < ${data.alpha} (the gate needs >= 4 trials per runtime and workload in each run)`);
  }
  if (data.changes.length === 0) lines.push('warning: the two runs have no runtime × workload × metric in common');
  for (const [run, only] of [[data.base, data.onlyIn?.base ?? []], [data.fresh, data.onlyIn?.fresh ?? []]] as const) {
    if (only.length > 0) lines.push(`only in ${run.id} (not compared, ${only.length}): ${only.join(', ')}`);
  }
  if (data.base.hostname !== data.fresh.hostname) lines.push(`warning: the runs come from different hosts (${data.base.hostname}, ${data.fresh.hostname})`);
  for (const run of [data.base, data.fresh]) {
    if (run.status !== 'complete') lines.push(`warning: run ${run.id} is ${run.status}: its results are partial`);
  }
  return lines;
}
