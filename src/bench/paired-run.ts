/**
 * The paired part of a run: a few blocks per per-op workload (paired.ts), each under every target
 * at once, its trials stored as soon as the block ends; then what the rounds say about the
 * host's drift and the paired ratios, as lines for people (stderr). The orchestrator calls
 * `runPairedWorkloads` for the workloads `servesBatches` accepts and runs the rest as before.
 *
 * The rounds of a workload are split into blocks, taken block-major (every workload's first
 * block, then every workload's second, …), each with fresh processes and sandboxes. One block of
 * all the rounds measured one sandbox in one stretch of the run: runsc's level moves from one
 * sandbox and one minute to the next (systrap's adaptive fast path on a busy host), which one
 * block's interval does not show and a run-to-run comparison then trips on.
 */
import { baselineDrift, pairedRatios, type PairedRow } from '../analysis/paired-ratio.js';
import type { Random } from '../analysis/random.js';
import { medianOf } from '../analysis/stats.js';
import type { FinishedTrial } from '../store/records.js';
import type { WorkloadSpec } from '../workloads/types.js';
import type { Executor } from './executor.js';
import { runPairedBlock, type PrecisionGoal } from './paired.js';
import type { Placement } from './placement.js';

/** Rounds and batch of a default paired run; `--quick` takes the smaller ones. */
export const PAIRED_DEFAULTS = { rounds: 40, batchMs: 20, blocks: 8 } as const;
export const PAIRED_QUICK = { rounds: 15, batchMs: 10, blocks: 1 } as const;
/** `--precision`: at most this many times the rounds asked, and at most this long per block. */
export const PRECISION_MAX_ROUNDS_FACTOR = 5;
export const PRECISION_CAP_MS = 10 * 60_000;
/** The ratio precision the paired mode aims at (issue 15: a runtime's ratio to native within 3 %). */
export const DEFAULT_PRECISION_PCT = 3;

export interface PairedRunInput {
  readonly runId: string;
  readonly workloads: readonly WorkloadSpec[];
  readonly executors: readonly Executor[];
  /** seq of the first paired trial; each block takes one seq per target */
  readonly firstSeq: number;
  /** rounds of each workload, over all its blocks */
  readonly rounds: number;
  /** blocks of each workload (1 ≤ blocks ≤ rounds) */
  readonly blocks: number;
  readonly batchMs: number;
  readonly warmupMs: number;
  readonly readyTimeoutMs: (workload: WorkloadSpec) => number;
  readonly placement: Placement;
  /** `--precision PCT`: add rounds until every ratio is known to ±PCT % */
  readonly precisionPct?: number;
  readonly baseline: string;
  readonly random: Random;
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly record: (trial: FinishedTrial) => void;
  readonly notice: (line: string) => void;
}

/** The rounds of each of `blocks` blocks: `rounds` split as evenly as can be, longer blocks first (pure). */
export function roundsPerBlock(rounds: number, blocks: number): number[] {
  return Array.from({ length: blocks }, (_, b) => Math.floor(rounds / blocks) + (b < rounds % blocks ? 1 : 0));
}

export async function runPairedWorkloads(input: PairedRunInput): Promise<{ status: 'complete' | 'interrupted'; trials: FinishedTrial[] }> {
  const trials: FinishedTrial[] = [];
  const ids = input.executors.map((e) => e.target.id);
  const split = roundsPerBlock(input.rounds, input.blocks);
  // per workload and target, the on-CPU share of each block, said once after the workload's last block
  const shares = new Map<string, Map<string, (number | null)[]>>();
  for (const [block, rounds] of split.entries()) {
    for (const [index, workload] of input.workloads.entries()) {
      if (input.signal.aborted) return { status: 'interrupted', trials };
      const firstSeq = input.firstSeq + (block * input.workloads.length + index) * ids.length;
      const last = block === split.length - 1;
      const began = performance.now();
      const result = await runPairedBlock({
        runId: input.runId, block, workload, executors: input.executors, seqOf: (t) => firstSeq + ids.indexOf(t),
        rounds, batchMs: input.batchMs, warmupMs: input.warmupMs, readyTimeoutMs: input.readyTimeoutMs(workload),
        ...(input.placement.workloadCpus !== null ? { cpuset: input.placement.workloadCpus } : {}),
        // --precision adds rounds to the last block, until the ratios over all the blocks are known well enough
        ...(input.precisionPct !== undefined && last
          ? { precision: precisionGoal(input, input.precisionPct, trials, workload) } : {}),
        random: input.random, signal: input.signal, now: input.now,
      });
      for (const trial of result.trials) {
        input.record(trial);
        trials.push(trial);
      }
      const failed = result.trials.filter((t) => t.status === 'failed')
        .map((t) => `; ${t.target} failed: ${t.reason ?? ''}`);
      const which = split.length > 1 ? ` block ${block + 1}/${split.length}` : '';
      const took = ((performance.now() - began) / 1000).toFixed(1);
      input.notice(`paired ${workload.id}${which}: ${result.rounds} rounds × ${ids.length} targets in ${took} s`
        + failed.join(''));
      const byTarget = shares.get(workload.id) ?? new Map<string, (number | null)[]>();
      shares.set(workload.id, byTarget);
      for (const [target, share] of result.cpuShare) byTarget.set(target, [...(byTarget.get(target) ?? []), share]);
      if (last) for (const line of cpuShareNotes(workload.id, medianShares(byTarget))) input.notice(line);
      if (result.trials.some((t) => t.status === 'interrupted')) return { status: 'interrupted', trials };
    }
  }
  for (const line of precisionNotes(trials, input.baseline, input.precisionPct ?? DEFAULT_PRECISION_PCT)) input.notice(line);
  return { status: 'complete', trials };
}

