/**
 * What every renderer receives: a run's header facts, its analysed summaries and, optionally,
 * the verdicts on claims and the medians of earlier runs of the same host. Renderers are pure
 * functions `ReportData → string` (one per format, see index.ts).
 */
import type { ClaimResult } from '../analysis/claim-eval.js';
import type { HistoryRun } from '../analysis/history.js';
import type { MetricSummary } from '../analysis/summary.js';

export type { ClaimResult } from '../analysis/claim-eval.js';
export type { HistoryMedian, HistoryRun } from '../analysis/history.js';

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
  readonly engineRuntime: string | null;
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
  /** verdicts on claims, in claim order; absent or empty: no claims section */
  readonly claims?: readonly ClaimResult[];
  /** earlier runs of the same host, oldest first, without this run (for trend charts) */
  readonly history?: readonly HistoryRun[];
}

/** One raw sample, as stored (for `report --samples`). */
export interface RawSample {
  readonly trialId: number;
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly iterations: number;
}

export interface SamplesData {
  readonly run: RunHeader;
  readonly samples: readonly RawSample[];
}
