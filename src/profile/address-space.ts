/**
 * The address space a `perf trace` run shows, replayed from its mmap, munmap, brk and page-fault lines
 * (perf-faults.ts, perf-remaps.ts): which mappings exist, and which the program has touched or
 * written. Addresses are kept across the whole trace (threads share them; a child's exec gets new
 * ones). Mappings the kernel made itself (a program's own segments, the loader's) are not seen; of
 * the heap, only where each thread's last brk left its end.
 */
const PAGE = 4096;
/**
 * gVisor's unit of private memory (privateAllocUnit, a huge page): a fault in an anonymous mapping
 * allocates and maps the 2 MiB-aligned chunk around it, clipped to the mapping; an anonymous mmap of
 * at most that size is mapped whole at the mmap itself (workloads/calls.c, page_fault_region).
 */
export const REGION = 2 * 1024 * 1024;
const WRITE = 0x2; // the x86 page-fault error code's write bit

const CALL = /^\s*[\d.?]+ \([^)]*\): \S+ (mmap|mprotect|munmap)\((.*)\)\s+= (-?\w+)/;
const BRK = /^\s*[\d.?]+ \([^)]*\): \S*\/(\d+) brk\((brk: \w+)?\)\s+= (0x[0-9a-f]+)/;
const TRACEPOINT = /\/(\d+) exceptions:page_fault_user\(address: 0x([0-9a-f]+), ip: \d+, error_code: (\d+)\)/;

/** A traced mmap, mprotect or munmap that succeeded: its range (rounded up to pages) and its arguments. */
export interface AddressCall {
  readonly call: 'mmap' | 'mprotect' | 'munmap';
  readonly start: number;
  readonly end: number;
  readonly args: string;
}

function arg(args: string, name: string): number | undefined {
  const m = new RegExp(`\\b${name}: (0x[0-9a-f]+|\\d+)`).exec(args);
  return m ? Number(m[1]) : undefined;
}

/** The call on a line of perf trace, or null (another line, a failed call, a range it does not print). */
export function parseAddressCall(line: string): AddressCall | null {
  const m = CALL.exec(line);
  if (!m || (m[3] as string).startsWith('-')) return null;
  const [, call, args, ret] = m as unknown as [string, AddressCall['call'], string, string];
  const start = call === 'mmap' ? Number(ret) : arg(args, call === 'mprotect' ? 'start' : 'addr');
  if (start === undefined || !Number.isFinite(start)) return null;
  return { call, start, end: start + Math.ceil((arg(args, 'len') ?? 0) / PAGE) * PAGE, args };
}

/** A page fault's tracepoint line: the thread, the address and whether it was a write; else null. */
export function parseFaultTracepoint(line: string): { tid: string; address: number; write: boolean } | null {
  const m = TRACEPOINT.exec(line);
  if (!m) return null;
  return { tid: m[1] as string, address: Number.parseInt(m[2] as string, 16), write: (Number(m[3]) & WRITE) !== 0 };
}

/**
 * A brk call on a line of perf trace: the thread, the end of the heap it returned, and whether it only asked
 * for it (`brk()`, as a program does at its start, after an exec); else null.
 */
export function parseBrk(line: string): { tid: string; end: number; query: boolean } | null {
  const m = BRK.exec(line);
  if (!m) return null;
  return { tid: m[1] as string, end: Number.parseInt((m[3] as string).slice(2), 16), query: m[2] === undefined };
}

export const isFixed = (c: AddressCall): boolean => /flags: [A-Z_|]*\bFIXED\b/.test(c.args);

interface Mapping {
  start: number;
  end: number;
  touched: boolean;
  written: boolean;
  /** the REGIONs of it faulted in (shared by the parts an unmap leaves: their chunks stay) */
  regions: Set<number>;
}

export class AddressSpace {
  private mappings: Mapping[] = [];
  private readonly writtenPages = new Set<number>();
  /** the REGIONs faulted in of memory the trace did not see mapped (the heap, stacks, a program's data) */
  private readonly unseenRegions = new Set<number>();
  /** thread → the end of the heap its last brk returned */
  private readonly heapEnds = new Map<string, number>();

  /**
   * A brk that returned `end`: where it shrank the heap, the range it gave back and whether a page of it
   * was written. The range is forgotten: its written pages, and the REGIONs it reaches into, so that the
   * next fault there counts as the first in its REGION (gVisor gave the memory back; it allocates afresh).
   */
  brk(call: { tid: string; end: number; query: boolean }): { start: number; end: number; written: boolean } | null {
    const last = this.heapEnds.get(call.tid);
    this.heapEnds.set(call.tid, call.end);
    // a query starts the thread's heap afresh: after an exec its heap lies elsewhere
    if (call.query || last === undefined || call.end >= last) return null;
    const start = call.end;
    const pages = [...this.writtenPages].filter((p) => p * PAGE >= start && p * PAGE < last);
    for (const p of pages) this.writtenPages.delete(p);
    for (const r of [...this.unseenRegions]) {
      if ((r + 1) * REGION > start && r * REGION < last) this.unseenRegions.delete(r);
    }
    return { start, end: last, written: pages.length > 0 };
  }

  private at(address: number): Mapping | undefined {
    return this.mappings.find((x) => x.start <= address && address < x.end);
  }

  /**
   * An anonymous fault at `address`: whether it is the first in its REGION of its mapping, where gVisor
   * gives out a fresh chunk of memory; false in a mapping of at most REGION, which gVisor mapped whole at
   * its mmap. Memory the trace did not see mapped counts by its REGION alone.
   */
  firstInRegion(address: number): boolean {
    const m = this.at(address);
    const region = Math.floor(address / REGION);
    const seen = m ? m.regions : this.unseenRegions;
    if (m && m.end - m.start <= REGION) return false;
    if (seen.has(region)) return false;
    seen.add(region);
    return true;
  }

  /**
   * A fault at `address`: marks its mapping touched (and written). When it is the first write to a mapping
   * the trace saw made, the mapping's size in pages; else null (a read, a later write, what the kernel mapped).
   */
  fault(address: number, write: boolean): number | null {
    const m = this.at(address);
    if (write) this.writtenPages.add(Math.floor(address / PAGE));
    if (!m) return null;
    m.touched = true;
    const first = write && !m.written;
    if (write) m.written = true;
    return first ? (m.end - m.start) / PAGE : null;
  }

  touchedIn(start: number, end: number): boolean {
    return this.mappings.some((m) => m.touched && m.start < end && start < m.end);
  }

  writtenIn(start: number, end: number): boolean {
    for (let p = Math.floor(start / PAGE); p * PAGE < end; p += 1) if (this.writtenPages.has(p)) return true;
    return false;
  }

  /** Takes [start, end) out: the mappings keep what lies outside it, the pages written in it are forgotten. */
  unmap(start: number, end: number): void {
    this.mappings = this.mappings.flatMap((m) => {
      if (m.end <= start || end <= m.start) return [m];
      const parts: Mapping[] = [];
      if (m.start < start) parts.push({ ...m, end: start });
      if (end < m.end) parts.push({ ...m, start: end });
      return parts;
    });
    for (const p of [...this.writtenPages]) if (p * PAGE >= start && p * PAGE < end) this.writtenPages.delete(p);
    for (const r of [...this.unseenRegions]) {
      if (r * REGION >= start && (r + 1) * REGION <= end) this.unseenRegions.delete(r);
    }
  }

  /** A new mapping of [start, end), replacing whatever was there (MAP_FIXED). */
  map(start: number, end: number): void {
    this.unmap(start, end);
    this.mappings.push({ start, end, touched: false, written: false, regions: new Set() });
  }
}
