import { describe, expect, it } from 'vitest';
import { checkApplications, measuredInterval, measuredSlowdown } from '../../src/predict/app-check.js';
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

  it("gives the measured slowdown's interval from the two medians' intervals", () => {
    const at = (target: string, direction: 'lower-is-better' | 'higher-is-better', ciLow: number, ciHigh: number) =>
      ({ ...median(target, 'app', direction === 'lower-is-better' ? 'ms' : 'ops', ciLow, direction), ciLow, ciHigh });
    // a time: runsc 30-36 ms against native 10-12 ms: 30 / 12 to 36 / 10
    const times = [at('native', 'lower-is-better', 10, 12), at('runsc', 'lower-is-better', 30, 36)];
    const time = measuredInterval(times, 'app', 'ms', 'runsc');
    expect(time?.low).toBeCloseTo(2.5, 12);
    expect(time?.high).toBeCloseTo(3.6, 12);
    // a rate: native 400-500 ops/s against runsc 100-125: 400 / 125 to 500 / 100
    const rates = [at('native', 'higher-is-better', 400, 500), at('runsc', 'higher-is-better', 100, 125)];
    const rate = measuredInterval(rates, 'app', 'ops', 'runsc');
    expect(rate?.low).toBeCloseTo(3.2, 12);
    expect(rate?.high).toBeCloseTo(5, 12);
    // a target without an interval, or missing: none
    const without = [at('native', 'lower-is-better', 10, 12), median('runsc', 'app', 'ms', 33, 'lower-is-better')];
    expect(measuredInterval(without, 'app', 'ms', 'runsc')).toBeNull();
    expect(measuredInterval(times, 'app', 'ms', 'runc')).toBeNull();
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
