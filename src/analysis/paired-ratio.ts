/**
 * Paired ratios of a paired run (issue 15): every target was asked for one batch of a metric in
 * the same round, so the host's drift from one round to the next moves the baseline and the
 * target alike, and the ratio of the two batches of one round cancels it. The ratio of a target
 * to the baseline is the Hodges–Lehmann estimate of the per-round log-ratios, exponentiated,
 * with its distribution-free interval (hodges-lehmann.ts). The baseline's own per-round values
 * show how much the host drifted while the run lasted.
 */
import { hodgesLehmann } from './hodges-lehmann.js';
import { medianOf } from './stats.js';

/** One batch: the `round` within its `block` (a block is one set of long-lived processes). */
export interface PairedRow {
  readonly target: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly block: number;
  readonly round: number;
  readonly value: number;
}

export interface PairedRatio {
  readonly target: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  /** rounds in which both the target and the baseline gave a usable batch */
  readonly rounds: number;
  /** target / baseline, in the metric's own unit (ops/s ratios are not inverted) */
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  /** half the interval's width in log terms, as a percentage: the ratio is known to ±this */
  readonly halfWidthPct: number;
  readonly achievedConfidence: number;
}

export interface Drift {
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly rounds: number;
  /** coefficient of variation of the baseline's batches over the rounds, in % */
  readonly cvPct: number;
  /** (max − min) / median of those batches, in % */
  readonly rangePct: number;
}

const metricKey = (r: Pick<PairedRow, 'workload' | 'metric' | 'unit'>): string => JSON.stringify([r.workload, r.metric, r.unit]);
const usable = (v: number): boolean => Number.isFinite(v) && v > 0;

function byMetricAndTarget(rows: readonly PairedRow[]): Map<string, Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, Map<string, number>>>();
  for (const row of rows) {
    if (!usable(row.value)) continue;
    const metric = out.get(metricKey(row)) ?? new Map<string, Map<string, number>>();
    out.set(metricKey(row), metric);
    const rounds = metric.get(row.target) ?? new Map<string, number>();
    metric.set(row.target, rounds);
    rounds.set(`${row.block}:${row.round}`, row.value);
  }
  return out;
}

/** Paired ratio of every target other than `baseline`, per workload × metric × unit (pure, deterministic). */
export function pairedRatios(rows: readonly PairedRow[], baseline: string, confidence = 0.95): PairedRatio[] {
  const firstOf = new Map(rows.map((r) => [metricKey(r), r]));
  const out: PairedRatio[] = [];
  for (const [key, targets] of byMetricAndTarget(rows)) {
    const base = targets.get(baseline);
    if (!base) continue;
    const first = firstOf.get(key) as PairedRow;
    for (const [target, rounds] of targets) {
      if (target === baseline) continue;
      const logs = [...rounds].flatMap(([round, value]) => {
        const b = base.get(round);
        return b === undefined ? [] : [Math.log(value / b)];
      });
      if (logs.length === 0) continue;
      const hl = hodgesLehmann(logs, confidence);
      out.push({
        target, workload: first.workload, metric: first.metric, unit: first.unit, rounds: logs.length,
        ratio: Math.exp(hl.estimate), low: Math.exp(hl.low), high: Math.exp(hl.high),
        halfWidthPct: 100 * (Math.exp((hl.high - hl.low) / 2) - 1), achievedConfidence: hl.achievedConfidence,
      });
    }
  }
  return out.sort((a, b) => a.workload.localeCompare(b.workload) || a.metric.localeCompare(b.metric) || a.target.localeCompare(b.target));
}

/** How much the baseline's batches moved over the rounds, per metric (pure). */
export function baselineDrift(rows: readonly PairedRow[], baseline: string): Drift[] {
  const firstOf = new Map(rows.map((r) => [metricKey(r), r]));
  const out: Drift[] = [];
  for (const [key, targets] of byMetricAndTarget(rows)) {
    const values = [...(targets.get(baseline)?.values() ?? [])].sort((a, b) => a - b);
    if (values.length < 2) continue;
    const first = firstOf.get(key) as PairedRow;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const median = medianOf(values) as number;
    const range = (values.at(-1) as number) - (values[0] as number);
    out.push({ workload: first.workload, metric: first.metric, unit: first.unit, rounds: values.length, cvPct: (100 * sd) / mean, rangePct: (100 * range) / median });
  }
  return out.sort((a, b) => a.workload.localeCompare(b.workload) || a.metric.localeCompare(b.metric));
}
