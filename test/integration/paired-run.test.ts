import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import { runPairedWorkloads } from '../../src/bench/paired-run.js';
import type { FinishedTrial } from '../../src/store/records.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { alive, cpusets, processExecutor, spawned } from './paired-env.js';

describe('runPairedWorkloads (real workload processes)', () => {
  it('runs one block per workload, records every trial with its own seq, and notes the drift', async () => {
    const recorded: FinishedTrial[] = [];
    const notices: string[] = [];
    const result = await runPairedWorkloads({
      runId: 'test-paired-run', workloads: ['cpu', 'syscall'].map((id) => workloadById(id) as WorkloadSpec),
      executors: [processExecutor('native'), processExecutor('other')], firstSeq: 10, rounds: 3, batchMs: 3, warmupMs: 2,
      readyTimeoutMs: () => 20_000, placement: { workloadCpus: '1', isobenchCpus: '0', source: 'default' }, baseline: 'native',
      random: createRandom(1), signal: new AbortController().signal, now: () => new Date(), record: (t) => recorded.push(t), notice: (l) => notices.push(l),
    });
    expect(result.status).toBe('complete');
    expect(recorded.map((t) => [t.seq, t.workload, t.target, t.status])).toEqual([
      [10, 'cpu', 'native', 'ok'], [11, 'cpu', 'other', 'ok'], [12, 'syscall', 'native', 'ok'], [13, 'syscall', 'other', 'ok'],
    ]);
    expect(notices[0]).toMatch(/^paired cpu: 3 rounds × 2 targets in \d+\.\d s$/);
    expect(notices.some((n) => n.startsWith('host drift over rounds'))).toBe(true);
    // every process was asked to run on the workload CPU
    expect(cpusets).toEqual(['1', '1', '1', '1']);
    expect(spawned.filter(alive)).toEqual([]);
  });
});
