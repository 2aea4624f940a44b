import type { ContainerOutcome } from '../engine/container.js';
import type { Sample } from '../workloads/types.js';

/** What one trial produced: a process's output to parse, or samples measured from the host. */
export type MeasureOutcome = ContainerOutcome | { readonly kind: 'measured'; readonly samples: readonly Sample[]; readonly stderr: string; readonly durationMs: number };
