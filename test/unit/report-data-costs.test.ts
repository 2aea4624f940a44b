import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReportData } from '../../src/cli/report-data.js';
import { buildProfile } from '../../src/profile/profile.js';
import type { FinishedTrial, HostFacts, NewRun, RunRecord } from '../../src/store/records.js';
import { Store } from '../../src/store/store.js';

const host: HostFacts = {
  hostname: 'h1', kernel: '6.1', os: 'Debian', cpuModel: 'cpu', cpus: 2, memTotalBytes: 1, virtualised: true,
  hardwareVirtualisation: false, kvmDevice: true, dockerVersion: '20.10', dockerApiVersion: '1.41', cgroup: 'hybrid',
};

const target = (id: string, tier: 'native' | 'sandbox'): NewRun['targets'][number] => ({
  target: id, engine: tier === 'native' ? null : 'docker', engineVersion: null,
  engineRuntime: tier === 'native' ? null : id, runtimeBinary: null, tier, version: 'x', flags: [], configFiles: [],
});
const newRun = (id: string, startedAt: string): NewRun => ({
  id, startedAt, seed: 7, host, config: { quick: true },
  targets: [target('native', 'native'), target('runsc', 'sandbox')],
});

let seq = 0;
const trial = (target: string, workload: string, metric: string, unit: string, values: number[]): FinishedTrial => ({
  seq: (seq += 1), target, workload, repetition: 0, status: 'ok', reason: null, stderrTail: null,
  startedAt: '2026-12-04T00:00:01.000Z', durationMs: 10,
  samples: values.map((value, rep) => ({ metric, unit, value, iterations: 1000, rep })),
});

describe('the prediction check of a run priced by an earlier run of calls alone', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'isobench-costs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("completes the earlier run's costs with the checked run's own syscall, and says so", () => {
    const store = Store.open(join(dir, 'isobench.db'));
    store.createRun(newRun('r-calls', '2026-12-04T00:00:00.000Z'));
    store.recordTrial('r-calls', trial('native', 'calls', 'read_64b', 'ns/op', [400, 410, 420]));
    store.recordTrial('r-calls', trial('runsc', 'calls', 'read_64b', 'ns/op', [4000, 4100, 4200]));
    store.createRun(newRun('r-apps', '2026-12-04T01:00:00.000Z'));
    store.recordTrial('r-apps', trial('native', 'syscall', 'getppid', 'ns/op', [150, 160, 170]));
    store.recordTrial('r-apps', trial('runsc', 'syscall', 'getppid', 'ns/op', [6000, 6100, 6200]));
    store.recordTrial('r-apps', trial('native', 'python', 'startup', 'ms', [10, 11, 12]));
    store.recordTrial('r-apps', trial('runsc', 'python', 'startup', 'ms', [40, 41, 42]));
    // a getpid is priced as getppid (syscall), which the calls run lacks: without the apps run's own, no prediction
    store.saveRunProfile('r-apps', 'python', 'startup', buildProfile({
      id: 'p1', createdAt: '2026-12-04T01:00:00Z', hostname: 'h1',
      subject: { kind: 'command', argv: ['/apprun', 'time'] },
      tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [11], exitCode: 0, tracedWallMs: 30,
      syscalls: [
        { name: 'read', calls: 500, errors: 0, tracedSeconds: 0 },
        { name: 'getpid', calls: 1000, errors: 0, tracedSeconds: 0 },
      ],
      perf: {
        wallMs: null, cpuMs: 9, pageFaults: null, minorFaults: null, majorFaults: 0, contextSwitches: 2, userMs: null,
      },
    }));
    const run = store.findRun('r-apps') as RunRecord;
    const section = buildReportData(store, run, {}).appCheck;
    store.close();
    if (!section || !('check' in section)) throw new Error(`no check: ${JSON.stringify(section)}`);
    const check = section.check;
    expect(check.costRun).toBe('r-calls');
    expect(check.ownCosts).toEqual(['syscall']);
    expect(check.rows).toHaveLength(1);
    // 11 ms + 500 × 3.69 µs + 1,000 × 5.94 µs: a property of the arithmetic, more than native and the read alone
    expect(check.rows[0]?.predicted).toBeGreaterThan((11 + 500 * 3.69e-3) / 11);
  });
});
