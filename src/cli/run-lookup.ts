import { IsobenchError } from '../errors.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** The run `runId` names (an id or a unique prefix; the latest when undefined), or a clear error. */
export function findRunOrThrow(store: Store, runId: string | undefined, db: string): RunRecord {
  const run = store.findRun(runId ?? 'latest');
  if (run) return run;
  const known = store.listRuns().slice(-5).map((r) => r.id);
  const what = runId === undefined ? 'the database holds no runs' : `no run '${runId}' (or the prefix matches several)`;
  throw new IsobenchError('RUN_NOT_FOUND', `${what} in ${db}`, {
    hint: known.length > 0 ? `recent runs: ${known.join(', ')} (see isobench runs)` : 'run `isobench run` first',
    exitCode: 2,
  });
}
