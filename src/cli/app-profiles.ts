/**
 * The native profiles a run makes of its application commands (issue 11's validation): after
 * the trials, each command an application workload times (python's start-up, the build, a
 * sqlite run…) is run natively, once per untraced run under perf stat and once under strace,
 * through the same launcher and with the same set-up as its trials (`apprun time` with no
 * warm-up and one run), and stored with the run. The report then predicts each command's
 * slowdown per runtime from the per-call costs and sets it beside the slowdown measured.
 * Servers (redis, nginx) and memaccess have no single command to run and are not profiled.
 */
import { makeNativeScratch } from '../bench/executors/native.js';
import { profileOfRuns } from '../profile/profile.js';
import { findTools, type Tools } from '../profile/tools.js';
import type { SyscallCount } from '../profile/strace-summary.js';
import { runKindsTrace, runTraced, runUntraced, type UntracedRun } from '../profile/tracer.js';
import type { Store } from '../store/store.js';
import { programOf } from '../workloads/program.js';
import { ONE_RUN, oneRunEach } from '../workloads/apps/timed.js';
import type { WorkloadSpec } from '../workloads/types.js';

/**
 * The traced run's calls less the launcher's own start: strace starts apprun with one execve, which a
 * run of the command in a trial does not include (there apprun is running already and forks and execs
 * the command, and both of those are in the profile too).
 */
export function withoutLauncherStart(syscalls: readonly SyscallCount[]): SyscallCount[] {
  return syscalls
    .map((s) => (s.name === 'execve' && s.calls > 0 ? { ...s, calls: s.calls - 1 } : s))
    .filter((s) => s.calls > 0);
}

/** Untraced runs per command; the baseline of the prediction is their median wall time. */
export const UNTRACED_RUNS = 3;

/** The workloads among these that have commands to profile. */
export function profilable(workloads: readonly WorkloadSpec[]): WorkloadSpec[] {
  return workloads.filter((w) => oneRunEach(w.args(ONE_RUN, { rootfs: '/scratch', tmpfs: '/tmpfs' })) !== null);
}

/**
 * Profiles every command of these workloads natively and stores the profiles with the run.
 * Returns how many were stored, or why none could be (no strace or perf): the run itself is
 * complete either way, so a missing tool is a notice, not an error.
 */
export async function profileApplications(
  store: Store, runId: string, workloads: readonly WorkloadSpec[],
  options: { progress: (line: string) => void; signal?: AbortSignal },
): Promise<{ stored: number } | { skipped: string }> {
  const apps = profilable(workloads);
  if (apps.length === 0) return { stored: 0 };
  let tools: Tools;
  try {
    tools = await findTools();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  let stored = 0;
  const run = { output: 'ignore' as const, ...(options.signal ? { signal: options.signal } : {}) };
  for (const workload of apps) {
    const scratch = await makeNativeScratch();
    try {
      const launcher = programOf(workload).nativePath();
      for (const one of oneRunEach(workload.args(ONE_RUN, scratch.dirs)) ?? []) {
        const how = `perf stat ×${UNTRACED_RUNS}, then strace -c -f and perf trace`;
        options.progress(`profiling ${workload.id}/${one.metric} natively (${how})`);
        const argv = [launcher, ...one.args];
        const untraced: UntracedRun[] = [];
        for (let i = 0; i < UNTRACED_RUNS; i += 1) untraced.push(await runUntraced(tools, argv, run));
        const traced = await runTraced(tools, argv, run);
        const kinds = await runKindsTrace(tools, argv, run);
        const what = `${workload.id}/${one.metric}`;
        if (typeof kinds === 'string') {
          options.progress(`${what}: ${kinds}; its faults and mmaps are priced as anonymous`);
        }
        const counted = { ...traced, syscalls: withoutLauncherStart(traced.syscalls) };
        const told = typeof kinds === 'string' ? null : kinds;
        const profile = profileOfRuns({ kind: 'command', argv }, tools.straceVersion, untraced, counted, told);
        if (profile.native.exitCode !== 0) {
          options.progress(`${workload.id}/${one.metric}: the command exited with ${profile.native.exitCode} natively; not profiled`);
          continue;
        }
        store.saveRunProfile(runId, workload.id, one.metric, profile);
        stored += 1;
      }
    } finally {
      await scratch.remove();
    }
  }
  return { stored };
}
