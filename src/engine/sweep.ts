import type Docker from 'dockerode';
import { LABEL_KIND, LABEL_RUN_ID } from './labels.js';
import { removeContainer } from './container.js';

export interface SweepResult {
  readonly removed: readonly string[];
  readonly failed: readonly string[];
}

/** Removes every container isobench labelled (of one run, or of all runs). Never throws on a single failure. */
export async function sweepContainers(docker: Docker, runId?: string): Promise<SweepResult> {
  const label = runId === undefined ? [LABEL_RUN_ID] : [`${LABEL_RUN_ID}=${runId}`];
  const probes = await docker.listContainers({ all: true, filters: { label: [`${LABEL_KIND}=probe`] } });
  const labelled = await docker.listContainers({ all: true, filters: { label } });
  const removed: string[] = [];
  const failed: string[] = [];
  for (const c of [...labelled, ...probes]) {
    const name = c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);
    if (await removeContainer(docker.getContainer(c.Id))) removed.push(name);
    else failed.push(name);
  }
  return { removed, failed };
}

/** Removes the workload images isobench built (they are rebuilt on demand). */
export async function sweepImages(docker: Docker): Promise<SweepResult> {
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
