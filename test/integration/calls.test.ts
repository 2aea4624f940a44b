import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/bench/orchestrator.js';
import { Store } from '../../src/store/store.js';
import { CALLS_METRICS } from '../../src/workloads/calls-spec.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, createTestRun, realEngine } from './engine-env.js';

describe('calls workload natively and under runc and runsc (real engine)', () => {
  let dir: string;
  let store: Store;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-calls-'));
    store = Store.open(join(dir, 'test.db'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures every call on every target; gVisor pays far more than runc for calls that only enter the kernel', async () => {
    const { docker } = await realEngine();
    const calls = workloadById('calls') as WorkloadSpec;
    const runId = `calls-${process.pid}`;
    const { executors, plan } = await createTestRun(store, runId, ['calls'], 1, () => 0.5);
    const budget = { repetitions: 3, repBudgetMs: 20, warmupMs: 10 };
    const result = await executeRun({ runId, executors, workloads: [calls], plan, budget, trialTimeoutMs: 180_000 }, { store, signal: new AbortController().signal, onProgress: () => {}, now: () => new Date() });
    expect(result.status).toBe('complete');
    for (const t of store.trials(runId)) expect(t.status, `${t.target}: ${t.reason} ${t.stderrTail ?? ''}`).toBe('ok');
    const samples = store.samples(runId);
    const med = (target: string, metric: string): number => median(samples.filter((s) => s.target === target && s.metric === metric).map((s) => s.value));
    for (const target of ['native', 'runc', 'runsc']) {
      for (const m of CALLS_METRICS) expect(med(target, m.name), `${target} ${m.name}`).toBeGreaterThan(0);
    }
    // fstat, wait4(WNOHANG) and a ready epoll_wait do almost nothing in the kernel: under runsc each is
    // a trap into the Sentry, under runc a plain system call. On systrap (runsc 2024) the Sentry answers
    // wait4(WNOHANG) in about 1.2-1.6 µs against runc's 0.65 (a ratio of 1.7-2.3 here), fstat and
    // epoll_wait at 2.3-5× runc's (2.3× for epoll_wait in a full run of 2026-12-02, and 1.9-2.0× in one in three
    // of these short trials): the latter two must cost half as much again as runc's, every one of them more
    for (const m of ['fstat', 'epoll_wait']) expect(med('runsc', m), m).toBeGreaterThan(1.5 * med('runc', m));
    expect(med('runsc', 'wait4_nohang')).toBeGreaterThan(med('runc', 'wait4_nohang'));
    // a 64 KiB read copies 1000× more than a 64-byte one on every target
    for (const target of ['native', 'runc']) expect(med(target, 'read_64k')).toBeGreaterThan(med(target, 'read_64b'));
    expect(await containersOfRun(docker, runId)).toBe(0);
  }, 300_000);
});
