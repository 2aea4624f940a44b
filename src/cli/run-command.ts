import { randomBytes, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createRandom } from '../analysis/random.js';
import { executeRun } from '../bench/orchestrator.js';
import { planTrials } from '../bench/plan.js';
import { servesBatches } from '../bench/paired.js';
import type { Engine } from '../engine/engine.js';
import { EXIT_INTERRUPTED, usageError } from '../errors.js';
import { readHostFacts } from '../host/facts.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import { Store } from '../store/store.js';
import { APPS_GROUP, APP_WORKLOAD_IDS, DEFAULT_WORKLOAD_IDS, WORKLOAD_IDS, workloadById } from '../workloads/catalogue.js';
import { assertBinaryExists } from '../workloads/binaries.js';
import type { WorkloadSpec } from '../workloads/types.js';
import { createProgressPrinter, endProgress } from './progress.js';
import { checkBaseline } from './baseline.js';
import { buildReportData } from './report-data.js';
import { runConfig, type RunOptionsInput } from './run-config.js';
import { writeExports } from './exports.js';
import { renderOptions } from './render-options.js';
import { isobenchVersion } from './run-meta.js';
import { handleStopSignals } from './signals.js';
import { checkProcessOptions, pairedConfig, type PairedOptionsInput } from './paired-config.js';
import { batchText, pairedRecord, pairedRunPart, placementText } from './paired-part.js';
import { prepareTargets } from './targets-setup.js';
import { profilable, profileApplications } from './app-profiles.js';

export interface RunCommandOptions extends RunOptionsInput, PairedOptionsInput {
  readonly db: string;
  readonly runtimes?: string[];
  readonly workloads?: string[];
  readonly seed?: number;
  readonly baseline?: string;
  readonly format: ReportFormat;
  readonly report: boolean;
  readonly quiet: boolean;
}

export function resolveWorkloads(ids: readonly string[] | undefined): WorkloadSpec[] {
  const wanted = (ids ?? DEFAULT_WORKLOAD_IDS).flatMap((id) => (id === APPS_GROUP ? APP_WORKLOAD_IDS : [id]));
  return [...new Set(wanted)].map((id) => {
    const spec = workloadById(id);
    if (!spec) throw usageError(`unknown workload '${id}'`, `accepted: ${WORKLOAD_IDS.join(', ')}, or ${APPS_GROUP} (${APP_WORKLOAD_IDS.join(', ')})`);
    return spec;
  });
}

