import type { SweepResult } from '../engine.js';
import { LABEL_KIND, LABEL_OWNER, LABEL_RUN_ID, ownedByAnotherLiveProcess } from '../labels.js';
import { ctr, ctrOk } from './ctr.js';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PID_DIR } from './launch.js';
import { removeContainer } from './remove.js';

const CGROUP_ROOT = '/sys/fs/cgroup';

/** The ids of the containers in isobench's namespace and their labels. */
export async function listContainers(address: string): Promise<{ id: string; labels: Record<string, string> }[]> {
  const ids = (await ctrOk(address, ['containers', 'ls', '-q'])).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const out: { id: string; labels: Record<string, string> }[] = [];
  for (const id of ids) {
    const info = await ctr(address, ['containers', 'info', id]);
    if (info.exitCode !== 0) continue;
    const labels = (JSON.parse(info.stdout) as { Labels?: Record<string, string> }).Labels ?? {};
    out.push({ id, labels });
  }
  return out;
}

/** ids of the tasks containerd runs now in isobench's namespace. */
export async function runningTaskIds(address: string): Promise<string[]> {
  const rows = (await ctrOk(address, ['tasks', 'ls'])).split('\n').slice(1);
  return rows.map((r) => r.trim().split(/\s+/)).filter((c) => c[2] === 'RUNNING').map((c) => c[0] as string);
}

/**
 * Removes isobench's containers: of one run, of the runs `isOver` says have ended, or (neither)
 * all but those another live isobench owns. Never throws on a single failure.
 */
export async function sweepContainers(
  address: string,
  filter: { readonly runId?: string; readonly isOver?: (runId: string) => boolean },
): Promise<SweepResult> {
  const removed: string[] = [];
  const failed: string[] = [];
  const inUse: string[] = [];
  for (const { id, labels } of await listContainers(address)) {
    const runId = labels[LABEL_RUN_ID];
    if (filter.runId !== undefined && runId !== filter.runId) continue;
    if (filter.runId === undefined && filter.isOver && !(runId !== undefined && filter.isOver(runId))) continue;
    if (filter.runId === undefined && !filter.isOver && runId === undefined && labels[LABEL_KIND] === undefined) continue;
    if (ownedByAnotherLiveProcess(labels)) inUse.push(`${id} (owner ${labels[LABEL_OWNER]})`);
    else if (await removeContainer(address, id)) removed.push(id);
    else failed.push(id);
  }
  if (filter.runId === undefined && !filter.isOver) removed.push(...(await removeStrays(address)));
  return { removed, failed, inUse };
}

/** The keys of the active snapshots in isobench's namespace (a container's has its id). */
async function activeSnapshots(address: string): Promise<string[]> {
  const rows = (await ctrOk(address, ['snapshots', 'ls'])).split('\n').slice(1);
  return rows.map((r) => r.trim().split(/\s+/)).filter((c) => c[c.length - 1] === 'Active').map((c) => c[0] as string);
}

/**
 * What a killed isobench leaves of a container containerd no longer has (or never made): its pid file,
 * cgroups, network namespace and snapshot (`isobench clean` only: a live isobench makes a container's
 * cgroups and snapshot just before the container). Returns the ids it tidied, e.g.
 * "isobench-6ee339ebf55d (left by a killed isobench: …)".
 */
async function removeStrays(address: string): Promise<string[]> {
  const known = new Set((await listContainers(address)).map((c) => c.id));
  const fromPidFiles = existsSync(PID_DIR) ? readdirSync(PID_DIR).filter((f) => f.endsWith('.pid')).map((f) => f.slice(0, -4)) : [];
  const fromCgroups = existsSync(CGROUP_ROOT)
    ? readdirSync(CGROUP_ROOT).flatMap((c) => (existsSync(join(CGROUP_ROOT, c, 'isobench')) ? readdirSync(join(CGROUP_ROOT, c, 'isobench')) : []))
    : [];
  const fromSnapshots = await activeSnapshots(address);
  const strays = [...new Set([...fromPidFiles, ...fromCgroups, ...fromSnapshots])]
    .filter((id) => /^isobench-[0-9a-f]+$/.test(id) && !known.has(id));
  for (const id of strays) await removeContainer(address, id);
  return strays.map((id) => `${id} (left by a killed isobench: pid file, cgroups, network, snapshot)`);
}
