/**
 * The summary of the HTML report, first on the page: a heatmap table (one row per runtime
 * against a reference, one column per workload family), each cell coloured by the log of its
 * cost ratio (white at 1×, red deepening to 100× and beyond, blue when faster) with the figure
 * printed in it, so the colour is never the only carrier; then the plain sentences.
 */
import type { Answer, FamilyFigure } from './answer.js';
import { MISSING } from './format.js';
import { escapeHtml } from './svg-kit.js';

/** Full colour at 100× (two decades); a ratio r is coloured by log10(r) / 2, clamped. */
const FULL_DECADES = 2;

function mix(from: readonly number[], to: readonly number[], t: number): string {
  const channel = (i: number): string => Math.round((from[i] ?? 0) + ((to[i] ?? 0) - (from[i] ?? 0)) * t).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

const WHITE = [255, 255, 255];
const RED = [203, 24, 29];
const BLUE = [33, 113, 181];

/** The cell colour of a ratio, and whether its text needs to be light on it. */
export function heatColour(ratio: number): { background: string; dark: boolean } {
  const t = Math.min(1, Math.abs(Math.log10(ratio)) / FULL_DECADES);
  return { background: mix(WHITE, ratio >= 1 ? RED : BLUE, t), dark: t > 0.55 };
}

function cell(figure: FamilyFigure | undefined): string {
  if (figure === undefined) return `<td class="heat">${MISSING}</td>`;
  const { background, dark } = heatColour(figure.ratio);
  const title = figure.metric === null ? `${figure.members} metrics` : figure.metric;
  // the interval (or an apps range) on a line of its own keeps the columns narrow
  const split = figure.text.match(/^(.*?) ([[(].*)$/);
  const text = split === null ? escapeHtml(figure.text) : `${escapeHtml(split[1] ?? '')}<br><span class="ci">${escapeHtml(split[2] ?? '')}</span>`;
  return `<td class="heat${dark ? ' dark' : ''}" style="background:${background}" title="${escapeHtml(title)}">${text}</td>`;
}

export function summarySection(answer: Answer | undefined): string {
  if (answer === undefined || answer.rows.length === 0) return '';
  const head = answer.families.map((f) => `<th scope="col">${escapeHtml(f.label)}</th>`).join('');
  const rows = answer.rows.map((row) => `<tr><th scope="row">${escapeHtml(row.target)} <span class="note">vs ${escapeHtml(row.reference)}</span></th>${
    answer.families.map((f) => cell(row.figures.find((x) => x.family === f.id))).join('')}</tr>`);
  return [
    '<section id="summary"><h2>Summary</h2>',
    `<ul class="answer">${answer.sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>`,
    '<p class="note">× = times the reference\'s time per operation (or its throughput divided by the runtime\'s), % = a small '
      + 'overhead; [95% CI] where one metric stands for the family, a range over the family\'s metrics otherwise, the geometric '
      + 'mean over applications for apps. Colour: log of the ratio, white at 1×, darkest red at 100× or more, blue when faster; '
      + 'the figure is printed in every cell.</p>',
    '<div class="scroll"><table class="heatmap">',
    '<caption>Cost of each runtime against the reference, by workload family</caption>',
    `<thead><tr><th scope="col">runtime</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    '</section>',
  ].join('\n');
}
