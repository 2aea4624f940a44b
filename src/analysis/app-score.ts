/**
 * The slowdown of a target versus a reference over real applications, as the Phoronix Test
 * Suite scores a system: per metric the ratio of medians turned into a slowdown (target time /
 * reference time, or reference throughput / target throughput: > 1 is slower), per application
 * the geometric mean of its metrics' slowdowns, and overall the geometric mean over the
 * applications, each weighted once. Pure.
 *
 * The interval is a percentile bootstrap of the whole statistic: every resample redraws each
 * metric's two groups (trials resampled, as everywhere else, bootstrap.ts) and recomputes the
 * two geometric means, so the interval carries every application's spread.
 */
import type { AppMetrics } from '../claims/app-kinds.js';
import { type Interval, medianDraws, statisticInterval } from './bootstrap.js';
import type { SampleGroup } from './groups.js';
import { createRandom, seedFromString } from './random.js';
import { medianOfSorted } from './stats.js';

export interface AppScore {
  /** geometric mean of the applications' slowdowns: 1 = as fast as the reference */
  readonly slowdown: number;
  readonly interval: Interval;
  /** each application that entered, with its own slowdown, in the order of the kind's table */
  readonly apps: readonly { readonly workload: string; readonly slowdown: number; readonly metrics: number }[];
  /** fewest trials of any group that entered */
  readonly trials: number;
  readonly referenceTrials: number;
}

interface Pair {
  readonly target: SampleGroup;
  readonly reference: SampleGroup;
}

function slowdownOf(target: number, reference: number, pair: Pair): number {
  return pair.target.first.direction === 'lower-is-better' ? target / reference : reference / target;
}

function geomean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

/** The group of workload/metric for target, whatever its unit (each metric has one). */
function groupOf(groups: ReadonlyMap<string, SampleGroup>, workload: string, metric: string, target: string): SampleGroup | undefined {
  for (const group of groups.values()) {
    if (group.first.workload === workload && group.first.metric === metric && group.first.target === target) return group;
  }
  return undefined;
}

/**
 * The score of `target` vs `reference` over the applications of `kinds`; null when no
 * application has a metric measured under both. A metric missing under either is left out;
 * an application with none left is left out (and not listed).
 */
export function appScore(
  groups: ReadonlyMap<string, SampleGroup>,
  kind: AppMetrics,
  target: string,
  reference: string,
  options: { readonly seed: number; readonly resamples: number; readonly confidence: number },
): AppScore | null {
  const apps: { workload: string; pairs: Pair[] }[] = [];
  for (const [workload, metrics] of Object.entries(kind)) {
    const pairs = metrics.flatMap((metric) => {
      const t = groupOf(groups, workload, metric, target);
      const r = t === undefined ? undefined : groupOf(groups, workload, metric, reference);
      return t !== undefined && r !== undefined && t.first.unit === r.first.unit ? [{ target: t, reference: r }] : [];
    });
    if (pairs.length > 0) apps.push({ workload, pairs });
  }
  if (apps.length === 0) return null;
  const appSlowdowns = apps.map((app) => geomean(app.pairs.map((p) => slowdownOf(medianOfSorted(p.target.samples.pooled), medianOfSorted(p.reference.samples.pooled), p))));
  const random = createRandom(seedFromString(`app-score:${options.seed}:${target}:${reference}:${apps.map((a) => a.workload).join(',')}`));
  const draws = apps.map((app) => app.pairs.map((p) => ({ pair: p, t: medianDraws(p.target.samples), r: medianDraws(p.reference.samples) })));
  const draw = (): number => geomean(draws.map((app) => geomean(app.map((d) => slowdownOf(d.t(random), d.r(random), d.pair)))));
  const interval = statisticInterval(draw, { resamples: options.resamples, confidence: options.confidence, random });
  const all = apps.flatMap((a) => a.pairs);
  return {
    slowdown: geomean(appSlowdowns),
    interval,
    apps: apps.map((app, i) => ({ workload: app.workload, slowdown: appSlowdowns[i] as number, metrics: app.pairs.length })),
    trials: Math.min(...all.map((p) => p.target.samples.trials)),
    referenceTrials: Math.min(...all.map((p) => p.reference.samples.trials)),
  };
}
