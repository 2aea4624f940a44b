/** Row shapes the store reads and writes. */

/** What the runs table holds. */
export type StoredRunStatus = 'running' | 'complete' | 'interrupted' | 'failed';
/** What a run is shown as (run-status.ts): `partial` has failed trials, `dead` lost its process. */
export type RunStatus = StoredRunStatus | 'partial' | 'dead';
export type TrialStatus = 'ok' | 'failed' | 'skipped' | 'interrupted';

export interface HostFacts {
  readonly hostname: string;
  readonly kernel: string;
  readonly os: string;
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memTotalBytes: number;
  /** the `hypervisor` CPU flag: this host is itself a VM */
  readonly virtualised: boolean;
  /** `vmx` or `svm` present: hardware virtualisation usable by Kata or gVisor's KVM platform */
  readonly hardwareVirtualisation: boolean;
  readonly kvmDevice: boolean;
  readonly dockerVersion: string | null;
  readonly dockerApiVersion: string | null;
  readonly cgroup: string | null;
}

export interface TargetRecord {
  readonly target: string;
  /** `docker`, `containerd`; null for native */
  readonly engine: string | null;
  readonly engineVersion: string | null;
  /** the engine's name for the runtime (a Docker runtime, a containerd shim) */
  readonly engineRuntime: string | null;
  readonly runtimeBinary: string | null;
  readonly tier: string;
  readonly version: string | null;
  readonly flags: readonly string[];
  readonly configFiles: readonly string[];
}

export interface NewRun {
  readonly id: string;
  readonly startedAt: string;
  readonly seed: number;
  readonly host: HostFacts;
  readonly config: Readonly<Record<string, unknown>>;
  readonly targets: readonly TargetRecord[];
}

export interface RunRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: RunStatus;
  readonly seed: number;
  readonly host: HostFacts;
  readonly config: Readonly<Record<string, unknown>>;
  readonly targets: readonly TargetRecord[];
  readonly error: string | null;
  readonly trialCounts: Readonly<Record<TrialStatus, number>>;
}

export interface SampleInput {
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly iterations: number;
  readonly rep: number;
}

/** One check of the compatibility probe, as a trial of the `compat` workload carries it. */
export interface CheckInput {
  readonly check: string;
  readonly result: 'ok' | 'fails' | 'differs' | 'skipped';
  readonly errno: string | null;
  readonly detail: string;
  readonly observed: Readonly<Record<string, string | number>>;
}

/** A stored check with its trial and target. */
export interface StoredCheck extends CheckInput {
  readonly trialId: number;
  readonly target: string;
}

export interface FinishedTrial {
  readonly seq: number;
  readonly target: string;
  readonly workload: string;
  readonly repetition: number;
  readonly status: TrialStatus;
  readonly reason: string | null;
  readonly stderrTail: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly samples: readonly SampleInput[];
  /** the compat probe's checks (workload output `checks`) */
  readonly checks?: readonly CheckInput[];
}

/** A sample joined with its trial and target, as analysis wants it. */
export interface StoredSample {
  readonly trialId: number;
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly iterations: number;
  /** the trial's repetition (a paired run: its block) and the sample's rep (a paired run: its round) */
  readonly repetition: number;
  readonly rep: number;
}

export interface StoredTrial {
  readonly id: number;
  readonly seq: number;
  readonly target: string;
  readonly workload: string;
  readonly repetition: number;
  readonly status: TrialStatus;
  readonly reason: string | null;
  readonly stderrTail: string | null;
  readonly durationMs: number;
}
