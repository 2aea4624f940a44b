import type { Executor } from '../bench/executor.js';
import type { Budget, WorkloadSpec } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';

/** What a measurement gets for one trial. */
export interface MeasureContext {
  readonly workload: WorkloadSpec;
  readonly budget: Budget;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** labels of the trial, for every container it makes */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * How one trial of a workload is measured, written once against the Executor so that native
 * and every container target go through the same code. The default runs the program and
 * parses what it prints (src/measure/output.ts); start-up, memory and net measure from the host.
 */
export type Measurement = (executor: Executor, ctx: MeasureContext) => Promise<MeasureOutcome>;
