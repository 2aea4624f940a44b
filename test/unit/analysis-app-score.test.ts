import { describe, expect, it } from 'vitest';
import { appScore } from '../../src/analysis/app-score.js';
import { evaluateClaims } from '../../src/analysis/claim-eval.js';
import { type SampleRow, groupSamples } from '../../src/analysis/groups.js';
import { APP_KIND_METRICS } from '../../src/claims/app-kinds.js';
import { parseClaims } from '../../src/claims/parse.js';
import type { Claim } from '../../src/claims/schema.js';
import type { Direction } from '../../src/workloads/types.js';

/** 3 trials × 3 values, each trial centred on `centre · (1, 1.01, 0.99)`: median = centre. */
function rows(target: string, workload: string, metric: string, unit: string, direction: Direction, centre: number, firstTrial: number): SampleRow[] {
  return [1, 1.01, 0.99].flatMap((shift, t) =>
    [0.998, 1, 1.002].map((jitter) => ({ target, tier: 'container', workload, metric, unit, direction, value: centre * shift * jitter, trialId: firstTrial + t })),
  );
}

// runsc vs native: ffmpeg fps 100 → 80 (slowdown 1.25); python loop 1e6 → 1e6 (1.0), startup 10 → 40 ms (4.0)
// and import_start 100 → 100 ms (1.0): python = (1 · 4 · 1)^(1/3) = 4^(1/3); overall (1.25 · 4^(1/3))^(1/2).
const data: SampleRow[] = [
  ...rows('native', 'ffmpeg', 'x264_fps', 'ops/s', 'higher-is-better', 100, 1),
  ...rows('runsc', 'ffmpeg', 'x264_fps', 'ops/s', 'higher-is-better', 80, 10),
  ...rows('native', 'python', 'loop', 'ops/s', 'higher-is-better', 1e6, 20),
  ...rows('runsc', 'python', 'loop', 'ops/s', 'higher-is-better', 1e6, 30),
  ...rows('native', 'python', 'startup', 'ms', 'lower-is-better', 10, 40),
  ...rows('runsc', 'python', 'startup', 'ms', 'lower-is-better', 40, 50),
  ...rows('native', 'python', 'import_start', 'ms', 'lower-is-better', 100, 60),
  ...rows('runsc', 'python', 'import_start', 'ms', 'lower-is-better', 100, 70),
];
const groups = groupSamples(data);
const options = { seed: 5, resamples: 500, confidence: 0.95 };

describe('appScore', () => {
  it('is the geometric mean over applications of the geometric mean of their metrics', () => {
    const score = appScore(groups, APP_KIND_METRICS.all, 'runsc', 'native', options);
    const python = Math.cbrt(4);
    expect(score?.apps).toEqual([
      { workload: 'python', slowdown: expect.closeTo(python, 9), metrics: 3 },
      { workload: 'ffmpeg', slowdown: expect.closeTo(1.25, 9), metrics: 1 },
    ]);
    expect(score?.slowdown).toBeCloseTo(Math.sqrt(1.25 * python), 9);
    expect(score?.interval.low).toBeLessThanOrEqual(score?.slowdown as number);
    expect(score?.interval.high).toBeGreaterThanOrEqual(score?.slowdown as number);
    expect(score).toMatchObject({ trials: 3, referenceTrials: 3 });
  });

  it('takes only the metrics of the kind (cpu: the python loop, not its start-up)', () => {
    const score = appScore(groups, APP_KIND_METRICS.cpu, 'runsc', 'native', options);
    expect(score?.slowdown).toBeCloseTo(Math.sqrt(1.25 * 1), 9);
  });

  it('is 1 against itself, reproducible, and null when no application ran under both', () => {
    expect(appScore(groups, APP_KIND_METRICS.all, 'native', 'native', options)?.slowdown).toBeCloseTo(1, 12);
    expect(appScore(groups, APP_KIND_METRICS.all, 'runsc', 'native', options)).toEqual(appScore(groups, APP_KIND_METRICS.all, 'runsc', 'native', options));
    expect(appScore(groups, APP_KIND_METRICS.net, 'runsc', 'native', options)).toBeNull();
    expect(appScore(groups, APP_KIND_METRICS.all, 'runc', 'native', options)).toBeNull();
  });
});

