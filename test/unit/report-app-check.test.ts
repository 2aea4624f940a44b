import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AppCheck } from '../../src/predict/app-check.js';
import type { ReportData } from '../../src/report/model.js';
import { renderTable } from '../../src/report/table.js';
import { REPORT_DATA } from './fixtures/report-data.js';

const check: ReportData = {
  ...REPORT_DATA,
  appCheck: {
    check: {
      rows: [
        {
          app: 'python/startup', runtime: 'runsc', predicted: 1.8, measured: 2, error: -0.2, relativeError: -0.2,
          measuredInterval: { low: 1.9, high: 2.15 },
        },
        {
          app: 'python/startup', runtime: 'runc', predicted: 1.004, measured: 1.002, error: 0.002, relativeError: null,
          measuredInterval: null,
        },
      ],
      medianAbsRelativeError: 0.2, medianAbsError: 0.101, rankAgreement: { runsc: null, runc: null },
      medianAbsErrorOfSlowdown: { runsc: 0.1, runc: 0.002 },
      rankApart: { runsc: { pairs: 3, agree: 2 }, runc: { pairs: 0, agree: 0 } },
      costRun: 'r-costs', ownCosts: [],
      unmeasured: ['build/build'], unreadable: ['old-profile'],
    },
  },
};

describe('the prediction check in the report', () => {
  it('shows predicted against measured per application and runtime in every human format', () => {
    for (const text of [renderTable(check, { wide: true }), renderMarkdown(check), renderHtml(check)]) {
      expect(text).toContain('python/startup');
      expect(text).toMatch(/1\.80×[\s\S]*2\.00×/);
      expect(text).toContain('-20 %');
      expect(text).toContain('r-costs');
      expect(text).toContain('build/build');
      expect(text).toContain('no longer read (written by an older isobench): profiles old-profile');
      // the goal's reading: |−0.2| / 2 = 10 % for runsc
      expect(text).toMatch(/measured slowdown per runtime \(goal ≤ 25 %\) runsc 10 %, runc 0 %/);
      expect(text).toContain('2.00× (1.90–2.15)');
      expect(text).toMatch(/measured apart[\s\S]*ranked as measured: runsc 2 of 3, runc 0 of 0\./);
    }
  });

  it('carries the check in the JSON report, and null when the run profiled nothing', () => {
    type Json = { appCheck: { rows: unknown[]; costRun: string; unreadable: string[] } };
    const json = JSON.parse(renderJson(check)) as Json;
    expect(json.appCheck.rows).toHaveLength(2);
    expect(json.appCheck.unreadable).toEqual(['old-profile']);
    expect(json.appCheck.costRun).toBe('r-costs');
    expect((JSON.parse(renderJson(REPORT_DATA)) as { appCheck: unknown }).appCheck).toBeNull();
    expect(renderTable(REPORT_DATA)).not.toContain('prediction check');
  });

  it("names the checked run's own workloads that completed another run's per-call costs", () => {
    const base = (check.appCheck as { check: AppCheck }).check;
    const own: ReportData = { ...check, appCheck: { check: { ...base, ownCosts: ['syscall', 'cpu'] } } };
    const named = /per-call costs of run r-costs \(with this run's own syscall and cpu\);/;
    expect(renderTable(own, { wide: true })).toMatch(named);
    expect(renderTable(check, { wide: true })).toMatch(/per-call costs of run r-costs;/);
    const json = JSON.parse(renderJson(own)) as { appCheck: { ownCosts: string[] } };
    expect(json.appCheck.ownCosts).toEqual(['syscall', 'cpu']);
  });

  it('says why there is no check when no run has per-call costs', () => {
    const missing: ReportData = { ...REPORT_DATA, appCheck: { missing: 'no stored run has the calls workload' } };
    expect(renderTable(missing)).toContain('no stored run has the calls workload');
    expect(renderMarkdown(missing)).toContain('no stored run has the calls workload');
  });
});
