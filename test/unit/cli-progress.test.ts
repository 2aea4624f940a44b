import { describe, expect, it } from 'vitest';
import { createProgressPrinter, formatDuration, leftText } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  let out = '';
  return { isTTY, write: (chunk: string) => ((out += chunk), true), text: () => out } as unknown as NodeJS.WriteStream & { text: () => string };
}

const trial = { seq: 0, target: 'runsc', workload: 'syscall', repetition: 0 };
const plan = [trial, { ...trial, seq: 1 }];

describe('progress on stderr', () => {
  it('formats durations and the remaining time from the trials done so far', () => {
    expect(formatDuration(65_000)).toBe('1m05s');
    expect(formatDuration(4_400)).toBe('4s');
    expect(leftText(20_000)).toBe(', ~20s left');
    expect(leftText(null)).toBe('');
    expect(leftText(0)).toBe('');
  });

  it('writes plain lines when stderr is not a terminal', () => {
    let t = 0;
    const stream = fakeStream(false);
    const print = createProgressPrinter({ stream, now: () => t, plan });
    print({ kind: 'trial-start', trial, index: 0, total: 2 });
    t = 3_000;
    print({ kind: 'trial-end', trial, index: 0, total: 2, status: 'ok', reason: null, headline: 'getppid 51.3k ns/op', durationMs: 2_900 });
    print({ kind: 'trial-end', trial, index: 1, total: 2, status: 'failed', reason: 'timed out after 10.0 s', headline: null, durationMs: 10_000 });
    expect(stream.text()).toBe('[1/2] runsc syscall #1 ok getppid 51.3k ns/op (2.9 s, ~3s left)\n[2/2] runsc syscall #1 failed: timed out after 10.0 s (10.0 s)\n');
  });

  it('keeps one live line on a terminal and moves failures onto their own lines', () => {
    const stream = fakeStream(true);
    const print = createProgressPrinter({ stream, now: () => 0, plan });
    print({ kind: 'trial-start', trial, index: 0, total: 2 });
    print({ kind: 'trial-end', trial, index: 0, total: 2, status: 'failed', reason: 'exited with code 2', headline: null, durationMs: 100 });
    expect(stream.text()).toContain('\r\x1b[2K[1/2] runsc syscall #1 failed: exited with code 2');
    expect(stream.text().endsWith('\n')).toBe(true);
  });
});
