import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePerfStatCsv } from '../../src/profile/perf-stat.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

describe('parsePerfStatCsv (perf 6.1 stat -x,)', () => {
  it('reads wall (duration_time, ns → ms), CPU (task-clock, msec), faults and context switches of a command (captured)', () => {
    const text = fixture('perf-stat-python-json.csv');
    const events = parsePerfStatCsv(text);
    const line = (event: string): string[] => (text.split('\n').find((l) => l.split(',')[2] === event) as string).split(',');
    expect(events.wallMs).toBeCloseTo(Number(line('duration_time')[0]) / 1e6, 9);
    expect(events.cpuMs).toBe(Number(line('task-clock')[0]));
    expect(events.pageFaults).toBe(Number(line('page-faults')[0]));
    expect(events.minorFaults).toBe(Number(line('minor-faults')[0]));
    expect(events.majorFaults).toBe(0);
    expect(events.contextSwitches).toBe(Number(line('context-switches')[0]));
  });

  it('reads user CPU time (user_time, ns → ms) where perf counts it, and null where it was not asked for (captured)', () => {
    const text = fixture('perf-stat-user-time.csv');
    const line = (event: string): string[] => (text.split('\n').find((l) => l.split(',')[2] === event) as string).split(',');
    const events = parsePerfStatCsv(text);
    expect(events.userMs).toBeCloseTo(Number(line('user_time')[0]) / 1e6, 9);
    expect(events.userMs as number).toBeLessThanOrEqual(events.cpuMs as number);
    expect(parsePerfStatCsv(fixture('perf-stat-python-json.csv')).userMs).toBeNull();
  });

  it('gives null for <not counted> events (a sleeping --pid, captured)', () => {
    const events = parsePerfStatCsv(fixture('perf-stat-pid.csv'));
    expect(events.wallMs).toBeCloseTo(500.318183, 6);
    expect(events.cpuMs).toBeNull();
    expect(events.pageFaults).toBeNull();
    expect(events.contextSwitches).toBeNull();
  });

  it('refuses output without any of the events, and unreadable values', () => {
    expect(() => parsePerfStatCsv('# started on Tue Dec  1\n\n')).toThrow(/none of the events/);
    expect(() => parsePerfStatCsv('abc,,page-faults,1,100.00,,\n')).toThrow(/unreadable value 'abc'/);
    expect(() => parsePerfStatCsv('3,fortnights,task-clock,1,100.00,,\n')).toThrow(/unknown unit/);
  });
});
