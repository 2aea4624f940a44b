import { CONTAINER_SCRATCH } from '../workloads/types.js';
import type { Measurement } from './measurement.js';

/**
 * The default measurement: the workload's program runs once on the target and prints its own
 * samples, one JSON line each (parsed by the orchestrator, src/bench/outcome.ts). A workload
 * that writes files gets scratch directories, removed after; the others get none.
 */
export const measureOutput: Measurement = async (executor, ctx) => {
  const scratch = ctx.workload.needsScratch ? await executor.scratch() : null;
  try {
    const args = ctx.workload.args(ctx.budget, scratch?.dirs ?? CONTAINER_SCRATCH);
    return await executor.run({ workload: ctx.workload, args, timeoutMs: ctx.timeoutMs, labels: ctx.labels, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  } finally {
    await scratch?.remove();
  }
};
