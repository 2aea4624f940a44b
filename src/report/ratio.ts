/**
 * Cost ratios: how many times a runtime's figure is worse than a reference's, oriented so that
 * > 1 is always worse (a time per operation that doubled and a throughput that halved are both
 * 2×). Large costs read as ratios (`113×`, `1.9×`), small ones as percentages (`+3.2 %`).
 */
import type { MetricSummary } from '../analysis/summary.js';
import { MISSING } from './format.js';

/** Ratios in [1/LARGE, LARGE] read as percentages, the others as ×. */
export const LARGE_RATIO = 1.5;

export interface CostRatio {
  readonly ratio: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** The cost ratio of a summary against its baseline, from its overhead (positive = worse). */
export function costRatio(summary: Pick<MetricSummary, 'overheadPct' | 'overheadCiLow' | 'overheadCiHigh' | 'direction'>): CostRatio | null {
  const { overheadPct, overheadCiLow, overheadCiHigh, direction } = summary;
  if (overheadPct === null) return null;
  // lower-is-better: overhead = (r − 1)·100; higher-is-better: overhead = (1 − r)·100 with
  // r = median / reference, so the cost (reference / median) is 1 / (1 − overhead/100).
  const toRatio = (pct: number | null): number | null => {
    if (pct === null) return null;
    const ratio = direction === 'lower-is-better' ? 1 + pct / 100 : 1 / (1 - pct / 100);
    return Number.isFinite(ratio) && ratio > 0 ? ratio : null;
  };
  const ratio = toRatio(overheadPct);
  return ratio === null ? null : { ratio, low: toRatio(overheadCiLow), high: toRatio(overheadCiHigh) };
}

export function isLarge(ratio: number): boolean {
  return ratio >= LARGE_RATIO || ratio <= 1 / LARGE_RATIO;
}

function times(ratio: number): string {
  if (ratio >= 100) return ratio.toFixed(0);
  if (ratio >= 10) return ratio.toFixed(0);
  return ratio.toPrecision(2).replace(/^(\d)$/, '$1.0');
}

function percent(ratio: number): string {
  const pct = (ratio - 1) * 100;
  const text = pct.toFixed(1);
  if (/^-?0\.0$/.test(text)) return '0.0';
  return pct > 0 ? `+${text}` : text;
}

/** `113×`, `1.9×`, `0.50×`, `+3.2 %`, `-0.8 %`. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return MISSING;
  return isLarge(ratio) ? `${times(ratio)}×` : `${percent(ratio)} %`;
}

/** `113× [108, 118]` or `+3.2 % [+1.0, +5.1]`, in the form the point value takes. */
export function formatRatioInterval(value: CostRatio): string {
  const point = formatRatio(value.ratio);
  if (value.low === null || value.high === null) return point;
  const large = isLarge(value.ratio);
  const end = (r: number): string => (large ? times(r) : percent(r));
  return `${point} [${end(value.low)}, ${end(value.high)}]`;
}

/** `13–23×`, `0.96–1.9×` (× for both ends when either is large), or `+1.0 to +5.0 %` when both are small. */
export function formatRatioRange(min: number, max: number): string {
  if (formatRatio(min) === formatRatio(max)) return formatRatio(min);
  if (!isLarge(min) && !isLarge(max)) return `${percent(min)} to ${percent(max)} %`;
  return `${times(min)}–${times(max)}×`;
}

export function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}
