import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun, type RunSpec } from '../../src/bench/orchestrator.js';
import type { ProgressEvent } from '../../src/bench/progress.js';
import { median } from 'simple-statistics';
import { Store } from '../../src/store/store.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, createTestRun, realEngine } from './engine-env.js';

const syscall = workloadById('syscall') as WorkloadSpec;
const budget = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };

describe('executeRun on the real engine', () => {
  let docker: Docker;
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    ({ docker } = await realEngine());
    dir = mkdtempSync(join(tmpdir(), 'isobench-orch-'));
    store = Store.open(join(dir, 'test.db'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(runId: string, repetitions: number): Promise<RunSpec> {
    let i = 0;
    const { executors, plan } = await createTestRun(store, runId, ['syscall'], repetitions, () => ((i += 0.37) % 1));
    return { runId, executors, workloads: [syscall], plan, budget, trialTimeoutMs: 120_000 };
  }

  it('runs native, runc and runsc interleaved, stores every trial, and leaves nothing behind', async () => {
    const spec = await start(`orch-ok-${process.pid}`, 2);
    const events: ProgressEvent[] = [];
    const result = await executeRun(spec, { store, signal: new AbortController().signal, onProgress: (e) => events.push(e), now: () => new Date() });
    expect(result.status).toBe('complete');
    const run = store.findRun(spec.runId);
    expect(run).toMatchObject({ status: 'complete', trialCounts: { ok: 6, failed: 0 } });
    expect(events.filter((e) => e.kind === 'trial-end')).toHaveLength(6);
    const getppid = (target: string): number => median(store.samples(spec.runId).filter((s) => s.target === target && s.metric === 'getppid').map((s) => s.value));
    // gVisor intercepts every system call in user space: far slower than runc, which is close to native
    expect(getppid('runsc')).toBeGreaterThan(2 * getppid('runc'));
    expect(getppid('runsc')).toBeGreaterThan(2 * getppid('native'));
    expect(await containersOfRun(docker, spec.runId)).toBe(0);
    expect(store.integrityCheck()).toBe('ok');
  });

  it('on abort, keeps the finished trials, marks the run interrupted and removes its containers', async () => {
    const spec = await start(`orch-abort-${process.pid}`, 5);
    const controller = new AbortController();
    let ended = 0;
    const result = await executeRun(spec, {
      store, signal: controller.signal, now: () => new Date(),
      onProgress: (e) => {
        if (e.kind === 'trial-end' && ++ended === 2) controller.abort();
      },
    });
    expect(result.status).toBe('interrupted');
    const run = store.findRun(spec.runId);
    expect(run?.status).toBe('interrupted');
    expect(run?.trialCounts.ok).toBe(2);
    expect(store.trials(spec.runId).length).toBeLessThan(spec.plan.length);
    expect(await containersOfRun(docker, spec.runId)).toBe(0);
  });
});
