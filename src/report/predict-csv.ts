/**
 * `isobench predict --format csv`: one row per runtime and contributor (contributor columns
 * empty on the runtime's total row, `name` = `total`). Columns are only ever appended.
 */
import { stringifyCsv } from './csv.js';
import { unsupportedText, type PredictData } from './predict-model.js';

export const PREDICT_COLUMNS = [
  'profile', 'run', 'runtime', 'native_wall_ms', 'predicted_ms', 'slowdown', 'slowdown_ci_low', 'slowdown_ci_high',
  'extra_ms', 'class_estimated_share', 'name', 'calls', 'name_extra_ms', 'name_share', 'priced_by', 'known_to_fail',
] as const;

export function renderPredictCsv(data: PredictData): string {
  const p = data.prediction;
  const rows = p.runtimes.flatMap((r) => {
    const head = [p.profileId, data.runId, r.runtime, p.nativeWallMs, r.predictedMs, r.slowdown, r.slowdownInterval.low, r.slowdownInterval.high, r.extraMs, r.classEstimatedShare];
    return [
      [...head, 'total', '', '', '', '', unsupportedText(data, r.runtime)],
      ...r.contributors.map((c) => [...head, c.name, c.calls, c.extraMs, c.share, c.source, '']),
    ];
  });
  return stringifyCsv(PREDICT_COLUMNS, rows);
}
