import { describe, expect, it } from 'vitest';
import { memAvailableDropPerSandboxMiB } from '../../src/measure/memory.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('memAvailableDropPerSandboxMiB (density method with drift correction)', () => {
  it('divides the drop by the number of sandboxes', () => {
    // 10 GiB free before and after, 10 GiB - 60 MiB with 3 sandboxes up: 20 MiB each
    expect(memAvailableDropPerSandboxMiB([10 * GiB], [10 * GiB - 60 * MiB], [10 * GiB], 3)).toBe(20);
  });

  it('cancels a steady drift of the host: the baseline is the mean of before and after', () => {
    // the host loses 1 MiB per phase on its own: before 100, during 100-1-30, after 100-2 (MiB)
    // baseline (100 + 98) / 2 = 99; 99 - 69 = 30 MiB for 3 sandboxes = 10 MiB each; the uncorrected
    // before-minus-during would say 31 / 3 = 10.33
    const m = (x: number): number => x * MiB;
    expect(memAvailableDropPerSandboxMiB([m(100)], [m(69)], [m(98)], 3)).toBeCloseTo(10, 10);
  });

  it('takes the median of each phase, so one disturbed reading does not move it', () => {
    const m = (x: number): number => x * MiB;
    const before = [m(500), m(500), m(420), m(500), m(500)]; // one reading during someone else's burst
    const during = [m(450), m(450), m(450), m(520), m(450)];
    const after = [m(500), m(499), m(501), m(500), m(500)];
    expect(memAvailableDropPerSandboxMiB(before, during, after, 5)).toBeCloseTo(10, 10);
  });

  it('returns a negative estimate as it is when the noise is larger than the cost (the caller reports it)', () => {
    expect(memAvailableDropPerSandboxMiB([100 * MiB], [101 * MiB], [100 * MiB], 1)).toBe(-1);
  });

  it('is NaN without readings or sandboxes', () => {
    expect(memAvailableDropPerSandboxMiB([], [1], [1], 1)).toBeNaN();
    expect(memAvailableDropPerSandboxMiB([1], [1], [1], 0)).toBeNaN();
  });
});
