import { describe, expect, it } from 'vitest';
import { checkApplications, measuredSlowdown } from '../../src/predict/app-check.js';
import { costTable } from '../../src/predict/costs.js';
import { buildProfile } from '../../src/profile/profile.js';

const median = (target: string, workload: string, metric: string, value: number, direction: 'lower-is-better' | 'higher-is-better') =>
  ({ target, workload, metric, median: value, direction });

/** A profile of `fstat` calls only, 100 ms natively, no faults counted. */
function profile(fstats: number) {
  return buildProfile({
    id: 'p', createdAt: '2026-12-01T00:00:00Z', hostname: 'h', subject: { kind: 'command', argv: ['/bin/x'] },
    tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [100], exitCode: 0, tracedWallMs: 300,
    syscalls: [{ name: 'fstat', calls: fstats, errors: 0, tracedSeconds: 0 }],
    perf: { wallMs: null, cpuMs: null, pageFaults: null, minorFaults: null, majorFaults: null, contextSwitches: null, userMs: null },
  });
}

/** fstat costs 100 ns natively, 600 ns on runsc and 150 ns on runc (one trial each). */
const costs = costTable([
  ['native', 100], ['runsc', 600], ['runc', 150],
].map(([target, value], i) => ({ trialId: i, target: target as string, workload: 'calls', metric: 'fstat', unit: 'ns/op', value: value as number })));

describe('the prediction checked on the applications of a run', () => {
  it('measures a time as runtime / native and a rate as native / runtime', () => {
    const s = [median('native', 'python', 'startup', 10, 'lower-is-better'), median('runsc', 'python', 'startup', 25, 'lower-is-better'),
      median('native', 'sqlite', 'tx', 400, 'higher-is-better'), median('runsc', 'sqlite', 'tx', 100, 'higher-is-better')];
    expect(measuredSlowdown(s, 'python', 'startup', 'runsc')).toBeCloseTo(2.5);
    expect(measuredSlowdown(s, 'sqlite', 'tx', 'runsc')).toBeCloseTo(4);
    expect(measuredSlowdown(s, 'sqlite', 'tx', 'runc')).toBeNull();
  });

  it('predicts from the profile and the costs, and sets it beside the measured slowdown', () => {
    // 100,000 fstat × 500 ns extra = 50 ms on a 100 ms run: 1.5× on runsc; × 50 ns = 5 ms: 1.05× on runc
    const summaries = [median('native', 'app', 'run', 100, 'lower-is-better'), median('runsc', 'app', 'run', 200, 'lower-is-better'),
      median('runc', 'app', 'run', 105, 'lower-is-better')];
    const check = checkApplications([{ workload: 'app', metric: 'run', profile: profile(100_000) }], costs, summaries, ['native', 'runc', 'runsc'], 'r1');
    const runsc = check.rows.find((r) => r.runtime === 'runsc');
    expect(runsc?.predicted).toBeCloseTo(1.5);
    expect(runsc?.measured).toBeCloseTo(2);
    expect(runsc?.relativeError).toBeCloseTo(-0.5); // predicted 0.5 extra of a measured 1.0
    expect(check.rows.find((r) => r.runtime === 'runc')?.predicted).toBeCloseTo(1.05);
    expect(check.costRun).toBe('r1');
    expect(check.unmeasured).toEqual([]);
  });

  it('lists a profiled application that no runtime measured', () => {
    const check = checkApplications([{ workload: 'app', metric: 'run', profile: profile(10) }], costs, [], ['runsc'], 'r1');
    expect(check.rows).toEqual([]);
    expect(check.unmeasured).toEqual(['app/run']);
  });
});
