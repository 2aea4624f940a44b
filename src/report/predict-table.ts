/** `isobench predict --format table` (and the rows of --format md). */
import type { RuntimePrediction } from '../predict/predict.js';
import { safeText } from './format.js';
import { contributorsText, pct, times, unsupportedText, type PredictData } from './predict-model.js';

export const PREDICT_HEADER = ['runtime', 'predicted ms', 'slowdown', '95 % interval', 'extra ms', 'on class estimates', 'known to fail here', 'top contributors to the extra time'] as const;

export function predictRow(r: RuntimePrediction, data: PredictData): string[] {
  return [
    r.runtime,
    r.predictedMs.toFixed(1),
    times(r.slowdown),
    `${times(r.slowdownInterval.low)}–${times(r.slowdownInterval.high)}`,
    r.extraMs.toFixed(2),
    pct(r.classEstimatedShare),
    unsupportedText(data, r.runtime),
    contributorsText(r),
  ];
}

export function predictNotes(data: PredictData): string[] {
  const p = data.prediction;
  return [
    `profile ${p.profileId}: ${safeText(data.subject)}; native untraced wall time ${p.nativeWallMs.toFixed(1)} ms;`
      + ` per-call costs from run ${data.runId}`,
    ...(p.lacking.length > 0 ? [`no costs in run ${data.runId} for: ${p.lacking.join(', ')} (run the calls and syscall workloads there)`] : []),
    data.unsupported
      ? `known to fail here: the profile's calls whose compatibility check fails, from run ${data.unsupported.runId} ('–': none)`
      : 'known to fail here: ? (no run of this host has the compat workload: isobench compat)',
  ];
}

export function renderPredictTable(data: PredictData): string {
  const rows = [[...PREDICT_HEADER], ...data.prediction.runtimes.map((r) => predictRow(r, data))];
  const widths = PREDICT_HEADER.map((_h, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
  return [...predictNotes(data), '', ...lines, ''].join('\n');
}
