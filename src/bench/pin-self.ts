/**
 * Pins this isobench process, all its threads, to a CPU list with util-linux's `taskset`
 * (Node has no sched_setaffinity), and gives back a way to undo it. Best effort: a host without
 * taskset runs unpinned, and says so.
 *
 * The programs isobench starts on the host inherit its affinity, so a pin must not outlive the
 * work it is for: a native program of a later trial pinned to isobench's own CPU ran up to 40 %
 * slower than the same program in a runc container free to use every CPU (python's start-up,
 * 2026-12-07).
 */
import { execa } from 'execa';

export interface SelfPin {
  readonly pinned: boolean;
  readonly why: string | null;
  /** puts back the affinity isobench had before (once; nothing when it was not pinned) */
  readonly restore: () => Promise<void>;
}

const TIMEOUT_MS = 5_000;

/** This process's CPU list as taskset prints it ("pid 42's current affinity list: 0,1"), or null. */
export async function selfAffinity(): Promise<string | null> {
  const result = await execa('taskset', ['-c', '-p', String(process.pid)], { reject: false, timeout: TIMEOUT_MS });
  return result.exitCode === 0 ? (/list:\s*(\S+)\s*$/.exec(String(result.stdout))?.[1] ?? null) : null;
}

async function setAffinity(cpus: string): Promise<{ ok: boolean; why: string | null }> {
  const argv = ['-a', '-p', '-c', cpus, String(process.pid)];
  const result = await execa('taskset', argv, { reject: false, timeout: TIMEOUT_MS });
  if (result.exitCode === 0) return { ok: true, why: null };
  const why = result.failed && result.exitCode === undefined ? 'taskset is not installed (util-linux)' : String(result.stderr).trim() || `taskset exited with ${result.exitCode}`;
  return { ok: false, why };
}

export async function pinSelf(cpus: string): Promise<SelfPin> {
  const before = await selfAffinity();
  const { ok, why } = await setAffinity(cpus);
  if (!ok) return { pinned: false, why, restore: () => Promise.resolve() };
  let restored: Promise<void> | null = null;
  const restore = (): Promise<void> => {
    restored ??= before === null ? Promise.resolve() : setAffinity(before).then(() => undefined);
    return restored;
  };
  return { pinned: true, why: null, restore };
}
