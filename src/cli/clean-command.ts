import { execa } from 'execa';
import { connectDocker } from '../engine/connect.js';
import { sweepContainers, sweepImages } from '../engine/sweep.js';

/** Host processes a runtime leaves behind when its container is gone (HOST-NOTES.md saw runsc do so). */
const RUNTIME_PROCESSES = ['runsc-sandbox', 'runsc-gofer', 'runsc', 'containerd-shim-kata-v2', 'qemu-system-x86_64', 'cloud-hypervisor', 'virtiofsd'];

export async function orphanedRuntimeProcesses(): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'pid=,comm='], { reject: false });
  return String(stdout)
    .split('\n')
    .map((l) => l.trim().split(/\s+/, 2))
    .filter(([, comm]) => comm !== undefined && RUNTIME_PROCESSES.includes(comm))
    .map(([pid, comm]) => `${comm} (pid ${pid})`);
}

/** `isobench clean`: removes what a killed isobench left behind and names orphaned runtime processes. */
export async function cleanCommand(options: { images: boolean }): Promise<number> {
  const { docker } = await connectDocker();
  const containers = await sweepContainers(docker);
  process.stderr.write(`removed ${containers.removed.length} container(s)${containers.removed.length > 0 ? `: ${containers.removed.join(', ')}` : ''}\n`);
  if (options.images) {
    const images = await sweepImages(docker);
    process.stderr.write(`removed ${images.removed.length} image(s)\n`);
  }
  const running = new Set((await docker.listContainers()).map((c) => c.Id));
  const orphans = await orphanedRuntimeProcesses();
  if (orphans.length > 0) {
    process.stderr.write(`runtime processes still running (${running.size} containers are running): ${orphans.join(', ')}\n`);
    process.stderr.write('if no container of yours uses them, they are orphans: stop them with kill PID\n');
  }
  return containers.failed.length > 0 ? 1 : 0;
}
