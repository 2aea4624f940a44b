/**
 * Samples kept together with the trial they came from, so that a bootstrap can resample whole
 * trials. Repetitions of one trial share a container (or process), a CPU placement and a page
 * cache, and are more alike than repetitions of different trials; treating them as independent
 * draws makes intervals too narrow. The resampling UNIT is therefore the trial (a cluster
 * bootstrap, Davison & Hinkley 1997 §3.8, "resampling clusters"), except when a group has a
 * single trial: then there is nothing to resample at trial level, and each value is its own
 * unit (the plain bootstrap), which is the only honest fallback and says so in `resampling`.
 *
 * Only usable values enter (see {@link isUsableSample}); trials left empty are dropped. Warm-up
 * repetitions never reach this far: a workload warms up before its first timed repetition and
 * prints nothing for it (workloads/common.c, warm_up()), so every stored sample is a timed one.
 */
import { type SortedSamples, isUsableSample, medianOfSorted, sortSamples } from './stats.js';

export interface ClusteredSamples {
  /** every usable value of every trial, ascending */
  readonly pooled: SortedSamples;
  /** for each entry of `pooled`, the index (0 … units − 1) of the unit it belongs to */
  readonly unitOf: readonly number[];
  /** how many values each unit holds */
  readonly unitSizes: readonly number[];
  /** `trials`: whole trials are resampled; `values`: single trial, values resampled */
  readonly resampling: 'trials' | 'values';
  /** trials that contributed at least one usable value */
  readonly trials: number;
}

/**
 * Each value its own unit: the plain bootstrap of independent draws.
 * `trials` is how many trials the values came from (1 unless told).
 */
export function independentSamples(sorted: SortedSamples, trials = 1): ClusteredSamples {
  return {
    pooled: sorted,
    unitOf: sorted.map((_value, index) => index),
    unitSizes: sorted.map(() => 1),
    resampling: 'values',
    trials,
  };
}

/**
 * Groups values by trial, in the order the trials are given (callers sort them, e.g. by trial
 * id, so that the same data always gives the same units).
 *
 * @throws RangeError when no usable value is left, like {@link sortSamples}.
 */
export function clusterSamples(trials: readonly (readonly number[])[]): ClusteredSamples {
  const kept = trials.map((values) => values.filter(isUsableSample)).filter((values) => values.length > 0);
  if (kept.length <= 1) return independentSamples(sortSamples(kept[0] ?? []), kept.length);
  const entries: { value: number; unit: number }[] = [];
  kept.forEach((values, unit) => {
    for (const value of values) entries.push({ value, unit });
  });
  entries.sort((x, y) => x.value - y.value || x.unit - y.unit);
  return {
    pooled: sortSamples(entries.map((entry) => entry.value)),
    unitOf: entries.map((entry) => entry.unit),
    unitSizes: kept.map((values) => values.length),
    resampling: 'trials',
    trials: kept.length,
  };
}

/** One value per trial: each trial's median (type 7), in trial order. For trial-level tests. */
export function trialMedians(trials: readonly (readonly number[])[]): number[] {
  return trials
    .map((values) => values.filter(isUsableSample))
    .filter((values) => values.length > 0)
    .map((values) => medianOfSorted(sortSamples(values)));
}
