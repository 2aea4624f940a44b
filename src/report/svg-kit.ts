/**
 * Small helpers for the inline SVG charts of the HTML report: escaping, linear scales with
 * round tick values, and one stable colour per runtime target. Pure string building.
 */
import { safeText } from './format.js';

/** Escapes text for HTML and SVG, attributes included; control characters become '?'. */
export function escapeHtml(text: string): string {
  return safeText(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number as an SVG coordinate: two decimals at most, no exponent. */
export function px(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
}

/** Maps [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to the middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))) as Scale;
  return Object.assign(scale, { domain });
}

/** About `count` round tick values (1, 2, 2.5 or 5 × 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step + 0); // + 0 turns −0 into 0
  return ticks;
}

/** The domain [min, max] of `values` widened by `pad` of its width on each side. */
export function paddedDomain(values: readonly number[], pad = 0.08): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const width = max - min || Math.abs(max) || 1;
  return [min - width * pad, max + width * pad];
}

const KNOWN_COLOURS: Readonly<Record<string, string>> = {
  native: '#555555',
  runc: '#1f77b4',
  'runc:unconfined': '#6baed6',
  runsc: '#2ca02c',
  kata: '#d62728',
};
const OTHER_COLOURS = ['#9467bd', '#8c564b', '#e377c2', '#bcbd22', '#17becf', '#ff7f0e'];

/** A colour per target: fixed for the well-known ones, from a palette by name for others. */
export function targetColour(target: string): string {
  const known = KNOWN_COLOURS[target];
  if (known !== undefined) return known;
  let hash = 0;
  for (const c of target) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return OTHER_COLOURS[hash % OTHER_COLOURS.length] as string;
}
