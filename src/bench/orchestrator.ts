import { LABEL_RUN_ID, LABEL_TRIAL } from '../engine/labels.js';
import { IsobenchError, describeCause } from '../errors.js';
import { measurementFor } from '../measure/registry.js';
import type { MeasureOutcome } from '../measure/outcome.js';
import type { Store } from '../store/store.js';
import type { FinishedTrial } from '../store/records.js';
import type { Budget, WorkloadSpec } from '../workloads/types.js';
import type { Executor } from './executor.js';
import { toFinishedTrial } from './outcome.js';
import { runPairedWorkloads, type PairedRunInput } from './paired-run.js';
import type { PlannedTrial } from './plan.js';
import type { ProgressSink } from './progress.js';

export interface RunSpec {
  readonly runId: string;
  /** one per target, keyed by the target id the plan names */
  readonly executors: ReadonlyMap<string, Executor>;
  readonly workloads: readonly WorkloadSpec[];
  readonly plan: readonly PlannedTrial[];
  readonly budget: Budget;
  readonly trialTimeoutMs: number;
  /** paired mode (issue 15): these per-op workloads run in paired blocks, before the plan's trials (seqs after them) */
  readonly paired?: PairedPart;
}

export type PairedPart = Omit<PairedRunInput, 'runId' | 'executors' | 'firstSeq' | 'signal' | 'now' | 'record'> & {
  /**
   * Undoes whatever the paired part set up for itself (isobench pinned to its CPUs), once its blocks are
   * done: the trials after them start programs on the host, which would inherit it.
   */
  readonly unpin?: () => Promise<void>;
};

export interface BenchContext {
  readonly store: Store;
  readonly signal: AbortSignal;
  readonly onProgress: ProgressSink;
  readonly now: () => Date;
}

export type RunResult =
  | { readonly status: 'complete' }
  | { readonly status: 'interrupted' }
  | { readonly status: 'failed'; readonly error: IsobenchError };

/**
 * Executes a planned run: prepares every target (images), runs every trial in plan order
 * through its target's executor, stores each trial as soon as it finishes, and marks the run.
 * What the run left on any engine is swept whatever happens. Never throws for a trial's
 * failure; throws only when the store itself fails.
 */
export async function executeRun(spec: RunSpec, ctx: BenchContext): Promise<RunResult> {
  let result: RunResult = { status: 'complete' };
  try {
    await prepare(spec, ctx);
    if (spec.paired) {
      try {
        if ((await runPaired(spec, spec.paired, ctx)) === 'interrupted') result = { status: 'interrupted' };
      } finally {
        await spec.paired.unpin?.();
      }
    }
    for (const [index, trial] of spec.plan.entries()) {
      if (ctx.signal.aborted || result.status === 'interrupted') {
        result = { status: 'interrupted' };
        break;
      }
      const executor = executorOf(spec, trial);
      const finished = await runTrial(spec, ctx, executor, trial, index);
      ctx.store.recordTrial(spec.runId, finished);
      // shown only once stored: a trial printed ok is in the database (issue 13)
      ctx.onProgress({ kind: 'trial-end', trial, index, total: spec.plan.length, status: finished.status, reason: finished.reason, headline: headline(finished), durationMs: finished.durationMs });
      if (finished.status === 'interrupted') {
        result = { status: 'interrupted' };
        break;
      }
      if (finished.reason?.startsWith('the engine failed') && !(await executor.alive())) {
        const engine = executor.target.engine;
        throw new IsobenchError(engine === 'containerd' ? 'CONTAINERD_UNAVAILABLE' : 'DOCKER_UNAVAILABLE', `the ${engineLabel(engine)} engine stopped answering during trial ${index + 1}/${spec.plan.length} (${trial.target} ${trial.workload})`, {
          hint: `restart ${engine === 'containerd' ? 'containerd' : 'dockerd'} (scripts/setup-host.sh), run \`isobench clean\` to remove what this run left, and run again; finished trials are kept`,
        });
      }
    }
  } catch (error) {
    if (ctx.signal.aborted) result = { status: 'interrupted' };
    else if (error instanceof IsobenchError && error.code === 'INTERRUPTED') result = { status: 'interrupted' };
    else if (error instanceof IsobenchError && error.code !== 'DATABASE') result = { status: 'failed', error };
    else {
      tryFinish(spec.runId, ctx, 'failed', describeCause(error));
      throw error;
    }
  } finally {
    await sweep(spec, ctx);
  }
  tryFinish(spec.runId, ctx, result.status, result.status === 'failed' ? result.error.message : null);
  return result;
}

