import { describe, expect, it } from 'vitest';
import { kendallTau, validatePredictions } from '../../src/predict/validate.js';

describe('validatePredictions', () => {
  it('gives the error per app and runtime, the median absolute errors and the rank agreement', () => {
    const measured = [
      { app: 'a', runtime: 'runsc', slowdown: 2.0 },
      { app: 'b', runtime: 'runsc', slowdown: 1.5 },
      { app: 'c', runtime: 'runsc', slowdown: 3.0 },
      { app: 'a', runtime: 'runc', slowdown: 1.005 },
    ];
    const predicted = [
      { app: 'a', runtime: 'runsc', slowdown: 1.8 },
      { app: 'b', runtime: 'runsc', slowdown: 1.6 },
      { app: 'c', runtime: 'runsc', slowdown: 2.0 },
      { app: 'a', runtime: 'runc', slowdown: 1.02 },
    ];
    const v = validatePredictions(predicted, measured);
    // a: (1.8 − 2) / (2 − 1) = −0.2; b: 0.1 / 0.5 = 0.2; c: −1 / 2 = −0.5; runc a: extra 0.5 % < 1 %, no relative error
    expect(v.rows.map((r) => [r.app, r.runtime, Number(r.error.toFixed(6)), r.relativeError === null ? null : Number(r.relativeError.toFixed(6))])).toEqual([
      ['a', 'runsc', -0.2, -0.2],
      ['b', 'runsc', 0.1, 0.2],
      ['c', 'runsc', -1, -0.5],
      ['a', 'runc', 0.015, null],
    ]);
    // |relative|: 0.2, 0.2, 0.5 → 0.2; |error|: 0.015, 0.1, 0.2, 1 → (0.1 + 0.2) / 2 = 0.15
    expect(v.medianAbsRelativeError).toBeCloseTo(0.2, 12);
    expect(v.medianAbsError).toBeCloseTo(0.15, 12);
    // runsc order predicted c > a > b, measured c > a > b: all 3 pairs agree
    expect(v.rankAgreement).toEqual({ runsc: 1, runc: null });
    // the goal's reading, against the measured slowdown: runsc 0.2 / 2, 0.1 / 1.5, 1 / 3 → 0.1; runc 0.015 / 1.005
    expect(v.medianAbsErrorOfSlowdown['runsc']).toBeCloseTo(0.1, 12);
    expect(v.medianAbsErrorOfSlowdown['runc']).toBeCloseTo(0.015 / 1.005, 12);
  });

  it('counts the pairs measured apart (intervals disjoint) and those of them ranked as measured', () => {
    const at = (app: string, slowdown: number, low: number, high: number) =>
      ({ app, runtime: 'runsc', slowdown, interval: { low, high } });
    // a and b overlap (no right order to find); c lies apart from both; d has no interval
    const measured = [
      at('a', 2.0, 1.8, 2.3), at('b', 2.1, 1.9, 2.4), at('c', 4.0, 3.5, 4.6),
      { app: 'd', runtime: 'runsc', slowdown: 9 },
    ];
    const predicted = [
      { app: 'a', runtime: 'runsc', slowdown: 2.5 }, // above b: a wrong order, but of a pair measured alike
      { app: 'b', runtime: 'runsc', slowdown: 2.2 },
      { app: 'c', runtime: 'runsc', slowdown: 2.4 }, // below a: wrong, and measured apart
      { app: 'd', runtime: 'runsc', slowdown: 1.0 }, // wrong against all, but d has no interval
    ];
    const v = validatePredictions(predicted, measured);
    expect(v.rankApart).toEqual({ runsc: { pairs: 2, agree: 1 } }); // (a, c) wrong, (b, c) right
    expect(v.rows.map((r) => r.measuredInterval)).toEqual([
      { low: 1.8, high: 2.3 }, { low: 1.9, high: 2.4 }, { low: 3.5, high: 4.6 }, null,
    ]);
    expect(v.rankAgreement['runsc']).toBeCloseTo(-2 / 3, 12); // tau still reads every pair: only (b, c) of 6 agrees
  });

  it("Kendall's tau-a: −1 for a reversed order, 1/3 with one of three pairs discordant", () => {
    expect(kendallTau([1, 2, 3], [3, 2, 1])).toBe(-1);
    // pairs (1,2) agree, (1,3) agree, (2,3) disagree: (1 + 1 − 1) / 3
    expect(kendallTau([1, 2, 3], [1, 3, 2])).toBeCloseTo(1 / 3, 12);
    expect(kendallTau([1], [1])).toBeNull();
  });

  it('skips measured points without a prediction and says null when nothing pairs', () => {
    const v = validatePredictions([], [{ app: 'a', runtime: 'runsc', slowdown: 2 }]);
    const none = {
      rows: [], medianAbsRelativeError: null, medianAbsError: null, rankAgreement: {}, medianAbsErrorOfSlowdown: {},
      rankApart: {},
    };
    expect(v).toEqual(none);
  });
});