function claim(metric: string, quantity: 'overhead-pct' | 'retention-pct', min: number, max: number): Claim {
  const parsed = parseClaims([{ id: `c.${metric}.${quantity}`, source: { document: 'd', section: 's' }, quote: 'q', tier: 'sandbox', subject: 'gVisor',
    measure: { workload: 'apps', metric, target: 'runsc', reference: 'native', quantity }, claimed: { min, max, unit: '%' } }]);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.claims[0] as Claim;
}

describe('claims judged on applications', () => {
  const context = { groups, runTargets: ['native', 'runsc'], knownMetrics: new Set<string>(), seed: 5, resamples: 500 };

  it('judges the overall overhead on the geometric mean and names the applications', () => {
    const [result] = evaluateClaims([claim('all', 'overhead-pct', 10, 20)], context);
    expect(result?.measured?.value).toBeCloseTo((Math.sqrt(1.25 * Math.cbrt(4)) - 1) * 100, 9);
    expect(result?.measured?.basis?.map((b) => b.workload)).toEqual(['python', 'ffmpeg']);
    expect(result).toMatchObject({ verdict: 'worse', betterIs: 'lower', claimedInUnit: { min: 10, max: 20, unit: '%' } });
  });

  it('judges a retention as 100 / slowdown (cpu kind: 100 / 1.25^(1/2) ≈ 89.4 %)', () => {
    const [result] = evaluateClaims([claim('cpu', 'retention-pct', 85, 95)], context);
    expect(result?.measured?.value).toBeCloseTo(100 / Math.sqrt(1.25), 9);
    expect(result?.betterIs).toBe('higher');
    expect(result?.measured?.ciLow).toBeLessThanOrEqual(result?.measured?.value as number);
  });

  it('says why it is not measured: runtime absent, no application run, unknown kind', () => {
    const absent = evaluateClaims([claim('all', 'overhead-pct', 1, 3)], { ...context, runTargets: ['native'] })[0];
    expect(absent).toMatchObject({ verdict: 'not-measured', reason: 'runtime-absent' });
    expect(evaluateClaims([claim('net', 'overhead-pct', 1, 3)], context)[0]).toMatchObject({ verdict: 'not-measured', reason: 'workload-not-run' });
    expect(evaluateClaims([claim('gpu', 'overhead-pct', 1, 3)], context)[0]).toMatchObject({ verdict: 'not-measured', reason: 'no-workload' });
  });
});

describe('the report of a claim judged on applications', () => {
  it('names each application with its slowdown', async () => {
    const { detailText } = await import('../../src/report/claim-text.js');
    const context = { groups, runTargets: ['native', 'runsc'], knownMetrics: new Set<string>(), seed: 5, resamples: 200 };
    const [result] = evaluateClaims([claim('all', 'overhead-pct', 10, 20)], context);
    expect(detailText(result as NonNullable<typeof result>)).toMatch(/; from python ×1\.5\d*, ffmpeg ×1\.25 \(slowdown vs the reference\)$/);
  });
});

describe('the table and markdown reports of claims judged on applications', () => {
  it('list the applications behind each such claim', async () => {
    const { claimsLines } = await import('../../src/report/claims-table.js');
    const context = { groups, runTargets: ['native', 'runsc'], knownMetrics: new Set<string>(), seed: 5, resamples: 200 };
    const results = evaluateClaims([claim('all', 'overhead-pct', 10, 20)], context);
    const lines = claimsLines(results);
    // python: 4^(1/3) = 1.587…, shown to three significant digits
    expect(lines).toContain('  c.all.overhead-pct: python ×1.59, ffmpeg ×1.25');
  });
});
