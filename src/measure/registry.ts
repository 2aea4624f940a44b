import type Docker from 'dockerode';
import type { ContainerRunRequest } from '../engine/container.js';
import type { HostMeasure } from '../workloads/types.js';
import { measureContainerMemory, measureNativeMemory } from './memory.js';
import { measureContainerNet, measureNativeNet, netNativeArgs } from './net.js';
import type { MeasureOutcome } from './outcome.js';
import { measureContainerStartup, measureNativeStartup } from './startup.js';

/** What a host-side measurement gets for one trial. */
export interface MeasureContext {
  /** the workload's binary on the host */
  readonly binary: string;
  /** how many measurements one trial takes (the budget's repetitions) */
  readonly count: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * The workload's arguments for this trial's budget (`workload.args(budget, …)`), for host
   * measurements that run the binary itself natively (`net`). Optional until the orchestrator
   * passes it; `net` then falls back to a default budget (netNativeArgs).
   */
  readonly args?: readonly string[];
}

export interface HostMeasurement {
  native(ctx: MeasureContext): Promise<MeasureOutcome>;
  container(docker: Docker, request: ContainerRunRequest, ctx: MeasureContext): Promise<MeasureOutcome>;
}

/** Measurements taken from the host rather than printed by a workload binary. */
export const HOST_MEASUREMENTS: Readonly<Record<HostMeasure, HostMeasurement>> = {
  startup: {
    native: (ctx) => measureNativeStartup(ctx.binary, ctx.count, ctx.timeoutMs, ctx.signal),
    container: (docker, request, ctx) => measureContainerStartup(docker, request, ctx.count),
  },
  memory: {
    native: (ctx) => measureNativeMemory(ctx.binary, ctx.count, ctx.signal),
    container: (docker, request, ctx) => measureContainerMemory(docker, request, ctx.count),
  },
  net: {
    native: (ctx) => measureNativeNet(ctx.binary, netNativeArgs(ctx.count, ctx.args), ctx.timeoutMs, ctx.signal),
    container: (docker, request, ctx) => measureContainerNet(docker, request, ctx.binary, ctx.timeoutMs),
  },
};
