/**
 * Per metric: one bar per runtime (the median) with its confidence interval as a whisker. On a
 * linear scale from zero, unless the values span 10× or more: then on a log axis with a tick per
 * decade (and the axis says so), so that native's 50 ns and runsc's 20 µs are both readable.
 * Inline SVG, no script; a <title> per bar gives the exact figures on hover; the median is
 * printed above each bar.
 */
import type { MetricSummary } from '../analysis/summary.js';
import { formatInterval, formatNumber } from './format.js';
import { escapeHtml, linearScale, niceTicks, px, type Scale, targetColour } from './svg-kit.js';

/** Values spanning this factor or more get a log axis. */
export const LOG_SPAN = 10;

interface Axis {
  readonly y: Scale;
  readonly ticks: readonly number[];
  readonly floor: number;
  readonly log: boolean;
}

function axis(summaries: readonly MetricSummary[]): Axis {
  const top = Math.max(...summaries.map((s) => Math.max(s.median, s.ciHigh)));
  const bottom = Math.min(...summaries.map((s) => Math.min(s.median, s.ciLow)));
  if (bottom > 0 && top / bottom >= LOG_SPAN) {
    const lo = Math.floor(Math.log10(bottom));
    const hi = Math.ceil(Math.log10(top));
    const log = linearScale([lo, hi], [TOP + PLOT_HEIGHT, TOP]);
    const y = Object.assign((v: number) => log(Math.log10(v)), { domain: [10 ** lo, 10 ** hi] as const });
    const ticks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
    return { y, ticks, floor: 10 ** lo, log: true };
  }
  const ticks = niceTicks(0, top, 4);
  const yMax = Math.max(top, ticks.at(-1) ?? top) || 1;
  return { y: linearScale([0, yMax], [TOP + PLOT_HEIGHT, TOP]), ticks, floor: 0, log: false };
}

const BAR = 46;
const GAP = 26;
const LEFT = 64;
const TOP = 18;
const PLOT_HEIGHT = 150;
const BOTTOM = 34;

export function barChart(summaries: readonly MetricSummary[]): string {
  const first = summaries[0];
  if (first === undefined) return '';
  const { y, ticks, floor, log } = axis(summaries);
  const width = LEFT + summaries.length * (BAR + GAP) + GAP;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${first.workload} ${first.metric}: median per runtime, in ${first.unit}${log ? ', log axis' : ''}`)}">`,
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${LEFT}" x2="${width - 4}" y1="${px(y(tick))}" y2="${px(y(tick))}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${px(y(tick) + 4)}" class="tick" text-anchor="end">${escapeHtml(tickLabel(tick))}</text>`,
    );
  }
  parts.push(`<text x="6" y="${TOP - 6}" class="tick">${escapeHtml(log ? `${first.unit}, log axis` : first.unit)}</text>`);
  summaries.forEach((s, index) => {
    const x = LEFT + GAP + index * (BAR + GAP);
    const middle = x + BAR / 2;
    const title = `${s.target}: median ${formatNumber(s.median)} ${s.unit}, ${Math.round(s.confidence * 100)}% CI ${formatInterval(s.ciLow, s.ciHigh, formatNumber)}, n = ${s.n}, ${s.trials} trials`;
    parts.push(
      `<g><title>${escapeHtml(title)}</title>`,
      `<rect x="${px(x)}" y="${px(y(s.median))}" width="${BAR}" height="${px(y(floor) - y(s.median))}" fill="${targetColour(s.target)}" fill-opacity="0.75"/>`,
      `<line x1="${px(middle)}" x2="${px(middle)}" y1="${px(y(s.ciLow))}" y2="${px(y(s.ciHigh))}" class="whisker"/>`,
      `<line x1="${px(middle - 8)}" x2="${px(middle + 8)}" y1="${px(y(s.ciLow))}" y2="${px(y(s.ciLow))}" class="whisker"/>`,
      `<line x1="${px(middle - 8)}" x2="${px(middle + 8)}" y1="${px(y(s.ciHigh))}" y2="${px(y(s.ciHigh))}" class="whisker"/>`,
      `<text x="${px(middle)}" y="${px(Math.min(y(s.ciHigh), y(s.median)) - 5)}" class="value" text-anchor="middle">${escapeHtml(formatNumber(s.median))}</text>`,
      `<text x="${px(middle)}" y="${TOP + PLOT_HEIGHT + 16}" class="label" text-anchor="middle">${escapeHtml(s.target)}</text>`,
      '</g>',
    );
  });
  parts.push(`<line x1="${LEFT}" x2="${width - 4}" y1="${px(y(floor))}" y2="${px(y(floor))}" class="axis"/>`, '</svg>');
  return parts.join('');
}

/** A tick value: format.ts's rule, without a trailing `.0` on whole numbers (10, 100, 1,000). */
function tickLabel(tick: number): string {
  const text = formatNumber(tick);
  return Number.isInteger(tick) ? text.replace(/\.0+$/, '') : text;
}
