/**
 * Per metric: one bar per runtime (the median) with its confidence interval as a whisker, on a
 * scale from zero. Inline SVG, no script; a <title> per bar gives the exact figures on hover.
 */
import type { MetricSummary } from '../analysis/summary.js';
import { formatInterval, formatNumber } from './format.js';
import { escapeHtml, linearScale, niceTicks, px, targetColour } from './svg-kit.js';

const BAR = 46;
const GAP = 26;
const LEFT = 64;
const TOP = 18;
const PLOT_HEIGHT = 150;
const BOTTOM = 34;

export function barChart(summaries: readonly MetricSummary[]): string {
  const first = summaries[0];
  if (first === undefined) return '';
  const top = Math.max(...summaries.map((s) => Math.max(s.median, s.ciHigh)));
  const ticks = niceTicks(0, top, 4);
  const yMax = Math.max(top, ticks.at(-1) ?? top) || 1;
  const y = linearScale([0, yMax], [TOP + PLOT_HEIGHT, TOP]);
  const width = LEFT + summaries.length * (BAR + GAP) + GAP;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${first.workload} ${first.metric}: median per runtime, in ${first.unit}`)}">`,
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${LEFT}" x2="${width - 4}" y1="${px(y(tick))}" y2="${px(y(tick))}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${px(y(tick) + 4)}" class="tick" text-anchor="end">${escapeHtml(formatNumber(tick))}</text>`,
    );
  }
  parts.push(`<text x="6" y="${TOP - 6}" class="tick">${escapeHtml(first.unit)}</text>`);
  summaries.forEach((s, index) => {
    const x = LEFT + GAP + index * (BAR + GAP);
    const middle = x + BAR / 2;
    const title = `${s.target}: median ${formatNumber(s.median)} ${s.unit}, ${Math.round(s.confidence * 100)}% CI ${formatInterval(s.ciLow, s.ciHigh, formatNumber)}, n = ${s.n}, ${s.trials} trials`;
    parts.push(
      `<g><title>${escapeHtml(title)}</title>`,
      `<rect x="${px(x)}" y="${px(y(s.median))}" width="${BAR}" height="${px(y(0) - y(s.median))}" fill="${targetColour(s.target)}" fill-opacity="0.75"/>`,
      `<line x1="${px(middle)}" x2="${px(middle)}" y1="${px(y(s.ciLow))}" y2="${px(y(s.ciHigh))}" class="whisker"/>`,
      `<line x1="${px(middle - 8)}" x2="${px(middle + 8)}" y1="${px(y(s.ciLow))}" y2="${px(y(s.ciLow))}" class="whisker"/>`,
      `<line x1="${px(middle - 8)}" x2="${px(middle + 8)}" y1="${px(y(s.ciHigh))}" y2="${px(y(s.ciHigh))}" class="whisker"/>`,
      `<text x="${px(middle)}" y="${px(Math.min(y(s.ciHigh), y(s.median)) - 5)}" class="value" text-anchor="middle">${escapeHtml(formatNumber(s.median))}</text>`,
      `<text x="${px(middle)}" y="${TOP + PLOT_HEIGHT + 16}" class="label" text-anchor="middle">${escapeHtml(s.target)}</text>`,
      '</g>',
    );
  });
  parts.push(`<line x1="${LEFT}" x2="${width - 4}" y1="${px(y(0))}" y2="${px(y(0))}" class="axis"/>`, '</svg>');
  return parts.join('');
}
