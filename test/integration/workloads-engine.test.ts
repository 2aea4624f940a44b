import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/bench/orchestrator.js';
import { Store } from '../../src/store/store.js';
import { WORKLOADS } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, createTestRun, realEngine, runscProcesses } from './engine-env.js';

const tiny = { repetitions: 2, repBudgetMs: 10, warmupMs: 5 };

describe('every workload on the real engine, natively and under runc and runsc', () => {
  let docker: Docker;
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    ({ docker } = await realEngine());
    dir = mkdtempSync(join(tmpdir(), 'isobench-wl-'));
    store = Store.open(join(dir, 'test.db'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runAll(runId: string, workloads: readonly WorkloadSpec[], trialTimeoutMs = 120_000) {
    const { executors, plan } = await createTestRun(store, runId, workloads.map((w) => w.id), 1, () => 0.5);
    const result = await executeRun({ runId, executors, workloads, plan, budget: tiny, trialTimeoutMs }, { store, signal: new AbortController().signal, onProgress: () => {}, now: () => new Date() });
    return { result, trials: store.trials(runId), samples: store.samples(runId) };
  }

  it.each(WORKLOADS.map((w) => [w.id, w] as const))('%s: every metric measured under every target', async (_id, workload) => {
    const runId = `wl-${workload.id}-${process.pid}`;
    const { result, trials, samples } = await runAll(runId, [workload]);
    expect(result.status).toBe('complete');
    for (const t of trials) expect(t.status, `${t.target}: ${t.reason} ${t.stderrTail ?? ''}`).toBe('ok');
    for (const target of ['native', 'runc', 'runsc']) {
      const metrics = new Set(samples.filter((s) => s.target === target).map((s) => s.metric));
      // native has no Docker phases and no MemAvailable drop (that needs sandboxes); the rest has every metric
      const expected = workload.metrics.map((m) => m.name).filter((m) => target !== 'native' || !/^startup_(docker|runtime|run_to|engine)|^mem_available/.test(m));
      // the MemAvailable drop can be hidden by noise on a busy host; PSS never is
      for (const m of expected.filter((m) => !m.startsWith('mem_available'))) expect(metrics, `${target} ${m}`).toContain(m);
    }
    expect(samples.every((s) => s.value > 0)).toBe(true);
    expect(await containersOfRun(docker, runId)).toBe(0);
  }, 180_000);

  it('a crashing, a garbage-printing and a hanging workload each fail their own trial; the run goes on', async () => {
    const syscall = WORKLOADS.find((w) => w.id === 'syscall') as WorkloadSpec;
    const crashes: WorkloadSpec = { ...syscall, id: 'crashes', args: () => ['--reps', '-1'] };
    const garbage: WorkloadSpec = { ...syscall, id: 'garbage', metrics: [{ name: 'something_else', unit: 'ns/op', direction: 'lower-is-better', description: '' }], args: () => ['--reps', '1', '--budget-ms', '5', '--warmup-ms', '0', '--only', 'getppid'] };
    const hangs: WorkloadSpec = { ...syscall, id: 'hangs', args: () => ['--reps', '1000', '--budget-ms', '600000', '--warmup-ms', '0', '--only', 'getppid'] };
    const fine: WorkloadSpec = { ...syscall, id: 'fine', args: () => ['--reps', '1', '--budget-ms', '5', '--warmup-ms', '0', '--only', 'getppid'] };
    const before = await runscProcesses();
    const runId = `wl-faults-${process.pid}`;
    const { result, trials } = await runAll(runId, [crashes, garbage, hangs, fine], 4_000);
    expect(result.status).toBe('complete');
    const reasons = (workload: string): string[] => trials.filter((t) => t.workload === workload).map((t) => `${t.status}: ${t.reason}`);
    expect(reasons('crashes')).toEqual(Array(3).fill('failed: exited with code 2'));
    expect(trials.filter((t) => t.workload === 'crashes').every((t) => /--reps/.test(t.stderrTail ?? ''))).toBe(true);
    for (const r of reasons('garbage')) expect(r).toMatch(/^failed: bad output: .*something_else|^failed: bad output: .*getppid/);
    for (const r of reasons('hangs')) expect(r).toMatch(/^failed: timed out after \d/);
    expect(reasons('fine')).toEqual(Array(3).fill('ok: null'));
    expect(await containersOfRun(docker, runId)).toBe(0);
    expect(await runscProcesses()).toBeLessThanOrEqual(before);
  }, 180_000);
});
