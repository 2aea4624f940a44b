import type Docker from 'dockerode';
import { execa } from 'execa';
import { median } from 'simple-statistics';
import { removeContainer, startDetached, type ContainerRunRequest } from '../engine/container.js';
import { describeCause } from '../errors.js';
import { sleep } from '../sleep.js';
import type { Sample } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';
import { containerProcesses, listProcesses, memAvailableBytes, pssBytesOf } from './processes.js';

const MiB = 1024 * 1024;
/** Time for a sandbox to finish booting before it is measured. */
const SETTLE_MS = 1_500;
/** Time for the host to take back a removed sandbox's memory. */
const AFTER_REMOVAL_MS = 500;
/** MemAvailable readings per phase, and the gap between two of them. */
const READINGS = 5;
const READ_GAP_MS = 50;

/** Summed PSS of processes, in bytes; processes that vanished are skipped. */
export function summedPss(pids: readonly number[], pssOf: (pid: number) => number | null = pssBytesOf): number {
  return pids.reduce((sum, pid) => sum + (pssOf(pid) ?? 0), 0);
}

/**
 * gVisor's density method with a drift correction: MemAvailable with `count` idle sandboxes up
 * against the mean of the readings just before they started and just after they were removed,
 * so that a steady drift of the host (page cache, other processes) cancels out. Each phase is
 * the median of a few readings. MiB per sandbox. It comes out zero or negative when the
 * sandboxes cost less than the host's noise; the caller says so rather than store it (every
 * stored sample is positive).
 */
export function memAvailableDropPerSandboxMiB(beforeBytes: readonly number[], duringBytes: readonly number[], afterBytes: readonly number[], count: number): number {
  if (count < 1 || beforeBytes.length === 0 || duringBytes.length === 0 || afterBytes.length === 0) return Number.NaN;
  const baseline = (median([...beforeBytes]) + median([...afterBytes])) / 2;
  return (baseline - median([...duringBytes])) / count / MiB;
}

/** A few MemAvailable readings READ_GAP_MS apart (one reading moves with every page the host touches). */
async function memAvailableReadings(signal?: AbortSignal): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < READINGS; i += 1) {
    if (i > 0) await sleep(READ_GAP_MS, signal);
    readings.push(memAvailableBytes());
  }
  return readings;
}

/**
 * The host memory an idle sandbox costs, two ways: the summed PSS of every host process
 * serving each of `count` idle containers (shim, runsc-sandbox and gofer, a VMM…), and the
 * drop in MemAvailable with all of them up, divided by `count` (memAvailableDropPerSandboxMiB).
 * Both in MiB. The containers are removed whatever happens.
 */
export async function measureContainerMemory(docker: Docker, request: ContainerRunRequest, count: number): Promise<MeasureOutcome> {
  const began = performance.now();
  const containers: Docker.Container[] = [];
  const aborted = (): MeasureOutcome => ({ kind: 'aborted', durationMs: performance.now() - began });
  try {
    const before = await memAvailableReadings(request.signal);
    for (let i = 0; i < count; i += 1) containers.push(await startDetached(docker, request));
    await sleep(SETTLE_MS, request.signal);
    if (request.signal?.aborted) return aborted();
    const during = await memAvailableReadings(request.signal);
    const snapshot = listProcesses();
    const samples: Sample[] = containers.map((c, rep) => {
      const pids = containerProcesses(snapshot, c.id).map((p) => p.pid);
      return { metric: 'pss_per_sandbox', unit: 'MiB', value: summedPss(pids) / MiB, iterations: pids.length, rep };
    });
    if (samples.some((s) => s.iterations === 0)) {
      return { kind: 'engine-error', message: 'no host process found for a running container (unknown shim layout?)', durationMs: performance.now() - began };
    }
    await Promise.all(containers.splice(0).map((c) => removeContainer(c)));
    await sleep(AFTER_REMOVAL_MS, request.signal);
    if (request.signal?.aborted) return aborted();
    const after = await memAvailableReadings(request.signal);
    const drop = memAvailableDropPerSandboxMiB(before, during, after, count);
    let note = '';
    if (drop > 0) samples.push({ metric: 'mem_available_drop_per_sandbox', unit: 'MiB', value: drop, iterations: count, rep: 0 });
    else note = `mem_available_drop_per_sandbox not recorded: ${drop.toFixed(2)} MiB per sandbox is within the host's own memory noise (${count} sandboxes)`;
    return { kind: 'measured', samples, stderr: note, durationMs: performance.now() - began };
  } catch (error) {
    if (request.signal?.aborted) return aborted();
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
