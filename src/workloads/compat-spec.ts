import type { WorkloadSpec } from './types.js';

/**
 * The compatibility probe (workloads/compat.c): one line per check, no samples
 * (src/compat/). It runs in the same least-privilege container as every workload (all
 * capabilities dropped, no-new-privileges), so it reports what that container allows. It has
 * a network ('bridge', as `calls` and `net`) because its loopback and DNS checks need an up
 * loopback interface, which runsc with --network=host gives a container only on a network:
 * without one they would fail for the set-up's sake, not the runtime's.
 * It needs a writable root filesystem (/scratch: O_DIRECT, fsync reaching the
 * device, xattrs, locks) beside a tmpfs (/tmpfs: the fsync baseline). Each check has its own
 * deadline in the binary (5 to 15 s); 90 s bounds the whole probe on a slow runtime.
 */
export const compat: WorkloadSpec = {
  id: 'compat',
  description: 'will it run at all? checks of kernel interfaces (ptrace, perf, /proc, /sys, namespaces, io_uring, ioctls, sockets, DNS, signals…)',
  binary: 'compat',
  metrics: [],
  needsScratch: true,
  args: (_budget, scratch) => ['--dir', scratch.rootfs, '--tmpdir', scratch.tmpfs],
  container: {
    network: 'bridge', readonlyRootfs: false, tmpfs: { '/tmpfs': 'rw,size=64m' },
    rootBecause: 'it checks what root in a default container may do (mount, unshare, raw sockets, ptrace) and writes in /scratch of the root filesystem' },
  output: 'checks',
  minTrialTimeoutMs: 90_000,
};
