/**
 * Start-up of a paired block: one `--serve` process per target, all started at once, each
 * waiting until it has warmed up and calibrated every metric (its `ready` line) before the
 * first round. A target that cannot start is kept with its failure; the block goes on without it.
 */
import { z } from 'zod';
import { LABEL_RUN_ID, LABEL_TRIAL } from '../engine/labels.js';
import { describeCause } from '../errors.js';
import type { SampleInput } from '../store/records.js';
import type { Executor, Started } from './executor.js';
import { tail } from './outcome.js';
import type { PairedBlockInput } from './paired.js';
import { batchMsFor, cpusetFor } from './placement.js';
import { ServeChannel } from './serve-channel.js';

export interface Served {
  readonly target: string;
  /** this target's batch budget (ms): `--batch-ms`, longer for sandboxes and VMs (placement.ts) */
  readonly batchMs: number;
  channel: ServeChannel | null;
  metrics: ReadonlySet<string>;
  readonly samples: SampleInput[];
  /** CPU time over wall time of each batch (the process's CLOCK_PROCESS_CPUTIME_ID, workloads/common.c) */
  readonly cpuShares: number[];
  /** why this target left the block; null while it serves */
  failure: string | null;
  /** stderr of a process that never got a channel */
  stderr: string | null;
  /** quits, stops the process or container, removes scratch directories; never throws */
  stop(): Promise<void>;
}

const readyLine = z.object({ ready: z.literal(true), metrics: z.array(z.string()) });
const errorLine = z.object({ error: z.string() });

/** Arguments of a serving process: calibrated to one batch, one repetition (pinning is the executor's, by `cpuset`). */
export function serveArgs(input: Pick<PairedBlockInput, 'workload' | 'batchMs' | 'warmupMs'>, dirs: Parameters<PairedBlockInput['workload']['args']>[1]): string[] {
  return [...input.workload.args({ repetitions: 1, repBudgetMs: input.batchMs, warmupMs: input.warmupMs }, dirs), '--serve'];
}

/** The longest a serving process may live before its executor kills it: a safety net only (every batch the longest). */
export function lifetimeMs(input: PairedBlockInput): number {
  const batches = input.workload.metrics.length * input.executors.length * Math.max(input.rounds, input.precision?.maxRounds ?? 0);
  const longest = Math.max(input.batchMs, ...input.executors.map((e) => batchMsFor(e.target.tier, input.batchMs)));
  return input.readyTimeoutMs + (input.precision?.capMs ?? 0) + batches * (4 * longest + 1_000);
}

export function startServing(input: PairedBlockInput): Promise<Served[]> {
  return Promise.all(input.executors.map((executor) => startOne(input, executor)));
}

async function startOne(input: PairedBlockInput, executor: Executor): Promise<Served> {
  let started: Started | null = null;
  let scratch: Awaited<ReturnType<Executor['scratch']>> | null = null;
  const served: Served = {
    target: executor.target.id, batchMs: batchMsFor(executor.target.tier, input.batchMs),
    channel: null, metrics: new Set(), samples: [], cpuShares: [], failure: null, stderr: null,
    stop: async () => {
      served.channel?.quit();
      await started?.stop();
      await scratch?.remove().catch(() => undefined);
    },
  };
  try {
    if (input.workload.needsScratch) scratch = await executor.scratch();
    const dirs = scratch?.dirs ?? { rootfs: '/scratch', tmpfs: '/tmpfs' };
    const cpuset = cpusetFor(executor.target.tier, input.cpuset);
    started = await executor.start({
      workload: input.workload,
      args: serveArgs(input, dirs),
      timeoutMs: lifetimeMs(input),
      startTimeoutMs: input.readyTimeoutMs,
      signal: input.signal,
      labels: { [LABEL_RUN_ID]: input.runId, [LABEL_TRIAL]: String(input.seqOf(executor.target.id)) },
      ...(cpuset !== undefined ? { cpuset } : {}),
      interactive: true,
    });
    const stdio = started.stdio();
    if (!stdio) throw new Error('the executor gave no live stdin/stdout for an interactive start');
    served.channel = new ServeChannel(stdio.stdin, stdio.stdout, stdio.stderr);
    await awaitReady(input, served, served.channel);
  } catch (error) {
    // a start cut short by Ctrl-C is no failure of the target: its trial is then interrupted (paired.ts)
    if (!input.signal.aborted) served.failure = `could not start a serving process: ${describeCause(error)}`;
    served.stderr = started ? tail((await started.output()).stderr) : null;
  }
  return served;
}

async function awaitReady(input: PairedBlockInput, served: Served, channel: ServeChannel): Promise<void> {
  const answer = await channel.next(input.readyTimeoutMs, input.signal);
  if ('fail' in answer) {
    if (answer.fail === 'aborted') return;
    served.failure = answer.fail === 'closed'
      ? 'its process ended before it was ready (warm-up and calibration)'
      : `not ready after ${(input.readyTimeoutMs / 1000).toFixed(0)} s (warm-up and calibration)`;
    return;
  }
  const json = parseJson(answer.line);
  const ready = readyLine.safeParse(json);
  if (ready.success) {
    const known = new Set(input.workload.metrics.map((m) => m.name));
    served.metrics = new Set(ready.data.metrics.filter((m) => known.has(m)));
    if (served.metrics.size === 0) served.failure = 'it serves none of the workload\'s metrics';
    return;
  }
  const error = errorLine.safeParse(json);
  served.failure = error.success ? `it answered an error: ${error.data.error}` : `its first line is not the ready line: ${answer.line.slice(0, 80)}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
