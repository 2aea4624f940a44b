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

  it("undoes the paired part's own set-up once its blocks are done, before the first trial starts", async () => {
    const runId = `orch-unpin-${process.pid}`;
    const { executors, plan } = await createTestRun(store, runId, ['syscall'], 1, () => 0.5, ['native']);
    const order: string[] = [];
    const paired = {
      workloads: [syscall], rounds: 2, blocks: 1, batchMs: 3, warmupMs: 2, readyTimeoutMs: () => 20_000,
      placement: { workloadCpus: null, isobenchCpus: null, source: 'single-cpu' }, baseline: 'native',
      random: () => 0.5, notice: () => order.push('paired block'),
      unpin: () => { order.push('unpin'); return Promise.resolve(); },
    } as const;
    const spec: RunSpec = { runId, executors, workloads: [syscall], plan, budget, trialTimeoutMs: 60_000, paired };
    const onProgress = (e: ProgressEvent): void => void (e.kind === 'trial-start' && order.push('trial'));
    const signal = new AbortController().signal;
    const result = await executeRun(spec, { store, signal, onProgress, now: () => new Date() });
    expect(result.status).toBe('complete');
    // the paired part says what it did (its notices), then is undone once, then the one trial starts
    expect(order.filter((o) => o !== 'paired block')).toEqual(['unpin', 'trial']);
    expect(order.lastIndexOf('paired block')).toBeGreaterThanOrEqual(0);
    expect(order.lastIndexOf('paired block')).toBeLessThan(order.indexOf('unpin'));
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
