import { safeText } from '../report/format.js';
import { mean, median, sampleStandardDeviation } from 'simple-statistics';

/** One run's median of one metric under one runtime. */
export interface RunMedian {
  readonly runId: string;
  readonly target: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly median: number;
  /** a paired run's paired ratio to the baseline (issue 15), used instead of median / baseline median */
  readonly pairedRatio?: number;
}

/** How much a metric's median moves from run to run. */
export interface Spread {
  readonly target: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly runs: number;
  readonly medianOfMedians: number;
  /** sample standard deviation of the per-run medians over their mean, in %; null with fewer than 2 runs */
  readonly cvPct: number | null;
  readonly min: number;
  readonly max: number;
  /**
   * The same for the ratio of this runtime's median to the baseline's median in the same run
   * (runtimes are interleaved within a run, so a drift of the host moves both alike); null for
   * the baseline itself or with fewer than 2 runs that measured both.
   */
  readonly ratioCvPct: number | null;
}

const keyOf = (m: { workload: string; metric: string; unit: string }): string => [m.workload, m.metric, m.unit].join('\u0000');

function cv(values: readonly number[]): number | null {
  return values.length >= 2 ? (100 * sampleStandardDeviation([...values])) / mean([...values]) : null;
}

/** Run-to-run spread of each runtime × workload × metric, and of its ratio to `baseline` (pure). */
export function runToRunSpread(medians: readonly RunMedian[], baseline = 'native'): Spread[] {
  const groups = new Map<string, RunMedian[]>();
  const baselineOf = new Map<string, number>(); // run + metric key -> the baseline's median
  for (const m of medians) {
    if (!(Number.isFinite(m.median) && m.median > 0)) continue;
    const key = [keyOf(m), m.target].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), m]);
    if (m.target === baseline) baselineOf.set([m.runId, keyOf(m)].join('\u0000'), m.median);
  }
  return [...groups.values()]
    .map((group) => {
      const first = group[0] as RunMedian;
      const values = group.map((g) => g.median);
      const ratios = group.flatMap((g) => {
        if (g.pairedRatio !== undefined) return [g.pairedRatio];
        const base = baselineOf.get([g.runId, keyOf(g)].join('\u0000'));
        return base === undefined ? [] : [g.median / base];
      });
      return {
        target: first.target,
        workload: first.workload,
        metric: first.metric,
        unit: first.unit,
        runs: values.length,
        medianOfMedians: median(values),
        cvPct: cv(values),
        min: Math.min(...values),
        max: Math.max(...values),
        ratioCvPct: first.target === baseline ? null : cv(ratios),
      };
    })
    .sort((a, b) => a.workload.localeCompare(b.workload) || a.metric.localeCompare(b.metric) || a.target.localeCompare(b.target));
}

export function renderSpread(spreads: readonly Spread[], runIds: readonly string[], baseline = 'native'): string {
  const header = ['workload', 'metric', 'runtime', 'unit', 'runs', 'median', 'min', 'max', 'cv %', `cv % of ratio to ${baseline}`];
  const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toPrecision(3));
  const rows = spreads.map((s) => [safeText(s.workload), safeText(s.metric), safeText(s.target), safeText(s.unit), String(s.runs), fmt(s.medianOfMedians), fmt(s.min), fmt(s.max), s.cvPct === null ? '–' : s.cvPct.toFixed(1), s.ratioCvPct === null ? '–' : s.ratioCvPct.toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i >= 4 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [`run-to-run spread of medians over ${runIds.length} run(s): ${runIds.map(safeText).join(', ')}`, '', line(header), ...rows.map(line)].join('\n') + '\n';
}
