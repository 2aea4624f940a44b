/**
 * `isobench run --mode paired|process` and the paired mode's own options, checked before any
 * work starts (issue 15). `process`, one process per trial, is the default (what the cross-checks
 * compare with); `paired` serves the per-op workloads from one long-lived process per target.
 */
import { PAIRED_DEFAULTS, PAIRED_QUICK } from '../bench/paired-run.js';
import { choosePlacement, type Placement } from '../bench/placement.js';
import { usageError } from '../errors.js';

export type RunMode = 'paired' | 'process';

export interface PairedOptionsInput {
  readonly quick: boolean;
  readonly mode?: RunMode;
  readonly rounds?: number;
  readonly blocks?: number;
  readonly batchMs?: number;
  readonly cpus?: string;
  readonly precision?: number;
}

export interface PairedConfig {
  readonly mode: RunMode;
  readonly rounds: number;
  readonly blocks: number;
  readonly batchMs: number;
  readonly precisionPct: number | null;
  readonly placement: Placement;
}

export function pairedConfig(input: PairedOptionsInput, cpuCount: number): PairedConfig {
  const mode = input.mode ?? 'process';
  if (mode === 'process') {
    const flags = {
      rounds: '--rounds', blocks: '--blocks', batchMs: '--batch-ms', cpus: '--cpus', precision: '--precision',
    } as const;
    const given = (Object.keys(flags) as (keyof typeof flags)[]).filter((k) => input[k] !== undefined);
    if (given.length > 0) {
      const flag = flags[given[0] as keyof typeof flags];
      throw usageError(`${flag} applies to --mode paired only, not to --mode process`, 'drop it, or use --mode paired');
    }
  }
  const defaults = input.quick ? PAIRED_QUICK : PAIRED_DEFAULTS;
  const rounds = input.rounds ?? defaults.rounds;
  // given --rounds alone, the default blocks shrink to fit (every block has at least one round)
  const blocks = input.blocks ?? Math.min(defaults.blocks, rounds);
  if (blocks > rounds) {
    const accepted = `accepted: 1 to ${rounds} blocks (each block has at least one round)`;
    throw usageError(`--blocks ${blocks} is more than the ${rounds} rounds`, accepted);
  }
  return {
    mode,
    rounds,
    blocks,
    batchMs: input.batchMs ?? defaults.batchMs,
    precisionPct: input.precision ?? null,
    placement: mode === 'paired' ? choosePlacement(cpuCount, input.cpus) : { workloadCpus: null, isobenchCpus: null, source: 'single-cpu' },
  };
}
