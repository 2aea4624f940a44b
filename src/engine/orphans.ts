import type { Engine } from './engine.js';
import { listProcesses, type HostProcess } from '../host/processes.js';

/** Programs a runtime leaves behind when its container is gone (HOST-NOTES.md saw runsc do so). */
const RUNTIME_PROGRAMS = ['runsc-sandbox', 'runsc-gofer', 'runsc', 'containerd-shim-runc-v2', 'containerd-shim-kata-v2', 'qemu-system-x86_64', 'cloud-hypervisor', 'virtiofsd', 'firecracker'];

/** The program a process runs: runsc re-executes itself as `exe`, so its argv[0] names it, not its comm. */
export function programOf(p: HostProcess): string {
  const argv0 = p.cmdline.split(' ', 1)[0] ?? '';
  return argv0.slice(argv0.lastIndexOf('/') + 1) || p.comm;
}

/**
 * Runtime processes that serve no running container (pure, on a snapshot): neither they nor
 * any of their ancestors name the id of a container the engine runs.
 */
export function orphanedAmong(all: readonly HostProcess[], runningIds: readonly string[]): HostProcess[] {
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const serves = (p: HostProcess): boolean => {
    for (let q: HostProcess | undefined = p, hops = 0; q && hops < 64; q = byPid.get(q.ppid), hops += 1) {
      if (runningIds.some((id) => q?.cmdline.includes(id))) return true;
    }
    return false;
  };
  return all.filter((p) => p.state !== 'Z' && RUNTIME_PROGRAMS.includes(programOf(p)) && !serves(p));
}

/** Runtime processes on this host that serve no container any of the engines runs, e.g. "runsc-sandbox (pid 4242)". */
export async function orphanedRuntimeProcesses(engines: readonly Engine[]): Promise<string[]> {
  const running = (await Promise.all(engines.map((e) => e.runningIds()))).flat();
  return orphanedAmong(listProcesses(), running).map((p) => `${programOf(p)} (pid ${p.pid})`);
}
