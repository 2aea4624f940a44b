import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import { runPairedWorkloads, type PairedRunInput } from '../../src/bench/paired-run.js';
import type { FinishedTrial } from '../../src/store/records.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { alive, cpusets, processExecutor, spawned } from './paired-env.js';

const NOT_PINNED = { workloadCpus: null, isobenchCpus: null, source: 'single-cpu' } as const;

/** A paired part of cpu and syscall under `native` and `other` (real processes), what it recorded and said. */
async function run(over: Partial<PairedRunInput> & Pick<PairedRunInput, 'rounds' | 'blocks'>) {
  const recorded: FinishedTrial[] = [];
  const notices: string[] = [];
  const result = await runPairedWorkloads({
    runId: 'test-paired-run', workloads: ['cpu', 'syscall'].map((id) => workloadById(id) as WorkloadSpec),
    executors: [processExecutor('native'), processExecutor('other')], firstSeq: 0, batchMs: 3, warmupMs: 2,
    readyTimeoutMs: () => 20_000, placement: NOT_PINNED, baseline: 'native',
    random: createRandom(1), signal: new AbortController().signal, now: () => new Date(),
    record: (t) => recorded.push(t), notice: (l) => notices.push(l),
    ...over,
  });
  return { result, recorded, notices };
}

describe('runPairedWorkloads (real workload processes)', () => {
  it('runs one block per workload, records every trial with its own seq, and notes the drift', async () => {
    const placement = { workloadCpus: '1', isobenchCpus: '0', source: 'default' } as const;
    const { result, recorded, notices } = await run({ firstSeq: 10, rounds: 3, blocks: 1, placement });
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

  it('splits the rounds into blocks taken block-major, each block its own trials and fresh processes', async () => {
    const before = spawned.length;
    const { result, recorded, notices } = await run({ rounds: 5, blocks: 2, random: createRandom(2) });
    expect(result.status).toBe('complete');
    const syscallMetrics = (workloadById('syscall') as WorkloadSpec).metrics.length;
    const trial = (seq: number, workload: string, target: string, block: number) =>
      [seq, workload, target, block, 'ok'];
    const stored = recorded.map((t) => [t.seq, t.workload, t.target, t.repetition, t.status]);
    expect(stored).toEqual([0, 1].flatMap((block) => [
      trial(4 * block, 'cpu', 'native', block), trial(4 * block + 1, 'cpu', 'other', block),
      trial(4 * block + 2, 'syscall', 'native', block), trial(4 * block + 3, 'syscall', 'other', block),
    ]));
    // 5 rounds: 3 in the first block, 2 in the second; one batch per metric and round
    expect(recorded.filter((t) => t.workload === 'syscall').map((t) => t.samples.length))
      .toEqual([3, 3, 2, 2].map((r) => r * syscallMetrics));
    expect(notices.filter((n) => / block \d\/\d: /.test(n)).map((n) => n.replace(/ in \d+\.\d s$/, ''))).toEqual([
      'paired cpu block 1/2: 3 rounds × 2 targets', 'paired syscall block 1/2: 3 rounds × 2 targets',
      'paired cpu block 2/2: 2 rounds × 2 targets', 'paired syscall block 2/2: 2 rounds × 2 targets',
    ]);
    // the on-CPU shares once per workload, after its last block
    const shareLines = notices.filter((n) => n.includes('on-CPU share'));
    expect(shareLines.map((n) => n.split(':')[0])).toEqual(['paired cpu', 'paired syscall']);
    // a process per target and block, none left
    expect(spawned.length - before).toBe(8);
    expect(spawned.filter(alive)).toEqual([]);
  });

  it('adds the rounds of --precision to the last block only', async () => {
    const { result, recorded } = await run({
      workloads: [workloadById('cpu') as WorkloadSpec], rounds: 4, blocks: 2, precisionPct: 1e-9,
      random: createRandom(3),
    });
    expect(result.status).toBe('complete');
    // a goal no run can meet: the first block keeps its 2 rounds, the last runs to 5 × --rounds
    expect(recorded.map((t) => [t.repetition, t.samples.length])).toEqual([[0, 2], [0, 2], [1, 20], [1, 20]]);
  });
});
