/**
 * The paired part of `isobench run` (issue 15): what the orchestrator gets for the per-op
 * workloads, isobench pinned to its CPUs, and what is recorded with the run.
 */
import { createRandom } from '../analysis/random.js';
import type { PairedPart } from '../bench/orchestrator.js';
import { pinSelf } from '../bench/pin-self.js';
import { batchMsFor } from '../bench/placement.js';
import type { RuntimeTarget, Tier } from '../runtimes/targets.js';
import type { WorkloadSpec } from '../workloads/types.js';
import type { PairedConfig } from './paired-config.js';
import { trialTimeoutFor } from './run-config.js';

export interface PairedPartWithPin extends PairedPart {
  /** whether isobench itself is pinned to `placement.isobenchCpus`, and why not */
  readonly selfPin: { readonly pinned: boolean; readonly why: string | null };
  /** undoes that pin (the orchestrator calls it once the paired blocks are done) */
  readonly unpin: () => Promise<void>;
}

/** Baseline of the drift and precision notes: native when it runs, else --baseline, else the first target. */
function notesBaseline(targets: readonly RuntimeTarget[], requested: string | undefined): string {
  if (targets.some((t) => t.id === 'native')) return 'native';
  return requested ?? targets[0]?.id ?? 'native';
}

export async function pairedRunPart(
  config: PairedConfig, workloads: readonly WorkloadSpec[], warmupMs: number, targets: readonly RuntimeTarget[], seed: number,
  options: { readonly quiet: boolean; readonly baseline?: string },
): Promise<PairedPartWithPin> {
  const pin = config.placement.isobenchCpus !== null
    ? await pinSelf(config.placement.isobenchCpus)
    : { pinned: false, why: 'no CPU left for isobench', restore: () => Promise.resolve() };
  return {
    workloads, rounds: config.rounds, blocks: config.blocks, batchMs: config.batchMs, warmupMs,
    placement: config.placement, baseline: notesBaseline(targets, options.baseline),
    readyTimeoutMs: (w) => trialTimeoutFor([w], { repetitions: 1, repBudgetMs: config.batchMs, warmupMs }),
    ...(config.precisionPct !== null ? { precisionPct: config.precisionPct } : {}),
    // its own stream, so that the order of the process-mode trials stays that of the seed
    random: createRandom(seed + 1),
    notice: options.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`),
    selfPin: { pinned: pin.pinned, why: pin.why },
    unpin: pin.restore,
  };
}

export function pairedRecord(config: PairedConfig, part: PairedPartWithPin): Record<string, unknown> {
  return {
    workloads: part.workloads.map((w) => w.id), rounds: config.rounds, blocks: config.blocks,
    batchMs: config.batchMs, sandboxBatchMs: batchMsFor('sandbox', config.batchMs),
    precisionPct: config.precisionPct, placement: config.placement, selfPin: part.selfPin,
  };
}

/** '20 ms batches', and the longer ones of any sandbox or VM target: '20 ms batches (runsc: 200 ms)'. */
export function batchText(batchMs: number, targets: readonly { readonly id: string; readonly tier: Tier }[]): string {
  const longer = targets.filter((t) => batchMsFor(t.tier, batchMs) !== batchMs);
  const sandboxMs = batchMsFor('sandbox', batchMs);
  return `${batchMs} ms batches${longer.length > 0 ? ` (${longer.map((t) => t.id).join(', ')}: ${sandboxMs} ms)` : ''}`;
}

export function placementText(part: PairedPartWithPin): string {
  const { workloadCpus, isobenchCpus } = part.placement;
  if (workloadCpus === null) return 'not pinned (one CPU)';
  return `workloads on CPU ${workloadCpus}, isobench on ${isobenchCpus ?? workloadCpus}${part.selfPin.pinned ? '' : ` (not pinned: ${part.selfPin.why ?? '?'})`}`;
}
