import { hostname } from 'node:os';
import type { RunStatus, StoredRunStatus, TrialStatus } from './records.js';

/**
 * The status a run is shown with, from what is stored (issue 13, classes 3 and 7):
 * - `complete` with failed trials is `partial`, or `failed` when no trial is ok: such a run is
 *   never a compare base nor counted as complete;
 * - `running` on this host whose process is gone (SIGKILL, power loss) is `dead`, before the
 *   next `isobench run` marks it interrupted.
 */
export function effectiveStatus(
  stored: StoredRunStatus,
  counts: Readonly<Record<TrialStatus, number>>,
  owner: { readonly hostname: string; readonly pid: number },
  here: { readonly hostname: string; readonly isAlive: (pid: number) => boolean } = { hostname: hostname(), isAlive: processAlive },
): RunStatus {
  if (stored === 'complete' && counts.failed > 0) return counts.ok === 0 ? 'failed' : 'partial';
  if (stored === 'running' && owner.hostname === here.hostname && !here.isAlive(owner.pid)) return 'dead';
  return stored;
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
