/**
 * The claims section of the terminal report: one line per claim with what it measures, the
 * measured value and interval, the claimed range (in the claim's own unit) and the verdict,
 * then the pairs of claims that contradict each other (both are kept and judged).
 */
import { MISSING, confidenceLabel, safeText } from './format.js';
import { basisEntries, claimedText, conflictPairs, measuredText, measuresText, resultVerdictText } from './claim-text.js';
import { type Column, layoutColumns } from './layout.js';
import type { ClaimResult } from './model.js';

export function claimsLines(results: readonly ClaimResult[]): string[] {
  if (results.length === 0) return [];
  const confidence = results.find((r) => r.measured !== null)?.measured?.confidence ?? 0.95;
  const columns: Column[] = [
    { header: 'claim', align: 'left' },
    { header: 'measures', align: 'left' },
    { header: `measured [${confidenceLabel(confidence)}]`, align: 'right' },
    { header: 'claimed', align: 'left' },
    { header: 'verdict', align: 'left' },
  ];
  const rows = results.map((result) => [
    safeText(result.claim.id),
    safeText(measuresText(result.claim)),
    safeText(measuredText(result)),
    safeText(claimedText(result.claim)),
    resultVerdictText(result),
  ]);
  const lines = ['claims', ...layoutColumns(columns, rows, '  ')];
  const pairs = conflictPairs(results.map((r) => r.claim));
  if (pairs.length > 0) {
    lines.push('', 'conflicting claims (the sources contradict each other; both are kept and judged)');
    for (const [a, b] of pairs) lines.push(`  ${safeText(a)} ↔ ${safeText(b)}`);
  }
  const basis = basisEntries(results);
  if (basis.length > 0) {
    lines.push('', 'judged on applications (each one\'s slowdown vs the reference; the figure is their geometric mean)');
    for (const [id, text] of basis) lines.push(`  ${safeText(id)}: ${safeText(text)}`);
  }
  const counts = tally(results);
  lines.push('', `verdicts: ${counts || MISSING}`);
  return lines;
}

/** `3 holds, 1 worse than claimed, 30 not measured` */
export function tally(results: readonly ClaimResult[]): string {
  const order = ['holds', 'better than claimed', 'worse than claimed', 'inconclusive', 'not measured'];
  const counts = new Map<string, number>();
  for (const r of results) {
    const label = r.verdict === 'not-measured' ? 'not measured' : resultVerdictText(r);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return order.filter((label) => counts.has(label)).map((label) => `${counts.get(label)} ${label}`).join(', ');
}
