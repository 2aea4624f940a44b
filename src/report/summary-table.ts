/**
 * The summary at the top of the terminal report: one row per runtime against each reference,
 * one column per workload family, then the plain sentences. To fit the width it first drops the
 * intervals, then folds each row into wrapped `family figure` items under its runtime.
 */
import type { Answer, FamilyFigure } from './answer.js';
import { MISSING, safeText } from './format.js';
import { type Column, layoutColumns, maxWidth, wrapWords } from './layout.js';

export const SUMMARY_TITLE = 'summary: cost against the reference by workload family';
export const SUMMARY_LEGEND = '× = times the reference\'s figure (time or 1/throughput), % = small overhead, '
  + '[95% CI] for one metric, a range a–b over a family\'s metrics, apps: geometric mean over applications';

function cellText(figure: FamilyFigure | undefined, intervals: boolean): string {
  if (figure === undefined) return MISSING;
  return intervals ? figure.text : figure.text.replace(/ \[.*\]$/, '').replace(/ \(geomean of (\d+);.*\)$/, ' (gm of $1)');
}

function matrix(answer: Answer, intervals: boolean): string[] {
  const columns: Column[] = [{ header: 'runtime', align: 'left' }, { header: 'vs', align: 'left' },
    ...answer.families.map((f) => ({ header: f.label, align: 'right' as const }))];
  const rows = answer.rows.map((row) => [row.target, row.reference,
    ...answer.families.map((f) => cellText(row.figures.find((x) => x.family === f.id), intervals))].map(safeText));
  return layoutColumns(columns, rows, '  ');
}

function folded(answer: Answer, width: number | undefined): string[] {
  return answer.rows.flatMap((row) => [
    `  ${safeText(row.target)} vs ${safeText(row.reference)}`,
    ...wrapWords(row.figures.map((f) => `${f.label} ${cellText(f, true)}`).map(safeText), width === undefined ? undefined : width - 4, ' · ', '    ')
      .map((line, i) => (i === 0 ? `    ${line}` : line)),
  ]);
}

/** The summary's lines within `width` columns (undefined: no limit). */
export function summaryLines(answer: Answer | undefined, width: number | undefined): string[] {
  if (answer === undefined || answer.rows.length === 0) return [];
  const fits = (lines: string[]): boolean => width === undefined || maxWidth(lines) <= width;
  let body = matrix(answer, true);
  if (!fits(body)) body = matrix(answer, false);
  if (!fits(body)) body = folded(answer, width);
  const words = (text: string): string[] => safeText(text).split(' ');
  const sentences = answer.sentences.flatMap((s) => wrapWords(words(s), width === undefined ? undefined : width - 2, ' ', '  ').map((l, i) => (i === 0 ? `  ${l}` : l)));
  return [SUMMARY_TITLE, ...wrapWords(words(SUMMARY_LEGEND), width === undefined ? undefined : width - 2, ' ', '  ').map((l, i) => (i === 0 ? `  ${l}` : l)),
    '', ...body, '', ...sentences];
}
