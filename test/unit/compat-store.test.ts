import { describe, expect, it } from 'vitest';
import { toFinishedTrial } from '../../src/bench/outcome.js';
import { matrixOfRun } from '../../src/compat/from-run.js';
import { Store } from '../../src/store/store.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { fixtureText } from './compat-fixtures.js';

const compat = workloadById('compat') as WorkloadSpec;
const host = { hostname: 'h', kernel: 'k', os: 'o', cpuModel: 'c', cpus: 2, memTotalBytes: 1, virtualised: true, hardwareVirtualisation: false, kvmDevice: true, dockerVersion: null, dockerApiVersion: null, cgroup: null };
const exited = (stdout: string, exitCode = 0) => ({ kind: 'exited' as const, exitCode, stdout, stderr: '', durationMs: 5, phases: null, timestamps: null });
const planned = (seq: number, target: string) => ({ seq, target, workload: 'compat', repetition: 0 });

describe('compat trials: outcome, store and the matrix of a run', () => {
  it('a probe that printed its checks is an ok trial carrying them and no sample', () => {
    const t = toFinishedTrial(planned(0, 'runc'), compat, exited(fixtureText('runc')), 'now');
    expect(t).toMatchObject({ status: 'ok', samples: [] });
    expect(t.checks?.length).toBeGreaterThanOrEqual(40);
  });

  it('bad probe output fails the trial, saying why', () => {
    expect(toFinishedTrial(planned(0, 'runc'), compat, exited('{"check":"nope"}'), 'now')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^bad output: line 1/) as unknown as string });
    expect(toFinishedTrial(planned(0, 'runc'), compat, exited('', 2), 'now')).toMatchObject({ status: 'failed', reason: 'exited with code 2' });
  });

  it('stores the checks with their trial and reads them back into a matrix; a failed target is skipped throughout', () => {
    const store = Store.open(':memory:');
    const targets = [
      { target: 'native', engine: null, engineVersion: null, engineRuntime: null, runtimeBinary: null, tier: 'native', version: 'k', flags: [], configFiles: [] },
      { target: 'runsc', engine: 'docker', engineVersion: null, engineRuntime: 'runsc', runtimeBinary: null, tier: 'sandbox', version: '20240729', flags: ['--network=host'], configFiles: [] },
      { target: 'runsc-kvm', engine: 'docker', engineVersion: null, engineRuntime: 'runsc-kvm', runtimeBinary: null, tier: 'sandbox', version: '20240729', flags: ['--platform=kvm'], configFiles: [] },
    ];
    store.createRun({ id: 'r', startedAt: 'now', seed: 1, host, config: {}, targets });
    store.recordTrial('r', toFinishedTrial(planned(0, 'native'), compat, exited(fixtureText('native')), 'now'));
    store.recordTrial('r', toFinishedTrial(planned(1, 'runsc'), compat, exited(fixtureText('runsc-20240729')), 'now'));
    store.recordTrial('r', toFinishedTrial(planned(2, 'runsc-kvm'), compat, { kind: 'timed-out', stdout: '', stderr: '', durationMs: 90_000, phase: 'start' }, 'now'));
    const checks = store.compatChecks('r');
    expect(new Set(checks.map((c) => c.target))).toEqual(new Set(['native', 'runsc']));
    expect(checks.find((c) => c.target === 'native' && c.check === 'proc_meminfo')?.observed.mem_total_kib).toBeGreaterThan(0);
    const matrix = matrixOfRun('r', store.findRun('r')?.targets ?? [], store.trials('r'), checks);
    expect(matrix?.targets.map((t) => t.id)).toEqual(['native', 'runsc', 'runsc-kvm']);
    const meminfo = matrix?.rows.find((r) => r.check.id === 'proc_meminfo');
    expect(meminfo?.cells.map((c) => c.result)).toEqual(['ok', 'differs', 'skipped']);
    expect(meminfo?.cells[2]?.detail).toMatch(/trial failed: timed out/);
    store.close();
  });

  it('a run without compat trials has no matrix', () => {
    expect(matrixOfRun('r', [], [{ id: 1, seq: 0, target: 'runc', workload: 'syscall', repetition: 0, status: 'ok', reason: null, stderrTail: null, durationMs: 1 }], [])).toBeNull();
  });
});
