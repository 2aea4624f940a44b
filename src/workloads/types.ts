import type { ImageSpec } from '../engine/engine.js';

/** Measurements taken from the host (src/measure/registry.ts) instead of parsed from output. */
export type HostMeasure = 'startup' | 'memory' | 'net';

/**
 * Where a workload's program is: on the host (the native target runs it there) and in the
 * image a container runs, whose entrypoint starts it. Default (no `program`): the static
 * binary `workloads/bin/<binary>`, alone in a FROM-scratch image at `/<binary>`
 * (src/workloads/program.ts).
 */
export interface WorkloadProgram {
  /** the program's path on the host; throws WORKLOAD_BINARY_MISSING when it is not there */
  nativePath(): string;
  /** the image holding it; rebuilt by the engine only when its files change */
  image(): Promise<ImageSpec>;
}

/** One measured value, as a workload prints it (one JSON object per line, DESIGN.md). */
export interface Sample {
  /** e.g. `getppid`, `clock_gettime_monotonic`, `create_write_close.rootfs` */
  readonly metric: string;
  /** e.g. `ns/op`, `ops/s`, `us`, `ms`, `MiB` */
  readonly unit: string;
  readonly value: number;
  /** how many operations the value is the mean of (1 for a single timing) */
  readonly iterations: number;
  /** repetition index within the trial, from 0 */
  readonly rep: number;
}

export type Direction = 'lower-is-better' | 'higher-is-better';

export interface MetricSpec {
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly description: string;
}

/** How much work a trial does: the workload sizes its iteration count to `repBudgetMs`. */
export interface Budget {
  /** measured repetitions printed by one execution of the binary */
  readonly repetitions: number;
  /** time budget of one repetition, in milliseconds */
  readonly repBudgetMs: number;
  /** warm-up before the first timed repetition, in milliseconds */
  readonly warmupMs: number;
}

/** What a workload needs from its container. Least privilege by default. */
export interface ContainerNeeds {
  readonly network: 'none' | 'bridge';
  readonly readonlyRootfs: boolean;
  /** tmpfs mounts: path -> mount options, e.g. { '/tmpfs': 'rw,size=64m' } */
  readonly tmpfs: Readonly<Record<string, string>>;
}

/**
 * Writable directories a workload may use, labelled by the filesystem they sit on. In a
 * container: `/scratch` on the container's root filesystem and a tmpfs mount at `/tmpfs`.
 * Natively: a fresh temporary directory on disk and one under /dev/shm, made and removed by
 * the orchestrator.
 */
export interface ScratchDirs {
  readonly rootfs: string;
  readonly tmpfs: string;
}

export const CONTAINER_SCRATCH: ScratchDirs = { rootfs: '/scratch', tmpfs: '/tmpfs' };

export interface WorkloadSpec {
  readonly id: string;
  readonly description: string;
  /** file name of the static binary under `workloads/bin/` */
  readonly binary: string;
  /** where the program is natively and in its image; default: the static binary (see WorkloadProgram) */
  readonly program?: WorkloadProgram;
  readonly metrics: readonly MetricSpec[];
  /** whether the workload writes files (it then gets ScratchDirs) */
  readonly needsScratch: boolean;
  /** command-line arguments for the binary (without the binary itself) */
  args(budget: Budget, scratch: ScratchDirs): string[];
  readonly container: ContainerNeeds;
  /** `uid:gid` its containers run as; undefined: the image's user (root for the static binaries) */
  readonly user?: string;
  /**
   * Set for measurements taken from the host (src/measure/) rather than printed by the binary:
   * `startup` times cold starts of the binary (a no-op), `memory` measures the host memory of
   * sandboxes idling in it. Their trials produce samples without parsing any output.
   * `net` runs the binary itself, twice (loopback inside a container; a client on the host
   * against a server container), and parses both outputs into samples.
   */
  readonly hostMeasured?: HostMeasure;
  /**
   * Minimum warm-up the workload needs whatever the budget says (gVisor calibrates its clock
   * for about a second after start, so `clock` needs >= 2 s).
   */
  readonly minWarmupMs?: number;
}
