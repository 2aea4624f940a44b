import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/bench/executor.js';
import { NativeExecutor } from '../../src/bench/executors/native.js';
import { toFinishedTrial } from '../../src/bench/outcome.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { measurementFor } from '../../src/measure/registry.js';
import { APP_WORKLOAD_IDS, workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, realEngine, testTargets } from './engine-env.js';

/**
 * Every application workload on the real engine under runc and runsc, and natively, through
 * the same measurement `isobench run` uses: each trial ok, every metric of the workload
 * measured, and no container of the run left behind (a host-wide count of runsc sandboxes
 * would count other runs sharing this host: the container check is this run's own).
 */
const small = { repetitions: 1, repBudgetMs: 10, warmupMs: 0 };
const apps = APP_WORKLOAD_IDS.map((id) => workloadById(id) as WorkloadSpec);
const runId = `apps-it-${process.pid}`;
const labels = { [LABEL_RUN_ID]: runId };
const planned = (workload: string, target: string) => ({ seq: 1, target, workload, repetition: 0 });

async function trial(executor: Executor, target: string, spec: WorkloadSpec): Promise<{ status: string; metrics: string[]; why: string }> {
  const outcome = await measurementFor(spec.hostMeasured)(executor, { workload: spec, budget: small, timeoutMs: 180_000, labels });
  const finished = toFinishedTrial(planned(spec.id, target), spec, outcome, new Date().toISOString());
  return { status: finished.status, metrics: [...new Set(finished.samples.map((s) => s.metric))].sort(), why: `${finished.reason ?? ''}\n${finished.stderrTail ?? ''}` };
}

function expectEveryMetric(result: { status: string; metrics: string[]; why: string }, spec: WorkloadSpec): void {
  expect(result.status, result.why).toBe('ok');
  expect(result.metrics).toEqual(spec.metrics.map((m) => m.name).sort());
}

describe('application workloads natively', () => {
  it.each(apps.map((w) => [w.id, w] as const))('%s: every metric, one trial', async (_id, spec) => {
    expectEveryMetric(await trial(new NativeExecutor(), 'native', spec), spec);
  }, 240_000);
});

describe('application workloads on the real engine', () => {
  let docker: Docker;
  let executors: ReadonlyMap<string, Executor>;

  beforeAll(async () => {
    ({ docker } = await realEngine());
    ({ executors } = await testTargets(['runc', 'runsc']));
    for (const executor of executors.values()) await executor.prepare(apps);
  }, 600_000);

  afterAll(async () => {
    for (const executor of executors?.values() ?? []) await executor.sweep(runId);
  });

  it.each(['runc', 'runsc'].flatMap((target) => apps.map((w) => [target, w.id, w] as const)))('%s %s: every metric, one trial, nothing left', async (target, _id, spec) => {
    expectEveryMetric(await trial(executors.get(target) as Executor, target, spec), spec);
    expect(await containersOfRun(docker, runId)).toBe(0);
  }, 240_000);
});
