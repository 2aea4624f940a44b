/**
 * Parser of `perf trace -F all -e mmap,mprotect,munmap,exceptions:page_fault_user` (perf 6.1): the page
 * faults of a run, each as the tracepoint (with the access: the x86 error code) followed by the
 * fault perf resolved to the mapping it hit, e.g.
 *
 *   0.170 python3.11/20427 exceptions:page_fault_user(address: 0x7f8738d0ee06, ip: 140218750429101, error_code: 6)
 *   0.181 ( 0.000 ms): python3.11/20427 minfault [_dl_start+0x3d] => /usr/lib/x86_64-linux-gnu/ld-linux…@0x33e06 (d.)
 *
 * Faults differ in cost per runtime by what they hit: a fresh anonymous page (heap, stack), a
 * read of a file mapping (code, read-only data: a page of the page cache mapped), or a write to
 * a private file mapping (the copy a dynamic loader makes of each library's data). A thread's
 * first read of a file is counted apart from its later ones: gVisor maps far more than Linux's
 * 64 KiB at the first, which costs it tens of µs, and the later ones then cost what they do
 * natively (calls: file_fault_read_first, file_fault_read).
 *
 * The first write to each mapping the trace saw made (a library's data segment, mapped by its loader) is
 * counted apart: gVisor then does far more than copy the page (0.2-3.5 ms here, growing with the mapping,
 * against 5 us natively), and the later writes to it cost far less. The calls workload measures it on
 * a one-page and on a 16-page mapping (file_fault_write_first, file_fault_write_first_64k); a first
 * write to a mapping of p pages counts (min(p, 16) − 1) / 15 as the second and the rest as the first.
 * The other writes are split by how far each lies from the thread's last write below it in the same file
 * (perf's offset): under gVisor a copy on write costs in proportion to that distance (measured
 * here: 6, 8, 17, 31 and 52 µs per write 1, 2, 4, 8 and 16 pages apart; natively 3 µs at any),
 * as if it copied every page in between. The calls workload measures the two ends, a write to the
 * next page (file_fault_cow) and one 16 pages (64 KiB) apart (file_fault_cow_apart), and a write
 * d pages from the last (16 when none is that near) counts (d − 1) / 15 as `apart` and the rest
 * as `next`: the cost between the two ends, read as a straight line.
 *
 * An anonymous fault that is the first in its 2 MiB-aligned region of a mapping larger than that (or of
 * memory the trace did not see mapped: the heap, stacks) is counted apart: there gVisor gives out and maps
 * a fresh 2 MiB chunk of memory (address-space.ts, REGION), at a cost the calls workload measures as
 * page_fault_region (150-275 us against 20 natively on one host); page_fault, its later faults.
 *
 * A fault the kernel itself takes on a user address (copy_to_user) has no page_fault_user line;
 * it is counted by its target and, its access unknown, as a read.
 */
import { AddressSpace, parseAddressCall, parseBrk, parseFaultTracepoint } from './address-space.js';

/**
 * perf trace's page faults (minor and major), each with the tracepoint that tells a write from a read,
 * its mmap calls with their arguments (perf-mmaps.ts), its mprotect and munmap calls (perf-remaps.ts),
 * and every other system call, for the user-space stretches between them (perf-idle.ts). The ring
 * buffer is 8192 pages (32 MiB) per CPU: with perf's default a burst such as a loader's (ffmpeg
 * -version: 3,456 faults, 952 mmaps, 227 mprotects in 80 ms) lost most events here (939 faults and
 * 12 mprotects recorded), and the shares with them.
 */
export const KINDS_TRACE_ARGS = [
  'trace', '-m', '8192', '-F', 'all', '--syscalls', '-e', 'exceptions:page_fault_user',
] as const;

export interface FaultKinds {
  /** faults on anonymous memory: heap, stack, anonymous mappings (but those of the next field) */
  readonly anonymous: number;
  /**
   * the first anonymous fault in each 2 MiB region of a mapping larger than that, or of unseen memory
   * (absent in profiles of earlier versions: 0)
   */
  readonly anonymousRegion: number;
  /** a thread's first read (or instruction fetch) of each file mapped */
  readonly fileReadFirst: number;
  /** its later reads (and instruction fetches) of a file mapping */
  readonly fileRead: number;
  /** the first write to each mapping of a file the trace saw made, the share priced as one to a one-page mapping */
  readonly fileWriteFirst: number;
  /** the share of those priced as one to a 16-page mapping (both absent in profiles of earlier versions: 0) */
  readonly fileWriteFirst64k: number;
  /** the other writes to a file mapping (copy on write of a private one), the share priced as one to the next page */
  readonly fileWrite: number;
  /** the share of the writes priced as a write 64 KiB from the last (fractional: see above) */
  readonly fileWriteApart: number;
}

