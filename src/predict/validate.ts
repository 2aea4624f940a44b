/**
 * How good the predictions were: predicted against measured slowdown per application and
 * runtime. The error is predicted − measured slowdown (×); the relative error divides it by the
 * measured EXTRA time (measured − 1), the part the model predicts (a runtime that adds 2 % and
 * is predicted to add 4 % is 100 % off, not 2 %); it is null where the measured extra is
 * below 1 %. Per runtime, the issue's goal reads the error against the measured SLOWDOWN: the
 * median of |error| / measured. Rank agreement, per runtime, is Kendall's tau-a over the
 * applications' slowdowns; and, as not every pair of slowdowns can be told apart, the pairs whose
 * measured intervals are disjoint, and how many of those the prediction orders as measured (two
 * applications measured alike have no right order for a prediction to find).
 */
import { median } from 'simple-statistics';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface SlowdownPoint {
  readonly app: string;
  readonly runtime: string;
  /** time on the runtime / native time */
  readonly slowdown: number;
  /** a measured point's interval, where the run gives one */
  readonly interval?: Interval | null;
}

export interface ValidationRow {
  readonly app: string;
  readonly runtime: string;
  readonly predicted: number;
  readonly measured: number;
  readonly error: number;
  readonly relativeError: number | null;
  /** the measured slowdown's interval; null where the run gives none */
  readonly measuredInterval: Interval | null;
}

/** Of one runtime's pairs of applications, those measured apart and those of them the prediction orders so. */
export interface PairsApart {
  readonly pairs: number;
  readonly agree: number;
}

export interface Validation {
  readonly rows: readonly ValidationRow[];
  /** median of |relative error| over the rows that have one; null when none */
  readonly medianAbsRelativeError: number | null;
  readonly medianAbsError: number | null;
  /** runtime → Kendall's tau-a over its applications (null with fewer than 2) */
  readonly rankAgreement: Readonly<Record<string, number | null>>;
  /** runtime → the median over its applications of |error| / measured slowdown */
  readonly medianAbsErrorOfSlowdown: Readonly<Record<string, number>>;
  /** runtime → its pairs of applications whose measured intervals are disjoint, and how many are ranked so */
  readonly rankApart: Readonly<Record<string, PairsApart>>;
}

const MIN_EXTRA = 0.01;

export function kendallTau(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = i + 1; j < a.length; j += 1) {
      sum += Math.sign((a[i] as number) - (a[j] as number)) * Math.sign((b[i] as number) - (b[j] as number));
      pairs += 1;
    }
  }
  return sum / pairs;
}

const apart = (a: Interval | null, b: Interval | null): boolean =>
  a !== null && b !== null && (a.high < b.low || b.high < a.low);

/** The pairs of rows measured apart, and of those the ones predicted in the measured order. */
export function pairsApart(rows: readonly ValidationRow[]): PairsApart {
  let pairs = 0;
  let agree = 0;
  rows.forEach((a, i) => {
    for (const b of rows.slice(i + 1)) {
      if (!apart(a.measuredInterval, b.measuredInterval)) continue;
      pairs += 1;
      if (Math.sign(a.predicted - b.predicted) === Math.sign(a.measured - b.measured)) agree += 1;
    }
  });
  return { pairs, agree };
}

export function validatePredictions(predicted: readonly SlowdownPoint[], measured: readonly SlowdownPoint[]): Validation {
  const rows: ValidationRow[] = [];
  for (const m of measured) {
    const p = predicted.find((x) => x.app === m.app && x.runtime === m.runtime);
    if (!p) continue;
    const error = p.slowdown - m.slowdown;
    const extra = m.slowdown - 1;
    const relativeError = Math.abs(extra) < MIN_EXTRA ? null : error / extra;
    const measuredInterval = m.interval ?? null;
    const { app, runtime } = m;
    rows.push({ app, runtime, predicted: p.slowdown, measured: m.slowdown, error, relativeError, measuredInterval });
  }
  const rel = rows.map((r) => r.relativeError).filter((v): v is number => v !== null).map(Math.abs);
  const rankAgreement: Record<string, number | null> = {};
  const medianAbsErrorOfSlowdown: Record<string, number> = {};
  const rankApart: Record<string, PairsApart> = {};
  for (const runtime of [...new Set(rows.map((r) => r.runtime))]) {
    const of = rows.filter((r) => r.runtime === runtime);
    rankAgreement[runtime] = kendallTau(of.map((r) => r.predicted), of.map((r) => r.measured));
    medianAbsErrorOfSlowdown[runtime] = median(of.map((r) => Math.abs(r.error) / r.measured));
    rankApart[runtime] = pairsApart(of);
  }
  return {
    rows,
    medianAbsRelativeError: rel.length === 0 ? null : median(rel),
    medianAbsError: rows.length === 0 ? null : median(rows.map((r) => Math.abs(r.error))),
    rankAgreement,
    medianAbsErrorOfSlowdown,
    rankApart,
  };
}
