import { usageError } from '../errors.js';
import { safeText } from '../report/format.js';

/**
 * The one rule for `--baseline`, in every command that takes it (run, report, stability): it
 * must be one of the runtimes measured (`ids`, of `what`: "run X", "the runs compared").
 * Checked before any work: `run` checks it before the first trial.
 */
export function checkBaseline(requested: string | undefined, ids: readonly string[], what: string): void {
  if (requested === undefined || ids.includes(requested)) return;
  throw usageError(`baseline '${safeText(requested)}' is not a runtime of ${what}`, `accepted: ${ids.join(', ')}`);
}