/** `--precision` for the last block of a workload: judged over all the workload's blocks so far. */
function precisionGoal(
  input: PairedRunInput, pct: number, trials: readonly FinishedTrial[], workload: WorkloadSpec,
): PrecisionGoal {
  return {
    pct, baseline: input.baseline,
    maxRounds: PRECISION_MAX_ROUNDS_FACTOR * input.rounds, capMs: PRECISION_CAP_MS,
    prior: pairedRows(trials.filter((t) => t.workload === workload.id)),
  };
}

/** Per target, the median of its blocks' shares (null when no block reported one). */
function medianShares(byTarget: ReadonlyMap<string, readonly (number | null)[]>): Map<string, number | null> {
  const known = (values: readonly (number | null)[]): number[] => values.filter((v): v is number => v !== null);
  return new Map([...byTarget].map(([target, values]) => [target, medianOf(known(values))]));
}

/**
 * How much of its batches' wall time each target had the CPU (pure). A target whose share is well
 * under the best target's was slowed by the host's other load during its batches, not by its
 * runtime: pairing in time cannot cancel that, so it is said, with a warning under
 * MIN_CPU_SHARE of the best share (a file workload waits for I/O, so only the relative share
 * tells). A share under NOT_ACCOUNTED is taken as not reported: gVisor's systrap platform does
 * not account an application's user time to CLOCK_PROCESS_CPUTIME_ID (runsc showed 0 % here).
 */
export const MIN_CPU_SHARE = 0.8;
const NOT_ACCOUNTED = 0.01;

export function cpuShareNotes(workload: string, shares: ReadonlyMap<string, number | null>): string[] {
  const known = [...shares].filter((e): e is [string, number] => e[1] !== null && e[1] >= NOT_ACCOUNTED);
  if (known.length === 0) return [];
  const lines = [`paired ${workload}: on-CPU share of the batches (median): ${known.map(([t, v]) => `${t} ${(100 * v).toFixed(0)} %`).join(', ')}`];
  const best = Math.max(...known.map(([, v]) => v));
  const starved = known.filter(([, v]) => v < MIN_CPU_SHARE * best);
  if (starved.length > 0) {
    lines.push(`warning: ${workload}: ${starved.map(([t]) => t).join(', ')} had the CPU for under ${100 * MIN_CPU_SHARE} % of the best target's share of their batches' wall time: other load on the workload CPU slowed them, so their ratios include it (a quieter host, or --cpus with an idle CPU)`);
  }
  return lines;
}

export function pairedRows(trials: readonly FinishedTrial[]): PairedRow[] {
  return trials.filter((t) => t.status === 'ok').flatMap((t) =>
    t.samples.map((s) => ({ target: t.target, workload: t.workload, metric: s.metric, unit: s.unit, block: t.repetition, round: s.rep, value: s.value })),
  );
}

/**
 * The host's drift (the baseline's batches over the rounds) and, where a paired ratio is known
 * less precisely than `pct`, a warning: the drift within rounds was more than the rounds could
 * absorb (pure).
 */
export function precisionNotes(trials: readonly FinishedTrial[], baseline: string, pct: number): string[] {
  const rows = pairedRows(trials);
  const drift = baselineDrift(rows, baseline);
  if (drift.length === 0) return [];
  const worst = drift.reduce((a, b) => (b.cvPct > a.cvPct ? b : a));
  const lines = [`host drift over rounds (${baseline}'s batches): cv ${worst.cvPct.toFixed(1)} % at worst (${worst.workload} ${worst.metric}, range ${worst.rangePct.toFixed(0)} %)`];
  for (const r of pairedRatios(rows, baseline)) {
    if (r.halfWidthPct <= pct) continue;
    const d = drift.find((x) => x.workload === r.workload && x.metric === r.metric);
    lines.push(`warning: ${r.workload} ${r.metric} ${r.target}/${baseline} = ${r.ratio.toPrecision(3)} is known only to ±${r.halfWidthPct.toFixed(1)} % over ${r.rounds} rounds (${baseline} drifted cv ${d ? d.cvPct.toFixed(1) : '?'} %); more rounds (--rounds, --precision) or a quieter host`);
  }
  return lines;
}
