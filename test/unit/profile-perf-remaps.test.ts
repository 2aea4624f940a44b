import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS_TRACE_ARGS } from '../../src/profile/perf-faults.js';
import { parsePerfRemaps } from '../../src/profile/perf-remaps.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

const fault = (address: string, write: boolean): string =>
  `0.0 (         ): a/10 exceptions:page_fault_user(address: ${address}, ip: 1, error_code: ${write ? 6 : 4})`;
const call = (text: string, ret = '0'): string => `0.0 ( 0.010 ms): a/10 ${text} = ${ret}`;

describe('parsePerfRemaps (perf 6.1 trace -F all --syscalls -e exceptions:page_fault_user)', () => {
  it('is fed by the trace run, which traces every system call (mmap, mprotect and munmap among them)', () => {
    expect(KINDS_TRACE_ARGS).toContain('--syscalls');
    expect(KINDS_TRACE_ARGS.join(' ')).not.toMatch(/-e \S*(mmap|mprotect|munmap)/);
  });

  it("counts a shell's loader: each relro mprotect over written pages, the cache's munmap after it was read", () => {
    // captured: sh -c 'echo x > /dev/null; /bin/true'; in each of the two processes ld.so maps libc whole and its
    // segments over it (untouched: it read the header by read(2)), makes three relro areas read-only after writing
    // their relocations, and unmaps ld.so.cache, which it had read
    const text = fixture('perf-trace-remaps-sh.txt');
    expect(parsePerfRemaps(text)).toEqual({
      mmap: 16, mmapOverTouched: 0, mprotect: 6, mprotectWritten: 6, munmap: 2, munmapTouched: 2,
      brk: 0, brkShrinkWritten: 0,
    });
  });

  it('tells touched from untouched mappings, keeps the flag on what a change leaves, forgets what it takes', () => {
    const lines = [
      call('mmap(len: 65536, prot: READ, flags: PRIVATE, fd: 3)', '0x10000'), // [0x10000, 0x20000)
      call('mmap(len: 65536, prot: READ, flags: PRIVATE, fd: 3)', '0x30000'), // [0x30000, 0x40000), never touched
      fault('0x10010', false), // a read: the first mapping is touched, no page written
      call('mprotect(start: 0x10000, len: 4096, prot: READ)'), // over a page only read: not counted as written
      call('mmap(addr: 0x18000, len: 4096, prot: READ, flags: PRIVATE|FIXED, fd: 3)', '0x18000'), // over touched
      call('mmap(addr: 0x30000, len: 4096, prot: READ, flags: PRIVATE|FIXED, fd: 3)', '0x30000'), // over untouched
      fault('0x1f008', true), // a write into what is left of the first mapping
      call('mprotect(start: 0x1f000, len: 100, prot: READ)'), // written: counted (len rounded up to the page)
      call('mprotect(start: 0x1e000, len: 4096, prot: READ)'), // the page below: not written
      call('munmap(addr: 0x18000, len: 4096)'), // the new page put over the touched mapping: not touched itself
      call('munmap(addr: 0x1c000, len: 16384)'), // a part left of the touched mapping: still touched
      call('mprotect(start: 0x1f000, len: 4096, prot: READ)', '-1 ENOMEM'), // failed: not counted
      call('mprotect(start: 0x10000, len: 4096, prot: READ)'), // counted, not written
      call('munmap(addr: 0x30000, len: 65536)'), // never touched
    ];
    expect(parsePerfRemaps(lines.join('\n'))).toEqual({
      mmap: 4, mmapOverTouched: 1, mprotect: 4, mprotectWritten: 1, munmap: 3, munmapTouched: 1,
      brk: 0, brkShrinkWritten: 0,
    });
  });

  it('forgets the pages a munmap took: a later mapping at the same address starts untouched', () => {
    const lines = [
      call('mmap(len: 8192, prot: READ|WRITE, flags: PRIVATE|ANONYMOUS)', '0x50000'),
      fault('0x50000', true),
      call('munmap(addr: 0x50000, len: 8192)'),
      call('mmap(len: 8192, prot: READ|WRITE, flags: PRIVATE|ANONYMOUS)', '0x50000'),
      call('mprotect(start: 0x50000, len: 8192, prot: READ)'),
      call('munmap(addr: 0x50000, len: 8192)'),
    ];
    expect(parsePerfRemaps(lines.join('\n'))).toEqual({
      mmap: 2, mmapOverTouched: 0, mprotect: 1, mprotectWritten: 0, munmap: 2, munmapTouched: 1,
      brk: 0, brkShrinkWritten: 0,
    });
  });

  it("counts the brks that shrink a thread's heap over a written page (malloc trimming its top)", () => {
    const brk = (end: string, tid = 10, ask = true): string =>
      `0.0 ( 0.010 ms): a/${tid} brk(${ask ? `brk: ${end}` : ''})${' '.repeat(40)}= ${end}`;
    const lines = [
      brk('0x600000', 10, false), // the query at start: the heap ends at 0x600000
      brk('0x628000'), // grown by 160 KiB
      fault('0x626008', true), // a write near its top
      brk('0x601000'), // shrunk over the written page: counted
      brk('0x628000'), // grown again: the page written before is forgotten
      brk('0x601000'), // shrunk over pages not written since: not counted
      brk('0x400000', 11, false), // another thread (or a program after an exec) asks: its own heap
      brk('0x500000', 11), // grown
      brk('0x3ff000', 11, false), // a query lower down (a new program): not a shrink
      brk('0x601000'), // thread 10 where it was: no change
    ];
    expect(parsePerfRemaps(lines.join('\n'))).toMatchObject({ brk: 9, brkShrinkWritten: 1 });
  });

  it('gives null where the trace has none of the calls', () => {
    expect(parsePerfRemaps(fault('0x1000', true))).toBeNull();
    expect(parsePerfRemaps('')).toBeNull();
  });
});
