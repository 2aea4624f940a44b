/** What the `isobench predict` renderers receive. */
import type { Prediction, RuntimePrediction } from '../predict/predict.js';

export interface PredictData {
  readonly prediction: Prediction;
  /** how the profile's subject reads: the command line */
  readonly subject: string;
  readonly runId: string;
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
