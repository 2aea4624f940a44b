/**
 * The paired part of a run: one block per per-op workload (paired.ts), each under every target
 * at once, its trials stored as soon as the block ends; then what the rounds say about the
 * host's drift and the paired ratios, as lines for people (stderr). The orchestrator calls
 * `runPairedWorkloads` for the workloads `servesBatches` accepts and runs the rest as before.
 */
import { baselineDrift, pairedRatios, type PairedRow } from '../analysis/paired-ratio.js';
import type { Random } from '../analysis/random.js';
import type { FinishedTrial } from '../store/records.js';
import type { WorkloadSpec } from '../workloads/types.js';
import type { Executor } from './executor.js';
import { runPairedBlock } from './paired.js';
import type { Placement } from './placement.js';

/** Rounds and batch of a default paired run; `--quick` takes the smaller ones. */
export const PAIRED_DEFAULTS = { rounds: 40, batchMs: 20 } as const;
export const PAIRED_QUICK = { rounds: 15, batchMs: 10 } as const;
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
  readonly rounds: number;
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

export async function runPairedWorkloads(input: PairedRunInput): Promise<{ status: 'complete' | 'interrupted'; trials: FinishedTrial[] }> {
  const trials: FinishedTrial[] = [];
  const ids = input.executors.map((e) => e.target.id);
  for (const [index, workload] of input.workloads.entries()) {
    if (input.signal.aborted) return { status: 'interrupted', trials };
    const firstSeq = input.firstSeq + index * ids.length;
    const began = performance.now();
    const result = await runPairedBlock({
      runId: input.runId, block: 0, workload, executors: input.executors, seqOf: (t) => firstSeq + ids.indexOf(t),
      rounds: input.rounds, batchMs: input.batchMs, warmupMs: input.warmupMs, readyTimeoutMs: input.readyTimeoutMs(workload),
      ...(input.placement.workloadCpus !== null ? { cpuset: input.placement.workloadCpus } : {}),
      ...(input.precisionPct !== undefined
        ? { precision: { pct: input.precisionPct, baseline: input.baseline, maxRounds: PRECISION_MAX_ROUNDS_FACTOR * input.rounds, capMs: PRECISION_CAP_MS } }
        : {}),
      random: input.random, signal: input.signal, now: input.now,
    });
    for (const trial of result.trials) {
      input.record(trial);
      trials.push(trial);
    }
    const failed = result.trials.filter((t) => t.status === 'failed').map((t) => `${t.target} failed: ${t.reason ?? ''}`);
    input.notice(`paired ${workload.id}: ${result.rounds} rounds × ${ids.length} targets in ${((performance.now() - began) / 1000).toFixed(1)} s${failed.length ? `; ${failed.join('; ')}` : ''}`);
    for (const line of cpuShareNotes(workload.id, result.cpuShare)) input.notice(line);
    if (result.trials.some((t) => t.status === 'interrupted')) return { status: 'interrupted', trials };
  }
  for (const line of precisionNotes(trials, input.baseline, input.precisionPct ?? DEFAULT_PRECISION_PCT)) input.notice(line);
  return { status: 'complete', trials };
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
