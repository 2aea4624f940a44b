/**
 * A claim against its measurement, on one horizontal axis: the claimed range as a shaded band
 * (an open end runs to the edge of the chart, marked with an arrow), the measured value as a dot
 * and its confidence interval as a whisker, coloured by verdict. Used for every measured claim,
 * so for overhead claims it is "overhead against the claimed range as a band".
 */
import { formatNumber } from './format.js';
import type { ClaimResult } from './model.js';
import { escapeHtml, linearScale, niceTicks, paddedDomain, px } from './svg-kit.js';

const WIDTH = 340;
const HEIGHT = 58;
const LEFT = 12;
const RIGHT = WIDTH - 12;
const MID = 22;

export const VERDICT_COLOURS: Readonly<Record<string, string>> = {
  holds: '#2ca02c',
  better: '#1f77b4',
  worse: '#d62728',
  inconclusive: '#ff7f0e',
  'not-measured': '#999999',
};

export function claimBand(result: ClaimResult): string {
  const { measured, claimedInUnit: claimed } = result;
  if (measured === null || claimed === null) return '';
  const ends = [measured.value, measured.ciLow, measured.ciHigh, claimed.min ?? Number.NaN, claimed.max ?? Number.NaN];
  const domain = paddedDomain(ends, 0.15);
  const x = linearScale(domain, [LEFT, RIGHT]);
  const bandFrom = claimed.min === null ? LEFT : x(claimed.min);
  const bandTo = claimed.max === null ? RIGHT : x(claimed.max);
  const colour = VERDICT_COLOURS[result.verdict] ?? '#999999';
  const unit = measured.unit === '%' ? '%' : ` ${measured.unit}`;
  const label = `${result.claim.id}: measured ${formatNumber(measured.value)}${unit}, claimed range shaded`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="band" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    `<rect x="${px(bandFrom)}" y="${MID - 10}" width="${px(Math.max(2, bandTo - bandFrom))}" height="20" class="claimed"/>`,
  ];
  if (claimed.min === null) parts.push(`<path d="M${LEFT} ${MID} l8 -6 v12 z" class="open"/>`);
  if (claimed.max === null) parts.push(`<path d="M${RIGHT} ${MID} l-8 -6 v12 z" class="open"/>`);
  parts.push(
    `<line x1="${px(x(measured.ciLow))}" x2="${px(x(measured.ciHigh))}" y1="${MID}" y2="${MID}" stroke="${colour}" stroke-width="2"/>`,
    `<line x1="${px(x(measured.ciLow))}" x2="${px(x(measured.ciLow))}" y1="${MID - 6}" y2="${MID + 6}" stroke="${colour}" stroke-width="2"/>`,
    `<line x1="${px(x(measured.ciHigh))}" x2="${px(x(measured.ciHigh))}" y1="${MID - 6}" y2="${MID + 6}" stroke="${colour}" stroke-width="2"/>`,
    `<circle cx="${px(x(measured.value))}" cy="${MID}" r="4.5" fill="${colour}"><title>${escapeHtml(label)}</title></circle>`,
    `<line x1="${LEFT}" x2="${RIGHT}" y1="${MID + 16}" y2="${MID + 16}" class="axis"/>`,
  );
  for (const tick of niceTicks(domain[0], domain[1], 4)) {
    parts.push(
      `<line x1="${px(x(tick))}" x2="${px(x(tick))}" y1="${MID + 16}" y2="${MID + 20}" class="axis"/>`,
      `<text x="${px(x(tick))}" y="${MID + 31}" class="tick" text-anchor="middle">${escapeHtml(formatNumber(tick))}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
