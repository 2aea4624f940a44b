/**
 * Claims and verdicts as short texts, shared by every renderer.
 *
 *   claimedText   what is claimed, in the claim's own unit:  `Δ vs native = 50 ns/op`,
 *                 `overhead vs native 10–20 %`, `≤ 100 ms`, `≥ 300 ms`
 *   measuresText  what is measured: `syscall/getppid runc − runc:unconfined`
 *   measuredText  the measured value and interval: `+23.1 [21.0, 25.3] ns/op`
 *   detailText    one sentence on how the verdict came about
 * The `ascii` style (CSV) writes <=, >=, .. and 'delta' instead of ≤, ≥, – and Δ.
 */
import type { ClaimResult } from '../analysis/claim-eval.js';
import { boundsCrossed, verdictText } from '../analysis/verdicts.js';
import type { Claim, ClaimedRange } from '../claims/schema.js';
import { confidenceLabel, formatInterval, formatNumber, formatPercent, formatSigned } from './format.js';

export type TextStyle = 'unicode' | 'ascii';

const SYMBOLS: Readonly<Record<TextStyle, { le: string; ge: string; to: string; delta: string }>> = {
  unicode: { le: '≤', ge: '≥', to: '–', delta: 'Δ' },
  ascii: { le: '<=', ge: '>=', to: '..', delta: 'delta' },
};

export function rangeText(range: Pick<ClaimedRange, 'min' | 'max' | 'unit'>, style: TextStyle = 'unicode', format: (n: number) => string = String): string {
  const s = SYMBOLS[style];
  const unit = range.unit === '%' ? ' %' : ` ${range.unit}`;
  if (range.min !== null && range.max !== null) {
    return range.min === range.max ? `= ${format(range.min)}${unit}` : `${format(range.min)}${s.to}${format(range.max)}${unit}`;
  }
  if (range.max !== null) return `${s.le} ${format(range.max)}${unit}`;
  return `${s.ge} ${format(range.min ?? Number.NaN)}${unit}`;
}

function quantityPrefix(claim: Claim, style: TextStyle): string {
  const measure = claim.measure;
  if (measure === null || measure.quantity === 'value' || measure.reference === undefined) return '';
  const name = measure.quantity === 'delta' ? SYMBOLS[style].delta : measure.quantity === 'overhead-pct' ? 'overhead' : 'retention';
  return `${name} vs ${measure.reference} `;
}

export function claimedText(claim: Claim, style: TextStyle = 'unicode'): string {
  return `${quantityPrefix(claim, style)}${rangeText(claim.claimed, style)}`;
}

export function measuresText(claim: Claim): string {
  const m = claim.measure;
  if (m === null) return '–';
  return m.reference === undefined ? `${m.workload}/${m.metric} ${m.target}` : `${m.workload}/${m.metric} ${m.target} vs ${m.reference}`;
}

/** `+23.1 [21.0, 25.3] ns/op`, or '–' when not measured. */
export function measuredText(result: ClaimResult): string {
  const m = result.measured;
  if (m === null) return '–';
  const quantity = result.claim.measure?.quantity;
  const format = quantity === 'overhead-pct' ? formatPercent : quantity === 'delta' ? formatSigned : formatNumber;
  const unit = m.unit === '%' ? ' %' : ` ${m.unit}`;
  return `${format(m.value)} ${formatInterval(m.ciLow, m.ciHigh, format)}${unit}`;
}

export { verdictText };

export function resultVerdictText(result: ClaimResult): string {
  return verdictText(result.verdict, result.reason);
}

/** One sentence explaining the verdict; for a claim judged on applications, which ones and their slowdowns. */
export function detailText(result: ClaimResult): string {
  const sentence = verdictSentence(result);
  const basis = result.measured?.basis;
  if (basis === undefined || basis.length === 0) return sentence;
  return `${sentence}; from ${basis.map((b) => `${b.workload} ×${formatNumber(b.slowdown)}`).join(', ')} (slowdown vs the reference)`;
}

function verdictSentence(result: ClaimResult): string {
  const { measured, claimedInUnit, verdict } = result;
  if (measured === null || claimedInUnit === null) return resultVerdictText(result);
  const ci = `the ${confidenceLabel(measured.confidence)} ${formatInterval(measured.ciLow, measured.ciHigh, formatNumber)}`;
  const point = claimedInUnit.min !== null && claimedInUnit.min === claimedInUnit.max;
  const claimed = point
    ? `claimed value ${rangeText(claimedInUnit, 'unicode', formatNumber).replace(/^= /, '')}`
    : `claimed range ${rangeText(claimedInUnit, 'unicode', formatNumber)}`;
  switch (verdict) {
    case 'holds':
      return `${ci} lies within the ${claimed}`;
    case 'better':
    case 'worse':
      return `${ci} lies entirely outside the ${claimed}, on the ${verdict} side (${result.betterIs} is better)`;
    case 'inconclusive': {
      if (point) return `${ci} contains the ${claimed}: consistent with it, but a point cannot be confirmed`;
      const crossed = boundsCrossed({ low: measured.ciLow, high: measured.ciHigh }, claimedInUnit);
      return `${ci} reaches across the ${crossed.map((b) => (b === 'min' ? 'minimum' : 'maximum')).join(' and ')} of the ${claimed}`;
    }
    default:
      return resultVerdictText(result);
  }
}

/** For each claim judged on applications: `claim id: redis ×1.31, nginx ×2.05, …` (each application's slowdown). */
export function basisEntries(results: readonly ClaimResult[]): [id: string, basis: string][] {
  return results.flatMap((r) => {
    const basis = r.measured?.basis;
    if (basis === undefined || basis.length === 0) return [];
    return [[r.claim.id, basis.map((b) => `${b.workload} ×${formatNumber(b.slowdown)}`).join(', ')] as [string, string]];
  });
}

/** Pairs of conflicting claims among `claims`, each pair once, in claim order. */
export function conflictPairs(claims: readonly Claim[]): [string, string][] {
  const ids = new Set(claims.map((c) => c.id));
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const claim of claims) {
    for (const other of claim.conflictsWith) {
      const key = [claim.id, other].sort().join('\u0000');
      if (!ids.has(other) || seen.has(key)) continue;
      seen.add(key);
      pairs.push([claim.id, other]);
    }
  }
  return pairs;
}
