import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../../src/analysis/summary.js';
import { claimBand } from '../../src/report/svg-band.js';
import { barChart } from '../../src/report/svg-bars.js';
import { escapeHtml, linearScale, niceTicks, paddedDomain, px, targetColour } from '../../src/report/svg-kit.js';
import { trendChart } from '../../src/report/svg-trend.js';
import { CLAIM_RESULTS } from './fixtures/claim-results.js';
import { SUMMARIES } from './fixtures/report-data.js';

describe('svg kit', () => {
  it.each([
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [0, 1234, 4, [0, 500, 1000]],
    [97.3, 100.1, 4, [98, 99, 100]],
    [97.3, 100.1, 8, [97.5, 98, 98.5, 99, 99.5, 100]],
    [-2.9, 1.35, 4, [-2, 0]],
    [-2.9, 1.35, 6, [-2, -1, 0, 1]],
    [5, 5, 4, [5]],
  ])('niceTicks(%d, %d, %d)', (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it('scales linearly and maps a zero-width domain to the middle', () => {
    const y = linearScale([0, 200], [170, 20]);
    expect([y(0), y(100), y(200)]).toEqual([170, 95, 20]);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(5);
    expect(paddedDomain([10, 20], 0.1)).toEqual([9, 21]);
    expect(px(1 / 3)).toBe('0.33');
  });

  it('escapes for HTML and gives stable colours', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    expect(targetColour('runsc')).toBe('#2ca02c');
    expect(targetColour('kata-fc')).toBe(targetColour('kata-fc'));
  });
});

describe('barChart', () => {
  const getppid = SUMMARIES.filter((s) => s.metric === 'getppid');
  const svg = barChart(getppid);

  const heightsOf = (chart: string): number[] => [...chart.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));

  it('draws one bar per runtime, heights proportional to the medians, from zero, when they span less than 10×', () => {
    const close = barChart(getppid.filter((s) => s.target !== 'runsc'));
    const [native, runc] = heightsOf(close) as [number, number];
    expect(runc / native).toBeCloseTo(55.6 / 52.13, 2);
    expect(close).not.toContain('log axis');
  });

  it('uses a log axis with a tick per decade when the medians span 10× or more', () => {
    // 52.13 → 1234.5 ns spans 23.7×: differences of height follow differences of log10
    const heights = heightsOf(svg);
    expect(heights).toHaveLength(3);
    const [native, runc, runsc] = heights as [number, number, number];
    expect((runsc - native) / (runc - native)).toBeCloseTo(Math.log10(1234.5 / 52.13) / Math.log10(55.6 / 52.13), 1);
    expect(svg).toContain('ns/op, log axis');
    expect([...svg.matchAll(/class="tick" text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(['10', '100', '1,000', '10,000']);
  });

  it('puts each whisker around the top of its bar (the median lies in its interval)', () => {
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(3);
    const whiskers = [...svg.matchAll(/class="whisker"/g)];
    expect(whiskers).toHaveLength(9);
    const vertical = [...svg.matchAll(/<line x1="([\d.]+)" x2="\1" y1="([\d.]+)" y2="([\d.]+)" class="whisker"\/>/g)];
    vertical.forEach((m, i) => {
      const [low, high] = [Number(m[2]), Number(m[3])];
      expect(low).toBeGreaterThanOrEqual((bars[i] as number) - 0.01);
      expect(high).toBeLessThanOrEqual((bars[i] as number) + 0.01);
    });
  });

  it('draws nothing without summaries', () => {
    expect(barChart([] as MetricSummary[])).toBe('');
  });
});

describe('claimBand and trendChart', () => {
  it('draws a band per measured claim, open ends marked, nothing for unmeasured ones', () => {
    const runsc = claimBand(CLAIM_RESULTS[1] as (typeof CLAIM_RESULTS)[number]);
    expect(runsc).toContain('class="claimed"');
    expect(runsc.match(/class="open"/g)).toHaveLength(1);
    expect(claimBand(CLAIM_RESULTS[6] as (typeof CLAIM_RESULTS)[number])).toBe('');
  });

  it('places the measured dot inside the band when the claim holds, outside when worse', () => {
    const position = (svg: string) => {
      const band = /<rect x="([\d.]+)" y="\d+" width="([\d.]+)"/.exec(svg);
      const dot = /<circle cx="([\d.]+)"/.exec(svg);
      return { from: Number(band?.[1]), to: Number(band?.[1]) + Number(band?.[2]), dot: Number(dot?.[1]) };
    };
    const holds = position(claimBand(CLAIM_RESULTS[1] as (typeof CLAIM_RESULTS)[number]));
    expect(holds.dot).toBeGreaterThan(holds.from);
    expect(holds.dot).toBeLessThan(holds.to);
    const worse = position(claimBand(CLAIM_RESULTS[4] as (typeof CLAIM_RESULTS)[number]));
    expect(worse.dot).toBeGreaterThan(worse.to);
  });

  it('needs at least two runs for a trend', () => {
    const runs = [{ runId: 'a', startedAt: '2026-11-01T00:00:00Z' }];
    expect(trendChart(runs, [{ target: 'runc', points: [{ runId: 'a', startedAt: '', median: 1 }] }], 'ms')).toBe('');
  });
});

describe('trendChart scale', () => {
  it('plots each runtime relative to its own first run, so a fast runtime’s drift shows next to a slow one', () => {
    const runs = ['a', 'b'].map((runId) => ({ runId, startedAt: '2026-11-01T00:00:00Z' }));
    const series = [
      { target: 'native', points: [{ runId: 'a', startedAt: '', median: 50 }, { runId: 'b', startedAt: '', median: 55 }] }, // +10 %
      { target: 'runsc', points: [{ runId: 'a', startedAt: '', median: 1000 }, { runId: 'b', startedAt: '', median: 1100 }] }, // +10 %
    ];
    const lines = [...trendChart(runs, series, 'ns/op').matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(lines[1]);
  });
});
