/**
 * The paired ratios of a stored run (issue 15), for the report and `stability`. A run is paired
 * when its config says `mode: 'paired'`; only the per-op workloads (servesBatches) were, and
 * their samples pair by (trial repetition = block, rep = round) across targets.
 */
import { pairedRatios, type PairedRatio } from '../analysis/paired-ratio.js';
import { servesBatches } from '../bench/paired.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { workloadById } from '../workloads/catalogue.js';

export function isPairedRun(run: RunRecord): boolean {
  return run.config.mode === 'paired';
}

/**
 * A lookup of a paired run's paired ratio of one group to any reference target (the claims judge
 * runsc against runc, say), computed once per reference; undefined for a run that was not paired.
 */
export function pairedRatioLookup(store: Store, run: RunRecord): ((group: { target: string; workload: string; metric: string; unit: string }, reference: string) => PairedRatio | undefined) | undefined {
  if (!isPairedRun(run)) return undefined;
  const byReference = new Map<string, Map<string, PairedRatio>>();
  const key = (r: { target: string; workload: string; metric: string; unit: string }): string => JSON.stringify([r.target, r.workload, r.metric, r.unit]);
  return (group, reference) => {
    let ratios = byReference.get(reference);
    if (!ratios) {
      ratios = new Map(pairedRatiosOfRun(store, run, reference).map((r) => [key(r), r]));
      byReference.set(reference, ratios);
    }
    return ratios.get(key(group));
  };
}

/** Paired ratios of every target to `baseline`; empty for a run that was not paired. */
export function pairedRatiosOfRun(store: Store, run: RunRecord, baseline: string): PairedRatio[] {
  if (!isPairedRun(run)) return [];
  const rows = store.samples(run.id).filter((s) => {
    const spec = workloadById(s.workload);
    return spec !== undefined && servesBatches(spec);
  });
  return pairedRatios(rows.map((s) => ({ target: s.target, workload: s.workload, metric: s.metric, unit: s.unit, block: s.repetition, round: s.rep, value: s.value })), baseline);
}
