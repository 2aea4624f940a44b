import type { Engine } from '../engine/engine.js';
import { connectEngines } from '../engine/engines.js';
import { IsobenchError } from '../errors.js';
import { orphanedRuntimeProcesses } from '../engine/orphans.js';

const list = (names: readonly string[]): string => (names.length > 0 ? `: ${names.join(', ')}` : '');

/**
 * `isobench clean`: on every engine that answers (Docker, containerd), removes the containers a
 * killed isobench left (and the workload images with --images), leaves those of an isobench
 * still running alone, and names orphaned runtime processes. Exit 1 when something could not
 * be removed; DOCKER_UNAVAILABLE when no engine answers at all.
 */
export async function cleanCommand(options: { images: boolean }): Promise<number> {
  const connected = await connectEngines(new Set(['docker', 'containerd']));
  const engines: Engine[] = Object.values(connected).flatMap((c) => (c && !('error' in c) ? [c.engine] : []));
  if (engines.length === 0) {
    const why = Object.entries(connected).map(([kind, c]) => `${kind}: ${c && 'error' in c ? c.error : 'not asked'}`).join('; ');
    throw new IsobenchError('DOCKER_UNAVAILABLE', `no engine answers (${why})`, { hint: 'start one with: sudo scripts/setup-host.sh' });
  }
  let failures = 0;
  for (const engine of engines) {
    const containers = await engine.sweep({});
    process.stderr.write(`${engine.kind}: removed ${containers.removed.length} container(s)${list(containers.removed)}\n`);
    if (containers.inUse.length > 0) process.stderr.write(`${engine.kind}: left ${containers.inUse.length} container(s) of an isobench still running alone${list(containers.inUse)}\n`);
    if (containers.failed.length > 0) process.stderr.write(`${engine.kind}: could not remove ${containers.failed.length} container(s)${list(containers.failed)}\n`);
    failures += containers.failed.length;
    if (options.images) {
      const images = await engine.removeImages();
      process.stderr.write(`${engine.kind}: removed ${images.removed.length} image(s)${list(images.removed)}\n`);
      if (images.failed.length > 0) process.stderr.write(`${engine.kind}: could not remove ${images.failed.length} image(s)${list(images.failed)}\n`);
      failures += images.failed.length;
    }
  }
  const orphans = await orphanedRuntimeProcesses(engines);
  if (orphans.length > 0) {
    process.stderr.write(`runtime processes serving no running container${list(orphans)}\n`);
    process.stderr.write('  they are orphans of a container that is gone: stop them with kill -9 PID\n');
  }
  return failures > 0 ? 1 : 0;
}
