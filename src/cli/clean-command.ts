import { connectDocker } from '../engine/connect.js';
import { orphanedRuntimeProcesses } from '../engine/orphans.js';
import { sweepContainers, sweepImages } from '../engine/sweep.js';

const list = (names: readonly string[]): string => (names.length > 0 ? `: ${names.join(', ')}` : '');

/**
 * `isobench clean`: removes the containers a killed isobench left (and the workload images with
 * --images), leaves those of an isobench still running alone, and names orphaned runtime
 * processes. Exit 1 when something could not be removed.
 */
export async function cleanCommand(options: { images: boolean }): Promise<number> {
  const { docker } = await connectDocker();
  const containers = await sweepContainers(docker);
  process.stderr.write(`removed ${containers.removed.length} container(s)${list(containers.removed)}\n`);
  if (containers.inUse.length > 0) process.stderr.write(`left ${containers.inUse.length} container(s) of an isobench still running alone${list(containers.inUse)}\n`);
  if (containers.failed.length > 0) process.stderr.write(`could not remove ${containers.failed.length} container(s)${list(containers.failed)}\n`);
  let imagesFailed = 0;
  if (options.images) {
    const images = await sweepImages(docker);
    process.stderr.write(`removed ${images.removed.length} image(s)${list(images.removed)}\n`);
    if (images.failed.length > 0) process.stderr.write(`could not remove ${images.failed.length} image(s)${list(images.failed)}\n`);
    imagesFailed = images.failed.length;
  }
  const orphans = await orphanedRuntimeProcesses(docker);
  if (orphans.length > 0) {
    process.stderr.write(`runtime processes serving no running container${list(orphans)}\n`);
    process.stderr.write('  they are orphans of a container that is gone: stop them with kill -9 PID\n');
  }
  return containers.failed.length > 0 || imagesFailed > 0 ? 1 : 0;
}
