import { describe, expect, it } from 'vitest';
import { pairedRatios, type PairedRow } from '../../src/analysis/paired-ratio.js';
import { withPairedOverhead } from '../../src/analysis/paired-summary.js';
import { type SampleRow, summarize } from '../../src/analysis/summary.js';
import type { Direction } from '../../src/workloads/types.js';

// The host drifts by these factors from round to round; runc costs 1.2× native in every round,
// and hash_4k runs at 0.8× native's rate under runc in every round.
const DRIFT = [1, 1.4, 0.7, 1.3, 0.8, 1.2, 0.75, 1.1, 0.9, 1.35];
const METRICS: Record<string, { unit: string; direction: Direction; native: number; runc: number }> = {
  getppid: { unit: 'ns/op', direction: 'lower-is-better', native: 200, runc: 240 },
  hash_4k: { unit: 'ops/s', direction: 'higher-is-better', native: 1000, runc: 800 },
};
const paired: PairedRow[] = Object.entries(METRICS).flatMap(([metric, m]) =>
  DRIFT.flatMap((d, round) => (['native', 'runc'] as const).map((target) => ({ target, workload: 'w', metric, unit: m.unit, block: 0, round, value: m[target] * d }))),
);
const rows: SampleRow[] = paired.map((p) => ({ ...p, tier: p.target === 'native' ? 'native' : 'container', direction: (METRICS[p.metric] as { direction: Direction }).direction, trialId: p.target === 'native' ? 1 : 2 }));

describe('withPairedOverhead', () => {
  it('replaces the overhead and its interval by the paired ratio: the drift is gone from the interval', () => {
    const summaries = summarize(rows, { baseline: 'native', seed: 1 });
    const before = summaries.find((s) => s.target === 'runc' && s.metric === 'getppid');
    // unpaired, the bootstrap interval of the ratio of medians is wide (the drift is ±40 %)
    expect((before?.overheadCiHigh as number) - (before?.overheadCiLow as number)).toBeGreaterThan(10);
    const after = withPairedOverhead(summaries, pairedRatios(paired, 'native'));
    const getppid = after.find((s) => s.target === 'runc' && s.metric === 'getppid');
    expect(getppid?.overheadPct).toBeCloseTo(20, 9);
    expect(getppid?.overheadCiLow).toBeCloseTo(20, 9);
    expect(getppid?.overheadCiHigh).toBeCloseTo(20, 9);
    // higher-is-better: 0.8× the rate is (1000 − 800) / 1000 = 20 % worse, as comparison.ts defines it
    expect(after.find((s) => s.target === 'runc' && s.metric === 'hash_4k')?.overheadPct).toBeCloseTo(20, 9);
    expect(after.find((s) => s.target === 'runc' && s.metric === 'getppid')?.median).toBe(before?.median);
  });

  it('leaves the baseline and summaries without a paired ratio as they are', () => {
    const summaries = summarize(rows, { baseline: 'native', seed: 1 });
    const after = withPairedOverhead(summaries, []);
    expect(after).toEqual(summaries);
    expect(withPairedOverhead(summaries, pairedRatios(paired, 'native')).find((s) => s.target === 'native')).toEqual(summaries.find((s) => s.target === 'native'));
  });
});
