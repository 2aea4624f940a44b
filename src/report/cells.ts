/**
 * The cells every human-readable format shows (terminal table, Markdown, HTML): run facts,
 * runtime facts and one row per summary, as plain text formatted by format.ts. Each renderer
 * escapes them for its own medium.
 */
import type { MetricSummary } from '../analysis/summary.js';
import { MISSING, confidenceLabel, formatInterval, formatNumber, formatPercent, formatSigned } from './format.js';
import type { Align } from './layout.js';
import type { RunHeader, RunStatus } from './model.js';

export function runFacts(run: RunHeader, baseline: string): [label: string, value: string][] {
  const { host } = run;
  return [
    ['status', run.status],
    ['started', run.startedAt],
    ['finished', run.finishedAt ?? MISSING],
    ['host', `${host.hostname} (${host.virtualised ? 'virtual machine' : 'not virtualised'})`],
    ['kernel', host.kernel],
    ['cpu', `${host.cpuModel}, ${host.cpus} ${host.cpus === 1 ? 'CPU' : 'CPUs'}`],
    ['seed', String(run.seed)],
    ['baseline', baseline],
  ];
}

export const RUNTIME_HEADERS = ['target', 'docker runtime', 'tier', 'version', 'flags'] as const;

export function runtimeCells(run: RunHeader): string[][] {
  return run.runtimes.map((runtime) => [
    runtime.target,
    runtime.engineRuntime ?? MISSING,
    runtime.tier,
    runtime.version ?? MISSING,
    runtime.flags.length === 0 ? MISSING : runtime.flags.join(' '),
  ]);
}

export function summaryHeaders(confidence: number): { header: string; align: Align }[] {
  return [
    { header: 'runtime', align: 'left' },
    { header: 'metric', align: 'left' },
    { header: 'unit', align: 'left' },
    { header: 'n', align: 'right' },
    { header: 'median', align: 'right' },
    { header: confidenceLabel(confidence), align: 'right' },
    { header: 'p95', align: 'right' },
    { header: 'Δ vs baseline', align: 'right' },
    { header: `overhead % [${confidenceLabel(confidence)}]`, align: 'right' },
  ];
}

export function summaryCells(summary: MetricSummary, baseline: string): string[] {
  return [
    summary.target,
    summary.metric,
    summary.unit,
    String(summary.n),
    formatNumber(summary.median),
    formatInterval(summary.ciLow, summary.ciHigh, formatNumber),
    formatNumber(summary.p95),
    summary.target === baseline ? 'baseline' : formatSigned(summary.deltaAbs),
    overheadCell(summary),
  ];
}

/** `+12.3 [+10.1, +14.5]`: the overhead and its interval, positive = worse than the baseline. */
export function overheadCell(summary: MetricSummary): string {
  if (summary.overheadPct === null) return MISSING;
  const interval = formatInterval(summary.overheadCiLow, summary.overheadCiHigh, formatPercent);
  return interval === MISSING ? formatPercent(summary.overheadPct) : `${formatPercent(summary.overheadPct)} ${interval}`;
}

/** The banner of a run that is not complete; undefined for a complete run. */
export function statusWarning(status: RunStatus): string | undefined {
  switch (status) {
    case 'complete':
      return undefined;
    case 'interrupted':
      return 'RUN INTERRUPTED: results are partial, not every trial ran';
    case 'failed':
      return 'RUN FAILED: results are partial, not every trial ran';
    case 'running':
      return 'RUN NOT FINISHED (status running): results are partial; the run is still going or its process died';
  }
}

/** Workloads in report order, each with its summaries. */
export function byWorkload(summaries: readonly MetricSummary[]): [workload: string, summaries: MetricSummary[]][] {
  const workloads = [...new Set(summaries.map((s) => s.workload))];
  return workloads.map((w) => [w, summaries.filter((s) => s.workload === w)]);
}
