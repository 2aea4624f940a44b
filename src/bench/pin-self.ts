/**
 * Pins this isobench process, all its threads, to a CPU list with util-linux's `taskset`
 * (Node has no sched_setaffinity). Best effort: a host without taskset runs unpinned, and says so.
 */
import { execa } from 'execa';

export async function pinSelf(cpus: string): Promise<{ pinned: boolean; why: string | null }> {
  const result = await execa('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { reject: false, timeout: 5_000 });
  if (result.exitCode === 0) return { pinned: true, why: null };
  const why = result.failed && result.exitCode === undefined ? 'taskset is not installed (util-linux)' : String(result.stderr).trim() || `taskset exited with ${result.exitCode}`;
  return { pinned: false, why };
}
