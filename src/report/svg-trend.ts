/**
 * Per metric, with earlier runs of the same host: the median of each runtime, run after run, as
 * one line per runtime (oldest run on the left, this run on the right). The y axis is the change
 * of each runtime's median since its own first point, in %: runtimes differ by orders of
 * magnitude (runsc's getppid is ~20× native's), and on one absolute axis the drift of the fast
 * ones would be a flat line at the bottom. Hovering a point shows the absolute median. The x axis
 * is real time (runs a week apart are drawn a week apart), with dated ticks. Each runtime has its
 * own marker shape and dash pattern as well as its colour, so the lines can be told apart
 * without colour. Inline SVG, no script.
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
  const times = runs.map((r) => Date.parse(r.startedAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = linearScale([first, last], [LEFT + 8, RIGHT - 8]);
  const timeOf = new Map(runs.map((r, i) => [r.runId, times[i] ?? first]));
  const at = (runId: string): number => x(timeOf.get(runId) ?? first);
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
  for (const tick of timeTicks(first, last)) {
    parts.push(
      `<line x1="${px(x(tick))}" x2="${px(x(tick))}" y1="${BOTTOM}" y2="${BOTTOM + 4}" class="axis"/>`,
      `<text x="${px(x(tick))}" y="${BOTTOM + 16}" class="tick" text-anchor="middle">${escapeHtml(timeLabel(tick, last - first))}</text>`,
    );
  }
  series.forEach((s, k) => {
    const colour = targetColour(s.target);
    const coords = s.points.map((p) => `${px(at(p.runId))},${px(y(relative(s, p.median)))}`);
    const dash = DASHES[k % DASHES.length] ?? '';
    if (coords.length > 1) parts.push(`<polyline points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>`);
    for (const p of s.points) {
      const title = `${s.target} ${p.runId} (${p.startedAt.slice(0, 16).replace('T', ' ')}): ${formatNumber(p.median)} ${unit} (${formatPercent(relative(s, p.median))} %)`;
      parts.push(`<g>${marker(k, at(p.runId), y(relative(s, p.median)), colour)}<title>${escapeHtml(title)}</title></g>`);
    }
    parts.push(
      marker(k, RIGHT + 17, TOP + k * 16 + 5, colour),
      `<text x="${RIGHT + 26}" y="${TOP + k * 16 + 9}" class="label">${escapeHtml(s.target)}</text>`,
    );
  });
  parts.push(`<line x1="${LEFT}" x2="${RIGHT}" y1="${BOTTOM}" y2="${BOTTOM}" class="axis"/>`, '</svg>');
  return parts.join('');
}

const DASHES = ['', '6 3', '2 2', '8 3 2 3', '1 3'];

/** Marker shape k (circle, square, triangle, diamond, cross) centred at (cx, cy). */
export function marker(k: number, cx: number, cy: number, colour: string): string {
  const r = 4;
  switch (k % 5) {
    case 0:
      return `<circle cx="${px(cx)}" cy="${px(cy)}" r="${r}" fill="${colour}"/>`;
    case 1:
      return `<rect x="${px(cx - r)}" y="${px(cy - r)}" width="${2 * r}" height="${2 * r}" fill="${colour}"/>`;
    case 2:
      return `<path d="M${px(cx)} ${px(cy - r - 1)} L${px(cx + r + 1)} ${px(cy + r)} L${px(cx - r - 1)} ${px(cy + r)} Z" fill="${colour}"/>`;
    case 3:
      return `<path d="M${px(cx)} ${px(cy - r - 1)} L${px(cx + r + 1)} ${px(cy)} L${px(cx)} ${px(cy + r + 1)} L${px(cx - r - 1)} ${px(cy)} Z" fill="${colour}"/>`;
    default:
      return `<path d="M${px(cx - r)} ${px(cy - r)} L${px(cx + r)} ${px(cy + r)} M${px(cx + r)} ${px(cy - r)} L${px(cx - r)} ${px(cy + r)}" stroke="${colour}" stroke-width="2.5"/>`;
  }
}

const DAY_MS = 86_400_000;

/** Up to 4 evenly spaced instants from first to last (one when they are equal). */
export function timeTicks(first: number, last: number): number[] {
  if (!(last > first)) return [first];
  return [0, 1, 2, 3].map((i) => first + ((last - first) * i) / 3);
}

/** `11-03` for spans over two days, `11-03 10:15` for shorter ones (UTC). */
export function timeLabel(time: number, spanMs: number): string {
  const iso = new Date(time).toISOString();
  return spanMs > 2 * DAY_MS ? iso.slice(5, 10) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
