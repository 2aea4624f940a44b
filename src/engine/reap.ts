import { listProcesses, withDescendants, type HostProcess } from '../measure/processes.js';

const GRACE_MS = 2_000;
const POLL_MS = 200;

/** Host processes still serving a container id: those naming it on their command line, and their descendants. */
export function processesOfContainer(all: readonly HostProcess[], containerId: string): HostProcess[] {
  const roots = all.filter((p) => p.cmdline.includes(containerId) && p.comm !== 'pgrep');
  const seen = new Map<number, HostProcess>();
  for (const root of roots) for (const p of withDescendants(all, root.pid)) seen.set(p.pid, p);
  return [...seen.values()];
}

/**
 * After a container is removed, its shim and sandbox processes should go within moments. A
 * runsc container that failed to start leaves runsc-sandbox and runsc-gofer running after
 * Docker has given up on it (HOST-NOTES.md); this waits a grace period, then kills whatever
 * still serves that container id. Returns the processes it had to kill.
 */
export async function reapContainerProcesses(containerId: string): Promise<HostProcess[]> {
  for (let waited = 0; waited < GRACE_MS; waited += POLL_MS) {
    const left = processesOfContainer(listProcesses(), containerId).filter((p) => p.state !== 'Z');
    if (left.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const left = processesOfContainer(listProcesses(), containerId).filter((p) => p.state !== 'Z');
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return left;
}
