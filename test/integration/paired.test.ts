import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { pairedRatios } from '../../src/analysis/paired-ratio.js';
import { createRandom } from '../../src/analysis/random.js';
import { runPairedBlock, servesBatches, type PairedBlockInput } from '../../src/bench/paired.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { alive, processExecutor, spawned } from './paired-env.js';

const syscall = workloadById('syscall') as WorkloadSpec;
// Two metrics keep the test short; the binary's --only selects them.
const twoMetrics: WorkloadSpec = { ...syscall, metrics: syscall.metrics.filter((m) => ['getppid', 'stat'].includes(m.name)), args: (b, d) => [...syscall.args(b, d), '--only', 'getppid,stat'] };

function input(overrides: Partial<PairedBlockInput>): PairedBlockInput {
  return {
    runId: 'test-paired', block: 0, workload: twoMetrics, executors: [processExecutor('native'), processExecutor('again')],
    seqOf: (t) => (t === 'native' ? 0 : t === 'again' ? 1 : 2), rounds: 6, batchMs: 5, warmupMs: 5, readyTimeoutMs: 20_000,
    random: createRandom(7), signal: new AbortController().signal, now: () => new Date(), ...overrides,
  };
}

afterEach(() => {
  expect(spawned.filter(alive)).toEqual([]);
  spawned.length = 0;
});

describe('runPairedBlock (real workload processes)', () => {
  it('stores one trial per target, one sample per metric and round, and stops every process', async () => {
    const result = await runPairedBlock(input({}));
    expect(result.rounds).toBe(6);
    expect(result.trials.map((t) => [t.target, t.seq, t.status, t.repetition])).toEqual([['native', 0, 'ok', 0], ['again', 1, 'ok', 0]]);
    for (const trial of result.trials) {
      expect(trial.samples.filter((s) => s.metric === 'getppid').map((s) => s.rep)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(trial.samples.filter((s) => s.metric === 'stat')).toHaveLength(6);
    }
    const rows = result.trials.flatMap((t) => t.samples.map((s) => ({ target: t.target, workload: 'syscall', metric: s.metric, unit: s.unit, block: 0, round: s.rep, value: s.value })));
    const ratios = pairedRatios(rows, 'native');
    expect(ratios.map((r) => r.metric)).toEqual(['getppid', 'stat']);
    for (const r of ratios) expect(r.low <= r.ratio && r.ratio <= r.high).toBe(true);
    // the CPU time of a batch can be neither negative nor (one thread) much above its wall time
    for (const share of result.cpuShare.values()) expect(share !== null && share > 0 && share <= 1.05).toBe(true);
  });

  it('fails only the target whose process cannot serve; the others go on', async () => {
    const result = await runPairedBlock(input({ executors: [processExecutor('native'), processExecutor('broken', '/bin/true')] }));
    const broken = result.trials.find((t) => t.target === 'broken');
    expect(broken?.status).toBe('failed');
    expect(broken?.reason).toMatch(/ended before it was ready/);
    expect(result.trials.find((t) => t.target === 'native')?.samples).toHaveLength(12);
  });

  it('fails a target that dies mid-block and keeps the rounds of the others', async () => {
    const executors = [processExecutor('native'), processExecutor('again')];
    // Processes are spawned in the executors' order: the second serves 'again'.
    const onRound = (round: number): void => {
      if (round === 2) spawned[1]?.kill('SIGKILL');
    };
    const result = await runPairedBlock(input({ executors, onRound }));
    expect(result.trials.map((t) => t.status)).toEqual(['ok', 'failed']);
    expect(result.trials[1]?.reason).toMatch(/ended (during|before) the batch/);
    expect(result.trials[0]?.samples).toHaveLength(12);
  });

  it('stops at an abort: interrupted trials, no process left', async () => {
    const controller = new AbortController();
    const result = await runPairedBlock(input({ signal: controller.signal, onRound: (r) => (r === 1 ? controller.abort() : undefined) }));
    expect(result.trials.map((t) => t.status)).toEqual(['interrupted', 'interrupted']);
  });

  it('an abort that cuts a start short interrupts that target too, and fails nothing', async () => {
    const controller = new AbortController();
    const aborting = { ...processExecutor('again'), start: (): Promise<never> => {
      controller.abort(); // as Ctrl-C does while Docker creates the container
      return Promise.reject(new Error('The operation was aborted'));
    } };
    const executors = [processExecutor('native'), aborting];
    const result = await runPairedBlock(input({ signal: controller.signal, executors }));
    expect(result.trials.map((t) => [t.target, t.status, t.reason])).toEqual([
      ['native', 'interrupted', 'interrupted by a signal'], ['again', 'interrupted', 'interrupted by a signal'],
    ]);
  });

  it('adds rounds for a precision goal, within its caps', async () => {
    const precision = { pct: 1e-9, baseline: 'native', maxRounds: 10, capMs: 60_000, prior: [] };
    const result = await runPairedBlock(input({ rounds: 5, precision }));
    expect(result.rounds).toBe(10);
  });

  it('gives a workload that writes files its scratch directories and removes them', async () => {
    const fileio = workloadById('fileio') as WorkloadSpec;
    const statOnly: WorkloadSpec = { ...fileio, metrics: fileio.metrics.filter((m) => m.name === 'stat.rootfs'), args: (b, d) => [...fileio.args(b, d), '--only', 'stat'] };
    const before = (await readdir(tmpdir())).filter((f) => f.startsWith('isobench-paired-test-'));
    const result = await runPairedBlock(input({ workload: statOnly, rounds: 3 }));
    expect(result.trials.map((t) => [t.status, t.samples.length])).toEqual([['ok', 3], ['ok', 3]]);
    expect((await readdir(tmpdir())).filter((f) => f.startsWith('isobench-paired-test-'))).toEqual(before);
  });

  it('serves only the workloads whose binary implements --serve', () => {
    expect(['syscall', 'clock', 'cpu', 'fileio', 'startup', 'memory', 'net'].filter((id) => { const w = workloadById(id); return w !== undefined && servesBatches(w); })).toEqual(['syscall', 'clock', 'cpu', 'fileio']);
  });
});
