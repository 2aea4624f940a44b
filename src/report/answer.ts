/**
 * The answer first: per runtime, its cost against native (and against runc) by workload family,
 * as a ratio with its interval where one metric stands for the family, else the geometric mean
 * and range of the family's metrics (of the applications' own geometric means, for `apps`). Then
 * one plain sentence per runtime and one about the choice. Pure; built from summaries computed
 * against each reference (cli/report-data.ts).
 */
import type { MetricSummary } from '../analysis/summary.js';
import { compareTargets } from '../analysis/order.js';
import { APPS_FAMILY, FAMILIES, familyById, familyOf } from './families.js';
import { type CostRatio, costRatio, formatRatio, formatRatioInterval, formatRatioRange, geometricMean, isLarge } from './ratio.js';
import { sentences } from './answer-text.js';

/** large: ≥ 1.5× worse; small: measurably worse; none: no measurable cost; faster: measurably better. */
export type CostLevel = 'large' | 'small' | 'none' | 'faster';

export interface FamilyFigure {
  readonly family: string;
  readonly label: string;
  /** cost ratio, > 1 = worse than the reference */
  readonly ratio: number;
  /** its interval, when one metric (the headline, or the only one) stands for the family */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** the range over the family's metrics (over applications for `apps`) */
  readonly min: number;
  readonly max: number;
  /** how many metrics (applications for `apps`) the figure is made of */
  readonly members: number;
  readonly basis: 'headline' | 'single' | 'geomean';
  /** `workload/metric` of the metric shown, for headline and single */
  readonly metric: string | null;
  readonly level: CostLevel;
  /** `113× [108, 118]`, `13–23×`, `+0.4 %` */
  readonly text: string;
}

export interface RuntimeAnswer {
  readonly target: string;
  readonly reference: string;
  /** in family order; families the runtime has no comparison for are absent */
  readonly figures: readonly FamilyFigure[];
}

export interface Answer {
  /** families with at least one figure, in order */
  readonly families: readonly { readonly id: string; readonly label: string }[];
  readonly rows: readonly RuntimeAnswer[];
  /** one sentence per runtime against native (or the first reference), then one on the choice */
  readonly sentences: readonly string[];
}

export interface AnswerInput {
  /** summaries computed against each reference, e.g. native and runc */
  readonly byReference: ReadonlyMap<string, readonly MetricSummary[]>;
  /** workload ids the catalogue marks as applications */
  readonly applications: ReadonlySet<string>;
}

/** References in this order, each used when the run has it. */
export const ANSWER_REFERENCES = ['native', 'runc'] as const;

export function buildAnswer(input: AnswerInput): Answer {
  const rows: RuntimeAnswer[] = [];
  for (const [reference, summaries] of input.byReference) {
    const targets = [...new Set(summaries.map((s) => s.target))].filter((t) => t !== reference && !(reference === 'runc' && t === 'native'));
    for (const target of targets.sort(compareTargets)) {
      const figures = familyFigures(summaries.filter((s) => s.target === target && s.baseline === reference), input.applications);
      if (figures.length > 0) rows.push({ target, reference, figures });
    }
  }
  const present = new Set(rows.flatMap((r) => r.figures.map((f) => f.family)));
  const families = FAMILIES.filter((f) => present.has(f.id)).map((f) => ({ id: f.id, label: f.label }));
  return { families, rows, sentences: sentences(rows) };
}

function familyFigures(summaries: readonly MetricSummary[], applications: ReadonlySet<string>): FamilyFigure[] {
  const byFamily = new Map<string, { summary: MetricSummary; cost: CostRatio }[]>();
  for (const summary of summaries) {
    const family = familyOf(summary.workload, summary.metric, applications);
    const cost = costRatio(summary);
    if (family === null || cost === null) continue;
    byFamily.set(family, [...(byFamily.get(family) ?? []), { summary, cost }]);
  }
  return FAMILIES.filter((f) => byFamily.has(f.id)).map((f) => figure(f.id, byFamily.get(f.id) ?? []));
}

function figure(id: string, members: readonly { summary: MetricSummary; cost: CostRatio }[]): FamilyFigure {
  const family = familyById(id);
  const headline = family.headline === undefined ? undefined
    : members.find((m) => m.summary.workload === family.headline?.workload && m.summary.metric === family.headline.metric);
  const one = headline ?? (members.length === 1 ? members[0] : undefined);
  const ratios = id === APPS_FAMILY ? perApplication(members) : members.map((m) => m.cost.ratio);
  const min = Math.min(...ratios);
  const max = Math.max(...ratios);
  const base = { family: id, label: family.label, min, max, members: ratios.length };
  if (one !== undefined) {
    const { ratio, low, high } = one.cost;
    return {
      ...base, ratio, ciLow: low, ciHigh: high, basis: headline === undefined ? 'single' : 'headline',
      metric: `${one.summary.workload}/${one.summary.metric}`, level: level(ratio, low, high), text: formatRatioInterval(one.cost),
    };
  }
  const ratio = geometricMean(ratios);
  const noneMeasurable = members.every((m) => m.cost.low !== null && m.cost.high !== null && m.cost.low <= 1 && m.cost.high >= 1);
  const text = id === APPS_FAMILY ? `${formatRatio(ratio)} (geomean of ${ratios.length}; ${formatRatioRange(min, max)})` : formatRatioRange(min, max);
  return { ...base, ratio, ciLow: null, ciHigh: null, basis: 'geomean', metric: null, level: noneMeasurable ? 'none' : level(ratio, null, null), text };
}

/** One ratio per application workload: the geometric mean of its metrics. */
function perApplication(members: readonly { summary: MetricSummary; cost: CostRatio }[]): number[] {
  const byApp = new Map<string, number[]>();
  for (const m of members) byApp.set(m.summary.workload, [...(byApp.get(m.summary.workload) ?? []), m.cost.ratio]);
  return [...byApp.values()].map(geometricMean);
}

/** Costs within ±3 % with no interval, or whose interval holds 1, are not measurable. */
function level(ratio: number, low: number | null, high: number | null): CostLevel {
  if (low !== null && high !== null ? low <= 1 && high >= 1 : Math.abs(ratio - 1) < 0.03) return 'none';
  if (ratio < 1) return 'faster';
  return isLarge(ratio) ? 'large' : 'small';
}
