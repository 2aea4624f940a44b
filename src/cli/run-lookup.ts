import { IsobenchError } from '../errors.js';
import { safeText } from '../report/format.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * A run by id, unique prefix or `latest`, for every command that names one. An ambiguous prefix
 * lists the runs it matches; an unknown one lists the recent runs. Exit 2 either way.
 */
export function findRunOrFail(store: Store, given: string | undefined, db: string): RunRecord {
  const run = store.findRun(given ?? 'latest');
  if (run !== undefined) return run;
  if (given !== undefined) {
    const matches = store.runIdsWithPrefix(given, 6);
    if (matches.length > 1) {
      const shown = matches.slice(0, 5).join(', ') + (matches.length > 5 ? ', …' : '');
      throw new IsobenchError('RUN_NOT_FOUND', `run prefix '${safeText(given)}' is ambiguous in ${db}: it matches ${shown}`, { hint: 'give more characters of the run id (see isobench runs)', exitCode: 2 });
    }
  }
  const known = store.listRuns().slice(-5).map((r) => r.id);
  const what = given === undefined ? 'the database holds no runs' : `no run '${safeText(given)}'`;
  throw new IsobenchError('RUN_NOT_FOUND', `${what} in ${db}`, {
    hint: known.length > 0 ? `recent runs: ${known.join(', ')} (see isobench runs)` : 'run `isobench run` first',
    exitCode: 2,
  });
}
