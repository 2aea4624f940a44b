/**
 * Paired interleaving (issue 15): one block of a per-op workload under every target at once.
 *
 * One long-lived workload process per target (`--serve`, workloads/common.h) is started before
 * anything is timed; each warms up and calibrates once. Then, round after round, every metric
 * is asked of every target in a seeded random order, one short batch at a time and one target
 * at a time, so that all targets are measured within the same fraction of a second again and
 * again and the host's drift moves them alike. The ratio to the baseline is then taken round by
 * round (analysis/paired-ratio.ts).
 *
 * Storage: one trial per target per block (`repetition` = the block's index), one sample per
 * batch with `rep` = the round. Nothing else is stored: the pairs are (block, rep) of the same
 * run and workload, so paired ratios are recomputed from the samples wherever they are needed,
 * and reports that know nothing of pairing still see a median over rounds per target.
 *
 * A target whose process fails (does not start, dies, times out, answers garbage) gets a failed
 * trial and leaves the rounds; the others go on. Every process is stopped and every scratch
 * directory removed whatever happens.
 */
import { z } from 'zod';
import { pairedRatios, type PairedRatio, type PairedRow } from '../analysis/paired-ratio.js';
import type { Random } from '../analysis/random.js';
import { medianOf } from '../analysis/stats.js';
import type { FinishedTrial, SampleInput } from '../store/records.js';
import { parseWorkloadOutput } from '../workloads/parse.js';
import type { WorkloadSpec } from '../workloads/types.js';
import type { Executor, Started } from './executor.js';
import { tail } from './outcome.js';
import { shuffled } from './plan.js';
import { ServeChannel } from './serve-channel.js';
import { startServing, type Served } from './paired-start.js';

/** The workload binaries that implement `--serve` (workloads/common.c). */
const SERVING_BINARIES = new Set(['syscall', 'clock', 'cpu', 'fileio']);

export function servesBatches(workload: WorkloadSpec): boolean {
  return workload.program === undefined && workload.hostMeasured === undefined && SERVING_BINARIES.has(workload.binary);
}

export interface PrecisionGoal {
  /** stop adding rounds once every paired ratio is known to ±pct % */
  readonly pct: number;
  readonly baseline: string;
  readonly maxRounds: number;
  /** never add rounds after the block has lasted this long */
  readonly capMs: number;
  /** the workload's batches in the run's earlier blocks, judged together with this block's */
  readonly prior: readonly PairedRow[];
}

export interface PairedBlockInput {
  readonly runId: string;
  /** index of the block among the run's blocks of this workload: the trials' `repetition` */
  readonly block: number;
  readonly workload: WorkloadSpec;
  readonly executors: readonly Executor[];
  /** the trial seq of each target's trial in this block */
  readonly seqOf: (target: string) => number;
  readonly rounds: number;
  readonly batchMs: number;
  readonly warmupMs: number;
  /** the CPU(s) every workload process is pinned to; undefined: no pinning */
  readonly cpuset?: string;
  /** start-up, warm-up and calibration of one process */
  readonly readyTimeoutMs: number;
  readonly precision?: PrecisionGoal;
  readonly random: Random;
  readonly signal: AbortSignal;
  readonly now: () => Date;
  readonly onRound?: (round: number, rounds: number) => void;
}

export interface PairedBlockResult {
  readonly trials: readonly FinishedTrial[];
  readonly rounds: number;
  /** per target, the median share of its batches' wall time it had the CPU (null: not reported) */
  readonly cpuShare: ReadonlyMap<string, number | null>;
}

const batchTimes = z.object({ wall_ns: z.number().positive(), cpu_ns: z.number().min(0) });

/** How long one batch may take before its process counts as hung (fileio's untimed set-up included). */
export function batchTimeoutMs(batchMs: number): number {
  return 10_000 + 20 * batchMs;
}

export async function runPairedBlock(input: PairedBlockInput): Promise<PairedBlockResult> {
  const startedAt = input.now().toISOString();
  const began = performance.now();
  const served = await startServing(input);
  try {
    const rounds = await runRounds(input, served, began);
    const durationMs = performance.now() - began;
    const cpuShare = new Map(served.map((s) => [s.target, medianOf(s.cpuShares)]));
    return { rounds, trials: served.map((s) => toTrial(input, s, startedAt, durationMs)), cpuShare };
  } finally {
    await Promise.all(served.map((s) => s.stop()));
  }
}

