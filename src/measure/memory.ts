import { median } from 'simple-statistics';
import type { Started } from '../bench/executor.js';
import { describeCause } from '../errors.js';
import { sleep } from '../sleep.js';
import type { Sample } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';
import { memAvailableBytes, pssBytesOf } from '../host/processes.js';
import type { Measurement } from './measurement.js';

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
 * serving each of `count` idle instances (natively the process itself; in a container the
 * shim, runsc-sandbox and gofer, a VMM…), and the drop in MemAvailable with all of them up,
 * divided by `count` (memAvailableDropPerSandboxMiB). Both in MiB. The instances are stopped
 * whatever happens.
 */
export const measureMemory: Measurement = async (executor, ctx) => {
  const began = performance.now();
  const count = ctx.budget.repetitions;
  const started: Started[] = [];
  const signal = ctx.signal;
  const aborted = (): MeasureOutcome => ({ kind: 'aborted', durationMs: performance.now() - began });
  const request = { workload: ctx.workload, args: [], timeoutMs: ctx.timeoutMs, labels: ctx.labels, ...(signal ? { signal } : {}) };
  try {
    const before = await memAvailableReadings(signal);
    for (let i = 0; i < count; i += 1) started.push(await executor.start(request));
    await sleep(executor.target.engine === null ? SETTLE_MS / 3 : SETTLE_MS, signal);
    if (signal?.aborted) return aborted();
    const during = await memAvailableReadings(signal);
    const samples: Sample[] = started.map((instance, rep) => {
      const pids = instance.pids();
      return { metric: 'pss_per_sandbox', unit: 'MiB', value: summedPss(pids) / MiB, iterations: pids.length, rep };
    });
    if (samples.some((s) => s.iterations === 0 || s.value <= 0)) {
      return { kind: 'engine-error', message: 'no host process found for a running instance (it exited, or an unknown shim layout)', durationMs: performance.now() - began };
    }
    await Promise.all(started.splice(0).map((instance) => instance.stop()));
    await sleep(AFTER_REMOVAL_MS, signal);
    if (signal?.aborted) return aborted();
    const after = await memAvailableReadings(signal);
    const drop = memAvailableDropPerSandboxMiB(before, during, after, count);
    let note = '';
    if (drop > 0) samples.push({ metric: 'mem_available_drop_per_sandbox', unit: 'MiB', value: drop, iterations: count, rep: 0 });
    else note = `mem_available_drop_per_sandbox not recorded: ${drop.toFixed(2)} MiB per sandbox is within the host's own memory noise (${count} sandboxes)`;
    return { kind: 'measured', samples, stderr: note, durationMs: performance.now() - began };
  } catch (error) {
    if (signal?.aborted) return aborted();
    return { kind: 'engine-error', message: describeCause(error), durationMs: performance.now() - began };
  } finally {
    await Promise.all(started.map((instance) => instance.stop()));
  }
};
