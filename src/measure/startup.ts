import type Docker from 'dockerode';
import { execa } from 'execa';
import { runContainer, type ContainerOutcome, type ContainerRunRequest } from '../engine/container.js';
import type { Sample } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';

/**
 * Cold start of a no-op container, `count` times: total from the create request to the exit
 * seen by the client, and its split into Docker's create, the start call (containerd, the
 * shim and the runtime setting up the sandbox and starting the process) and the rest (the
 * no-op process running and its exit reaching the client). From the engine's own clock:
 * created → started. All in ms. Never derived from a per-operation figure.
 */
export function startupSamples(outcome: Extract<ContainerOutcome, { kind: 'exited' }>, rep: number): Sample[] {
  const s = (metric: string, value: number): Sample => ({ metric, unit: 'ms', value, iterations: 1, rep });
  const samples: Sample[] = [];
  if (outcome.phases) {
    const p = outcome.phases;
    samples.push(s('startup_total', p.exitedMs), s('startup_docker_create', p.createdMs), s('startup_runtime_start', p.startedMs - p.createdMs), s('startup_run_to_exit', p.exitedMs - p.startedMs));
  }
  if (outcome.timestamps) samples.push(s('startup_engine_created_to_started', outcome.timestamps.startedMs - outcome.timestamps.createdMs));
  return samples.filter((x) => x.value > 0);
}

export async function measureContainerStartup(docker: Docker, request: ContainerRunRequest, count: number): Promise<MeasureOutcome> {
  const began = performance.now();
  const samples: Sample[] = [];
  for (let rep = 0; rep < count; rep += 1) {
    const outcome = await runContainer(docker, request);
    if (outcome.kind !== 'exited' || outcome.exitCode !== 0) return outcome.kind === 'exited' ? { ...outcome, durationMs: performance.now() - began } : outcome;
    samples.push(...startupSamples(outcome, rep));
  }
  return { kind: 'measured', samples, stderr: '', durationMs: performance.now() - began };
}

/** The native baseline: spawning the same no-op binary directly and waiting for its exit. */
export async function measureNativeStartup(binary: string, count: number, timeoutMs: number, signal?: AbortSignal): Promise<MeasureOutcome> {
  const began = performance.now();
  const samples: Sample[] = [];
  for (let rep = 0; rep < count; rep += 1) {
    const t0 = performance.now();
    const result = await execa(binary, [], { reject: false, timeout: timeoutMs, ...(signal ? { cancelSignal: signal } : {}) });
    const totalMs = performance.now() - t0;
    if (result.isCanceled) return { kind: 'aborted', durationMs: performance.now() - began };
    if (result.failed) return { kind: 'exited', exitCode: result.exitCode ?? 128, stdout: '', stderr: String(result.stderr ?? result.shortMessage), durationMs: performance.now() - began, phases: null, timestamps: null };
    samples.push({ metric: 'startup_total', unit: 'ms', value: totalMs, iterations: 1, rep });
  }
  return { kind: 'measured', samples, stderr: '', durationMs: performance.now() - began };
}
