import { listProcesses, withDescendants, type HostProcess } from '../host/processes.js';
import { sleep } from '../sleep.js';

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
 * The runtime's own processes of a container (runsc create/start, runsc-sandbox, runsc-gofer,
 * the container's processes), without its containerd shim (pure, on a snapshot).
 */
export function runtimeProcessesOfContainer(all: readonly HostProcess[], containerId: string): HostProcess[] {
  return processesOfContainer(all, containerId).filter((p) => !p.comm.startsWith('containerd-shim') && p.state !== 'Z');
}

function killAll(processes: readonly HostProcess[]): void {
  for (const p of processes) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * Kills the runtime processes of a container at once, sparing its shim. A runtime that hangs
 * while creating the container (runsc --platform=kvm on a nested VM spins for ever) holds the
 * container's lock in dockerd, so `docker rm -f` hangs too; once the runtime is gone, the start
 * fails, the shim exits by itself and the container can be removed. Returns what it killed.
 */
export function killRuntimeProcesses(containerId: string): HostProcess[] {
  const left = runtimeProcessesOfContainer(listProcesses(), containerId);
  killAll(left);
  return left;
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
    await sleep(POLL_MS);
  }
  const left = processesOfContainer(listProcesses(), containerId).filter((p) => p.state !== 'Z');
  killAll(left);
  return left;
}
