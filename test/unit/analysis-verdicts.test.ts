import { describe, expect, it } from 'vitest';
import { boundsCrossed, judge, verdictText } from '../../src/analysis/verdicts.js';

const ci = (low: number, high: number) => ({ low, high });

describe('judge', () => {
  it.each([
    // interval, bounds, better is, verdict
    [ci(40, 60), { min: null, max: 100 }, 'lower', 'holds'], // below an open-below maximum: holds, not better
    [ci(110, 120), { min: null, max: 100 }, 'lower', 'worse'],
    [ci(90, 110), { min: null, max: 100 }, 'lower', 'inconclusive'],
    [ci(60, 80), { min: 50, max: 100 }, 'lower', 'holds'],
    [ci(30, 40), { min: 50, max: 100 }, 'lower', 'better'], // a latency below the claimed range
    [ci(30, 40), { min: 50, max: 100 }, 'higher', 'worse'], // a retention below the claimed range
    [ci(101, 102), { min: 50, max: 100 }, 'higher', 'better'],
    [ci(350, 400), { min: 300, max: null }, 'lower', 'holds'], // "cold start often over 300 ms"
    [ci(200, 250), { min: 300, max: null }, 'lower', 'better'],
    [ci(50, 50), { min: 50, max: 50 }, 'lower', 'holds'],
    [ci(45, 55), { min: 50, max: 50 }, 'lower', 'inconclusive'], // a point inside the interval
    [ci(20, 30), { min: 50, max: 50 }, 'lower', 'better'],
    [ci(50, 100), { min: 50, max: 100 }, 'lower', 'holds'], // closed ends
  ] as const)('%j in %j (%s is better) → %s', (interval, bounds, betterIs, expected) => {
    expect(judge(interval, bounds, betterIs)).toBe(expected);
  });

  it('says which bounds an interval reaches across', () => {
    expect(boundsCrossed(ci(45, 55), { min: 50, max: 50 })).toEqual(['min', 'max']);
    expect(boundsCrossed(ci(90, 110), { min: 50, max: 100 })).toEqual(['max']);
    expect(boundsCrossed(ci(60, 70), { min: 50, max: 100 })).toEqual([]);
  });

  it('labels verdicts, with the reason when not measured', () => {
    expect(verdictText('better', null)).toBe('better than claimed');
    expect(verdictText('not-measured', 'runtime-absent')).toBe('not measured (runtime absent)');
    expect(verdictText('not-measured', 'no-workload')).toBe('not measured (no workload measures this)');
  });
});
