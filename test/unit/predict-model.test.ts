import { describe, expect, it } from 'vitest';
import { pointPick } from '../../src/predict/costs.js';
import { classPrice, evaluate, priceOf } from '../../src/predict/model.js';
import { pricingOf } from '../../src/predict/mapping.js';
import { NATIVE_COSTS, PROFILE, RUNSC_COSTS, table } from './fixtures/predict-data.js';

const costs = pointPick(table({ native: NATIVE_COSTS, runsc: RUNSC_COSTS }));

describe('the prediction model (worked by hand)', () => {
  it('prices a call as its share of an operation, less what `minus` takes off', () => {
    const openat = pricingOf('openat');
    if (openat.kind !== 'metric') throw new Error('openat is priced by a metric');
    // openat = openat_close − fstat: natively 2000 − 400 = 1600 ns, on runsc 12000 − 2400 = 9600 ns
    expect(priceOf(openat.pricing, 'native', costs)).toBe(1600);
    expect(priceOf(openat.pricing, 'runsc', costs)).toBe(9600);
    const futex = pricingOf('futex');
    if (futex.kind !== 'metric') throw new Error('futex is priced by a metric');
    // a quarter of a round trip (2 wakes + 2 waits): 4000 / 4 = 1000 ns
    expect(priceOf(futex.pricing, 'native', costs)).toBe(1000);
  });

  it("prices a class at the median of its measured members' prices", () => {
    // file members measured: read 500, openat 1600, close (fstat) 400, fstat 400 → median (400 + 500) / 2 = 450
    expect(classPrice('file', 'native', costs)).toBe(450);
    // on runsc: 2500, 9600, 2400, 2400 → (2400 + 2500) / 2 = 2450
    expect(classPrice('file', 'runsc', costs)).toBe(2450);
    expect(classPrice('network', 'native', costs)).toBeUndefined();
  });

  it('adds count × delta of every call and of page faults to the untraced native wall time', () => {
    const e = evaluate(PROFILE, 'runsc', costs);
    // read 1000 × (2500 − 500) = 2.0 ms; openat 100 × (9600 − 1600) = 0.8 ms; futex 40 × (6000 − 1000) = 0.2 ms
    // ioctl (file class) 10 × (2450 − 450) = 0.02 ms; frobnicate (cheap: getppid) 5 × 20000 = 0.1 ms
    // page faults 500 × (3000 − 1000) = 1.0 ms; total 4.12 ms on 10 ms
    expect(e?.rows.map((r) => [r.name, r.extraMs, r.source])).toEqual([
      ['read', 2.0, 'measured'],
      ['openat', 0.8, 'measured'],
      ['futex', 0.2, 'measured'],
      ['ioctl', 0.02, 'file'],
      ['frobnicate', 0.1, 'cheap'],
    ]);
    expect(e?.faults.map((r) => [r.name, r.calls, r.extraMs])).toEqual([['page faults', 500, 1.0]]);
    expect(e?.extraMs).toBeCloseTo(4.12, 12);
    expect(e?.predictedMs).toBeCloseTo(14.12, 12);
  });

  it('falls back to the cheap class when a class has no measured member, and gives up without even getppid', () => {
    const only = pointPick(table({ native: { 'syscall/getppid': 200 }, runc: { 'syscall/getppid': 250 } }));
    const e = evaluate(PROFILE, 'runc', only);
    // every call at 50 ns: (1000 + 100 + 40 + 10 + 5) × 50 ns = 0.05775 ms; no page_fault cost: no fault row
    expect(e?.rows.every((r) => r.source === 'cheap')).toBe(true);
    expect(e?.extraMs).toBeCloseTo(0.05775, 12);
    expect(e?.faults).toEqual([]);
    expect(evaluate(PROFILE, 'runc', pointPick(table({ native: { 'calls/brk': 1 }, runc: { 'calls/read_64b': 1 } })))).toBeNull();
  });

  it('splits the untraced faults by the traced kinds and prices each by its own metric', () => {
    // traced of 100: 60 anonymous, 5 first and 15 later file reads, 10 writes next to the last, 10 apart
    // → of the untraced 500: 300, 25, 75, 50, 50
    const faultKinds = {
      anonymous: 60, anonymousRegion: 0, fileReadFirst: 5, fileRead: 15, fileWriteFirst: 0, fileWriteFirst64k: 0,
      fileWrite: 10,
      fileWriteApart: 10,
    };
    const kinds = { ...PROFILE, events: { ...PROFILE.events, faultKinds } };
    const files = (readFirst: number, read: number, cow: number, apart: number) => ({
      'calls/file_fault_read_first': readFirst, 'calls/file_fault_read': read,
      'calls/file_fault_cow': cow, 'calls/file_fault_cow_apart': apart,
    });
    const native = { ...NATIVE_COSTS, ...files(2500, 1500, 2000, 2500) };
    const priced = pointPick(table({ native, runsc: { ...RUNSC_COSTS, ...files(66500, 11500, 1000, 152500) } }));
    const e = evaluate(kinds, 'runsc', priced);
    // 300 × 2000 ns = 0.6 ms; 25 × 64000 ns = 1.6 ms; 75 × 10000 ns = 0.75 ms; 50 × −1000 ns = −0.05 ms
    // (cheaper there); 50 × 150000 ns = 7.5 ms
    expect(e?.faults.map((r) => [r.name, r.calls, r.source])).toEqual([
      ['page faults (anonymous)', 300, 'measured'],
      ['page faults (file read, first)', 25, 'measured'],
      ['page faults (file read)', 75, 'measured'],
      ['page faults (file write, next)', 50, 'measured'],
      ['page faults (file write, apart)', 50, 'measured'],
    ]);
    expect(e?.faults.map((r) => r.extraMs).map((v) => Number(v.toFixed(12)))).toEqual([0.6, 1.6, 0.75, -0.05, 7.5]);
    expect(e?.extraMs).toBeCloseTo(3.12 + 10.4, 12);
    // a run without the file-fault metrics prices them as anonymous faults, marked as an estimate: the old total
    const old = evaluate(kinds, 'runsc', costs);
    expect(old?.faults.map((r) => r.source)).toEqual(['measured', 'memory', 'memory', 'memory', 'memory']);
    expect(old?.faults.reduce((s, r) => s + r.extraMs, 0)).toBeCloseTo(1.0, 12);
  });

  it('prices the first fault in a 2 MiB region by its own metric, as an anonymous one where the run lacks it', () => {
    // traced of 100: 80 anonymous, 20 first in a region → of the untraced 500: 400 and 100
    const faultKinds = {
      anonymous: 80, anonymousRegion: 20, fileReadFirst: 0, fileRead: 0, fileWriteFirst: 0, fileWriteFirst64k: 0,
      fileWrite: 0, fileWriteApart: 0,
    };
    const kinds = { ...PROFILE, events: { ...PROFILE.events, faultKinds } };
    const native = { ...NATIVE_COSTS, 'calls/page_fault_region': 20000 };
    const runsc = { ...RUNSC_COSTS, 'calls/page_fault_region': 200000 };
    const e = evaluate(kinds, 'runsc', pointPick(table({ native, runsc })));
    // 400 × 2000 ns = 0.8 ms; 100 × 180000 ns = 18 ms
    expect(e?.faults.map((r) => [r.name, r.calls, Number(r.extraMs.toFixed(12)), r.source])).toEqual([
      ['page faults (anonymous)', 400, 0.8, 'measured'],
      ['page faults (anonymous, first in a 2 MiB region)', 100, 18, 'measured'],
    ]);
    // without page_fault_region: both at page_fault's 2000 ns, the region ones marked as an estimate
    const old = evaluate(kinds, 'runsc', costs);
    expect(old?.faults.map((r) => [r.calls, Number(r.extraMs.toFixed(12)), r.source])).toEqual([
      [400, 0.8, 'measured'], [100, 0.2, 'memory'],
    ]);
  });

  it("prices the first write to a library's mapping by its own metric", () => {
    const faultKinds = {
      anonymous: 0, anonymousRegion: 0, fileReadFirst: 0, fileRead: 0, fileWriteFirst: 2, fileWriteFirst64k: 0,
      fileWrite: 0,
      fileWriteApart: 0,
    };
    const kinds = { ...PROFILE, events: { ...PROFILE.events, faultKinds } };
    const native = { ...NATIVE_COSTS, 'calls/file_fault_write_first': 5000 };
    const runsc = { ...RUNSC_COSTS, 'calls/file_fault_write_first': 2005000 };
    const e = evaluate(kinds, 'runsc', pointPick(table({ native, runsc })));
    // every one of the untraced 500 faults is such a write: 500 × 2 ms
    expect(e?.faults.map((r) => [r.name, r.calls, r.extraMs, r.source])).toEqual([
      ['page faults (file write, first)', 500, 1000, 'measured'],
    ]);
  });

  it('prices the address-space changes over touched memory by their own metrics, the rest as before', () => {
    const remaps = { mmap: 10, mmapOverTouched: 2, mprotect: 4, mprotectWritten: 3, munmap: 5, munmapTouched: 0 };
    const profile = {
      ...PROFILE,
      syscalls: [
        { name: 'mmap', calls: 100, errors: 0, tracedSeconds: 0 },
        { name: 'mprotect', calls: 40, errors: 0, tracedSeconds: 0 },
        { name: 'munmap', calls: 50, errors: 0, tracedSeconds: 0 },
      ],
      events: { ...PROFILE.events, mmapKinds: { anonymous: 2, file: 8 }, remaps },
    };
    const ops = (anon: number, file: number, protect: number, over: number, written: number, unmap: number) => ({
      'calls/mmap_munmap': anon, 'calls/mmap_file_munmap': file, 'calls/mprotect': protect,
      'calls/mmap_over_touched': over, 'calls/mprotect_written': written, 'calls/munmap_touched': unmap,
    });
    const native = { ...NATIVE_COSTS, ...ops(3000, 4000, 1000, 6000, 5000, 8000) };
    const runsc = { ...RUNSC_COSTS, ...ops(203000, 8000, 2000, 56000, 205000, 58000) };
    const e = evaluate(profile, 'runsc', pointPick(table({ native, runsc })));
    // mmap: 2 of 10 traced were over touched memory → 20 at 56000 − 6000 = 50000 ns (1 ms); the other 80 split
    // 2 : 8 → 16 anonymous at (203000 − 3000) / 2 (1.6 ms), 64 of files at (8000 − 4000) / 2 (0.128 ms).
    // mprotect: 3 of 4 over written pages → 30 at 200000 ns (6 ms), 10 at 1000 ns (0.01 ms).
    // munmap: none traced over touched memory → all 50 at half of mmap_munmap, 100000 ns (5 ms)
    expect(e?.rows.map((r) => [r.name, r.calls, Number(r.extraMs.toFixed(12))])).toEqual([
      ['mmap (over touched)', 20, 1],
      ['mmap (anonymous)', 16, 1.6],
      ['mmap (file)', 64, 0.128],
      ['mprotect (written)', 30, 6],
      ['mprotect (other)', 10, 0.01],
      ['munmap', 50, 5],
    ]);
    // a run without the new metrics prices the split-off calls at the memory class's median, as estimates
    const old = evaluate(profile, 'runsc', costs);
    expect(old?.rows.filter((r) => r.source !== 'measured').map((r) => r.name)).toEqual(
      expect.arrayContaining(['mmap (over touched)', 'mprotect (written)']),
    );
  });

  const NO_REMAPS = { mmap: 0, mmapOverTouched: 0, mprotect: 0, mprotectWritten: 0, munmap: 0, munmapTouched: 0 };
  it('prices the brks that shrank written heap by brk_shrink_written, the rest by brk (older profiles: all)', () => {
    const brks = (remaps: Record<string, number>) => ({
      ...PROFILE,
      syscalls: [{ name: 'brk', calls: 300, errors: 0, tracedSeconds: 0 }],
      events: { ...PROFILE.events, remaps: { ...NO_REMAPS, ...remaps } },
    });
    const native = { ...NATIVE_COSTS, 'calls/brk': 2000, 'calls/brk_shrink_written': 7000 };
    const runsc = { ...RUNSC_COSTS, 'calls/brk': 8000, 'calls/brk_shrink_written': 207000 };
    const pick = pointPick(table({ native, runsc }));
    // 100 of 302 traced brks shrank written heap → 99 of 300 at 200000 ns (19.8 ms), 201 at 6000 ns (1.206 ms)
    const e = evaluate(brks({ brk: 302, brkShrinkWritten: 100 }), 'runsc', pick);
    expect(e?.rows.map((r) => [r.name, r.calls, Number(r.extraMs.toFixed(12))])).toEqual([
      ['brk (shrinking written heap)', 99, 19.8],
      ['brk (other)', 201, 1.206],
    ]);
    // a profile of an earlier version (no brk counts): every brk at brk's price
    expect(evaluate(brks({}), 'runsc', pick)?.rows.map((r) => [r.name, r.calls])).toEqual([['brk', 300]]);
  });

  it('splits the mmaps by the traced kinds: a file mapping priced by its own metric, the rest as anonymous', () => {
    const mmaps = (mmapKinds: { anonymous: number; file: number } | null) => ({
      ...PROFILE,
      syscalls: [{ name: 'mmap', calls: 100, errors: 0, tracedSeconds: 0 }],
      events: { ...PROFILE.events, mmapKinds },
    });
    const pages = (anon: number, file: number) => ({ 'calls/mmap_munmap': anon, 'calls/mmap_file_munmap': file });
    const native = { ...NATIVE_COSTS, ...pages(3000, 4000) };
    const priced = pointPick(table({ native, runsc: { ...RUNSC_COSTS, ...pages(203000, 8000) } }));
    // traced 3 anonymous and 7 file mmaps → of strace's 100: 30 at (203000 − 3000) / 2 = 100000 ns (3 ms),
    // 70 at (8000 − 4000) / 2 = 2000 ns (0.14 ms)
    const split = evaluate(mmaps({ anonymous: 3, file: 7 }), 'runsc', priced);
    expect(split?.rows.map((r) => [r.name, r.calls, Number(r.extraMs.toFixed(12)), r.source])).toEqual([
      ['mmap (anonymous)', 30, 3, 'measured'],
      ['mmap (file)', 70, 0.14, 'measured'],
    ]);
    // without kinds every mmap is an anonymous one, as before: 100 × 100000 ns
    const all = evaluate(mmaps(null), 'runsc', priced);
    expect(all?.rows.map((r) => [r.name, r.calls, r.extraMs])).toEqual([['mmap', 100, 10]]);
    // a run without mmap_file_munmap prices the file ones at the memory class's median (brk here), as an estimate
    const brks = { native: { ...NATIVE_COSTS, 'calls/brk': 1000 }, runsc: { ...RUNSC_COSTS, 'calls/brk': 1500 } };
    const old = evaluate(mmaps({ anonymous: 0, file: 7 }), 'runsc', pointPick(table(brks)));
    const rows = old?.rows.map((r) => [r.name, r.calls, r.extraMs, r.source]);
    expect(rows).toEqual([['mmap (file)', 100, 0.05, 'memory']]);
  });

  it("adds the user CPU time at the runtime's compute speed from the cpu workload, when both are known", () => {
    // 6 ms of user time; a hash takes 5000 ns natively and 5500 ns on runsc: 6 × (1.1 − 1) = 0.6 ms more
    const withUser = { ...PROFILE, events: { ...PROFILE.events, userMs: 6 } };
    const speeds = pointPick(table({ native: { ...NATIVE_COSTS, 'cpu/hash_4k': 5000 }, runsc: { ...RUNSC_COSTS, 'cpu/hash_4k': 5500 } }));
    const e = evaluate(withUser, 'runsc', speeds);
    expect(e?.compute?.extraMs).toBeCloseTo(0.6, 12);
    expect(e?.extraMs).toBeCloseTo(4.72, 12);
    expect(evaluate(PROFILE, 'runsc', speeds)?.compute).toBeNull(); // a profile without user time
    expect(evaluate(withUser, 'runsc', costs)?.compute).toBeNull(); // a run without the cpu workload
  });

  /** costs with the wake-up: getppid_after_idle natively 450 ns, on runsc 35200 */
  const wakes = pointPick(table({
    native: { ...NATIVE_COSTS, 'calls/getppid_after_idle': 450 },
    runsc: { ...RUNSC_COSTS, 'calls/getppid_after_idle': 35200 },
  }));

  it('adds the wake-up of the calls made after a stretch in user space, by their traced share of all calls', () => {
    // 1,155 calls; 30 of 300 traced came after idle → 116 (rounded); getppid_after_idle less getppid:
    // natively 450 − 200 = 250 ns, on runsc 35200 − 20200 = 15000 ns: 116 × 14750 ns = 1.711 ms more
    const withIdle = { ...PROFILE, events: { ...PROFILE.events, idle: { syscalls: 300, afterIdle: 30 } } };
    const e = evaluate(withIdle, 'runsc', wakes);
    expect(e?.idle).toHaveLength(1);
    expect(e?.idle[0]).toMatchObject({ calls: 116, source: 'measured' });
    expect(e?.idle[0]?.extraMs).toBeCloseTo(1.711, 12);
    expect(e?.extraMs).toBeCloseTo(4.12 + 1.711, 12);
    expect(evaluate(PROFILE, 'runsc', wakes)?.idle).toEqual([]); // a profile that did not trace the gaps
    expect(evaluate(withIdle, 'runsc', costs)?.idle).toEqual([]); // a run without getppid_after_idle
  });

  it('adds the same wake-up to the faults taken after a stretch, by their traced share of the untraced faults', () => {
    // as above, and 40 of 200 traced faults after idle → 100 of the untraced run's 500: 216 × 14750 ns = 3.186 ms
    const idle = { syscalls: 300, afterIdle: 30, faults: 200, faultsAfterIdle: 40 };
    const withIdle = { ...PROFILE, events: { ...PROFILE.events, idle } };
    const e = evaluate(withIdle, 'runsc', wakes);
    expect(e?.idle[0]).toMatchObject({ calls: 216, source: 'measured' });
    expect(e?.idle[0]?.extraMs).toBeCloseTo(3.186, 12);
    const callsOnly = { ...withIdle, events: { ...withIdle.events, idle: { ...idle, faults: 0, faultsAfterIdle: 0 } } };
    expect(evaluate(callsOnly, 'runsc', wakes)?.idle[0]?.calls).toBe(116); // no fault traced: the calls alone
  });

  it('prices the calls and faults after a long stretch by the long wake-up, where both are there', () => {
    // as above (216 after idle), of them 10 of 300 traced calls → 39 and 20 of 200 traced faults → 50 after a long
    // stretch: 89 at getppid_after_long_idle less getppid, natively 500 − 200 = 300 ns, on runsc 70200 − 20200 =
    // 50000 ns: 89 × 49700 ns = 4.4233 ms; the other 127 × 14750 ns = 1.87325 ms
    const short = { syscalls: 300, afterIdle: 30, faults: 200, faultsAfterIdle: 40 };
    const idle = { ...short, afterLongIdle: 10, faultsAfterLongIdle: 20 };
    const withLong = { ...PROFILE, events: { ...PROFILE.events, idle } };
    const longWakes = pointPick(table({
      native: { ...NATIVE_COSTS, 'calls/getppid_after_idle': 450, 'calls/getppid_after_long_idle': 500 },
      runsc: { ...RUNSC_COSTS, 'calls/getppid_after_idle': 35200, 'calls/getppid_after_long_idle': 70200 },
    }));
    const e = evaluate(withLong, 'runsc', longWakes);
    expect(e?.idle.map((r) => r.calls)).toEqual([127, 89]);
    expect(e?.idle[0]?.extraMs).toBeCloseTo(1.87325, 12);
    expect(e?.idle[1]?.extraMs).toBeCloseTo(4.4233, 12);
    expect(e?.idle[1]?.name).toMatch(/after ≥ 200 µs/);
    // a run without the long metric, or a profile without the long counts: the one wake-up for all 216
    expect(evaluate(withLong, 'runsc', wakes)?.idle.map((r) => r.calls)).toEqual([216]);
    const shortOnly = { ...withLong, events: { ...withLong.events, idle: short } };
    expect(evaluate(shortOnly, 'runsc', longWakes)?.idle.map((r) => r.calls)).toEqual([216]);
  });
});
