/** `isobench predict --format md`: the same rows as the table, as a Markdown table. */
import type { PredictData } from './predict-model.js';
import { PREDICT_HEADER, predictNotes, predictRow } from './predict-table.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function renderPredictMarkdown(data: PredictData): string {
  const rows = data.prediction.runtimes.map((r) => `| ${predictRow(r, data).map(cell).join(' | ')} |`);
  return [
    '## Predicted slowdown',
    '',
    ...predictNotes(data).map((n) => `${cell(n)}  `),
    '',
    `| ${PREDICT_HEADER.join(' | ')} |`,
    `|${PREDICT_HEADER.map(() => ' --- ').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
}
