import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../../src/analysis/summary.js';
import { buildAnswer } from '../../src/report/answer.js';
import { renderCsv } from '../../src/report/csv.js';
import { familyOf, orderWorkloads } from '../../src/report/families.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { costRatio, formatRatio, formatRatioInterval, formatRatioRange, geometricMean } from '../../src/report/ratio.js';
import { renderTable } from '../../src/report/table.js';
import { FULL_REPORT_DATA, REPORT_DATA, SUMMARIES } from './fixtures/report-data.js';

describe('workload families', () => {
  it('maps known workloads, splits fileio by filesystem, ignores compat, sends applications to apps and the unknown to other', () => {
    const apps = new Set(['redis', 'nginx']);
    expect(familyOf('syscall', 'getppid', apps)).toBe('syscall');
    expect(familyOf('calls', 'read', apps)).toBe('syscall');
    expect(familyOf('fileio', 'stat.rootfs', apps)).toBe('fileio.rootfs');
    expect(familyOf('fileio', 'stat.tmpfs', apps)).toBe('fileio.tmpfs');
    expect(familyOf('compat', 'ptrace', apps)).toBeNull();
    expect(familyOf('redis', 'get_rps', apps)).toBe('apps');
    expect(familyOf('sqlite', 'tps', apps)).toBe('other');
    expect(familyOf('memaccess', 'chase_4k', apps)).toBe('memaccess');
  });

  it('orders workloads syscall, fileio, net, startup, memory, cpu, clock, apps, then others', () => {
    expect(orderWorkloads(['clock', 'cpu', 'redis', 'zzz', 'memory', 'startup', 'net', 'fileio', 'syscall', 'compat'], new Set(['redis'])))
      .toEqual(['syscall', 'fileio', 'net', 'startup', 'memory', 'cpu', 'clock', 'redis', 'zzz', 'compat']);
  });
});

describe('cost ratios', () => {
  it('turns overhead into times-worse for both directions', () => {
    // lower-is-better: +2268.1 % → 23.681×; higher-is-better: 73.4574 % less throughput → 1 / 0.265426 = 3.7675×
    expect(costRatio(SUMMARIES[5] as MetricSummary)?.ratio).toBeCloseTo(23.681, 3);
    expect(costRatio(SUMMARIES[8] as MetricSummary)?.ratio).toBeCloseTo(3.7675, 3);
    expect(costRatio(SUMMARIES[3] as MetricSummary)).toBeNull();
  });

  it('writes large costs as × and small ones as %', () => {
    expect(formatRatio(113.4)).toBe('113×');
    expect(formatRatio(1.93)).toBe('1.9×');
    expect(formatRatio(1.032)).toBe('+3.2 %');
    expect(formatRatio(0.992)).toBe('-0.8 %');
    expect(formatRatio(0.5)).toBe('0.50×');
    expect(formatRatioInterval({ ratio: 113, low: 108, high: 118 })).toBe('113× [108, 118]');
    expect(formatRatioInterval({ ratio: 1.032, low: 1.01, high: 1.051 })).toBe('+3.2 % [+1.0, +5.1]');
    expect(formatRatioRange(13.2, 23.4)).toBe('13–23×');
    expect(formatRatioRange(1.01, 1.05)).toBe('+1.0 to +5.0 %');
    expect(formatRatioRange(0.964, 1.93)).toBe('0.96–1.9×');
    expect(formatRatioRange(0.4, 0.676)).toBe('0.40–0.68×');
    expect(geometricMean([2, 8])).toBeCloseTo(4, 10);
  });
});

describe('buildAnswer', () => {
  const answer = buildAnswer({ byReference: new Map([['native', SUMMARIES]]), applications: new Set() });

  it('gives each runtime its family figures: the headline with its interval, else a range over the metrics', () => {
    const runsc = answer.rows.find((r) => r.target === 'runsc');
    const syscall = runsc?.figures.find((f) => f.family === 'syscall');
    expect(syscall).toMatchObject({ basis: 'headline', metric: 'syscall/getppid', level: 'large', text: '24× [23, 24]' });
    const other = runsc?.figures.find((f) => f.family === 'other');
    // file-io create 15.0× and tcp-echo 3.77×: geometric mean, range 3.8–15×
    expect(other).toMatchObject({ basis: 'geomean', members: 2, text: '3.8–15×' });
    expect(other?.ratio).toBeCloseTo(Math.sqrt(14.98 * 3.7675), 1);
    expect(answer.rows.map((r) => r.target)).toEqual(['runc', 'runsc']);
  });

  it('says which costs are not measurable (an interval holding 1×) in a plain sentence per runtime', () => {
    expect(answer.sentences[0]).toBe('runc against native: costs +6.7 % on system calls; nothing measurable on other.');
    expect(answer.sentences.at(-1)).toMatch(/^runc is the cheapest isolation measured/);
  });

  it('takes the geometric mean over applications, each application the geometric mean of its metrics', () => {
    const app = (metric: string, overheadPct: number): MetricSummary => ({ ...(SUMMARIES[5] as MetricSummary), workload: metric.split('.')[0] ?? '', metric, overheadPct, overheadCiLow: overheadPct - 1, overheadCiHigh: overheadPct + 1 });
    // redis: 2× and 8× → 4×; nginx: 1× (+0 %) → geometric mean over apps sqrt(4 · 1) = 2×
    const rows = [app('redis.get', 100), app('redis.set', 700), app('nginx.rps', 0)];
    const figure = buildAnswer({ byReference: new Map([['native', rows]]), applications: new Set(['redis', 'nginx']) }).rows[0]?.figures[0];
    expect(figure).toMatchObject({ family: 'apps', members: 2, basis: 'geomean' });
    expect(figure?.ratio).toBeCloseTo(2, 10);
    expect(figure?.text).toBe('2.0× (geomean of 2; 1.0–4.0×)');
  });
});

describe('the summary comes first in every format', () => {
  it('table, Markdown and HTML put it before the run facts; JSON and CSV carry its figures', () => {
    const table = renderTable(FULL_REPORT_DATA);
    expect(table.indexOf('summary: cost against')).toBeGreaterThan(0);
    expect(table.indexOf('summary: cost against')).toBeLessThan(table.indexOf('status '));
    const md = renderMarkdown(FULL_REPORT_DATA);
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('| status |'));
    expect(md).toContain('| runsc | native | 24× \\[23, 24\\] | 3.8–15× |');
    const html = renderHtml(FULL_REPORT_DATA);
    expect(html.indexOf('<section id="summary">')).toBeLessThan(html.indexOf('<section id="run">'));
    expect(html).toMatch(/<table class="heatmap">/);
    const json = JSON.parse(renderJson(FULL_REPORT_DATA)) as { summary: { sentences: string[] } };
    expect(json.summary.sentences).toEqual(FULL_REPORT_DATA.answer?.sentences);
    expect(renderCsv(FULL_REPORT_DATA).split('\n')[0]).toContain('family,cost_ratio,cost_ratio_ci_low,cost_ratio_ci_high');
    // without an answer: no summary section
    expect(renderTable(REPORT_DATA)).not.toContain('summary: cost against');
    expect(renderHtml(REPORT_DATA)).not.toContain('id="summary"');
  });
});
