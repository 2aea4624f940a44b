/**
 * What every renderer receives: a run's header facts, its analysed summaries and, optionally,
 * the verdicts on claims and the medians of earlier runs of the same host. Renderers are pure
 * functions `ReportData → string` (one per format, see index.ts).
 */
import type { ClaimResult } from '../analysis/claim-eval.js';
import type { HistoryRun } from '../analysis/history.js';
import type { MetricSummary } from '../analysis/summary.js';
import type { Answer } from './answer.js';
import type { CompatMatrix } from '../compat/matrix.js';
import type { CompatVerdict } from '../compat/verdicts.js';
import type { AppCheck } from '../predict/app-check.js';

/** The check of the prediction on the run's own applications, or why there is none. */
export type AppCheckSection = { readonly check: AppCheck } | { readonly missing: string };

export type { ClaimResult } from '../analysis/claim-eval.js';
export type { HistoryMedian, HistoryRun } from '../analysis/history.js';

/** `partial`: some trials failed; `dead`: still marked running, its process is gone. */
export type RunStatus = 'running' | 'complete' | 'partial' | 'interrupted' | 'failed' | 'dead';

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
  /** how the run was configured and where it ran; absent in old callers */
  readonly meta?: RunMeta;
}

/** Everything that changes a result and is not per runtime; null = not recorded with the run. */
export interface RunMeta {
  readonly quick: boolean | null;
  readonly workloads: readonly string[];
  readonly repetitions: number | null;
  /** timed repetitions per trial */
  readonly samples: number | null;
  readonly budgetMs: number | null;
  readonly warmupMs: number | null;
  readonly trialTimeoutMs: number | null;
  readonly dockerVersion: string | null;
  readonly dockerApiVersion: string | null;
  readonly containerdVersion: string | null;
  readonly storageDriver: string | null;
  readonly cgroup: string | null;
  readonly os: string | null;
  readonly memTotalBytes: number | null;
  /** the isobench that made the run, when it recorded itself */
  readonly isobenchVersion: string | null;
  /** the isobench that wrote this report */
  readonly reportVersion: string | null;
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
  /** the compatibility matrix and its claims' verdicts, when the run included the compat workload */
  readonly compat?: { readonly matrix: CompatMatrix; readonly verdicts: readonly CompatVerdict[] };
  /** the summary by workload family against native and runc (answer.ts); absent: no summary */
  readonly answer?: Answer;
  /** workload ids the catalogue marks as applications (for the family order) */
  readonly applications?: readonly string[];
  /** predicted against measured slowdown of the applications the run profiled natively */
  readonly appCheck?: AppCheckSection;
}

/** How a human-readable renderer lays its text out (terminal table; the others ignore it). */
export interface RenderOptions {
  /** columns available; undefined = no limit */
  readonly width?: number;
  /** every column whatever the width */
  readonly wide?: boolean;
  /** ANSI colours on verdicts */
  readonly colour?: boolean;
  /** every claim, not only the judged ones */
  readonly allClaims?: boolean;
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
