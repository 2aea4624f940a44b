/**
 * The seam between isobench and a container engine (Docker through dockerode, containerd
 * through `ctr`). The orchestrator never talks to an engine directly: a container executor
 * (src/bench/executors/) does, through this interface only. One implementation per engine,
 * each in its own folder (src/engine/docker/, src/engine/containerd/).
 */
import type { Readable, Writable } from 'node:stream';
import type { ContainerNeeds } from '../workloads/types.js';

export type EngineKind = 'docker' | 'containerd';

/** `nobody`: the user a workload's container runs as unless the workload says why it needs root. */
export const UNPRIVILEGED_USER = '65534:65534';
export const ENGINE_KINDS: readonly EngineKind[] = ['docker', 'containerd'];

/** One file of an image, laid into its root filesystem. */
export type ImageFile =
  | {
      readonly kind: 'file';
      readonly path: string;
      readonly mode: number;
      readonly content: Buffer;
      /** modification time to keep (ms since the epoch): CPython checks a .pyc against its source's mtime */
      readonly mtimeMs?: number;
    }
  | { readonly kind: 'dir'; readonly path: string; readonly mode: number }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string };

/**
 * An image made without a registry: a root filesystem of files (a static binary for the
 * micro workloads; binaries, shared libraries and data files for the applications), an
 * entrypoint, and the user its processes run as. `name` is the repository without a tag
 * (`isobench/syscall`); the engine tags it with a hash of everything here, so a changed input
 * gets a new image and an unchanged one is reused.
 */
export interface ImageSpec {
  readonly name: string;
  readonly files: readonly ImageFile[];
  readonly entrypoint: readonly string[];
  /** `uid:gid`; default 0:0 (the workload needs root) */
  readonly user?: string;
  readonly env?: readonly string[];
  readonly workdir?: string;
}

/** An image the engine holds: its reference for `ContainerRequest.image`. */
export interface ImageRef {
  readonly ref: string;
  /** false when an image of exactly these inputs already existed */
  readonly built: boolean;
}

/**
 * How an engine starts a target's containers. Docker: a registered runtime name (`runc`,
 * `runsc`, `io.containerd.kata.v2`). containerd: a shim v2 runtime name (`io.containerd.runc.v2`,
 * `io.containerd.runsc.v1`, `io.containerd.kata.v2`), optionally the OCI binary the runc shim
 * runs (`/usr/bin/runsc`) and a runtime configuration file (runsc.toml, Kata's configuration).
 */
export interface RuntimeBinding {
  readonly name: string;
  readonly binary?: string;
  /**
   * Flags for the runtime binary (`--network=host`, `--platform=ptrace`). Docker passes the
   * runtimeArgs of its registration and ignores these; containerd passes them through the shim.
   */
  readonly args?: readonly string[];
  readonly configPath?: string;
}

export interface ContainerRequest {
  readonly image: string;
  /** arguments after the image's entrypoint */
  readonly cmd: readonly string[];
  readonly runtime: RuntimeBinding;
  readonly labels: Readonly<Record<string, string>>;
  readonly needs: ContainerNeeds;
  /** false: no seccomp filter (`runc:unconfined`); true: the engine's default profile */
  readonly seccomp: boolean;
  /** CPUs the container may run on, `cpuset` syntax (`1`, `0-1`); undefined: all */
  readonly cpuset?: string;
  /** `uid:gid` overriding the image's user */
  readonly user?: string;
  /**
   * Keep the container's stdin open and its stdout/stderr as live streams (`start` only): a
   * long-lived workload process asked for timed batches over stdin (paired interleaving).
   */
  readonly interactive?: boolean;
  /** from start to exit; the container is killed and removed after it */
  readonly timeoutMs: number;
  /** `start` only: how long the runtime may take to get it running (default: timeoutMs); a hung runtime fails the start then */
  readonly startTimeoutMs?: number;
  /** aborts the run (Ctrl-C); the container is still removed */
  readonly signal?: AbortSignal;
}

/**
 * When each phase ended, in ms after the create request was sent, as the client saw it:
 * the engine created the container, the start call returned (the runtime has the process
 * running), the wait call returned (the process exited).
 */