async function runRounds(input: PairedBlockInput, served: readonly Served[], began: number): Promise<number> {
  const metrics = input.workload.metrics.map((m) => m.name);
  const goal = input.precision;
  const maxRounds = goal ? Math.max(input.rounds, goal.maxRounds) : input.rounds;
  let round = 0;
  for (; round < maxRounds; round += 1) {
    if (input.signal.aborted) break;
    const enough = !goal || performance.now() - began > goal.capMs || precise(input, served, goal, round);
    if (round >= input.rounds && enough) break;
    input.onRound?.(round, input.rounds);
    for (const metric of metrics) {
      for (const s of shuffled(served.filter((x) => x.failure === null && x.metrics.has(metric)), input.random)) {
        if (input.signal.aborted) break;
        await askBatch(input, s, metric, round);
      }
    }
  }
  return round;
}

/** Whether every paired ratio is known well enough (checked every 5 rounds: each check costs O(n²) per ratio). */
function precise(input: PairedBlockInput, served: readonly Served[], goal: PrecisionGoal, round: number): boolean {
  if (round % 5 !== 0) return false;
  const workload = input.workload.id;
  const block = input.block;
  const rows = served.flatMap((s) => s.samples.map((x) =>
    ({ target: s.target, workload, metric: x.metric, unit: x.unit, block, round: x.rep, value: x.value })));
  const ratios: PairedRatio[] = pairedRatios([...goal.prior, ...rows], goal.baseline);
  return ratios.length > 0 && ratios.every((r) => r.halfWidthPct <= goal.pct);
}

async function askBatch(input: PairedBlockInput, s: Served, metric: string, round: number): Promise<void> {
  const channel = s.channel as ServeChannel;
  // the process was calibrated to --batch-ms; a longer batch is asked for by its budget (scaled count)
  if (!channel.send(s.batchMs === input.batchMs ? `batch ${metric}` : `batch ${metric} ${s.batchMs}`)) {
    s.failure = `its process ended before the batch of ${metric} in round ${round + 1}`;
    return;
  }
  const answer = await channel.next(batchTimeoutMs(s.batchMs), input.signal);
  if ('fail' in answer) {
    if (answer.fail === 'aborted') return;
    s.failure = answer.fail === 'closed'
      ? `its process ended during the batch of ${metric} in round ${round + 1}`
      : `timed out after ${(batchTimeoutMs(s.batchMs) / 1000).toFixed(0)} s in a batch of ${metric}`
        + ` (round ${round + 1})`;
    return;
  }
  const parsed = parseWorkloadOutput(answer.line, input.workload);
  if (!parsed.ok || parsed.samples.length !== 1 || parsed.samples[0]?.metric !== metric) {
    s.failure = `bad answer to a batch of ${metric}: ${parsed.ok ? 'not that metric' : parsed.reason}`;
    return;
  }
  const sample = parsed.samples[0];
  const times = batchTimes.safeParse(parseJsonLine(answer.line));
  if (times.success) s.cpuShares.push(times.data.cpu_ns / times.data.wall_ns);
  s.samples.push({ metric, unit: sample.unit, value: sample.value, iterations: sample.iterations, rep: round });
}

function parseJsonLine(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function toTrial(input: PairedBlockInput, s: Served, startedAt: string, durationMs: number): FinishedTrial {
  const base = { seq: input.seqOf(s.target), target: s.target, workload: input.workload.id, repetition: input.block, startedAt, durationMs };
  const stderrTail = s.channel ? tail(s.channel.stderr()) : s.stderr;
  if (s.failure !== null) return { ...base, status: 'failed', reason: s.failure, stderrTail, samples: [] };
  if (input.signal.aborted) return { ...base, status: 'interrupted', reason: 'interrupted by a signal', stderrTail, samples: [] };
  if (s.samples.length === 0) return { ...base, status: 'failed', reason: 'no batch was measured', stderrTail, samples: [] };
  return { ...base, status: 'ok', reason: null, stderrTail, samples: s.samples as readonly SampleInput[] };
}

export type { Started };
