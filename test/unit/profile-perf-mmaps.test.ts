import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePerfFaults } from '../../src/profile/perf-faults.js';
import { parsePerfMmaps } from '../../src/profile/perf-mmaps.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/profile/${name}`, import.meta.url), 'utf8');

describe('parsePerfMmaps (perf 6.1 trace -F all -e mmap,exceptions:page_fault_user)', () => {
  // captured: sh -c 'echo x > /dev/null; /bin/true'; each of the two processes maps ld.so.cache, libc's
  // reservation and its three segments (5 file mappings), libc's bss, and two anonymous areas (3 anonymous)
  const text = fixture('perf-trace-mmaps-sh.txt');

  it("tells a shell's anonymous mmaps from its file mmaps", () => {
    expect(parsePerfMmaps(text)).toEqual({ anonymous: 6, file: 10 });
    expect(text.split('\n').filter((l) => / mmap\(/.test(l))).toHaveLength(16);
  });

  it('leaves the faults of the same trace to the fault parser: every fault line counted once', () => {
    const faults = text.split('\n').filter((l) => /(min|maj)fault \[/.test(l)).length;
    const kinds = parsePerfFaults(text);
    expect(faults).toBeGreaterThan(0);
    expect(kinds && Object.values(kinds).reduce((a, b) => a + b, 0)).toBeCloseTo(faults, 9);
  });

  it('skips a failed mmap, reads MAP_ANONYMOUS among other flags, and gives null without any mmap', () => {
    const lines = [
      '0.1 ( 0.020 ms): a/10 mmap(len: 4096, prot: READ, flags: SHARED|ANONYMOUS|NORESERVE) = 0x7f00',
      '0.2 ( 0.020 ms): a/10 mmap(len: 1099511627776, prot: READ, flags: PRIVATE|ANONYMOUS) = -1 ENOMEM',
      '0.3 ( 0.020 ms): b/11 mmap(len: 4096, prot: READ, flags: SHARED, fd: 3</tmp/x.db-shm>) = 0x7f01',
      '0.4 ( 0.000 ms): b/11 minfault [f+0x1] => /usr/lib/libc.so.6@0x10 (d.)',
    ];
    expect(parsePerfMmaps(lines.join('\n'))).toEqual({ anonymous: 1, file: 1 });
    expect(parsePerfMmaps(lines.slice(3).join('\n'))).toBeNull();
    expect(parsePerfMmaps('')).toBeNull();
  });
});
