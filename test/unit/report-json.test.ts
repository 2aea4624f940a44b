import { describe, expect, it } from 'vitest';
import { JSON_REPORT_FORMAT, JSON_REPORT_VERSION, renderJson } from '../../src/report/json.js';
import { FULL_REPORT_DATA, REPORT_DATA, SUMMARIES } from './fixtures/report-data.js';

describe('renderJson', () => {
  it('renders a run with claims and history as saved', async () => {
    await expect(renderJson(FULL_REPORT_DATA)).toMatchFileSnapshot('./fixtures/report.json');
  });

  it('has the documented, stable shape', () => {
    const doc = JSON.parse(renderJson(FULL_REPORT_DATA)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'run', 'summary', 'baseline', 'summaries', 'claims', 'history', 'appCheck']);
    expect(Object.keys(doc.run as object)).toContain('meta');
    expect((doc.run as { meta: Record<string, unknown> }).meta).toMatchObject({ quick: false, repetitions: 5, samples: 5, storageDriver: 'overlay2' });
    const summary = doc.summary as { families: { id: string }[]; rows: { target: string; figures: { family: string; ratio: number }[] }[]; sentences: string[] };
    expect(summary.families.map((f) => f.id)).toEqual(['syscall', 'other']);
    // runsc getppid: 1234.5 / 52.13 = 23.68
    expect(summary.rows.find((r) => r.target === 'runsc')?.figures[0]?.ratio).toBeCloseTo(23.68, 1);
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(doc).toMatchObject({ format: JSON_REPORT_FORMAT, version: JSON_REPORT_VERSION, baseline: 'native' });
    const summaries = doc.summaries as Record<string, unknown>[];
    expect(summaries).toHaveLength(SUMMARIES.length);
    expect(Object.keys(summaries[0] ?? {})).toEqual([
      'target', 'tier', 'workload', 'metric', 'unit', 'direction', 'n', 'trials', 'median', 'mean', 'sd', 'cv', 'p5', 'p95', 'p99',
      'ciLow', 'ciHigh', 'confidence', 'baseline', 'baselineMedian', 'deltaAbs', 'deltaCiLow', 'deltaCiHigh',
      'overheadPct', 'overheadCiLow', 'overheadCiHigh',
    ]);
    const claims = doc.claims as Record<string, unknown>[];
    expect(Object.keys(claims[0] ?? {})).toEqual([
      'id', 'source', 'quote', 'tier', 'subject', 'measure', 'claimed', 'note', 'conflictsWith',
      'verdict', 'reason', 'verdictText', 'measured', 'claimedInUnit', 'betterIs',
    ]);
    expect(claims.find((c) => c.id === 'demo.kata.slow')).toMatchObject({
      verdict: 'not-measured', reason: 'runtime-absent', verdictText: 'not measured (runtime absent)', measured: null, note: null,
    });
    expect(claims.find((c) => c.id === 'demo.getppid.runsc')).toMatchObject({ measure: { reference: null }, measured: { referenceTrials: null } });
  });

  it('writes missing values as null, never leaving a key out, and empty lists without claims or history', () => {
    const doc = JSON.parse(renderJson(REPORT_DATA)) as { summaries: Record<string, unknown>[]; claims: unknown[]; history: unknown[] };
    expect(doc.claims).toEqual([]);
    expect(doc.history).toEqual([]);
    expect(doc.summaries[0]).toMatchObject({ baseline: null, deltaAbs: null, sd: null });
    expect(renderJson(REPORT_DATA).endsWith('}\n')).toBe(true);
  });
});
