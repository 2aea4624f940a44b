/** `isobench compare --format md`: the comparison for a pull request or a nightly summary. */
import { changeCells, changeColumns } from './compare-table.js';
import { type CompareData, gateLines } from './compare-model.js';
import { escapeMarkdown, markdownTable } from './markdown.js';

export function renderCompareMarkdown(data: CompareData): string {
  const confidence = data.changes[0]?.confidence ?? 0.95;
  const [verdict, ...rest] = gateLines(data);
  const lines = [
    `# isobench compare ${escapeMarkdown(data.base.id)} → ${escapeMarkdown(data.fresh.id)}`,
    '',
    `**${escapeMarkdown(verdict ?? '')}**`,
    '',
    ...rest.map((line) => `- ${escapeMarkdown(line)}`),
    '',
    ...markdownTable(
      [{ header: 'field', align: 'left' }, { header: 'base', align: 'left' }, { header: 'new', align: 'left' }],
      [
        ['run', data.base.id, data.fresh.id],
        ['started', data.base.startedAt, data.fresh.startedAt],
        ['host', data.base.hostname, data.fresh.hostname],
        ['status', data.base.status, data.fresh.status],
      ],
    ),
    '',
    `A regression is a change worse than ${data.thresholdPct} % with its whole interval beyond that, and p < ${data.alpha}.`,
    '',
    ...markdownTable(changeColumns(confidence), data.changes.map(changeCells)),
  ];
  return `${lines.join('\n')}\n`;
}