function runPaired(spec: RunSpec, paired: PairedPart, ctx: BenchContext): Promise<'complete' | 'interrupted'> {
  const record = (trial: FinishedTrial): void => void ctx.store.recordTrial(spec.runId, trial);
  const input = { ...paired, runId: spec.runId, executors: [...spec.executors.values()], firstSeq: spec.plan.length, signal: ctx.signal, now: ctx.now, record };
  return runPairedWorkloads(input).then((r) => r.status);
}

/** How messages name an engine: Docker, containerd. */
function engineLabel(kind: string | null): string {
  return kind === 'docker' ? 'Docker' : (kind ?? 'container');
}

function executorOf(spec: RunSpec, trial: PlannedTrial): Executor {
  const executor = spec.executors.get(trial.target);
  if (!executor) throw new Error(`plan names a target without an executor: ${trial.target}`);
  return executor;
}

function tryFinish(runId: string, ctx: BenchContext, status: 'complete' | 'interrupted' | 'failed', error: string | null): void {
  try {
    ctx.store.finishRun(runId, status, ctx.now().toISOString(), error);
  } catch {
    // The store is what failed; the original error is what the user needs to see.
  }
}

/** Every target makes what its workloads need before the first trial (images: once per engine and workload). */
async function prepare(spec: RunSpec, ctx: BenchContext): Promise<void> {
  const reported = new Set<string>();
  for (const executor of spec.executors.values()) {
    if (ctx.signal.aborted) return;
    await executor.prepare(spec.workloads, (workload, tag, built) => {
      if (reported.has(tag)) return;
      reported.add(tag);
      ctx.onProgress({ kind: 'image', workload, tag, built });
    }, ctx.signal);
  }
}

async function runTrial(spec: RunSpec, ctx: BenchContext, executor: Executor, trial: PlannedTrial, index: number): Promise<FinishedTrial> {
  const total = spec.plan.length;
  const workload = spec.workloads.find((w) => w.id === trial.workload);
  if (!workload) throw new Error(`plan names an unknown workload: ${trial.workload}`);
  ctx.onProgress({ kind: 'trial-start', trial, index, total });
  const startedAt = ctx.now().toISOString();
  const outcome = await measure(spec, ctx, executor, workload, trial);
  return toFinishedTrial(trial, workload, outcome, startedAt);
}

async function measure(spec: RunSpec, ctx: BenchContext, executor: Executor, workload: WorkloadSpec, trial: PlannedTrial): Promise<MeasureOutcome> {
  const labels = { [LABEL_RUN_ID]: spec.runId, [LABEL_TRIAL]: String(trial.seq) };
  try {
    return await measurementFor(workload.hostMeasured)(executor, { workload, budget: spec.budget, timeoutMs: spec.trialTimeoutMs, signal: ctx.signal, labels });
  } catch (error) {
    if (ctx.signal.aborted) return { kind: 'aborted', durationMs: 0 };
    if (error instanceof IsobenchError) throw error;
    return { kind: 'engine-error', message: describeCause(error), durationMs: 0 };
  }
}

function headline(trial: FinishedTrial): string | null {
  const first = trial.samples[0];
  if (!first) return null;
  const values = trial.samples.filter((s) => s.metric === first.metric).map((s) => s.value).sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] ?? first.value;
  return `${first.metric} ${median.toPrecision(3)} ${first.unit}`;
}

async function sweep(spec: RunSpec, ctx: BenchContext): Promise<void> {
  const failed: string[] = [];
  let removed = 0;
  for (const executor of spec.executors.values()) {
    try {
      const swept = await executor.sweep(spec.runId);
      removed += swept.removed;
      failed.push(...swept.failed);
    } catch {
      // The engine is gone: nothing of ours can be left in it that we could remove now.
    }
  }
  if (removed > 0 || failed.length > 0) ctx.onProgress({ kind: 'cleanup', removed, failed });
}
