import { APP_WORKLOADS } from './apps/index.js';
import { compat } from './compat-spec.js';
import { callsWorkload } from './calls-spec.js';
import type { Budget, ContainerNeeds, MetricSpec, ScratchDirs, WorkloadSpec } from './types.js';

/** Every workload binary takes these three options (workloads/common.c). */
function budgetArgs(budget: Budget): string[] {
  return ['--reps', String(budget.repetitions), '--budget-ms', String(budget.repBudgetMs), '--warmup-ms', String(budget.warmupMs)];
}

function nsPerOp(name: string, description: string): MetricSpec {
  return { name, unit: 'ns/op', direction: 'lower-is-better', description };
}

/** Least privilege: no network, read-only root filesystem, no tmpfs. */
const SEALED: ContainerNeeds = { network: 'none', readonlyRootfs: true, tmpfs: {} };

const syscall: WorkloadSpec = {
  id: 'syscall',
  description: 'cost of entering the kernel: a raw getppid loop (headline) and a few common system calls',
  binary: 'syscall',
  metrics: [
    nsPerOp('getppid', 'raw syscall(SYS_getppid): the bare cost of one system call'),
    nsPerOp('read_devzero_1b', 'read of 1 byte from /dev/zero (file descriptor opened once)'),
    nsPerOp('open_close', 'open + close of an existing file (the binary itself)'),
    nsPerOp('stat', 'stat of an existing file (the binary itself)'),
    nsPerOp('futex_wake', 'FUTEX_WAKE on a private futex word with no waiter'),
    nsPerOp('mmap_munmap', 'mmap + munmap of one anonymous page, never touched'),
    nsPerOp('getpid_inline', 'getpid through an inline x86_64 syscall instruction, bypassing libc (x86_64 only)'),
  ],
  needsScratch: false,
  args: (budget) => budgetArgs(budget),
  container: SEALED,
};

const clock: WorkloadSpec = {
  id: 'clock',
  description: 'reading the time through the vDSO: gettimeofday and clock_gettime',
  binary: 'clock',
  metrics: [
    nsPerOp('gettimeofday', 'gettimeofday(&tv, NULL) per call'),
    nsPerOp('clock_gettime_monotonic', 'clock_gettime(CLOCK_MONOTONIC) per call'),
    nsPerOp('clock_gettime_realtime', 'clock_gettime(CLOCK_REALTIME) per call'),
  ],
  needsScratch: false,
  args: (budget) => budgetArgs(budget),
  container: SEALED,
  // gVisor's timekeeper calibrates for about a second after start. The binary itself holds its
  // first measurement until 2 s after start (CLOCK_MIN_START_MS in workloads/clock.c).
  minWarmupMs: 2000,
};

const cpu: WorkloadSpec = {
  id: 'cpu',
  description: 'pure user-space compute: FNV-1a 64 over a 4 KiB buffer, no system calls',
  binary: 'cpu',
  metrics: [{ name: 'hash_4k', unit: 'ops/s', direction: 'higher-is-better', description: 'FNV-1a 64 hashes of a 4 KiB buffer per second' }],
  needsScratch: false,
  args: (budget) => budgetArgs(budget),
  container: SEALED,
};

const FILE_OPS: readonly (readonly [op: string, what: string])[] = [
  ['create_write_close', 'create + write 4 KiB + close of a new file'],
  ['open_read_close', 'open + read 4 KiB + close of an existing file'],
  ['stat', 'stat of an existing file'],
  ['unlink', 'unlink of a 4 KiB file created and written beforehand (creation not timed)'],
];
const FILESYSTEMS: readonly (readonly [label: keyof ScratchDirs, where: string])[] = [
  ['rootfs', "on the container's root filesystem (a temporary directory on disk natively)"],
  ['tmpfs', 'on a tmpfs mount (/dev/shm natively)'],
];

const fileio: WorkloadSpec = {
  id: 'fileio',
  description: 'small-file operations on the root filesystem and on tmpfs',
  binary: 'fileio',
  metrics: FILESYSTEMS.flatMap(([label, where]) => FILE_OPS.map(([op, what]) => nsPerOp(`${op}.${label}`, `${what}, ${where}`))),
  needsScratch: true,
  args: (budget, scratch) => [...budgetArgs(budget), '--dir', `${scratch.rootfs}:rootfs`, '--dir', `${scratch.tmpfs}:tmpfs`],
  container: {
    network: 'none',
    readonlyRootfs: false,
    tmpfs: { '/tmpfs': 'rw,size=64m' },
    rootBecause: "it creates /scratch in the image's root filesystem, whose / belongs to root",
  },
};

