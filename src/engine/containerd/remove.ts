import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { killRuntimeProcesses, reapContainerProcesses } from '../reap.js';
import { removeCgroups } from './cgroups.js';
import { ctr, type CtrResult } from './ctr.js';
import { PID_DIR } from './launch.js';
import { cniPluginDir, hasNetwork, removeNetwork } from './network.js';

/** A healthy kill or delete takes milliseconds; past this the runtime is taken to hang. */
const STEP_TIMEOUT_MS = 10_000;

const notFound = (r: CtrResult): boolean => r.exitCode !== 0 && /not found/i.test(r.stderr);
const done = (r: CtrResult): boolean => r.exitCode === 0 || notFound(r);

/**
 * Kills the task, deletes it and the container with its snapshot; true when all went or were gone. Where there is
 * no container, a snapshot of its id may still be: `ctr run` prepares it first, and a ctr (or containerd) that died
 * before it made the container leaves it behind.
 */
async function attempt(address: string, id: string): Promise<boolean> {
  const info = await ctr(address, ['containers', 'info', id], { timeoutMs: STEP_TIMEOUT_MS });
  if (notFound(info)) return done(await ctr(address, ['snapshots', 'rm', id], { timeoutMs: STEP_TIMEOUT_MS }));
  await ctr(address, ['tasks', 'kill', '--signal', 'SIGKILL', id], { timeoutMs: STEP_TIMEOUT_MS });
  // Its result does not tell: runsc's delete after a kill fails ("sandbox is not running") once the task is gone.
  await ctr(address, ['tasks', 'delete', '--force', id], { timeoutMs: STEP_TIMEOUT_MS });
  // `ctr containers delete` removes the container's snapshot with it; it fails while a task remains.
  return done(await ctr(address, ['containers', 'delete', id], { timeoutMs: STEP_TIMEOUT_MS }));
}

export interface RemoveOptions {
  /** the task never got past the runtime's create (a trial timeout or abort during it): kill the runtime first */
  readonly runtimeStuck?: boolean;
  readonly pidFile?: string;
}

/**
 * Removes a container, its task and its snapshot whatever state they are in, then kills any
 * host process still serving that id (runsc-sandbox and runsc-gofer outlive a failed runsc
 * start) and removes its cgroups. Bounded: a runtime that hangs (runsc --platform=kvm here)
 * blocks the shim's kill and delete, so its processes are killed and the removal retried.
 * Never throws; false when the container may still exist.
 */
export async function removeContainer(address: string, id: string, options: RemoveOptions = {}): Promise<boolean> {
  if (options.runtimeStuck) killRuntimeProcesses(id);
  let removed = await attempt(address, id).catch(() => false);
  if (!removed) {
    killRuntimeProcesses(id);
    removed = await attempt(address, id).catch(() => false);
  }
  await reapContainerProcesses(id).catch(() => []);
  await removeCgroups(id);
  if (hasNetwork(id)) {
    try {
      await removeNetwork(id, cniPluginDir());
    } catch {
      // the plugins went away meanwhile: the namespace stays until the next sweep
    }
  }
  rmSync(options.pidFile ?? join(PID_DIR, `${id}.pid`), { force: true });
  return removed;
}
