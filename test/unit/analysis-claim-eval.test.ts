import { describe, expect, it } from 'vitest';
import { evaluateClaims } from '../../src/analysis/claim-eval.js';
import { type SampleRow, groupSamples } from '../../src/analysis/groups.js';
import { summarizeGroups } from '../../src/analysis/summary.js';
import { parseClaims } from '../../src/claims/parse.js';
import type { Claim, ClaimInput } from '../../src/claims/schema.js';
import type { Direction } from '../../src/workloads/types.js';

/** 3 trials × 3 values per target, each trial centred on `centre · (1, 1.01, 0.99)`. */
function rows(target: string, workload: string, metric: string, unit: string, direction: Direction, centre: number, firstTrial: number): SampleRow[] {
  return [1, 1.01, 0.99].flatMap((shift, t) =>
    [0.998, 1, 1.002].map((jitter) => ({ target, tier: 'container', workload, metric, unit, direction, value: centre * shift * jitter, trialId: firstTrial + t })),
  );
}

const data: SampleRow[] = [
  ...rows('native', 'syscall', 'getppid', 'ns/op', 'lower-is-better', 60, 1),
  ...rows('runc', 'syscall', 'getppid', 'ns/op', 'lower-is-better', 100, 10),
  ...rows('native', 'cpu', 'hash_4k', 'ops/s', 'higher-is-better', 1000, 20),
  ...rows('runsc', 'cpu', 'hash_4k', 'ops/s', 'higher-is-better', 800, 30),
  ...rows('runsc', 'memory', 'pss_per_sandbox', 'MiB', 'lower-is-better', 40, 40),
];
const groups = groupSamples(data);
const known = new Set(['syscall/getppid', 'cpu/hash_4k', 'memory/pss_per_sandbox', 'fileio/stat.rootfs']);
const context = { groups, runTargets: ['native', 'runc', 'runsc'], knownMetrics: known, seed: 3, resamples: 400 };

function claim(id: string, measure: ClaimInput['measure'], claimed: ClaimInput['claimed']): Claim {
  const parsed = parseClaims([{ id, source: { document: 'd', section: 's' }, quote: 'q', tier: 'container', subject: 'x', measure, claimed }]);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.claims[0] as Claim;
}

const evaluate = (c: Claim) => evaluateClaims([c], context)[0];

