/** Which run's per-call costs price a profile: `isobench predict --run`, and the report's check of its applications. */
import { IsobenchError } from '../errors.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** Whether a run has ok trials of `calls` on native (the per-call costs a prediction needs). */
export function hasCallCosts(store: Store, run: RunRecord): boolean {
  return store.trials(run.id).some((t) => t.status === 'ok' && t.workload === 'calls' && t.target === 'native');
}

/** The run given, else the latest run with ok trials of `calls` (preferring one that also has `syscall`). */
export function chooseCostRun(store: Store, ref: string | undefined): RunRecord {
  if (ref !== undefined) {
    const run = store.findRun(ref);
    if (!run) throw new IsobenchError('RUN_NOT_FOUND', `no run '${ref}' (or the prefix matches several)`, { hint: 'see isobench runs', exitCode: 2 });
    return run;
  }
  const runs = store.listRuns().reverse();
  const workloadsOf = (r: RunRecord): Set<string> => new Set(store.trials(r.id).filter((t) => t.status === 'ok').map((t) => t.workload));
  const withCalls = runs.filter((r) => workloadsOf(r).has('calls'));
  const run = withCalls.find((r) => workloadsOf(r).has('syscall')) ?? withCalls[0];
  if (!run) throw new IsobenchError('RUN_NOT_FOUND', 'no stored run has the calls workload, whose per-call costs a prediction needs', { hint: 'run: isobench run --workloads calls,syscall', exitCode: 2 });
  return run;
}

