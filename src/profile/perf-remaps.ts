/**
 * Parser of the address-space changes in the same `perf trace` run as the page faults and mmaps
 * (perf-faults.ts, perf-mmaps.ts): which mmap (MAP_FIXED), mprotect and munmap calls changed
 * memory the program had touched. perf 6.1 prints them with their arguments decoded, e.g.
 *
 *   2.303 ( 0.026 ms): python3/7289 mmap(addr: 0x7f028cb2d000, len: 1400832, prot: READ|EXEC, flags: PRIVATE|FIXED…
 *   2.803 ( 0.021 ms): python3/7289 mprotect(start: 0x7f028ccd6000, len: 16384, prot: READ)               = 0
 *   3.061 ( 0.021 ms): python3/7289 munmap(addr: 0x7f028cce9000, len: 44235)                              = 0
 *
 * Under gVisor such a change costs little while the Sentry has mapped nothing of the range into the
 * host address space, and tens to hundreds of µs once it has (calls: mmap_over_touched,
 * mprotect_written, munmap_touched): a dynamic loader maps each library whole, reads its header,
 * maps the segments over it, writes the relocations and makes them read-only. Natively either
 * costs a few µs. What gVisor has mapped is not visible natively, so the touched memory stands in
 * for it, as measured there: a mapping counts as touched once any page of it faulted (gVisor maps
 * far more around a fault than the page), kept by the parts a MAP_FIXED or munmap leaves of it; an
 * mprotect counts when a page it covers was written (one only read costs gVisor little more). A brk
 * that shrinks the heap over a written page (malloc trimming its top) costs gVisor the same kind of
 * undoing (calls: brk_shrink_written). The address space is replayed by address-space.ts.
 */
import { AddressSpace, isFixed, parseAddressCall, parseBrk, parseFaultTracepoint } from './address-space.js';

export interface Remaps {
  /** traced mmap calls, and those with MAP_FIXED over a mapping the program had touched */
  readonly mmap: number;
  readonly mmapOverTouched: number;
  /** traced mprotect calls, and those over a page the program had written */
  readonly mprotect: number;
  readonly mprotectWritten: number;
  /** traced munmap calls, and those of a mapping the program had touched */
  readonly munmap: number;
  readonly munmapTouched: number;
  /** traced brk calls (queries too, as strace counts them), and those shrinking the heap over a written page */
  readonly brk: number;
  readonly brkShrinkWritten: number;
}

/** The address-space changes by whether they hit touched memory, or null when the text has none of the calls. */
export function parsePerfRemaps(text: string): Remaps | null {
  const space = new AddressSpace();
  const counts = {
    mmap: 0, mmapOverTouched: 0, mprotect: 0, mprotectWritten: 0, munmap: 0, munmapTouched: 0,
    brk: 0, brkShrinkWritten: 0,
  };
  for (const line of text.split('\n')) {
    const fault = parseFaultTracepoint(line);
    if (fault) {
      space.fault(fault.address, fault.write);
      continue;
    }
    const brk = parseBrk(line);
    if (brk) {
      counts.brk += 1;
      if (space.brk(brk)?.written) counts.brkShrinkWritten += 1;
      continue;
    }
    const c = parseAddressCall(line);
    if (!c) continue;
    if (c.call === 'mmap') {
      counts.mmap += 1;
      if (isFixed(c) && space.touchedIn(c.start, c.end)) counts.mmapOverTouched += 1;
      space.map(c.start, c.end);
    } else if (c.call === 'mprotect') {
      counts.mprotect += 1;
      if (space.writtenIn(c.start, c.end)) counts.mprotectWritten += 1;
    } else {
      counts.munmap += 1;
      if (space.touchedIn(c.start, c.end)) counts.munmapTouched += 1;
      space.unmap(c.start, c.end);
    }
  }
  return counts.mmap + counts.mprotect + counts.munmap + counts.brk === 0 ? null : counts;
}
