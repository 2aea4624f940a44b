import type Docker from 'dockerode';
import { pingEngine } from '../engine/api.js';
import { runContainer } from '../engine/container.js';
import type { MeasureOutcome } from '../measure/outcome.js';
import { HOST_MEASUREMENTS } from '../measure/registry.js';
import { ensureWorkloadImage } from '../engine/image.js';
import { LABEL_RUN_ID, LABEL_TRIAL } from '../engine/labels.js';
import { sweepContainers } from '../engine/sweep.js';
import { IsobenchError, describeCause } from '../errors.js';
import type { RuntimeTarget } from '../runtimes/targets.js';
import type { Store } from '../store/store.js';
import type { FinishedTrial } from '../store/records.js';
import { assertBinaryExists, binaryPath } from '../workloads/binaries.js';
import { CONTAINER_SCRATCH, type Budget, type WorkloadSpec } from '../workloads/types.js';
import { makeNativeScratch, runNative } from './native.js';
import { toFinishedTrial } from './outcome.js';
import type { PlannedTrial } from './plan.js';
import type { ProgressSink } from './progress.js';

export interface RunSpec {
  readonly runId: string;
  readonly targets: readonly RuntimeTarget[];
  readonly workloads: readonly WorkloadSpec[];
  readonly plan: readonly PlannedTrial[];
  readonly budget: Budget;
  readonly trialTimeoutMs: number;
}

export interface BenchContext {
  /** null when every target is native */
  readonly docker: Docker | null;
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
 * Executes a planned run: builds the images, runs every trial in plan order, stores each
 * trial as soon as it finishes, and marks the run. Containers of the run are swept whatever
 * happens. Never throws for a trial's failure; throws only when the store itself fails.
 */
export async function executeRun(spec: RunSpec, ctx: BenchContext): Promise<RunResult> {
  let result: RunResult = { status: 'complete' };
  try {
    const images = await prepareImages(spec, ctx);
    for (const [index, trial] of spec.plan.entries()) {
      if (ctx.signal.aborted) {
        result = { status: 'interrupted' };
        break;
      }
      const finished = await runTrial(spec, ctx, trial, index, images);
      ctx.store.recordTrial(spec.runId, finished);
      // shown only once stored: a trial printed ok is in the database (issue 13)
      ctx.onProgress({ kind: 'trial-end', trial, index, total: spec.plan.length, status: finished.status, reason: finished.reason, headline: headline(finished), durationMs: finished.durationMs });
      if (finished.status === 'interrupted') {
        result = { status: 'interrupted' };
        break;
      }
      if (finished.reason?.startsWith('the Docker engine failed') && ctx.docker && !(await engineAlive(ctx.docker))) {
        throw new IsobenchError('DOCKER_UNAVAILABLE', `the Docker engine stopped answering during trial ${index + 1}/${spec.plan.length} (${trial.target} ${trial.workload})`, {
          hint: 'restart dockerd (scripts/setup-host.sh), run `isobench clean` to remove what this run left, and run again; finished trials are kept',
        });
      }
    }
  } catch (error) {
    if (ctx.signal.aborted) result = { status: 'interrupted' };
    else if (error instanceof IsobenchError && error.code !== 'DATABASE') result = { status: 'failed', error };
    else {
      tryFinish(spec.runId, ctx, 'failed', describeCause(error));
      throw error;
    }
  } finally {
    await sweep(spec.runId, ctx);
  }
  tryFinish(spec.runId, ctx, result.status, result.status === 'failed' ? result.error.message : null);
  return result;
}

function tryFinish(runId: string, ctx: BenchContext, status: 'complete' | 'interrupted' | 'failed', error: string | null): void {
  try {
    ctx.store.finishRun(runId, status, ctx.now().toISOString(), error);
  } catch {
    // The store is what failed; the original error is what the user needs to see.
  }
}

async function prepareImages(spec: RunSpec, ctx: BenchContext): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  for (const workload of spec.workloads) assertBinaryExists(workload);
  if (!ctx.docker || spec.targets.every((t) => t.dockerRuntime === null)) return images;
  for (const workload of spec.workloads) {
    if (ctx.signal.aborted) break; // Ctrl-C: build no more images, the run stops as interrupted
    const image = await ensureWorkloadImage(ctx.docker, binaryPath(workload));
    images.set(workload.id, image.tag);
    ctx.onProgress({ kind: 'image', workload: workload.id, tag: image.tag, built: image.built });
  }
  return images;
}

