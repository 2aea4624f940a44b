import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFileTarget, parsePerfFaults } from '../../src/profile/perf-faults.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

describe('parsePerfFaults (perf 6.1 trace --no-syscalls -F all -e exceptions:page_fault_user)', () => {
  it("tells a shell's faults apart by target and access (captured: sh -c 'echo x > /dev/null; true', a child)", () => {
    const text = fixture('perf-trace-faults-sh.txt');
    const faults = text.split('\n').filter((l) => /(min|maj)fault \[/.test(l)).length;
    const FIRST = 10;
    const kinds = parsePerfFaults(text);
    // counted by hand from the file (a second, independent classifier agreed): 6 faults the kernel took on
    // anonymous user addresses (no tracepoint), 25 anonymous user faults, 8 of them in a 2 MiB region none
    // before had touched (the trace has no mmap: all memory is unseen; counted by a python script of its own),
    // 61 reads and fetches of files (FIRST of them each thread's first of its file), 21 writes of which 6
    // continue the thread's write of the page before in the same file
    const expected = {
      anonymous: 23, anonymousRegion: 8, fileReadFirst: FIRST, fileRead: 61 - FIRST, fileWriteFirst: 0,
      fileWriteFirst64k: 0, fileWrite: 6,
      fileWriteApart: 15,
    };
    expect(kinds).toEqual(expected);
    expect(kinds && Object.values(kinds).reduce((a, b) => a + b, 0)).toBe(faults);
  });

  it('pairs each fault with the tracepoint of its own thread, and a fault without one is a read', () => {
    const lines = [
      '0.1 a/10 exceptions:page_fault_user(address: 0x7f00, ip: 1, error_code: 6)',
      '0.2 b/11 exceptions:page_fault_user(address: 0x7f01, ip: 2, error_code: 4)',
      '0.3 ( 0.000 ms): b/11 minfault [f+0x1] => /usr/lib/libc.so.6@0x10 (d.)',
      '0.4 ( 0.000 ms): a/10 minfault [g+0x2] => /usr/lib/libc.so.6@0x20 (d.)',
      '0.5 ( 0.000 ms): a/10 minfault [copy_to_user+0x2] => /usr/lib/libm.so.6@0x20 (?k)',
      '0.6 ( 0.000 ms): a/10 majfault [h+0x3] => //anon@0x30 (d.)',
    ];
    // b's read and a's kernel read of libm are each its thread's first of the file
    const expected = {
      anonymous: 1, anonymousRegion: 0, fileReadFirst: 2, fileRead: 0, fileWriteFirst: 0, fileWriteFirst64k: 0,
      fileWrite: 0,
      fileWriteApart: 1,
    };
    expect(parsePerfFaults(lines.join('\n'))).toEqual(expected);
  });

  it("splits a write by its distance from the thread's last write below it in its file: 1 page next, 16 apart", () => {
    const write = (tid: number, target: string) => [
      `0.1 a/${tid} exceptions:page_fault_user(address: 0x7f00, ip: 1, error_code: 7)`,
      `0.2 ( 0.000 ms): a/${tid} minfault [f+0x1] => ${target} (d.)`,
    ];
    const lines = [
      ...write(10, '/lib/a.so@0x1010'), // page 1, none below: apart (1)
      ...write(10, '/lib/a.so@0x2ff0'), // page 2, 1 after page 1: next (0)
      ...write(10, '/lib/a.so@0x12000'), // page 18, 16 after page 2: apart (1)
      ...write(10, '/lib/a.so@0x17000'), // page 23, 5 after page 18: 4/15 apart
      ...write(10, '/lib/b.so@0x3000'), // page 3 of another file, none below: apart (1)
      ...write(11, '/lib/a.so@0x18000'), // page 24 by another thread, which wrote nothing: apart (1)
      ...write(10, '/lib/a.so@0x18000'), // page 24, 1 after page 23 by thread 10: next (0)
    ];
    const kinds = parsePerfFaults(lines.join('\n'));
    expect(kinds?.fileWriteApart).toBeCloseTo(4 + 4 / 15, 12);
    expect(kinds?.fileWrite).toBeCloseTo(3 - 4 / 15, 12);
    const others = kinds && { anonymous: kinds.anonymous, first: kinds.fileReadFirst, fileRead: kinds.fileRead };
    expect(others).toEqual({ anonymous: 0, first: 0, fileRead: 0 });
  });

  it('counts the first write to each mapping apart, by its size (16 pages, 2, 16), later ones by distance', () => {
    const fault = (address: string, target: string, write = true) => [
      `0.1 (         ): a/10 exceptions:page_fault_user(address: ${address}, ip: 1, error_code: ${write ? 7 : 5})`,
      `0.2 ( 0.000 ms): a/10 minfault [f+0x1] => ${target} (d.)`,
    ];
    const mmap = (args: string, ret: string) => `0.0 ( 0.010 ms): a/10 mmap(${args}) = ${ret}`;
    const lines = [
      mmap('len: 65536, prot: READ|WRITE, flags: PRIVATE|DENYWRITE, fd: 3', '0x7f0000010000'),
      ...fault('0x7f0000010000', '/lib/a.so@0x0', false), // a read: the thread's first of a.so
      ...fault('0x7f0000012008', '/lib/a.so@0x2008'), // the 16-page mapping's first write
      ...fault('0x7f0000013000', '/lib/a.so@0x3000'), // the next page: next (0)
      mmap('addr: 0x7f0000018000, len: 8192, prot: READ|WRITE, flags: PRIVATE|FIXED, fd: 3', '0x7f0000018000'),
      ...fault('0x7f0000018000', '/lib/a.so@0x8000'), // the new 2-page mapping's first write
      ...fault('0x7f0000019000', '/lib/a.so@0x9000'), // page 9 after page 8: next
      ...fault('0x5500000000', '/usr/bin/p@0x1000'), // the program's own segment, mapped by the kernel: by distance
      '0.3 ( 0.010 ms): a/10 munmap(addr: 0x7f0000010000, len: 65536) = 0',
      mmap('len: 65536, prot: READ|WRITE, flags: PRIVATE, fd: 3', '0x7f0000010000'),
      ...fault('0x7f0000010000', '/lib/a.so@0x0'), // a fresh mapping at the same address: first again
    ];
    // the first writes: to a 16-page mapping (all 64 KiB), to a 2-page one (1/15 of the way), to a 16-page one
    const kinds = parsePerfFaults(lines.join('\n'));
    expect(kinds?.fileWriteFirst).toBeCloseTo(14 / 15, 12);
    expect(kinds?.fileWriteFirst64k).toBeCloseTo(2 + 1 / 15, 12);
    expect(kinds && { ...kinds, fileWriteFirst: 0, fileWriteFirst64k: 0 }).toEqual({
      anonymous: 0, anonymousRegion: 0, fileReadFirst: 1, fileRead: 0, fileWriteFirst: 0, fileWriteFirst64k: 0,
      fileWrite: 2, fileWriteApart: 1,
    });
  });

  it('counts the first anonymous fault in each 2 MiB region of a mapping larger than that, or of unseen memory', () => {
    const fault = (address: string) => [
      `0.1 a/10 exceptions:page_fault_user(address: ${address}, ip: 1, error_code: 6)`,
      '0.2 ( 0.000 ms): a/10 minfault [f+0x1] => //anon@0x0 (d.)',
    ];
    const mmap = (len: number, ret: string) =>
      `0.0 ( 0.010 ms): a/10 mmap(len: ${len}, prot: READ|WRITE, flags: PRIVATE|ANONYMOUS) = ${ret}`;
    const MiB = 1024 * 1024;
    const lines = [
      mmap(6 * MiB, '0x7f0000100000'), // 6 MiB from 1 MiB into a region: parts of 4 regions
      ...fault('0x7f0000100000'), // region 0x7f00000 (its part from 1 MiB): first
      ...fault('0x7f0000101000'), // the same region: no
      ...fault('0x7f0000200000'), // the next region: first
      ...fault('0x7f00003ff000'), // still that region: no
      ...fault('0x7f0000400000'), // the next: first
      mmap(2 * MiB, '0x7f0001000000'), // at most 2 MiB: gVisor maps it whole at the mmap
      ...fault('0x7f0001000000'), // no
      ...fault('0x55000000a000'), // memory the trace did not see mapped (a heap): first of its region
      ...fault('0x55000010a000'), // the same region: no
      ...fault('0x7ffc00000000'), // a stack elsewhere: first
      '0.3 ( 0.010 ms): a/10 munmap(addr: 0x7f0000100000, len: 6291456) = 0',
      mmap(6 * MiB, '0x7f0000100000'), // a fresh mapping at the same address: its regions are fresh too
      ...fault('0x7f0000101000'), // first
    ];
    const kinds = parsePerfFaults(lines.join('\n'));
    expect(kinds && { region: kinds.anonymousRegion, other: kinds.anonymous }).toEqual({ region: 6, other: 4 });
  });

  it('counts a fault in heap a brk gave back as the first in its region: gVisor allocates afresh', () => {
    const fault = (address: string) => [
      `0.1 a/10 exceptions:page_fault_user(address: ${address}, ip: 1, error_code: 6)`,
      '0.2 ( 0.000 ms): a/10 minfault [f+0x1] => [heap]@0x0 (d.)',
    ];
    const brk = (end: string, ask = true) => `0.0 ( 0.010 ms): a/10 brk(${ask ? `brk: ${end}` : ''}) = ${end}`;
    const lines = [
      brk('0x55000000a000', false),
      brk('0x55000004a000'),
      ...fault('0x55000000a000'), // the heap's first: first of its region
      ...fault('0x550000049000'), // the same region: no
      brk('0x55000002a000'), // given back from 0x2a000
      ...fault('0x55000000b000'), // below the new end: the region was given back in part, so first again
      ...fault('0x55000000c000'), // no
      brk('0x55000004a000'), // grown again
      ...fault('0x550000049000'), // no: the region was counted since
    ];
    const kinds = parsePerfFaults(lines.join('\n'));
    expect(kinds && { region: kinds.anonymousRegion, other: kinds.anonymous }).toEqual({ region: 2, other: 3 });
  });

  it('gives null for output with no fault line, and names anonymous targets as not files', () => {
    expect(parsePerfFaults('')).toBeNull();
    expect(parsePerfFaults('# perf trace\n')).toBeNull();
    const anonymous = ['//anon', '[heap]', '[stack]', '0x7ffc52516259', '/dev/zero', '/memfd:x (deleted)'];
    expect(anonymous.some(isFileTarget)).toBe(false);
    expect(isFileTarget('/usr/lib/x86_64-linux-gnu/libc.so.6@0x1234')).toBe(true);
  });
});
