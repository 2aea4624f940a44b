import type { StoredCheck, StoredTrial, TargetRecord } from '../store/records.js';
import { buildMatrix, type CompatMatrix, type TargetColumn } from './matrix.js';

/**
 * The matrix of a stored run: one column per target of the run (in the run's order) that had a
 * compat trial; the last ok trial of a target gives its checks, else its last trial's reason
 * says why the probe did not run. Pure.
 */
export function matrixOfRun(runId: string, targets: readonly TargetRecord[], trials: readonly StoredTrial[], checks: readonly StoredCheck[]): CompatMatrix | null {
  const compatTrials = trials.filter((t) => t.workload === 'compat');
  if (compatTrials.length === 0) return null;
  const columns: TargetColumn[] = targets
    .filter((t) => compatTrials.some((trial) => trial.target === t.target))
    .map((t) => {
      const mine = compatTrials.filter((trial) => trial.target === t.target);
      const ok = mine.filter((trial) => trial.status === 'ok').at(-1);
      const target = { id: t.target, tier: t.tier, version: t.version, flags: t.flags };
      if (!ok) {
        const last = mine.at(-1);
        return { target, checks: null, failure: last ? `trial ${last.status}: ${last.reason ?? 'no reason recorded'}` : 'no trial' };
      }
      return { target, checks: checks.filter((c) => c.trialId === ok.id), failure: null };
    });
  return buildMatrix(runId, columns);
}
