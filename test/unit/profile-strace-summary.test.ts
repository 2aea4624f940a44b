import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStraceSummary, TracerOutputError } from '../../src/profile/strace-summary.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

describe('parseStraceSummary (strace 6.1 -c -f -w -U name,calls,errors,total-time)', () => {
  it('reads every row of a python3 import (captured), errors blank or counted', () => {
    const rows = parseStraceSummary(fixture('strace-python-json.txt'));
    expect(rows[0]).toEqual({ name: 'execve', calls: 1, errors: 0, tracedSeconds: 0.007542 });
    expect(rows.find((r) => r.name === 'newfstatat')).toEqual({ name: 'newfstatat', calls: 219, errors: 27, tracedSeconds: 0.004889 });
    expect(rows.some((r) => r.name === 'total')).toBe(false);
    // the total row of the fixture says 630 calls; the parser checks the rows against it
    expect(rows.reduce((s, r) => s + r.calls, 0)).toBe(630);
  });

  it('reads a tar run and /bin/true (captured)', () => {
    expect(parseStraceSummary(fixture('strace-tar.txt')).length).toBeGreaterThan(5);
    const tiny = parseStraceSummary(fixture('strace-true.txt'));
    expect(tiny.find((r) => r.name === 'access')).toEqual({ name: 'access', calls: 1, errors: 1, tracedSeconds: 0.000012 });
    expect(tiny.reduce((s, r) => s + r.calls, 0)).toBe(29);
  });

  it('refuses output that is not a summary, a cut summary, and rows that disagree with the total', () => {
    expect(() => parseStraceSummary('strace: Can\'t stat \'x\': No such file or directory\n')).toThrow(TracerOutputError);
    const text = fixture('strace-true.txt');
    expect(() => parseStraceSummary(text.slice(0, text.indexOf('total')))).toThrow(/no total row/);
    expect(() => parseStraceSummary(text.replace('mmap                     8', 'mmap                     9'))).toThrow(/add up to 30 calls, its total says 29/);
    expect(() => parseStraceSummary(text.replace('brk  ', 'brk ??'))).toThrow(/unexpected line/);
  });
});
