/** What the `isobench predict` renderers receive. */
import type { Prediction, RuntimePrediction } from '../predict/predict.js';
import type { UnsupportedCall } from '../predict/unsupported.js';

export interface PredictData {
  readonly prediction: Prediction;
  /** how the profile's subject reads: the command line */
  readonly subject: string;
  readonly runId: string;
  /** calls of the profile whose compat check fails, per runtime, and the run whose probe said so */
  readonly unsupported?: { readonly runId: string; readonly byRuntime: ReadonlyMap<string, readonly UnsupportedCall[]> };
}

/** "ptrace ×12 (ptrace_attach: EPERM)", or '–' when none of its calls is known to fail; '?' without a probe. */
export function unsupportedText(data: PredictData, runtime: string): string {
  if (!data.unsupported) return '?';
  const calls = data.unsupported.byRuntime.get(runtime) ?? [];
  return calls.length === 0 ? '–' : calls.map((c) => `${c.call} ×${compact(c.calls)} (${c.because})`).join(', ');
}

export const pct = (share: number): string => `${Math.round(share * 100)} %`;
export const times = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '?');

/** "62 % newfstatat (1.2 k)" for the largest contributors, sign kept where the runtime was cheaper. */
export function contributorsText(r: RuntimePrediction, count = 3): string {
  return r.contributors.slice(0, count).map((c) => `${pct(c.share)} ${c.name} (${compact(c.calls)}${c.source === 'measured' ? '' : `, ${c.source} class`})`).join(', ');
}

export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)} k`;
  return String(n);
}
