import type { ExecutionOutcome } from '../engine/engine.js';
import type { Sample } from '../workloads/types.js';

/** What one trial produced: a process's output to parse, or samples measured from the host. */
export type MeasureOutcome = ExecutionOutcome | { readonly kind: 'measured'; readonly samples: readonly Sample[]; readonly stderr: string; readonly durationMs: number };
