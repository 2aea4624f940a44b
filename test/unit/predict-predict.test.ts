import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import { predict } from '../../src/predict/predict.js';
import { NATIVE_COSTS, PROFILE, RUNSC_COSTS, table } from './fixtures/predict-data.js';

const options = { runtimes: ['native', 'runsc', 'kata'], random: createRandom(1), resamples: 1000, top: 3 };

describe('predict', () => {
  it('gives the slowdown, top contributors, the class-estimated share and the runtimes without costs', () => {
    const p = predict(PROFILE, table({ native: NATIVE_COSTS, runsc: RUNSC_COSTS }), options);
    expect(p.lacking).toEqual(['kata']);
    expect(p.runtimes.map((r) => r.runtime)).toEqual(['runsc']);
    const runsc = p.runtimes[0];
    // 14.12 ms / 10 ms (test/unit/predict-model.test.ts)
    expect(runsc?.slowdown).toBeCloseTo(1.412, 12);
    // read 2.0, page faults 1.0, openat 0.8 of Σ|extra| 4.12 ms
    expect(runsc?.contributors.map((c) => [c.name, Number(c.share.toFixed(4))])).toEqual([['read', 0.4854], ['page faults', 0.2427], ['openat', 0.1942]]);
    // ioctl 0.02 + frobnicate 0.1 of 4.12 ms rest on class prices
    expect(runsc?.classEstimatedShare).toBeCloseTo(0.12 / 4.12, 12);
    // one trial per metric: every resample is the same, so the interval is the point
    expect(runsc?.slowdownInterval.low).toBeCloseTo(1.412, 12);
    expect(runsc?.slowdownInterval.high).toBeCloseTo(1.412, 12);
  });

  it('propagates the spread of the trial medians into the interval', () => {
    // runsc read_64b from two trials, 2000 and 3000 ns: the point keeps their median 2500; the resamples
    // reach both ends (each with probability 1/4): read's extra ranges 1.5–2.5 ms. The file class moves with it:
    // its runsc median over [read, 9600, 2400, 2400] is 2400 at read = 2000 and 2700 at read = 3000, so ioctl's
    // 10 × (class − 450) is 0.0195 or 0.0225 ms instead of 0.02. Low: (14.12 − 0.5 − 0.0005) / 10 = 1.36195;
    // high: (14.12 + 0.5 + 0.0025) / 10 = 1.46225
    const costs = table({ native: NATIVE_COSTS, runsc: { ...RUNSC_COSTS, 'calls/read_64b': [2000, 3000] } });
    const runsc = predict(PROFILE, costs, options).runtimes[0];
    expect(runsc?.slowdown).toBeCloseTo(1.412, 12);
    expect(runsc?.slowdownInterval.low).toBeCloseTo(1.36195, 12);
    expect(runsc?.slowdownInterval.high).toBeCloseTo(1.46225, 12);
  });

  it('is reproducible with the same seed', () => {
    const costs = table({ native: NATIVE_COSTS, runsc: { ...RUNSC_COSTS, 'calls/read_64b': [2000, 2600, 3000] } });
    const a = predict(PROFILE, costs, { ...options, random: createRandom(7) });
    const b = predict(PROFILE, costs, { ...options, random: createRandom(7) });
    expect(a).toEqual(b);
  });
});
