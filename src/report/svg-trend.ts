/**
 * Per metric, with earlier runs of the same host: the median of each runtime, run after run, as
 * one line per runtime (oldest run on the left, this run on the right). The y axis is the change
 * of each runtime's median since its own first point, in %: runtimes differ by orders of
 * magnitude (runsc's getppid is ~20× native's), and on one absolute axis the drift of the fast
 * ones would be a flat line at the bottom. Hovering a point shows the absolute median. Inline
 * SVG, no script.
 */
import { formatNumber, formatPercent } from './format.js';
import { escapeHtml, linearScale, niceTicks, paddedDomain, px, targetColour } from './svg-kit.js';

export interface TrendPoint {
  readonly runId: string;
  readonly startedAt: string;
  readonly median: number;
}

export interface TrendSeries {
  readonly target: string;
  /** one point per run that has this metric, oldest first */
  readonly points: readonly TrendPoint[];
}

const WIDTH = 500;
const HEIGHT = 190;
const LEFT = 64;
const RIGHT = WIDTH - 128;
const TOP = 16;
const BOTTOM = HEIGHT - 34;

/** `runs` are the run ids in order (oldest first), `series` one line per runtime. */
export function trendChart(runs: readonly { runId: string; startedAt: string }[], series: readonly TrendSeries[], unit: string): string {
  if (runs.length < 2 || series.length === 0) return '';
  const relative = (s: TrendSeries, median: number): number => (median / (s.points[0]?.median ?? median) - 1) * 100;
  const changes = series.flatMap((s) => s.points.map((p) => relative(s, p.median)));
  const domain = paddedDomain([0, ...changes], 0.1);
  const y = linearScale(domain, [BOTTOM, TOP]);
  const x = linearScale([0, runs.length - 1], [LEFT + 8, RIGHT - 8]);
  const indexOf = new Map(runs.map((r, i) => [r.runId, i]));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(`median per run, in ${unit}`)}">`,
    `<text x="6" y="${TOP - 4}" class="tick">% change since first run</text>`,
  ];
  for (const tick of niceTicks(domain[0], domain[1], 4)) {
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${px(y(tick))}" y2="${px(y(tick))}" class="grid"/>`,
      `<text x="${LEFT - 6}" y="${px(y(tick) + 4)}" class="tick" text-anchor="end">${escapeHtml(formatPercent(tick))}</text>`,
    );
  }
  runs.forEach((run, i) => {
    const label = run.startedAt.slice(5, 10);
    parts.push(`<text x="${px(x(i))}" y="${BOTTOM + 16}" class="tick" text-anchor="middle"><title>${escapeHtml(run.runId)}</title>${escapeHtml(label)}</text>`);
  });
  series.forEach((s, k) => {
    const colour = targetColour(s.target);
    const coords = s.points.map((p) => `${px(x(indexOf.get(p.runId) ?? 0))},${px(y(relative(s, p.median)))}`);
    if (coords.length > 1) parts.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    for (const p of s.points) {
      const title = `${s.target} ${p.runId}: ${formatNumber(p.median)} ${unit} (${formatPercent(relative(s, p.median))} %)`;
      parts.push(`<circle cx="${px(x(indexOf.get(p.runId) ?? 0))}" cy="${px(y(relative(s, p.median)))}" r="3" fill="${colour}"><title>${escapeHtml(title)}</title></circle>`);
    }
    parts.push(
      `<rect x="${RIGHT + 12}" y="${TOP + k * 16}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${RIGHT + 26}" y="${TOP + k * 16 + 9}" class="label">${escapeHtml(s.target)}</text>`,
    );
  });
  parts.push(`<line x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}" class="axis"/>`, '</svg>');
  return parts.join('');
}
