/**
 * Stored samples grouped per runtime target × workload × metric × unit, each group keeping its
 * trials apart (clusters.ts). The unit is part of the key so that figures in different units
 * are never pooled or compared. Summaries, claim verdicts and run comparisons all start here.
 */
import type { Direction } from '../workloads/types.js';
import { type ClusteredSamples, clusterSamples, trialMedians } from './clusters.js';
import { isUsableSample } from './stats.js';

export interface SampleRow {
  readonly target: string;
  readonly tier: string;
  readonly workload: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly value: number;
  readonly trialId: number;
}

/** What identifies a group. */
export type GroupId = Pick<SampleRow, 'workload' | 'metric' | 'unit' | 'target'>;

export interface SampleGroup {
  readonly key: string;
  /** identity, tier and direction come from the group's first usable row */
  readonly first: SampleRow;
  readonly samples: ClusteredSamples;
  /** one median per trial, in trial-id order (for trial-level significance tests) */
  readonly trialMedians: readonly number[];
}

export function groupKey(id: GroupId): string {
  return JSON.stringify([id.workload, id.metric, id.unit, id.target]);
}

/**
 * One group per workload × metric × unit × target, over usable values only (rows with a value
 * that is not finite and > 0 are dropped; a group with nothing left does not exist). Trials are
 * ordered by id, so the order of `rows` never changes a group.
 */
export function groupSamples(rows: readonly SampleRow[]): Map<string, SampleGroup> {
  const byKey = new Map<string, { first: SampleRow; trials: Map<number, number[]> }>();
  for (const row of rows) {
    if (!isUsableSample(row.value)) continue;
    const key = groupKey(row);
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { first: row, trials: new Map() };
      byKey.set(key, entry);
    }
    const values = entry.trials.get(row.trialId) ?? [];
    values.push(row.value);
    entry.trials.set(row.trialId, values);
  }
  const groups = new Map<string, SampleGroup>();
  for (const [key, { first, trials }] of byKey) {
    const ordered = [...trials.entries()].sort(([a], [b]) => a - b).map(([, values]) => values);
    groups.set(key, { key, first, samples: clusterSamples(ordered), trialMedians: trialMedians(ordered) });
  }
  return groups;
}

/** The group of `target` for the same workload, metric and unit as `id`, if any. */
export function findGroup(groups: ReadonlyMap<string, SampleGroup>, id: GroupId, target: string): SampleGroup | undefined {
  return groups.get(groupKey({ ...id, target }));
}
