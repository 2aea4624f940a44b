/**
 * What every renderer receives: a run's header facts and its analysed summaries. Renderers are
 * pure functions `ReportData → string` (one per format, see index.ts).
 */
import type { MetricSummary } from '../analysis/summary.js';

export type RunStatus = 'running' | 'complete' | 'interrupted' | 'failed';

export interface HostFacts {
  readonly hostname: string;
  readonly kernel: string;
  readonly cpuModel: string;
  readonly cpus: number;
  /** whether the host itself is a virtual machine (nested virtualisation for Kata) */
  readonly virtualised: boolean;
}

export interface RuntimeFacts {
  /** runtime target id, e.g. `native`, `runc`, `runsc`, `kata` */
  readonly target: string;
  /** Docker runtime name; null for `native` */
  readonly dockerRuntime: string | null;
  readonly tier: string;
  readonly version: string | null;
  /** options that change results: gVisor platform, seccomp profile, network mode, … */
  readonly flags: readonly string[];
}

export interface RunHeader {
  readonly id: string;
  /** ISO 8601 */
  readonly startedAt: string;
  /** ISO 8601; null while running or when the run never finished */
  readonly finishedAt: string | null;
  readonly status: RunStatus;
  readonly host: HostFacts;
  readonly runtimes: readonly RuntimeFacts[];
  readonly seed: number;
}

export interface ReportData {
  readonly run: RunHeader;
  /** in report order (as `summarize` returns them) */
  readonly summaries: readonly MetricSummary[];
  /** the target overhead is measured against */
  readonly baseline: string;
}
