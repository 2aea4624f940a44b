/**
 * The claims section of the terminal report: one line per judged claim with what it measures,
 * the measured value and interval, the claimed range (in the claim's own unit) and the verdict;
 * the claims not measured are counted, not listed (all of them with `allClaims`). Then the
 * pairs of conflicting claims among those shown, and the tally.
 *
 * Fitting the width: the `measures` column goes first; then each claim folds into two lines
 * (id and verdict; measured and claimed beneath). Verdicts are coloured when asked (a TTY
 * without NO_COLOR): green holds, blue better, red worse, yellow inconclusive.
 */
import { MISSING, confidenceLabel, safeText } from './format.js';
import { basisEntries, claimedText, conflictPairs, measuredText, measuresText, resultVerdictText } from './claim-text.js';
import { type Column, layoutColumns, maxWidth, wrapWords } from './layout.js';
import type { ClaimResult, RenderOptions } from './model.js';

const ANSI: Readonly<Record<string, string>> = { holds: '32', better: '34', worse: '31', inconclusive: '33', 'not-measured': '2' };

function verdictCell(result: ClaimResult, colour: boolean): string {
  const text = resultVerdictText(result);
  const code = ANSI[result.verdict];
  return colour && code !== undefined ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function flat(results: readonly ClaimResult[], confidence: number, withMeasures: boolean, colour: boolean): string[] {
  const columns: Column[] = [
    { header: 'claim', align: 'left' },
    ...(withMeasures ? [{ header: 'measures', align: 'left' as const }] : []),
    { header: `measured [${confidenceLabel(confidence)}]`, align: 'right' },
    { header: 'claimed', align: 'left' },
    { header: 'verdict', align: 'left' },
  ];
  const rows = results.map((result) => [
    safeText(result.claim.id),
    ...(withMeasures ? [safeText(measuresText(result.claim))] : []),
    safeText(measuredText(result)),
    safeText(claimedText(result.claim)),
    verdictCell(result, colour),
  ]);
  return layoutColumns(columns, rows, '  ');
}

function folded(results: readonly ClaimResult[], colour: boolean): string[] {
  return results.flatMap((r) => [
    `  ${safeText(r.claim.id)}  ${verdictCell(r, colour)}`,
    `      measured ${safeText(measuredText(r))}`,
    `      claimed  ${safeText(claimedText(r.claim))}`,
  ]);
}

export function claimsLines(results: readonly ClaimResult[], options: RenderOptions = {}): string[] {
  if (results.length === 0) return [];
  const width = options.wide ? undefined : options.width;
  const colour = options.colour ?? false;
  const shown = options.allClaims ? results : results.filter((r) => r.verdict !== 'not-measured');
  const hidden = results.length - shown.length;
  const confidence = results.find((r) => r.measured !== null)?.measured?.confidence ?? 0.95;
  const fits = (lines: string[]): boolean => width === undefined || maxWidth(lines) <= width;
  let body: string[] = [];
  if (shown.length > 0) {
    body = flat(shown, confidence, true, colour);
    if (!fits(body)) body = flat(shown, confidence, false, colour);
    if (!fits(body)) body = folded(shown, colour);
  }
  const lines = [options.allClaims ? 'claims' : 'claims judged by this run', ...(shown.length === 0 ? ['  none'] : body)];
  if (hidden > 0) lines.push(`  ${hidden} not measured: isobench claims --all`);
  const ids = new Set(shown.map((r) => r.claim.id));
  const pairs = conflictPairs(results.map((r) => r.claim)).filter(([a, b]) => ids.has(a) || ids.has(b));
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
  lines.push('', ...wrapWords(`verdicts: ${counts || MISSING}`.split(' '), width, ' ', '  '));
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
