/**
 * The Markdown report, for a pull request or a wiki page (GitHub-flavoured tables): the run's
 * facts, the runtimes, one table per workload, then the claims with their source, measured
 * value, claimed range and verdict. Text from the outside world is escaped so that it cannot
 * break a table or inject markup (see {@link escapeMarkdown}).
 */
import type { Align } from './layout.js';
import { byWorkload, runFacts, runtimeCells, RUNTIME_HEADERS, statusWarning, summaryCells, summaryHeaders } from './cells.js';
import { basisEntries, claimedText, conflictPairs, measuredText, measuresText, resultVerdictText } from './claim-text.js';
import { APP_CHECK_HEADERS, APP_CHECK_TITLE, appCheckRows, appCheckSentences } from './app-check-cells.js';
import { tally } from './claims-table.js';
import { MISSING, confidenceLabel, safeText } from './format.js';
import { SUMMARY_LEGEND } from './summary-table.js';
import type { ClaimResult, ReportData } from './model.js';

/** Backslash-escapes characters that start markup, `|` included; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return safeText(text.replace(/\r\n|\r|\n/g, ' ')).replace(/[\\`*_[\]<>|~#!]/g, (c) => `\\${c}`);
}

export function markdownTable(headers: readonly { header: string; align: Align }[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [
    line(headers.map((h) => h.header)),
    `|${headers.map((h) => (h.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map(line),
  ];
}

export function renderMarkdown(data: ReportData): string {
  const lines: string[] = [`# isobench run ${escapeMarkdown(data.run.id)}`, ''];
  const warning = statusWarning(data.run.status);
  if (warning !== undefined) lines.push(`> **${escapeMarkdown(warning)}**`, '');
  lines.push(...summaryMarkdown(data));
  const facts = runFacts(data.run, data.baseline);
  lines.push(...markdownTable([{ header: 'field', align: 'left' }, { header: 'value', align: 'left' }], facts), '');
  lines.push('## Runtimes', '', ...markdownTable(RUNTIME_HEADERS.map((header) => ({ header, align: 'left' as const })), runtimeCells(data.run)), '');
  const workloads = byWorkload(data.summaries, data.applications);
  if (workloads.length === 0) lines.push('No samples in this run.', '');
  for (const [workload, summaries] of workloads) {
    const confidence = summaries[0]?.confidence ?? 0.95;
    lines.push(`## ${escapeMarkdown(workload)}`, '', ...markdownTable(summaryHeaders(confidence), summaries.map((s) => summaryCells(s, data.baseline))), '');
  }
  if (data.appCheck) {
    const rows = appCheckRows(data.appCheck);
    lines.push(`## ${escapeMarkdown(APP_CHECK_TITLE.replace(/^p/, 'P'))}`, '');
    if (rows.length > 0) lines.push(...markdownTable(APP_CHECK_HEADERS, rows), '');
    lines.push(...appCheckSentences(data.appCheck).map(escapeMarkdown), '');
  }
  for (const line of claimsSection(data.claims ?? [])) lines.push(line); // no spread: claims may number 200,000
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The answer first: the plain sentences, then runtime × family. */
function summaryMarkdown(data: ReportData): string[] {
  const answer = data.answer;
  if (answer === undefined || answer.rows.length === 0) return [];
  const headers = [{ header: 'runtime', align: 'left' as const }, { header: 'vs', align: 'left' as const },
    ...answer.families.map((f) => ({ header: f.label, align: 'right' as const }))];
  const rows = answer.rows.map((row) => [row.target, row.reference, ...answer.families.map((f) => row.figures.find((x) => x.family === f.id)?.text ?? MISSING)]);
  return [
    '## Summary', '',
    ...answer.sentences.map((s) => `- ${escapeMarkdown(s)}`), '',
    ...markdownTable(headers, rows), '',
    `${escapeMarkdown(SUMMARY_LEGEND)}.`, '',
  ];
}

function claimsSection(results: readonly ClaimResult[]): string[] {
  if (results.length === 0) return [];
  const confidence = results.find((r) => r.measured !== null)?.measured?.confidence ?? 0.95;
  const headers = ['claim', 'source', 'measures', `measured [${confidenceLabel(confidence)}]`, 'claimed', 'verdict'].map((header) => ({ header, align: 'left' as const }));
  const rows = results.map((r) => [
    r.claim.id,
    `${r.claim.source.document} ${r.claim.source.section}`,
    measuresText(r.claim),
    measuredText(r),
    claimedText(r.claim),
    resultVerdictText(r),
  ]);
  const lines = ['## Claims', '', `Verdicts: ${escapeMarkdown(tally(results))}.`, '', ...markdownTable(headers, rows), ''];
  const pairs = conflictPairs(results.map((r) => r.claim));
  if (pairs.length > 0) {
    lines.push('Conflicting claims (the sources contradict each other; both are kept and judged):', '');
    for (const [a, b] of pairs) lines.push(`- ${escapeMarkdown(a)} ↔ ${escapeMarkdown(b)}`);
    lines.push('');
  }
  const basis = basisEntries(results);
  if (basis.length > 0) {
    lines.push('Judged on applications (each one\'s slowdown vs the reference; the figure is their geometric mean):', '');
    for (const [id, text] of basis) lines.push(`- ${escapeMarkdown(id)}: ${escapeMarkdown(text)}`);
    lines.push('');
  }
  return lines;
}
