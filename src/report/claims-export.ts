/**
 * `isobench claims`: one row per claim, in every format. Columns (CSV names; JSON uses the same
 * fields in camelCase):
 *   id, document, section, section_gloss, quote (verbatim), gloss (English, claims/glosses.ts),
 *   subject, tier, measures (`workload/metric target vs reference`), claimed (range in the claim's
 *   unit), measured, ci_low, ci_high, unit (of measured and its interval), verdict, reason (why
 *   not measured), conflicts (ids of claims it contradicts, joined by a space)
 * The table shows the judged claims and counts the rest unless `allClaims`; the other formats
 * list only the judged ones too unless `allClaims`, and say so (md) or carry `shown`/`total`.
 */
import { verdictText } from '../analysis/verdicts.js';
import { quoteGloss, sectionGloss } from '../claims/glosses.js';
import { claimedText, measuredText, measuresText } from './claim-text.js';
import { claimsLines } from './claims-table.js';
import { type Cell, round, stringifyCsv } from './csv.js';
import { MISSING } from './format.js';
import { markdownTable } from './markdown.js';
import type { ClaimResult, RenderOptions } from './model.js';

export const CLAIMS_FORMATS = ['table', 'csv', 'md', 'json'] as const;
export type ClaimsFormat = (typeof CLAIMS_FORMATS)[number];

export const CLAIMS_CSV_COLUMNS = [
  'id', 'document', 'section', 'section_gloss', 'quote', 'gloss', 'subject', 'tier', 'measures', 'claimed',
  'measured', 'ci_low', 'ci_high', 'unit', 'verdict', 'reason', 'conflicts',
] as const;

type Row = Record<(typeof CLAIMS_CSV_COLUMNS)[number], Cell>;

function row(r: ClaimResult): Row {
  const m = r.measured;
  return {
    id: r.claim.id,
    document: r.claim.source.document,
    section: r.claim.source.section,
    section_gloss: sectionGloss(r.claim.source.section),
    quote: r.claim.quote,
    gloss: quoteGloss(r.claim.quote),
    subject: r.claim.subject,
    tier: r.claim.tier,
    measures: r.claim.measure === null ? null : measuresText(r.claim),
    claimed: claimedText(r.claim, 'ascii'),
    measured: m === null ? null : round(m.value),
    ci_low: m === null ? null : round(m.ciLow),
    ci_high: m === null ? null : round(m.ciHigh),
    unit: m?.unit ?? null,
    verdict: r.verdict,
    reason: r.reason,
    conflicts: r.claim.conflictsWith.length === 0 ? null : r.claim.conflictsWith.join(' '),
  };
}

export function renderClaims(format: ClaimsFormat, results: readonly ClaimResult[], options: RenderOptions = {}): string {
  const shown = options.allClaims ? results : results.filter((r) => r.verdict !== 'not-measured');
  switch (format) {
    case 'table':
      return `${claimsLines(results, options).join('\n')}\n`;
    case 'csv':
      return stringifyCsv(CLAIMS_CSV_COLUMNS, shown.map((r) => CLAIMS_CSV_COLUMNS.map((c) => row(r)[c])));
    case 'json':
      return `${JSON.stringify({
        format: 'isobench.claims', version: 1, shown: shown.length, total: results.length,
        claims: shown.map((r) => ({ ...camel(row(r)), verdictText: verdictText(r.verdict, r.reason) })),
      }, null, 2)}\n`;
    case 'md':
      return markdownClaims(shown, results.length);
  }
}

function camel(record: Row): Record<string, Cell> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

function markdownClaims(shown: readonly ClaimResult[], total: number): string {
  const headers = ['claim', 'source', 'quote', 'gloss', 'measures', 'claimed', 'measured', 'verdict', 'conflicts'].map((header) => ({ header, align: 'left' as const }));
  const rows = shown.map((r) => [
    r.claim.id, `${r.claim.source.document} ${r.claim.source.section}`, r.claim.quote, quoteGloss(r.claim.quote) ?? MISSING,
    measuresText(r.claim), claimedText(r.claim), measuredText(r), verdictText(r.verdict, r.reason),
    r.claim.conflictsWith.join(', ') || MISSING,
  ]);
  const note = shown.length === total ? `${total} claims.` : `${shown.length} of ${total} claims (the judged ones; \`isobench claims --all\` lists every one).`;
  return `${['# Claims', '', note, '', ...markdownTable(headers, rows)].join('\n')}\n`;
}
