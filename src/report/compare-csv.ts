/**
 * `isobench compare --format csv`, in the format of csv.ts. Columns (only ever APPENDED):
 *   base_run, new_run, runtime, tier, workload, metric, unit, direction,
 *   base_median, new_median       medians, in `unit`
 *   change_pct                    (new / base − 1) · 100, plain sign
 *   change_ci_low, change_ci_high bootstrap interval of change_pct (trials resampled)
 *   worse_pct, worse_ci_low, worse_ci_high   the change in the worse direction (+ = worse)
 *   p_value, tested_on            two-sided Mann-Whitney U; trial-medians or samples
 *   base_trials, new_trials, base_n, new_n
 *   status                        regression | improvement | within-threshold | inconclusive
 */
import { stringifyCsv } from './csv.js';
import type { CompareData } from './compare-model.js';

export const COMPARE_COLUMNS = [
  'base_run', 'new_run', 'runtime', 'tier', 'workload', 'metric', 'unit', 'direction', 'base_median', 'new_median',
  'change_pct', 'change_ci_low', 'change_ci_high', 'worse_pct', 'worse_ci_low', 'worse_ci_high', 'p_value', 'tested_on',
  'base_trials', 'new_trials', 'base_n', 'new_n', 'status',
] as const;

export function renderCompareCsv(data: CompareData): string {
  return stringifyCsv(COMPARE_COLUMNS, data.changes.map((c) => [
    data.base.id, data.fresh.id, c.target, c.tier, c.workload, c.metric, c.unit, c.direction, c.baseMedian, c.newMedian,
    c.changePct, c.changeCiLow, c.changeCiHigh, c.worsePct, c.worseCiLow, c.worseCiHigh, c.pValue, c.testedOn,
    c.baseTrials, c.newTrials, c.baseN, c.newN, c.status,
  ]));
}
