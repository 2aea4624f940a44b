/**
 * Workload families: what the summary at the top of every report is organised by, and the order
 * workloads appear in everywhere (the costs that decide a choice first: system calls, file IO,
 * network, start-up, memory; then CPU and clock, which isolation rarely changes; then the
 * application workloads).
 *
 * The mapping is data: a rule per known workload (optionally split by a metric suffix, as fileio
 * is by filesystem), the catalogue's list of application workloads, and a list of workloads the
 * summary ignores (non-numeric checks such as `compat`). A workload no rule names goes to
 * `other`, so a new workload shows up in the summary instead of breaking it.
 */

export interface Family {
  readonly id: string;
  /** a plain phrase for the summary: `system calls`, `file IO (rootfs)` */
  readonly label: string;
  /** the metric whose ratio stands for the family, with its interval, when it has one */
  readonly headline?: { readonly workload: string; readonly metric: string };
}

export const FAMILIES: readonly Family[] = [
  { id: 'syscall', label: 'system calls', headline: { workload: 'syscall', metric: 'getppid' } },
  { id: 'fileio.rootfs', label: 'file IO (rootfs)' },
  { id: 'fileio.tmpfs', label: 'file IO (tmpfs)' },
  { id: 'net', label: 'network' },
  { id: 'startup', label: 'start-up', headline: { workload: 'startup', metric: 'startup_total' } },
  { id: 'memory', label: 'memory', headline: { workload: 'memory', metric: 'pss_per_sandbox' } },
  { id: 'memaccess', label: 'memory access' },
  { id: 'cpu', label: 'CPU' },
  { id: 'clock', label: 'clock' },
  { id: 'apps', label: 'applications' },
  { id: 'other', label: 'other' },
];

export const APPS_FAMILY = 'apps';
export const OTHER_FAMILY = 'other';

interface Rule {
  readonly workload: string;
  readonly family: string;
  /** the rule applies to metrics ending with this suffix only */
  readonly metricSuffix?: string;
}

const RULES: readonly Rule[] = [
  { workload: 'syscall', family: 'syscall' },
  { workload: 'calls', family: 'syscall' },
  { workload: 'fileio', family: 'fileio.rootfs', metricSuffix: '.rootfs' },
  { workload: 'fileio', family: 'fileio.tmpfs', metricSuffix: '.tmpfs' },
  { workload: 'fileio', family: 'fileio.rootfs' },
  { workload: 'net', family: 'net' },
  { workload: 'startup', family: 'startup' },
  { workload: 'memory', family: 'memory' },
  { workload: 'memaccess', family: 'memaccess' },
  { workload: 'cpu', family: 'cpu' },
  { workload: 'clock', family: 'clock' },
];

/** Workloads whose results are not ratios (pass/fail checks): never in the summary. */
export const SUMMARY_IGNORED: ReadonlySet<string> = new Set(['compat']);

/**
 * The family of one metric; null for a workload the summary ignores. `applications` are the
 * workload ids the catalogue marks as applications.
 */
export function familyOf(workload: string, metric: string, applications: ReadonlySet<string>): string | null {
  if (SUMMARY_IGNORED.has(workload)) return null;
  if (applications.has(workload)) return APPS_FAMILY;
  const rule = RULES.find((r) => r.workload === workload && (r.metricSuffix === undefined || metric.endsWith(r.metricSuffix)));
  return rule?.family ?? OTHER_FAMILY;
}

export function familyById(id: string): Family {
  return FAMILIES.find((f) => f.id === id) ?? (FAMILIES.at(-1) as Family);
}

/** Rank of a workload in report order: by the first family it feeds, then by name. */
function workloadRank(workload: string, applications: ReadonlySet<string>): number {
  if (SUMMARY_IGNORED.has(workload)) return FAMILIES.length;
  const family = applications.has(workload) ? APPS_FAMILY : RULES.find((r) => r.workload === workload)?.family ?? OTHER_FAMILY;
  return FAMILIES.findIndex((f) => f.id === family);
}

/** Workload ids in report order (syscall, fileio, net, startup, memory, cpu, clock, apps, others). */
export function orderWorkloads(workloads: readonly string[], applications: ReadonlySet<string> = new Set()): string[] {
  return [...new Set(workloads)].sort((a, b) => workloadRank(a, applications) - workloadRank(b, applications) || (a < b ? -1 : a > b ? 1 : 0));
}
