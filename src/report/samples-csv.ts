/**
 * `isobench report --samples`: every raw sample of a run as CSV, one row per sample in stored
 * order (trial sequence, then the order the workload printed them), in the format of csv.ts
 * (RFC 4180 quoting, LF, full-precision numbers, formula-like text neutralised).
 *
 * Columns (new columns are only ever APPENDED):
 *   run_id, host   the run and its host
 *   trial_id       the trial the sample belongs to (repetitions of one trial share a container)
 *   runtime, tier, workload, metric, unit
 *   value          the sample, in `unit`
 *   iterations     how many operations `value` is the mean of
 * Every stored sample is listed, unusable ones (non-positive, non-finite) included: this is the
 * raw data, the analysis drops those.
 */
import { type Cell, stringifyCsv } from './csv.js';
import type { RawSample, SamplesData } from './model.js';

export const SAMPLE_COLUMNS = ['run_id', 'host', 'trial_id', 'runtime', 'tier', 'workload', 'metric', 'unit', 'value', 'iterations'] as const;

export function renderSamplesCsv(data: SamplesData): string {
  const record = (s: RawSample): Cell[] => [
    data.run.id, data.run.host.hostname, s.trialId, s.target, s.tier, s.workload, s.metric, s.unit, s.value, s.iterations,
  ];
  return stringifyCsv(SAMPLE_COLUMNS, data.samples.map(record));
}
