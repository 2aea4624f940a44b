/**
 * Parser of the mmap calls in the same `perf trace` run as the page faults (perf-faults.ts): perf 6.1
 * prints each call with its arguments decoded, e.g.
 *
 *   0.904 ( 0.029 ms): ffmpeg/22694 mmap(len: 8192, prot: READ|WRITE, flags: PRIVATE|ANONYMOUS) = 0x7f32ba022000
 *   1.377 ( 0.027 ms): ffmpeg/22694 mmap(len: 204816, prot: READ, flags: PRIVATE|DENYWRITE, fd: 4) = 0x7f32b9fe4000
 *
 * strace -c counts mmaps but cannot say what they map, and under gVisor the two cost apart by an
 * order of magnitude: an anonymous mapping is populated by the Sentry, a file's is not (measured
 * here, one page never touched: 64–111 µs per anonymous mmap against 2–5 µs per file mmap; natively
 * 1.4 and 3 µs). A dynamic loader's mappings of libraries are file mappings: ffmpeg makes 845 of
 * its 952 mmaps at start-up that way. The model prices each kind by its own metric.
 */
import { parseAddressCall } from './address-space.js';

export interface MmapKinds {
  /** MAP_ANONYMOUS mappings (heap arenas, stacks, a loader's zero-filled bss) */
  readonly anonymous: number;
  /** mappings of a file descriptor (libraries, data files) */
  readonly file: number;
}

/** The mmap calls by kind, or null when the text has no mmap line (perf traced none). */
export function parsePerfMmaps(text: string): MmapKinds | null {
  let anonymous = 0;
  let file = 0;
  for (const line of text.split('\n')) {
    const c = parseAddressCall(line);
    if (c?.call !== 'mmap') continue;
    if (/flags: [A-Z_|]*\bANONYMOUS\b/.test(c.args)) anonymous += 1;
    else file += 1;
  }
  return anonymous + file === 0 ? null : { anonymous, file };
}
