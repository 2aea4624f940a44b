import { describe, expect, it } from 'vitest';
import { remainingMs } from '../../src/cli/remaining-time.js';

const kind = (target: string, workload: string): { target: string; workload: string } => ({ target, workload });
const done = (target: string, workload: string, durationMs: number): { target: string; workload: string; durationMs: number } => ({ target, workload, durationMs });

describe('time left in a run', () => {
  it('is unknown before any trial has finished', () => {
    expect(remainingMs([], [kind('runc', 'syscall')], 0)).toBeNull();
  });

  it('expects each remaining trial to take as long as the trials of its kind did, not the mean of all', () => {
    // one long memory trial and three short syscall trials: the old overall mean (12.5 s) would
    // have said 37.5 s for three syscall trials
    const history = [done('runsc', 'memory', 40_000), done('runc', 'syscall', 2_000), done('runsc', 'syscall', 4_000), done('runsc', 'syscall', 4_000)];
    const wall = 50_000;
    expect(remainingMs(history, [kind('runc', 'syscall'), kind('runsc', 'syscall'), kind('runsc', 'syscall')], wall)).toBe(10_000);
    expect(remainingMs(history, [kind('runsc', 'memory')], wall)).toBe(40_000);
  });

  it('falls back to the workload under any target, then to the mean of all trials', () => {
    const history = [done('runsc', 'memory', 30_000), done('runc', 'syscall', 2_000), done('runc', 'syscall', 4_000)];
    expect(remainingMs(history, [kind('native', 'syscall')], 36_000)).toBe(3_000);
    expect(remainingMs(history, [kind('native', 'net')], 36_000)).toBe(12_000);
  });

  it('scales by the wall time per trial second so far, which covers the work between trials', () => {
    const history = [done('runc', 'syscall', 2_000), done('runc', 'syscall', 2_000)];
    expect(remainingMs(history, [kind('runc', 'syscall')], 5_000)).toBe(2_500);
    // a wall time shorter than the trials (a clock step) never makes trials cheaper than they were
    expect(remainingMs(history, [kind('runc', 'syscall')], 1_000)).toBe(2_000);
  });

  it('is zero when nothing is left', () => {
    expect(remainingMs([done('runc', 'syscall', 2_000)], [], 2_000)).toBe(0);
  });
});
