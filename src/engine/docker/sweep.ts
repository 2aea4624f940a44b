import type Docker from 'dockerode';
import { LABEL_KIND, LABEL_RUN_ID, LABEL_OWNER, ownedByAnotherLiveProcess } from '../labels.js';
import { removeContainer } from './container.js';

export interface SweepResult {
  readonly removed: readonly string[];
  readonly failed: readonly string[];
  /** containers of another isobench still running here ("name (owner host:pid)"), left alone */
  readonly inUse: readonly string[];
}

const nameOf = (c: Docker.ContainerInfo): string => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);

async function removeAll(docker: Docker, containers: readonly Docker.ContainerInfo[]): Promise<SweepResult> {
  const removed: string[] = [];
  const failed: string[] = [];
  const inUse: string[] = [];
  for (const c of containers) {
    if (ownedByAnotherLiveProcess(c.Labels)) inUse.push(`${nameOf(c)} (owner ${c.Labels[LABEL_OWNER]})`);
    else if (await removeContainer(docker.getContainer(c.Id))) removed.push(nameOf(c));
    else failed.push(nameOf(c));
  }
  return { removed, failed, inUse };
}

/**
 * Removes the containers isobench labelled: of one run, or of all runs except those another
 * isobench process on this host is still using. Never throws on a single failure.
 */
export async function sweepContainers(docker: Docker, runId?: string): Promise<SweepResult> {
  const label = runId === undefined ? [LABEL_RUN_ID] : [`${LABEL_RUN_ID}=${runId}`];
  const labelled = await docker.listContainers({ all: true, filters: { label } });
  const probes = runId === undefined ? await docker.listContainers({ all: true, filters: { label: [`${LABEL_KIND}=probe`] } }) : [];
  const seen = new Set<string>();
  return removeAll(docker, [...labelled, ...probes].filter((c) => !seen.has(c.Id) && seen.add(c.Id)));
}

/**
 * Removes the containers of runs that are over (finished, or abandoned by a killed isobench):
 * what a run that lost its engine or its process left behind. Containers of runs still under
 * way, or unknown to the caller (another database, another host), are left alone.
 */
export async function sweepEndedRuns(docker: Docker, isOver: (runId: string) => boolean): Promise<SweepResult> {
  const labelled = await docker.listContainers({ all: true, filters: { label: [LABEL_RUN_ID] } });
  return removeAll(docker, labelled.filter((c) => c.Labels[LABEL_RUN_ID] !== undefined && isOver(c.Labels[LABEL_RUN_ID])));
}

/** Removes the workload images isobench built (they are rebuilt on demand). */
export async function sweepImages(docker: Docker): Promise<Omit<SweepResult, 'inUse'>> {
  const images = await docker.listImages({ filters: { label: [LABEL_KIND] } });
  const removed: string[] = [];
  const failed: string[] = [];
  for (const image of images) {
    const name = image.RepoTags?.[0] ?? image.Id;
    try {
      await docker.getImage(image.Id).remove({ force: true });
      removed.push(name);
    } catch {
      failed.push(name);
    }
  }
  return { removed, failed };
}
