import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IDLE_GAP_US, LONG_IDLE_GAP_US, parsePerfIdle } from '../../src/profile/perf-idle.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

const call = (at: number, ms: number, name: string, tid = 10): string =>
  `${at.toFixed(3)} ( ${ms.toFixed(3)} ms): a/${tid} ${name}() = 0`;
const fault = (at: number, tid = 10): string =>
  `${at.toFixed(3)} (         ): a/${tid} exceptions:page_fault_user(address: 0x1000, ip: 1, error_code: 6)`;

describe('parsePerfIdle (perf 6.1 trace -F all --syscalls -e exceptions:page_fault_user)', () => {
  it('counts the calls a program makes after 100 µs of user work, not those back to back', () => {
    // captured: a static program makes 5 getppid back to back, then 5 getpid each after spinning 100 µs on the
    // clock; its start-up calls and faults come 7-16 µs after the last call or fault (perf's line for it), but
    // for one fault 99 µs after the last (glibc's tunables parsed at start-up)
    expect(IDLE_GAP_US).toBe(20);
    const idle = parsePerfIdle(fixture('perf-trace-idle-getpid.txt'));
    const counts = {
      syscalls: 24, afterIdle: 5, faults: 24, faultsAfterIdle: 1, afterLongIdle: 0, faultsAfterLongIdle: 0,
    };
    expect(idle).toEqual(counts);
  });

  it('measures the gap of a call or a fault per thread from the end of its last call or fault, long ones apart', () => {
    const lines = [
      call(1.0, 0.01, 'getpid'), // first call of thread 10: no gap
      call(1.015, 0.002, 'getpid', 11), // first of thread 11
      call(1.02, 0.005, 'getpid'), // 10 µs after the last end (1.010): back to back
      fault(1.05), // 25 µs after: a fault after idle
      fault(1.055), // 5 µs after the last fault: back to back
      call(1.065, 0.001, 'getpid'), // 10 µs after the fault
      call(1.09, 0.001, 'getpid', 11), // 73 µs after thread 11's call ended: after idle
      call(1.09, 0.001, 'getpid'), // 24 µs after thread 10's last: after idle
      call(1.3, 0.001, 'getpid'), // 209 µs after: after a long stretch (≥ 200 µs), and after idle
      fault(1.6), // 299 µs after: a fault after a long stretch
      call(1.79, 0.001, 'getpid'), // 190 µs after: after idle only
    ];
    const idle = { syscalls: 8, afterIdle: 4, faults: 3, faultsAfterIdle: 2, afterLongIdle: 1, faultsAfterLongIdle: 1 };
    expect(LONG_IDLE_GAP_US).toBe(200);
    expect(parsePerfIdle(lines.join('\n'))).toEqual(idle);
  });

  it('counts a call that blocked once, and measures the next gap from the end perf gives it later', () => {
    const lines = [
      '1.000 (         ): a/10 read(fd: 3, buf: 0x1, count: 1)      ...',
      '1.200 ( 0.100 ms): a/11 getpid() = 1',
      '1.000 ( 0.500 ms): a/10  ... [continued]: read()) = 1', // ended at 1.500
      call(1.510, 0.001, 'getpid'), // 10 µs after: back to back
      '         ? (         ): a/10  ... [continued]: execve()) = 0', // a new program: no last end
      call(2.0, 0.001, 'getpid'),
      call(2.05, 0.001, 'getpid'), // 49 µs after: after idle
    ];
    const idle = { syscalls: 5, afterIdle: 1, faults: 0, faultsAfterIdle: 0, afterLongIdle: 0, faultsAfterLongIdle: 0 };
    expect(parsePerfIdle(lines.join('\n'))).toEqual(idle);
  });

  it('is null for a trace without system calls', () => {
    expect(parsePerfIdle([fault(1.0), 'perf: some notice', ''].join('\n'))).toBeNull();
  });
});
