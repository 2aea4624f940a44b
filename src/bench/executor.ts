/**
 * One executor per kind of target (hyperfine's `Executor` is the model): the native process
 * executor and the container executor, which drives any Engine. The orchestrator and every
 * measurement (src/measure/) call only this interface, so a workload is measured by the same
 * code on every target.
 */
import type { Readable, Writable } from 'node:stream';
import type { ExecutionOutcome } from '../engine/engine.js';
import type { RuntimeTarget } from '../runtimes/targets.js';
import type { ContainerNeeds, ScratchDirs, WorkloadSpec } from '../workloads/types.js';

export interface ExecRequest {
  readonly workload: WorkloadSpec;
  /** arguments after the workload's program */
  readonly args: readonly string[];
  /** overrides of the workload's container needs (network for a server, say) */
  readonly needs?: Partial<ContainerNeeds>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** labels of the trial (run id, trial seq): on every container, for sweeps */
  readonly labels: Readonly<Record<string, string>>;
  /** CPUs to pin the program to (`1`, `0-1`); undefined: the target's placement */
  readonly cpuset?: string;
  /** `start` only: how long getting it running may take (default: timeoutMs) */
  readonly startTimeoutMs?: number;
  /** `start` only: keep stdin open and stdout/stderr live (`Started.stdio`) */
  readonly interactive?: boolean;
}

/** A program started detached: a server, an idle sandbox, a long-lived workload process. */
export interface Started {
  /** the address a client on the host reaches it at: 127.0.0.1 natively, the container's IPv4 otherwise */
  address(): Promise<string | null>;
  /** what it printed so far */
  output(): Promise<{ stdout: string; stderr: string }>;
  /** live streams when started with `interactive`; null otherwise */
  stdio(): { readonly stdin: Writable; readonly stdout: Readable; readonly stderr: Readable } | null;
  /** host processes serving it (the process itself natively; shim, sandbox, VMM… in a container) */
  pids(): number[];
  /** stops and removes it and everything serving it; never throws */
  stop(): Promise<void>;
}

export interface Executor {
  readonly target: RuntimeTarget;
  /** Makes what the workloads need on this target (images; nothing natively). */
  prepare(workloads: readonly WorkloadSpec[], onImage?: (workload: string, ref: string, built: boolean) => void, signal?: AbortSignal): Promise<void>;
  /** Writable directories for a workload that writes files, and their removal. */
  scratch(): Promise<{ readonly dirs: ScratchDirs; remove(): Promise<void> }>;
  /** Runs the workload's program to its exit; what it printed and how it ended. */
  run(request: ExecRequest): Promise<ExecutionOutcome>;
  /** Starts the workload's program and returns once it runs; throws (having cleaned up) if it cannot. */
  start(request: ExecRequest): Promise<Started>;
  /** Whether what it runs on still answers (the engine; always true natively). */
  alive(): Promise<boolean>;
  /** Removes whatever of this run the executor may have left (containers by run label). */
  sweep(runId: string): Promise<{ removed: number; failed: readonly string[] }>;
}