/** A run id that sorts by time and is unique across hosts: 20261123-004512-3f9a. */
export function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** `isobench run`: returns the process exit code. */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const workloads = resolveWorkloads(options.workloads);
  const config = runConfig(options, workloads);
  for (const workload of workloads) assertBinaryExists(workload); // before a run is stored, not at its first trial
  const paired = pairedConfig(options, availableParallelism());
  const pairedWorkloads = paired.mode === 'paired' ? workloads.filter(servesBatches) : [];
  const plannedWorkloads = workloads.filter((w) => !pairedWorkloads.includes(w));
  checkProcessOptions(options, pairedWorkloads.map((w) => w.id), plannedWorkloads.length);
  const store = Store.open(options.db);
  try {
    const kernel = readHostFacts(null).kernel;
    const { targets, executors, descriptions: described, engines } = await prepareTargets(options.runtimes, kernel);
    const dockerFacts = engines.docker?.facts ?? null;
    const host = readHostFacts(dockerFacts ? { version: dockerFacts.version, apiVersion: dockerFacts.apiVersion ?? '' } : null);
    checkBaseline(options.baseline, targets.map((t) => t.id), 'this run'); // before any trial, --no-report or not
    const seed = options.seed ?? randomInt(0, 2 ** 31 - 1);
    const now = new Date();
    store.markAbandonedRuns(host.hostname, isAlive, now.toISOString());
    for (const reached of Object.values(engines)) await sweepLeftovers(reached.engine, store);
    const runId = newRunId(now);
    const plan = planTrials({ targets: targets.map((t) => t.id), workloads: plannedWorkloads.map((w) => w.id), repetitions: config.repetitions, random: createRandom(seed) });
    const pairedPart = pairedWorkloads.length > 0 ? await pairedRunPart(paired, pairedWorkloads, config.budget.warmupMs, targets, seed, options) : undefined;
    const progress = createProgressPrinter({ quiet: options.quiet, plan });
    // From here on, Ctrl-C stops the run cleanly instead of killing the process mid-way.
    const stop = handleStopSignals((why) => progress({ kind: 'stopping', why }));
    try {
      store.createRun({
        id: runId,
        startedAt: now.toISOString(),
        seed,
        host,
        targets: described,
        config: {
          quick: options.quick, isobenchVersion: isobenchVersion(), workloads: workloads.map((w) => w.id), repetitions: config.repetitions, budget: config.budget, trialTimeoutMs: config.trialTimeoutMs,
          engine: engines.docker?.facts ?? null, engines: Object.fromEntries(Object.entries(engines).map(([kind, e]) => [kind, e.facts])),
          mode: paired.mode, ...(pairedPart ? { paired: pairedRecord(paired, pairedPart) } : {}),
        },
      });
    } catch (error) {
      stop.dispose();
      throw error;
    }
    if (pairedPart) {
      const what = `${pairedWorkloads.map((w) => w.id).join(', ')} × ${targets.length} targets`;
      const blocks = paired.blocks > 1 ? ` in ${paired.blocks} blocks` : '';
      const how = `${paired.rounds} rounds${blocks} of ${batchText(paired.batchMs, targets)}, `
        + placementText(pairedPart);
      process.stderr.write(`run ${runId}, seed ${seed}, database ${options.db}; paired: ${what}, ${how}\n`);
    }
    if (plan.length > 0 || !pairedPart) process.stderr.write(`run ${runId}: ${plan.length} trials (${targets.map((t) => t.id).join(', ')} × ${plannedWorkloads.map((w) => w.id).join(', ')} × ${config.repetitions}), seed ${seed}, database ${options.db}\n`);
    let result;
    try {
      result = await executeRun(
        { runId, executors, workloads, plan, budget: config.budget, trialTimeoutMs: config.trialTimeoutMs, ...(pairedPart ? { paired: pairedPart } : {}) },
        { store, signal: stop.signal, onProgress: progress, now: () => new Date() },
      );
      endProgress();
      if (result.status === 'complete') {
        const ids = targets.map((t) => t.id);
        const profiling = { quiet: options.quiet, signal: stop.signal };
        const profiled = await validationProfiles(store, runId, ids, plannedWorkloads, profiling);
        if (profiled === 'interrupted') result = { status: 'interrupted' as const };
      }
    } finally {
      stop.dispose();
      endProgress();
    }
    const run = store.findRun(runId);
    process.stderr.write(`run ${runId} ${run?.status ?? result.status}: ${run ? `${run.trialCounts.ok} trials ok, ${run.trialCounts.failed} failed` : ''}\n`);
    if (options.report && run) process.stdout.write(renderReport(options.format, buildReportData(store, run, { baseline: options.baseline ?? undefined }), renderOptions(options as { wide?: boolean })));
    if (run) writeExports(store, run, { ...options, baseline: options.baseline ?? undefined });
    if (result.status === 'failed') throw result.error;
    if (result.status === 'interrupted') return EXIT_INTERRUPTED;
    return run && run.trialCounts.failed > 0 ? 1 : 0;
  } finally {
    store.release(); // a database created for a run that never started is removed again
  }
}

/**
 * After the trials: the native profiles of the run's application commands, for the report's
 * check of predicted against measured slowdown (app-profiles.ts). Needs native among the
 * targets (the measured slowdown is against it); a missing tracer or a failed profile is a notice. A Ctrl-C here
 * keeps the profiles made so far and ends the run as interrupted (its trials are all kept).
 */
async function validationProfiles(
  store: Store, runId: string, targets: readonly string[], workloads: readonly WorkloadSpec[],
  options: { quiet: boolean; signal: AbortSignal },
): Promise<'done' | 'interrupted'> {
  if (!targets.includes('native') || profilable(workloads).length === 0) return 'done';
  const say = (line: string): void => {
    if (!options.quiet) process.stderr.write(`validation: ${line}\n`);
  };
  try {
    const outcome = await profileApplications(store, runId, workloads, { progress: say, signal: options.signal });
    if ('skipped' in outcome) process.stderr.write(`validation: no native profiles of the applications, so no predicted-vs-measured check: ${outcome.skipped}\n`);
    return 'done';
  } catch (error) {
    if (options.signal.aborted) {
      process.stderr.write('validation: profiling stopped; the profiles made so far are kept\n');
      return 'interrupted';
    }
    // the trials are complete and stored: a profile that cannot be made is a notice, not the run's failure
    process.stderr.write(`validation: profiling failed, the report will check the profiles made so far: ${error instanceof Error ? error.message : String(error)}\n`);
    return 'done';
  }
}

/** Containers of earlier runs of this database that are over: left by an isobench that was killed or lost its engine. */
async function sweepLeftovers(engine: Engine, store: Store): Promise<void> {
  const isOver = (runId: string): boolean => {
    const run = store.findRun(runId);
    return run?.id === runId && run.status !== 'running';
  };
  let swept;
  try {
    swept = await engine.sweep({ isOver });
  } catch {
    return; // best effort: the run itself will say if the engine is in trouble
  }
  const { removed, failed } = swept;
  if (removed.length > 0) process.stderr.write(`removed ${removed.length} container(s) left by earlier runs on ${engine.kind}: ${removed.join(', ')}\n`);
  if (failed.length > 0) process.stderr.write(`could not remove container(s) left by earlier runs on ${engine.kind}: ${failed.join(', ')} (try isobench clean)\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
