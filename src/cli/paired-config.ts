/**
 * `isobench run --mode paired|process` and the paired mode's own options, checked before any
 * work starts (issue 15). `paired`, the default, serves the per-op workloads from one long-lived
 * process per target; `process`, one process per trial, is what the cross-checks compare with.
 */
import { PAIRED_DEFAULTS, PAIRED_QUICK } from '../bench/paired-run.js';
import { choosePlacement, type Placement } from '../bench/placement.js';
import { usageError } from '../errors.js';
import type { RunOptionsInput } from './run-config.js';

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
  const mode = input.mode ?? 'paired';
  if (mode === 'process') {
    const flag = firstGiven(input, {
      rounds: '--rounds', blocks: '--blocks', batchMs: '--batch-ms', cpus: '--cpus', precision: '--precision',
    });
    if (flag !== undefined) {
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

/**
 * The options of trials of one process each (--repetitions, --samples, --budget-ms,
 * --trial-timeout) would be ignored by a run whose workloads all run paired: say so rather
 * than run something else than what was asked. `paired` are the ids of the run's paired workloads.
 */
export function checkProcessOptions(input: RunOptionsInput, paired: readonly string[], processWorkloads: number): void {
  if (processWorkloads > 0 || paired.length === 0) return;
  const flag = firstGiven(input, {
    repetitions: '--repetitions', samples: '--samples', budgetMs: '--budget-ms', trialTimeout: '--trial-timeout',
  });
  if (flag === undefined) return;
  throw usageError(
    `${flag} applies to trials of one process each, and this run has none: ${paired.join(', ')}`
      + ` ${paired.length === 1 ? 'runs' : 'run'} paired (the default --mode)`,
    'add --mode process for one process per trial, or drop it (paired mode takes --rounds, --blocks and --batch-ms)',
  );
}

/** The flag of the first option in `flags` that `input` has, if any. */
function firstGiven<T extends object, K extends keyof T & string>(
  input: T, flags: { readonly [k in K]: string },
): string | undefined {
  const given = (Object.keys(flags) as K[]).find((k) => input[k] !== undefined);
  return given === undefined ? undefined : flags[given];
}