export interface ClientPhases {
  readonly createdMs: number;
  readonly startedMs: number;
  readonly exitedMs: number;
}

/** The engine's own timestamps, in ms since the epoch, for start-up splits (null where it keeps none). */
export interface EngineTimestamps {
  readonly createdMs: number;
  readonly startedMs: number;
  readonly finishedMs: number;
}

/** What one execution of a program came to, in a container or natively (plain facts, as execa's result). */
export type ExecutionOutcome =
  | {
      readonly kind: 'exited';
      readonly exitCode: number;
      readonly stdout: string;
      readonly stderr: string;
      readonly durationMs: number;
      readonly phases: ClientPhases | null;
      readonly timestamps: EngineTimestamps | null;
    }
  | {
      readonly kind: 'timed-out';
      readonly stdout: string;
      readonly stderr: string;
      readonly durationMs: number;
      /** 'start': the runtime never got the container running (it hung creating it) */
      readonly phase?: 'start' | 'run';
    }
  | { readonly kind: 'aborted'; readonly durationMs: number }
  | { readonly kind: 'engine-error'; readonly message: string; readonly durationMs: number };

/** A container started detached (a server, an idle sandbox). */
export interface RunningContainer {
  readonly id: string;
  /** its IPv4 address as the host reaches it; null without a network */
  ipv4(): Promise<string | null>;
  /** what it printed so far */
  logs(): Promise<{ stdout: string; stderr: string }>;
  /** live streams of a container started with `interactive`; null otherwise */
  stdio(): { readonly stdin: Writable; readonly stdout: Readable; readonly stderr: Readable } | null;
  /** host processes serving it: shim, runtime, sandbox, VMM, the container's own processes */
  hostPids(): number[];
  /** kills and removes it, and reaps its host processes; never throws; false if it may remain */
  remove(): Promise<boolean>;
}

/** One runtime an engine can start containers with, as the engine or the host shows it. */
export interface EngineRuntime {
  /** Docker: the registered name; containerd: the shim v2 runtime name */
  readonly name: string;
  /** the binary that runs (runsc, runc, containerd-shim-kata-v2) */
  readonly path: string;
  readonly runtimeArgs: readonly string[];
}

export interface EngineFacts {
  readonly kind: EngineKind;
  /** where it was reached: a socket path or DOCKER_HOST */
  readonly endpoint: string;
  readonly version: string;
  /** Docker's API version; null for containerd */
  readonly apiVersion: string | null;
  readonly runtimes: readonly EngineRuntime[];
  readonly storageDriver: string;
  readonly cgroupDriver: string;
}

export interface SweepResult {
  readonly removed: readonly string[];
  readonly failed: readonly string[];
  /** containers of another isobench still running here ("name (owner host:pid)"), left alone */
  readonly inUse: readonly string[];
}

export interface Engine {
  readonly kind: EngineKind;
  readonly endpoint: string;
  facts(): Promise<EngineFacts>;
  /** Builds or imports the image unless one of exactly these inputs exists. */
  ensureImage(spec: ImageSpec, signal?: AbortSignal): Promise<ImageRef>;
  /** Creates, starts and waits for one container and reads its output; removed whatever happens. */
  run(request: ContainerRequest): Promise<ExecutionOutcome>;
  /** Creates and starts a container that keeps running; removed before any error is thrown. */
  start(request: ContainerRequest): Promise<RunningContainer>;
  /**
   * Removes isobench's containers: of one run (`runId`), of every run that `isOver` says has
   * ended, or (neither) of every run except those another live isobench owns.
   */
  sweep(filter: { readonly runId?: string; readonly isOver?: (runId: string) => boolean }): Promise<SweepResult>;
  /** Removes the images isobench made (they are remade on demand). */
  removeImages(): Promise<Omit<SweepResult, 'inUse'>>;
  /** Whether the engine still answers, within a few seconds. */
  alive(): Promise<boolean>;
  /** ids of the containers the engine runs now (for orphan detection) */
  runningIds(): Promise<string[]>;
  /** names of every container isobench labelled with a run id, running or not (for doctor) */
  labelledContainers(): Promise<string[]>;
}
