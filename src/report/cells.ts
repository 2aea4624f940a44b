/**
 * The cells every human-readable format shows (terminal table, Markdown, HTML): run facts,
 * runtime facts and one row per summary, as plain text formatted by format.ts. Each renderer
 * escapes them for its own medium.
 */
import type { MetricSummary } from '../analysis/summary.js';
import { MISSING, confidenceLabel, formatInterval, formatNumber, formatPercent, formatSigned } from './format.js';
import { orderWorkloads } from './families.js';
import type { Align } from './layout.js';
import type { RunHeader, RunMeta, RunStatus } from './model.js';
import { costRatio, formatRatioInterval } from './ratio.js';

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
    ...(run.meta === undefined ? [] : metaFacts(run.meta)),
  ];
}

function orMissing(value: string | number | null): string {
  return value === null ? MISSING : String(value);
}

/** The run's configuration and engine, as label/value pairs. */
export function metaFacts(meta: RunMeta): [label: string, value: string][] {
  const budgets = meta.budgetMs === null ? MISSING
    : `${meta.budgetMs} ms per sample, ${orMissing(meta.warmupMs)} ms warm-up${meta.trialTimeoutMs === null ? '' : `, trial timeout ${Math.round(meta.trialTimeoutMs / 1000)} s`}`;
  const memory = meta.memTotalBytes === null ? MISSING : `${(meta.memTotalBytes / 2 ** 30).toFixed(1)} GiB`;
  const docker = meta.dockerVersion === null ? MISSING : `${meta.dockerVersion}${meta.dockerApiVersion === null ? '' : ` (API ${meta.dockerApiVersion})`}`;
  return [
    ['mode', meta.quick === null ? MISSING : meta.quick ? 'quick (--quick)' : 'full'],
    ['workloads', meta.workloads.length === 0 ? MISSING : meta.workloads.join(', ')],
    ['repetitions', `${orMissing(meta.repetitions)} trials per runtime and workload, ${orMissing(meta.samples)} samples per trial`],
    ['budgets', budgets],
    ['docker', docker],
    ['containerd', orMissing(meta.containerdVersion)],
    ['storage driver', orMissing(meta.storageDriver)],
    ['cgroup', orMissing(meta.cgroup)],
    ['os', orMissing(meta.os)],
    ['memory', memory],
    ['isobench', `${orMissing(meta.isobenchVersion)} (run), ${orMissing(meta.reportVersion)} (report)`],
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
    { header: `vs baseline [${confidenceLabel(confidence)}]`, align: 'right' },
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

/**
 * `+6.7 % [+5.3, +7.9]` or `24× [23, 24]`: the cost against the baseline and its interval,
 * large ones as ratios, small ones as % (ratio.ts); above 1 / positive = worse.
 */
export function overheadCell(summary: MetricSummary): string {
  const cost = costRatio(summary);
  return cost === null ? MISSING : formatRatioInterval(cost);
}

/** The old form, overhead in % with its interval: `+12.3 [+10.1, +14.5]`. */
export function overheadPercentCell(summary: MetricSummary): string {
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
    case 'partial':
      return 'RUN PARTIAL: some trials failed; their figures are missing or rest on fewer trials';
    case 'dead':
      return 'RUN DEAD: its isobench process is gone (killed) before it finished; results are partial';
    case 'running':
      return 'RUN NOT FINISHED (status running): results are partial; the run is still going';
  }
}

/** Workloads in report order (families.ts), each with its summaries. */
export function byWorkload(summaries: readonly MetricSummary[], applications: readonly string[] = []): [workload: string, summaries: MetricSummary[]][] {
  const workloads = orderWorkloads(summaries.map((s) => s.workload), new Set(applications));
  return workloads.map((w) => [w, summaries.filter((s) => s.workload === w)]);
}