async function runTrial(spec: RunSpec, ctx: BenchContext, trial: PlannedTrial, index: number, images: Map<string, string>): Promise<FinishedTrial> {
  const total = spec.plan.length;
  const target = spec.targets.find((t) => t.id === trial.target);
  const workload = spec.workloads.find((w) => w.id === trial.workload);
  if (!target || !workload) throw new Error(`plan names an unknown target or workload: ${trial.target} ${trial.workload}`);
  ctx.onProgress({ kind: 'trial-start', trial, index, total });
  const startedAt = ctx.now().toISOString();
  const outcome = await execute(spec, ctx, target, workload, trial, images);
  return toFinishedTrial(trial, workload, outcome, startedAt);
}

async function execute(spec: RunSpec, ctx: BenchContext, target: RuntimeTarget, workload: WorkloadSpec, trial: PlannedTrial, images: Map<string, string>): Promise<MeasureOutcome> {
  const measure = workload.hostMeasured ? HOST_MEASUREMENTS[workload.hostMeasured] : null;
  const measureCtx = { binary: binaryPath(workload), args: workload.args(spec.budget, CONTAINER_SCRATCH), count: spec.budget.repetitions, timeoutMs: spec.trialTimeoutMs, signal: ctx.signal };
  if (target.dockerRuntime === null && measure) return measure.native(measureCtx);
  if (target.dockerRuntime === null) {
    const scratch = workload.needsScratch ? await makeNativeScratch() : null;
    try {
      const args = workload.args(spec.budget, scratch?.dirs ?? CONTAINER_SCRATCH);
      return await runNative(binaryPath(workload), args, spec.trialTimeoutMs, ctx.signal);
    } finally {
      await scratch?.remove();
    }
  }
  const image = images.get(workload.id);
  if (!ctx.docker || !image) throw new Error(`no image for workload ${workload.id}`);
  const request = {
    image,
    cmd: workload.args(spec.budget, CONTAINER_SCRATCH),
    runtime: target.dockerRuntime,
    labels: { [LABEL_RUN_ID]: spec.runId, [LABEL_TRIAL]: String(trial.seq) },
    needs: workload.container,
    securityOpt: target.securityOpt,
    timeoutMs: spec.trialTimeoutMs,
    signal: ctx.signal,
  };
  if (measure) return measure.container(ctx.docker, request, measureCtx);
  return runContainer(ctx.docker, request);
}

function headline(trial: FinishedTrial): string | null {
  const first = trial.samples[0];
  if (!first) return null;
  const values = trial.samples.filter((s) => s.metric === first.metric).map((s) => s.value).sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] ?? first.value;
  return `${first.metric} ${median.toPrecision(3)} ${first.unit}`;
}

async function engineAlive(docker: Docker): Promise<boolean> {
  try {
    await pingEngine(docker, 5_000);
    return true;
  } catch {
    return false;
  }
}

async function sweep(runId: string, ctx: BenchContext): Promise<void> {
  if (!ctx.docker) return;
  try {
    const { removed, failed } = await sweepContainers(ctx.docker, runId);
    if (removed.length > 0 || failed.length > 0) ctx.onProgress({ kind: 'cleanup', removed: removed.length, failed });
  } catch {
    // The engine is gone: nothing of ours can be left in it that we could remove now.
  }
}