function ms(name: string, description: string): MetricSpec {
  return { name, unit: 'ms', direction: 'lower-is-better', description };
}

function mib(name: string, description: string): MetricSpec {
  return { name, unit: 'MiB', direction: 'lower-is-better', description };
}

const startup: WorkloadSpec = {
  id: 'startup',
  description: 'cold start of a no-op container, timed from the host (a native process spawn for native)',
  binary: 'noop',
  metrics: [
    ms('startup_total', 'create request to exit seen by the client (native: spawn to exit)'),
    ms('startup_docker_create', "Docker's part: the create call"),
    ms('startup_runtime_start', "the runtime's part: the start call (containerd, shim, sandbox set-up, process start)"),
    ms('startup_run_to_exit', 'the no-op process running and its exit reaching the client'),
    ms('startup_engine_created_to_started', "the engine's own timestamps: created to started"),
  ],
  needsScratch: false,
  args: () => [],
  container: SEALED,
  hostMeasured: 'startup',
};

const memory: WorkloadSpec = {
  id: 'memory',
  description: 'host memory of one idle sandbox: summed PSS of its host processes, and MemAvailable drop per sandbox',
  binary: 'idle',
  metrics: [
    mib('pss_per_sandbox', 'summed PSS of every host process serving one idle container (shim, runsc-sandbox and gofer, VMM…)'),
    mib('mem_available_drop_per_sandbox', "drop in MemAvailable with N idle containers up, divided by N (gVisor's density method)"),
  ],
  needsScratch: false,
  args: () => [],
  container: SEALED,
  hostMeasured: 'memory',
};

function us(name: string, description: string): MetricSpec {
  return { name, unit: 'us', direction: 'lower-is-better', description };
}

const NET_PATHS: readonly (readonly [label: string, where: string])[] = [
  ['loopback', 'server and client in one container over 127.0.0.1 (natively: one process tree)'],
  ['bridge', "server in a container, client on the host over Docker's bridge (natively: a server and a client process over 127.0.0.1)"],
];

/**
 * The only workload with a network. Measured from the host (src/measure/net.ts): the binary's
 * loopback mode runs in a container without a network (lo exists there), then a server
 * container on the bridge is measured by the same binary run natively as a client.
 */
const net: WorkloadSpec = {
  id: 'net',
  description: 'TCP echo of 64-byte messages (mean, median and p99 round trip) and connect + close, inside a container and across its boundary',
  binary: 'net',
  metrics: NET_PATHS.flatMap(([path, where]) => [
    us(`tcp_rtt_64b.${path}`, `mean round trip of a 64-byte message echoed back (TCP_NODELAY; client and server pinned to two CPUs), ${where}`),
    us(`tcp_rtt_64b_p50.${path}`, `median of the individually timed round trips of one repetition, ${where}`),
    us(`tcp_rtt_64b_p99.${path}`, `99th percentile of the individually timed round trips of one repetition, ${where}`),
    us(`connect_close.${path}`, `one short connection: socket + connect + the server accepting and closing + close, ${where}`),
  ]),
  needsScratch: false,
  // client on one CPU, server on another: left to the scheduler, the round trip flips between
  // ~16 µs (same CPU) and ~65 µs (two CPUs of this VM) from one run to the next (workloads/net.c)
  args: (budget) => [...budgetArgs(budget), '--mode', 'loopback', '--placement', 'split'],
  container: { network: 'bridge', readonlyRootfs: true, tmpfs: {} },
  hostMeasured: 'net',
};

export const WORKLOADS: readonly WorkloadSpec[] = [syscall, clock, cpu, fileio, startup, memory, net, compat, callsWorkload(budgetArgs), ...APP_WORKLOADS];

export const WORKLOAD_IDS: readonly string[] = WORKLOADS.map((w) => w.id);

/** Real applications (src/workloads/apps/) and the memory-access micro that came with them: `--workloads apps`. */
export const APP_WORKLOAD_IDS: readonly string[] = APP_WORKLOADS.map((w) => w.id);
/** The name `--workloads` accepts for all of APP_WORKLOAD_IDS. */
export const APPS_GROUP = 'apps';
/** What a run measures without `--workloads`: the micro workloads (applications are asked for). */
export const DEFAULT_WORKLOAD_IDS: readonly string[] = WORKLOAD_IDS.filter((id) => !APP_WORKLOAD_IDS.includes(id));

export function workloadById(id: string): WorkloadSpec | undefined {
  return WORKLOADS.find((w) => w.id === id);
}
