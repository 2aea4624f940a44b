/**
 * The claims section of the HTML report: a tally; a table of the measured claims, each with its
 * source and quoted text, what it measures, the measured value and interval, the claimed range,
 * the verdict with a one-sentence explanation and a band chart (svg-band.ts); then a table of the
 * claims not measured, with the reason; then the pairs of conflicting claims.
 */
import { claimedText, conflictPairs, detailText, measuredText, measuresText, resultVerdictText } from './claim-text.js';
import { quoteGloss, sectionGloss } from '../claims/glosses.js';
import { tally } from './claims-table.js';
import { confidenceLabel } from './format.js';
import type { ClaimResult } from './model.js';
import { claimBand } from './svg-band.js';
import { escapeHtml } from './svg-kit.js';

/** The HTML id of a claim's row, for links from the metric sections. */
export function claimAnchor(id: string): string {
  return `claim-${id}`;
}

export function claimsSection(results: readonly ClaimResult[]): string {
  if (results.length === 0) return '';
  const confidence = results.find((r) => r.measured !== null)?.measured?.confidence ?? 0.95;
  const measured = results.filter((r) => r.verdict !== 'not-measured');
  const unmeasured = results.filter((r) => r.verdict === 'not-measured');
  const pairs = conflictPairs(results.map((r) => r.claim));
  const conflictList = pairs.length === 0 ? ''
    : `<h3>Conflicting claims</h3><p>The sources contradict each other here; both claims are kept and judged.</p><ul>${pairs
        .map(([a, b]) => `<li>${claimLink(a)} ↔ ${claimLink(b)}</li>`)
        .join('')}</ul>`;
  return [
    '<section id="claims"><h2>Claims</h2>',
    `<p>Verdicts: ${escapeHtml(tally(results))}. A verdict compares the ${escapeHtml(confidenceLabel(confidence))} of the measurement with the claimed range: in each chart the band is the claim, the dot and whisker the measurement.</p>`,
    measured.length === 0 ? '' : [
      '<div class="scroll"><table class="claims"><caption>Claims this run could judge</caption>',
      '<colgroup><col class="c-id"><col class="c-source"><col class="c-measures"><col class="c-measured"><col class="c-claimed"><col class="c-verdict"></colgroup>',
      `<thead><tr><th scope="col">claim</th><th scope="col">source, quote and gloss</th><th scope="col">measures</th><th scope="col">measured [${escapeHtml(confidenceLabel(confidence))}]</th><th scope="col">claimed</th><th scope="col">verdict</th></tr></thead>`,
      `<tbody>${measured.map(measuredRow).join('')}</tbody></table></div>`,
    ].join(''),
    unmeasured.length === 0 ? '' : [
      `<h3>Not measured (${unmeasured.length})</h3>`,
      '<div class="scroll"><table class="claims"><caption>Claims this run could not judge, and why</caption>',
      '<colgroup><col class="c-id"><col class="c-source"><col class="c-measures"><col class="c-claimed"><col class="c-reason"></colgroup>',
      '<thead><tr><th scope="col">claim</th><th scope="col">source, quote and gloss</th><th scope="col">measures</th><th scope="col">claimed</th><th scope="col">why</th></tr></thead>',
      `<tbody>${unmeasured.map(unmeasuredRow).join('')}</tbody></table></div>`,
    ].join(''),
    conflictList,
    '</section>',
  ].filter((part) => part !== '').join('\n');
}

function claimLink(id: string): string {
  return `<a href="#${escapeHtml(claimAnchor(id))}">${escapeHtml(id)}</a>`;
}

function idCell(r: ClaimResult): string {
  const conflicts = r.claim.conflictsWith.length === 0 ? '' : `<div class="note">conflicts with ${r.claim.conflictsWith.map(claimLink).join(', ')}</div>`;
  return `<td><code>${escapeHtml(r.claim.id)}</code><div class="note">${escapeHtml(r.claim.subject)} · ${escapeHtml(r.claim.tier)}</div>${conflicts}</td>`;
}

/** The source, the quote verbatim and, beside it, its English gloss (claims/glosses.ts). */
function sourceCell(r: ClaimResult): string {
  const section = sectionGloss(r.claim.source.section);
  const gloss = quoteGloss(r.claim.quote);
  return [
    `<td>${escapeHtml(r.claim.source.document)} ${escapeHtml(r.claim.source.section)}`,
    section === null ? '' : `<div class="note" lang="en">${escapeHtml(section)}</div>`,
    `<blockquote lang="zh">${escapeHtml(r.claim.quote)}</blockquote>`,
    gloss === null ? '' : `<p class="gloss" lang="en">${escapeHtml(gloss)}</p>`,
    '</td>',
  ].join('');
}

function measuresCell(r: ClaimResult): string {
  const note = r.claim.note === undefined ? '' : `<div class="note">${escapeHtml(r.claim.note)}</div>`;
  return `<td>${escapeHtml(measuresText(r.claim))}${note}</td>`;
}

function measuredRow(r: ClaimResult): string {
  return [
    `<tr id="${escapeHtml(claimAnchor(r.claim.id))}" class="verdict-${r.verdict}">`,
    idCell(r),
    sourceCell(r),
    measuresCell(r),
    `<td class="num">${escapeHtml(measuredText(r))}</td>`,
    `<td>${escapeHtml(claimedText(r.claim))}</td>`,
    `<td><strong>${escapeHtml(resultVerdictText(r))}</strong><div class="note">${escapeHtml(detailText(r))}</div>${claimBand(r)}</td>`,
    '</tr>',
  ].join('');
}

function unmeasuredRow(r: ClaimResult): string {
  return [
    `<tr id="${escapeHtml(claimAnchor(r.claim.id))}" class="verdict-${r.verdict}">`,
    idCell(r),
    sourceCell(r),
    measuresCell(r),
    `<td>${escapeHtml(claimedText(r.claim))}</td>`,
    `<td>${escapeHtml(resultVerdictText(r))}</td>`,
    '</tr>',
  ].join('');
}
