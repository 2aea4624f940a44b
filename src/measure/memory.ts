import type Docker from 'dockerode';
import { execa } from 'execa';
import { removeContainer, startDetached, type ContainerRunRequest } from '../engine/container.js';
import { describeCause } from '../errors.js';
import type { Sample } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';
import { containerProcesses, listProcesses, memAvailableBytes, pssBytesOf } from './processes.js';

const MiB = 1024 * 1024;
/** Time for a sandbox to finish booting before it is measured. */
const SETTLE_MS = 1_500;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Summed PSS of processes, in bytes; processes that vanished are skipped. */
export function summedPss(pids: readonly number[], pssOf: (pid: number) => number | null = pssBytesOf): number {
  return pids.reduce((sum, pid) => sum + (pssOf(pid) ?? 0), 0);
}

/**
 * The host memory an idle sandbox costs, two ways: the summed PSS of every host process
 * serving each of `count` idle containers (shim, runsc-sandbox and gofer, a VMM…), and, as
 * gVisor's density test does, the drop in MemAvailable with all of them up, divided by
 * `count`. Both in MiB. The containers are removed whatever happens.
 */
export async function measureContainerMemory(docker: Docker, request: ContainerRunRequest, count: number): Promise<MeasureOutcome> {
  const began = performance.now();
  const containers: Docker.Container[] = [];
  try {
    const before = memAvailableBytes();
    for (let i = 0; i < count; i += 1) containers.push(await startDetached(docker, request));
    await sleep(SETTLE_MS, request.signal);
    if (request.signal?.aborted) return { kind: 'aborted', durationMs: performance.now() - began };
    const after = memAvailableBytes();
    const snapshot = listProcesses();
    const samples: Sample[] = containers.map((c, rep) => {
      const pids = containerProcesses(snapshot, c.id).map((p) => p.pid);
      return { metric: 'pss_per_sandbox', unit: 'MiB', value: summedPss(pids) / MiB, iterations: pids.length, rep };
    });
    const drop = (before - after) / count / MiB;
    if (drop > 0) samples.push({ metric: 'mem_available_drop_per_sandbox', unit: 'MiB', value: drop, iterations: count, rep: 0 });
    if (samples.some((s) => s.metric === 'pss_per_sandbox' && s.iterations === 0)) {
      return { kind: 'engine-error', message: 'no host process found for a running container (unknown shim layout?)', durationMs: performance.now() - began };
    }
    return { kind: 'measured', samples, stderr: '', durationMs: performance.now() - began };
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'aborted', durationMs: performance.now() - began };
    return { kind: 'engine-error', message: describeCause(error), durationMs: performance.now() - began };
  } finally {
    await Promise.all(containers.map((c) => removeContainer(c)));
  }
}

/** The native baseline: the PSS of the same idle binary run directly. */
export async function measureNativeMemory(binary: string, count: number, signal?: AbortSignal): Promise<MeasureOutcome> {
  const began = performance.now();
  const children = Array.from({ length: count }, () => execa(binary, [], { reject: false }));
  try {
    await sleep(SETTLE_MS / 3, signal);
    if (signal?.aborted) return { kind: 'aborted', durationMs: performance.now() - began };
    const samples: Sample[] = children.map((child, rep) => ({ metric: 'pss_per_sandbox', unit: 'MiB', value: summedPss(child.pid === undefined ? [] : [child.pid]) / MiB, iterations: 1, rep }));
    if (samples.some((s) => s.value <= 0)) return { kind: 'engine-error', message: 'the idle binary exited before it could be measured', durationMs: performance.now() - began };
    return { kind: 'measured', samples, stderr: '', durationMs: performance.now() - began };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children);
  }
}
