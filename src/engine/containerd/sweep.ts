import type { SweepResult } from '../engine.js';
import { LABEL_KIND, LABEL_OWNER, LABEL_RUN_ID, ownedByAnotherLiveProcess } from '../labels.js';
import { ctr, ctrOk } from './ctr.js';
import { removeContainer } from './remove.js';

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
  return { removed, failed, inUse };
}