const FAULT = /\/(\d+) (?:min|maj)fault \[.*\] => (\S+) \([^)]*\)\s*$/;
const PAGE = 4096;
/** the distance of file_fault_cow_apart's writes, in pages (64 KiB, calls.c's FAULT_APART_BYTES) */
const APART_PAGES = 16;

/** Pages from `page` down to the nearest page in `pages`, at most APART_PAGES. */
function distanceBelow(pages: ReadonlySet<number>, page: number): number {
  for (let d = 1; d < APART_PAGES; d += 1) if (pages.has(page - d)) return d;
  return APART_PAGES;
}

/** A fault's target as perf names it: a file path (…@offset) or an anonymous mapping. */
export function isFileTarget(target: string): boolean {
  if (!target.startsWith('/') || target.startsWith('//anon')) return false;
  return !/^\/(dev\/zero|memfd:|SYSV|\[)/.test(target);
}

/** The faults by kind, or null when the text has no fault line (perf traced nothing). */
export function parsePerfFaults(text: string): FaultKinds | null {
  const space = new AddressSpace();
  /**
   * tid → its last tracepoint: the address, a write or not, and if the first write to its mapping, the
   * mapping's pages
   */
  const access = new Map<string, { address: number; write: boolean; firstOf: number | null }>();
  /** `tid path` → the pages that thread wrote in that file */
  const written = new Map<string, Set<number>>();
  /** `tid path` of the files a thread has read */
  const read = new Set<string>();
  let anonymous = 0;
  let anonymousRegion = 0;
  let fileReadFirst = 0;
  let fileRead = 0;
  let fileWriteFirst = 0;
  let fileWriteFirst64k = 0;
  let fileWrite = 0;
  let fileWriteApart = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    const tp = parseFaultTracepoint(line);
    if (tp) {
      access.set(tp.tid, { address: tp.address, write: tp.write, firstOf: space.fault(tp.address, tp.write) });
      continue;
    }
    const brk = parseBrk(line);
    if (brk) {
      space.brk(brk);
      continue;
    }
    const call = parseAddressCall(line);
    if (call?.call === 'mmap') space.map(call.start, call.end);
    if (call?.call === 'munmap') space.unmap(call.start, call.end);
    if (call) continue;
    const fault = FAULT.exec(line);
    if (!fault) continue;
    seen = true;
    const tid = fault[1] as string;
    const how = access.get(tid);
    access.delete(tid);
    const target = fault[2] as string;
    const at = target.lastIndexOf('@0x');
    const file = `${tid} ${at < 0 ? target : target.slice(0, at)}`;
    if (!isFileTarget(target)) {
      if (how !== undefined && space.firstInRegion(how.address)) anonymousRegion += 1;
      else anonymous += 1;
    } else if (how === undefined || !how.write) {
      if (read.has(file)) fileRead += 1;
      else fileReadFirst += 1;
      read.add(file);
    } else {
      const page = at < 0 ? Number.NaN : Math.floor(Number.parseInt(target.slice(at + 3), 16) / PAGE);
      const pages = written.get(file) ?? new Set<number>();
      written.set(file, pages);
      if (how.firstOf !== null) {
        const large = (Math.min(how.firstOf, APART_PAGES) - 1) / (APART_PAGES - 1);
        fileWriteFirst64k += large;
        fileWriteFirst += 1 - large;
      } else {
        const apart = (distanceBelow(pages, page) - 1) / (APART_PAGES - 1);
        fileWriteApart += apart;
        fileWrite += 1 - apart;
      }
      pages.add(page);
    }
  }
  if (!seen) return null;
  return {
    anonymous, anonymousRegion, fileReadFirst, fileRead, fileWriteFirst, fileWriteFirst64k, fileWrite, fileWriteApart,
  };
}
