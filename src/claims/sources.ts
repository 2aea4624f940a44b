/**
 * The seed documents the built-in claims come from, and how their tiers map to runtime
 * targets isobench can run.
 *
 * Tier mapping (issue 4):
 *   容器化 / container        runc (Docker's default seccomp profile on) vs native
 *   沙盒化 / sandbox (seccomp) runc vs runc:unconfined: the same container with and without the
 *                            seccomp filter, so the difference is the filter's own cost
 *   gVisor                   runsc
 *   虚拟化 / Kata / VM        kata (vs native)
 *   Firecracker              kata-fc (Kata with the Firecracker hypervisor, as Docker registers it)
 */

export const ISOLATION_DOC = 'isolation-comparison-5.4.md';
export const TRADEOFFS_DOC = 'gvisor-kata-tradeoffs.md';

/** The target and reference of each tier of the 5.4 tables (§1.1, §3.1, §3.2). */
export const TIER_TARGETS = {
  container: { target: 'runc', reference: 'native' },
  sandbox: { target: 'runc', reference: 'runc:unconfined' },
  vm: { target: 'kata', reference: 'native' },
} as const;

/** Start-up claims are read as the runtime's own start, without Docker's create call. */
export const STARTUP_METRIC = { workload: 'startup', metric: 'startup_runtime_start' } as const;
export const STARTUP_NOTE =
  "read as the runtime's own start (startup_runtime_start: the start call, i.e. containerd, shim, sandbox set-up and process start), without Docker's create call; startup_total adds it";

/** Memory claims are read as the host memory of one idle sandbox. */
export const MEMORY_METRIC = { workload: 'memory', metric: 'pss_per_sandbox' } as const;
export const MEMORY_NOTE = 'read as the summed PSS of the host processes serving one idle sandbox; MB taken as 10^6 bytes';

/** "CPU overhead" is read as the throughput lost by pure user-space compute. */
export const CPU_METRIC = { workload: 'cpu', metric: 'hash_4k' } as const;
