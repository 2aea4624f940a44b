import type { ExecutionOutcome } from '../engine/engine.js';
import type { Sample } from '../workloads/types.js';
import type { Measurement } from './measurement.js';

/**
 * Cold start of a no-op program, `count` times: total from the create request to the exit
 * seen by the client, and in a container its split into the engine's create, the start call
 * (the shim and the runtime setting up the sandbox and starting the process) and the rest
 * (the no-op process running and its exit reaching the client); from the engine's own clock,
 * created → started where the engine keeps one. Natively: spawn to exit. All in ms. Never
 * derived from a per-operation figure.
 */
export function startupSamples(outcome: Extract<ExecutionOutcome, { kind: 'exited' }>, rep: number): Sample[] {
  const s = (metric: string, value: number): Sample => ({ metric, unit: 'ms', value, iterations: 1, rep });
  const samples: Sample[] = [];
  if (outcome.phases) {
    const p = outcome.phases;
    samples.push(s('startup_total', p.exitedMs), s('startup_docker_create', p.createdMs), s('startup_runtime_start', p.startedMs - p.createdMs), s('startup_run_to_exit', p.exitedMs - p.startedMs));
  } else {
    samples.push(s('startup_total', outcome.durationMs));
  }
  if (outcome.timestamps) samples.push(s('startup_engine_created_to_started', outcome.timestamps.startedMs - outcome.timestamps.createdMs));
  return samples.filter((x) => x.value > 0);
}

export const measureStartup: Measurement = async (executor, ctx) => {
  const began = performance.now();
  const samples: Sample[] = [];
  for (let rep = 0; rep < ctx.budget.repetitions; rep += 1) {
    const outcome = await executor.run({ workload: ctx.workload, args: [], timeoutMs: ctx.timeoutMs, labels: ctx.labels, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    if (outcome.kind !== 'exited' || outcome.exitCode !== 0) return outcome.kind === 'exited' ? { ...outcome, durationMs: performance.now() - began } : outcome;
    samples.push(...startupSamples(outcome, rep));
  }
  return { kind: 'measured', samples, stderr: '', durationMs: performance.now() - began };
};