describe('evaluateClaims', () => {
  it("uses a paired run's paired ratio when the context has one (issue 15): overhead and retention from it", () => {
    // a paired ratio of 0.85 [0.84, 0.86] for hash_4k (ops/s): overhead (1 − 0.85) · 100 = 15 % [14, 16], retention 85 %
    const pairedRatio = (g: { target: string; metric: string }, reference: string) => (g.target === 'runsc' && g.metric === 'hash_4k' && reference === 'native' ? { ratio: 0.85, low: 0.84, high: 0.86 } : undefined);
    const paired = { ...context, pairedRatio };
    const overhead = evaluateClaims([claim('o', { workload: 'cpu', metric: 'hash_4k', target: 'runsc', reference: 'native', quantity: 'overhead-pct' }, { min: 10, max: 20, unit: '%' })], paired)[0];
    expect(overhead?.measured?.value).toBeCloseTo(15, 9);
    expect(overhead?.measured?.ciLow).toBeCloseTo(14, 9);
    expect(overhead?.measured?.ciHigh).toBeCloseTo(16, 9);
    expect(overhead?.verdict).toBe('holds');
    const retention = evaluateClaims([claim('r', { workload: 'cpu', metric: 'hash_4k', target: 'runsc', reference: 'native', quantity: 'retention-pct' }, { min: 80, max: 90, unit: '%' })], paired)[0];
    expect(retention?.measured?.value).toBeCloseTo(85, 9);
    // a pair without a paired ratio keeps the bootstrap's figure
    const delta = evaluateClaims([claim('d', { workload: 'syscall', metric: 'getppid', target: 'runc', reference: 'native', quantity: 'delta' }, { min: 0, max: 0, unit: 'ns/op' })], paired)[0];
    expect(delta?.measured?.value).toBeCloseTo(40, 9);
  });

  it('measures a delta against its own reference, with the same interval as the report', () => {
    const result = evaluate(claim('d', { workload: 'syscall', metric: 'getppid', target: 'runc', reference: 'native', quantity: 'delta' }, { min: 0, max: 0, unit: 'ns/op' }));
    expect(result?.measured?.value).toBeCloseTo(40, 9);
    expect(result).toMatchObject({ verdict: 'worse', reason: null, betterIs: 'lower', claimedInUnit: { min: 0, max: 0, unit: 'ns/op' } });
    const summary = summarizeGroups(groups, { baseline: 'native', seed: 3, resamples: 400 }).find((s) => s.target === 'runc');
    expect([result?.measured?.ciLow, result?.measured?.ciHigh]).toEqual([summary?.deltaCiLow, summary?.deltaCiHigh]);
  });

  it('measures retention: 100 · ratio for a throughput (80 %), judged with higher = better', () => {
    const result = evaluate(claim('r', { workload: 'cpu', metric: 'hash_4k', target: 'runsc', reference: 'native', quantity: 'retention-pct' }, { min: 85, max: 95, unit: '%' }));
    expect(result?.measured?.value).toBeCloseTo(80, 9);
    expect(result).toMatchObject({ verdict: 'worse', betterIs: 'higher' });
  });

  it('measures retention of a time per operation as 100 / ratio (60 %)', () => {
    const result = evaluate(claim('r2', { workload: 'syscall', metric: 'getppid', target: 'runc', reference: 'native', quantity: 'retention-pct' }, { min: 50, max: 70, unit: '%' }));
    expect(result?.measured?.value).toBeCloseTo(60, 9);
    expect(result?.measured?.ciLow).toBeLessThanOrEqual(60);
    expect(result?.verdict).toBe('holds');
  });

  it('measures overhead of a throughput, positive = worse (20 %)', () => {
    const result = evaluate(claim('o', { workload: 'cpu', metric: 'hash_4k', target: 'runsc', reference: 'native', quantity: 'overhead-pct' }, { min: 10, max: 20, unit: '%' }));
    expect(result?.measured?.value).toBeCloseTo(20, 9);
    expect(result?.verdict).toBe('inconclusive');
  });

  it('converts the claimed unit: 50–100 MB is 47.7–95.4 MiB, so 40 MiB is better than claimed', () => {
    const result = evaluate(claim('m', { workload: 'memory', metric: 'pss_per_sandbox', target: 'runsc', quantity: 'value' }, { min: 50, max: 100, unit: 'MB' }));
    expect(result?.claimedInUnit?.min).toBeCloseTo(50e6 / 2 ** 20, 9);
    expect(result).toMatchObject({ verdict: 'better', measured: { unit: 'MiB', referenceTrials: null, trials: 3 } });
  });

  it.each([
    ['no measure', null, 'no-workload'],
    ['a metric no workload reports', { workload: 'net', metric: 'tcp_rtt_64b', target: 'runc', reference: 'native', quantity: 'retention-pct' as const }, 'no-workload'],
    ['an absent target', { workload: 'syscall', metric: 'getppid', target: 'kata', reference: 'native', quantity: 'delta' as const }, 'runtime-absent'],
    ['an absent reference', { workload: 'syscall', metric: 'getppid', target: 'runc', reference: 'runc:unconfined', quantity: 'delta' as const }, 'runtime-absent'],
    ['a workload not run', { workload: 'fileio', metric: 'stat.rootfs', target: 'runc', quantity: 'value' as const }, 'workload-not-run'],
    ['a reference without the metric', { workload: 'cpu', metric: 'hash_4k', target: 'runsc', reference: 'runc', quantity: 'retention-pct' as const }, 'workload-not-run'],
  ])('is not measured for %s', (_what, measure, reason) => {
    const unit = measure === null || measure.quantity !== 'value' && measure.quantity !== 'delta' ? '%' : 'ns/op';
    const result = evaluate(claim('n', measure, { min: 1, max: 2, unit }));
    expect(result).toMatchObject({ verdict: 'not-measured', reason, measured: null, claimedInUnit: null });
  });

  it('is not measured when the claimed unit does not fit the metric', () => {
    const result = evaluate(claim('u', { workload: 'syscall', metric: 'getppid', target: 'runc', quantity: 'value' }, { min: 1, max: 2, unit: 'MB' }));
    expect(result).toMatchObject({ verdict: 'not-measured', reason: 'unit-mismatch' });
  });

  it('keeps claim order and is reproducible', () => {
    const claims = [
      claim('b', { workload: 'memory', metric: 'pss_per_sandbox', target: 'runsc', quantity: 'value' }, { min: null, max: 100, unit: 'MiB' }),
      claim('a', null, { min: 1, max: 2, unit: '%' }),
    ];
    expect(evaluateClaims(claims, context).map((r) => r.claim.id)).toEqual(['b', 'a']);
    expect(evaluateClaims(claims, context)).toEqual(evaluateClaims(claims, context));
  });
});
