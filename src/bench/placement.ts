/**
 * Where a paired run's processes run (issue 15): the workload processes on one CPU, isobench on
 * the other(s), so that isobench reading one batch's answer and writing the next command never
 * competes with the batch being timed. With one CPU nothing is pinned. `--cpus LIST` chooses the
 * workloads' CPUs; isobench gets the rest (or shares them when none is left).
 *
 * The engine's own daemons (dockerd, containerd, shims) are not moved: they are the host's,
 * shared with whatever else runs on it. Containers get the workload CPUs as their cpuset. A
 * sandbox or VM target (gVisor, Kata) is not pinned: its kernel's threads (the Sentry, the
 * vCPUs and the agent) serve every call of the program, and squeezing them onto the program's
 * one CPU measured something else — runsc's getppid took 20 µs pinned against 7.7 µs in the
 * unpinned one-process mode, on a quiet host. Only one target runs at a time, and isobench
 * waits while a batch runs, so the sandbox's extra CPU is nobody's.
 */
import { usageError } from '../errors.js';
import type { Tier } from '../runtimes/targets.js';

/** The cpuset of one target's workload process: the workload CPUs, except for sandboxes and VMs (see above). */
export function cpusetFor(tier: Tier, workloadCpus: string | undefined): string | undefined {
  return tier === 'sandbox' || tier === 'vm' ? undefined : workloadCpus;
}

/**
 * The shortest batch of a sandbox or VM target. Its process waits on stdin between batches, and a
 * kernel of its own answers its calls: gVisor's systrap platform takes its fast path again only
 * some tens of milliseconds after the program wakes. Measured on a quiet host (native and runsc,
 * syscall, paired): with 20 ms batches runsc's getppid batches read either about 7 µs or about 30 µs
 * (ptrace's figure), the median 9–17 µs from run to run; with 200 ms batches every batch read 7–11 µs,
 * as the one-process mode does (8.4 µs). So sandboxes and VMs get batches of at least this long;
 * the other targets keep `--batch-ms`. Each batch is still one sample, paired by round.
 */
export const SANDBOX_MIN_BATCH_MS = 200;

/** The batch budget of one target's batches (ms): `--batch-ms`, at least SANDBOX_MIN_BATCH_MS for sandboxes and VMs. */
export function batchMsFor(tier: Tier, batchMs: number): number {
  return tier === 'sandbox' || tier === 'vm' ? Math.max(batchMs, SANDBOX_MIN_BATCH_MS) : batchMs;
}

export interface Placement {
  /** cpuset of every workload process (`1`, `2-3`); null: not pinned */
  readonly workloadCpus: string | null;
  /** cpuset isobench pins itself to; null: not pinned */
  readonly isobenchCpus: string | null;
  /** how it was chosen: 'default' (≥ 2 CPUs), 'single-cpu' (nothing pinned), 'cpus' (--cpus) */
  readonly source: 'default' | 'single-cpu' | 'cpus';
}

/** `0,2-3` → [0, 2, 3]; throws a usage error naming the bad value otherwise. */
export function parseCpuList(list: string, cpuCount: number): number[] {
  const bad = (): Error => usageError(`invalid value for --cpus: '${list}'`, `accepted: CPU numbers and ranges from 0 to ${cpuCount - 1}, e.g. 1 or 1-3 or 0,2`);
  const cpus = new Set<number>();
  for (const part of list.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) throw bad();
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from || to >= cpuCount) throw bad();
    for (let cpu = from; cpu <= to; cpu += 1) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/** `[0, 2, 3]` → `0,2-3`. */
export function formatCpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && (cpus[j + 1] as number) === (cpus[j] as number) + 1) j += 1;
    parts.push(i === j ? String(cpus[i]) : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The placement for a host of `cpuCount` CPUs (pure). */
export function choosePlacement(cpuCount: number, cpusOption?: string): Placement {
  const all = Array.from({ length: cpuCount }, (_, i) => i);
  if (cpusOption !== undefined) {
    const chosen = parseCpuList(cpusOption, cpuCount);
    const rest = all.filter((c) => !chosen.includes(c));
    return { workloadCpus: formatCpuList(chosen), isobenchCpus: rest.length > 0 ? formatCpuList(rest) : null, source: 'cpus' };
  }
  if (cpuCount < 2) return { workloadCpus: null, isobenchCpus: null, source: 'single-cpu' };
  return { workloadCpus: String(cpuCount - 1), isobenchCpus: formatCpuList(all.slice(0, -1)), source: 'default' };
}
