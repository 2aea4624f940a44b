/**
 * Per-call costs of a run, as the model reads them: for each target and metric, the median of
 * each trial (trials are the resampling unit, as in src/analysis/clusters.ts). A point estimate
 * takes the median of those medians; a bootstrap replicate the median of a resample of them.
 */
import { median } from 'simple-statistics';
import { randomIndex, type Random } from '../analysis/random.js';
import type { StoredSample } from '../store/records.js';
import type { MetricRef } from './mapping.js';

/** target → `workload/metric` → the median of each trial, in ns per operation */
export type CostTable = ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;

export const refKey = (ref: Pick<MetricRef, 'workload' | 'metric'>): string => `${ref.workload}/${ref.metric}`;

/** The compute speed of a target: the `cpu` workload's rate, kept as ns per hash (the model's compute term). */
export const COMPUTE_KEY = 'cpu/hash_4k';

/** A sample as a cost in ns/op: ns/op as it is, the `cpu` workload's rate inverted; else null. */
function asCost(s: Pick<StoredSample, 'workload' | 'metric' | 'unit' | 'value'>): number | null {
  if (!Number.isFinite(s.value) || s.value <= 0) return null;
  if (s.unit === 'ns/op') return s.value;
  if (`${s.workload}/${s.metric}` === COMPUTE_KEY && s.unit === 'ops/s') return 1e9 / s.value;
  return null;
}

/** Groups a run's ns/op samples (and its compute speed) by target, metric and trial. */
export function costTable(samples: readonly Pick<StoredSample, 'trialId' | 'target' | 'workload' | 'metric' | 'unit' | 'value'>[]): CostTable {
  const byTrial = new Map<string, Map<string, Map<number, number[]>>>();
  for (const sample of samples) {
    const cost = asCost(sample);
    if (cost === null) continue;
    const s = { ...sample, value: cost };
    const metrics = byTrial.get(s.target) ?? new Map<string, Map<number, number[]>>();
    byTrial.set(s.target, metrics);
    const key = `${s.workload}/${s.metric}`;
    const trials = metrics.get(key) ?? new Map<number, number[]>();
    metrics.set(key, trials);
    trials.set(s.trialId, [...(trials.get(s.trialId) ?? []), s.value]);
  }
  const table = new Map<string, Map<string, number[]>>();
  for (const [target, metrics] of byTrial) {
    table.set(target, new Map([...metrics].map(([key, trials]) => [key, [...trials.values()].map((v) => median(v))])));
  }
  return table;
}

/** Reads the cost of one metric on one target, or undefined when the run did not measure it. */
export type CostPick = (target: string, key: string) => number | undefined;

export function pointPick(table: CostTable): CostPick {
  return (target, key) => {
    const medians = table.get(target)?.get(key);
    return medians && medians.length > 0 ? median([...medians]) : undefined;
  };
}

/**
 * One bootstrap replicate: each (target, metric) gets the median of a resample of its trial
 * medians, drawn once per replicate so that every call priced by one metric moves together.
 */
export function resampledPick(table: CostTable, random: Random): CostPick {
  const drawn = new Map<string, number | undefined>();
  return (target, key) => {
    const id = `${target}\u0000${key}`;
    if (drawn.has(id)) return drawn.get(id);
    const medians = table.get(target)?.get(key);
    const value = medians && medians.length > 0 ? median(medians.map(() => medians[randomIndex(random, medians.length)] as number)) : undefined;
    drawn.set(id, value);
    return value;
  };
}
