/**
 * The terminal report: a header with the run's facts, then one aligned table per workload.
 * Numbers follow format.ts; missing values read '–'; the baseline's own rows read `baseline`
 * in the delta column. A run that is not `complete` says so at the top and at the bottom.
 */
import type { MetricSummary } from '../analysis/summary.js';
import {
  MISSING,
  confidenceLabel,
  formatInterval,
  formatNumber,
  formatPercent,
  formatSigned,
  safeText,
} from './format.js';
import { type Column, layoutColumns } from './layout.js';
import type { ReportData, RunHeader, RunStatus } from './model.js';

const DEFAULT_CONFIDENCE = 0.95;

export function renderTable(data: ReportData): string {
  const warning = statusWarning(data.run.status);
  const lines: string[] = [`isobench run ${safeText(data.run.id)}`];
  if (warning !== undefined) lines.push('', warning);
  lines.push('', ...headerLines(data.run, data.baseline), '', 'runtimes', ...runtimeLines(data.run));

  const workloads = [...new Set(data.summaries.map((summary) => summary.workload))];
  if (workloads.length === 0) lines.push('', 'no samples in this run');
  for (const workload of workloads) {
    lines.push('', safeText(workload), ...workloadLines(data.summaries.filter((s) => s.workload === workload), data.baseline));
  }
  if (warning !== undefined) lines.push('', warning);
  return `${lines.join('\n')}\n`;
}

/** The banner of a run that is not complete; undefined for a complete run. */
function statusWarning(status: RunStatus): string | undefined {
  switch (status) {
    case 'complete':
      return undefined;
    case 'interrupted':
      return '!!! RUN INTERRUPTED: results are partial, not every trial ran !!!';
    case 'failed':
      return '!!! RUN FAILED: results are partial, not every trial ran !!!';
    case 'running':
      return '!!! RUN NOT FINISHED (status running): results are partial; the run is still going or its process died !!!';
  }
}

function headerLines(run: RunHeader, baseline: string): string[] {
  const { host } = run;
  const fields: [string, string][] = [
    ['status', run.status],
    ['started', safeText(run.startedAt)],
    ['finished', run.finishedAt === null ? MISSING : safeText(run.finishedAt)],
    ['host', `${safeText(host.hostname)} (${host.virtualised ? 'virtual machine' : 'not virtualised'})`],
    ['kernel', safeText(host.kernel)],
    ['cpu', `${safeText(host.cpuModel)}, ${host.cpus} ${host.cpus === 1 ? 'CPU' : 'CPUs'}`],
    ['seed', String(run.seed)],
    ['baseline', safeText(baseline)],
  ];
  const labelWidth = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(labelWidth)}  ${value}`);
}

function runtimeLines(run: RunHeader): string[] {
  if (run.runtimes.length === 0) return [`  ${MISSING}`];
  const columns: Column[] = [
    { header: 'target', align: 'left' },
    { header: 'docker runtime', align: 'left' },
    { header: 'tier', align: 'left' },
    { header: 'version', align: 'left' },
    { header: 'flags', align: 'left' },
  ];
  const rows = run.runtimes.map((runtime) => [
    safeText(runtime.target),
    runtime.dockerRuntime === null ? MISSING : safeText(runtime.dockerRuntime),
    safeText(runtime.tier),
    runtime.version === null ? MISSING : safeText(runtime.version),
    runtime.flags.length === 0 ? MISSING : runtime.flags.map(safeText).join(' '),
  ]);
  return layoutColumns(columns, rows, '  ');
}

function workloadLines(summaries: readonly MetricSummary[], baseline: string): string[] {
  const confidence = summaries[0]?.confidence ?? DEFAULT_CONFIDENCE;
  const columns: Column[] = [
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
  const rows = summaries.map((summary) => [
    safeText(summary.target),
    safeText(summary.metric),
    safeText(summary.unit),
    String(summary.n),
    formatNumber(summary.median),
    formatInterval(summary.ciLow, summary.ciHigh, formatNumber),
    formatNumber(summary.p95),
    summary.target === baseline ? 'baseline' : formatSigned(summary.deltaAbs),
    overheadCell(summary),
  ]);
  return layoutColumns(columns, rows, '  ');
}

/** `+12.3 [+10.1, +14.5]`: the overhead and its interval, positive = worse than the baseline. */
function overheadCell(summary: MetricSummary): string {
  if (summary.overheadPct === null) return MISSING;
  const interval = formatInterval(summary.overheadCiLow, summary.overheadCiHigh, formatPercent);
  return interval === MISSING ? formatPercent(summary.overheadPct) : `${formatPercent(summary.overheadPct)} ${interval}`;
}
