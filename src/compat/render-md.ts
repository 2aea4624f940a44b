import { escapeMarkdown, markdownTable } from '../report/markdown.js';
import { cellLabel, type CompatMatrix } from './matrix.js';
import { targetHeading } from './render-table.js';
import type { CompatVerdict } from './verdicts.js';

export function renderCompatMarkdown(matrix: CompatMatrix, verdicts: readonly CompatVerdict[]): string {
  const headers = [{ header: 'check', align: 'left' as const }, { header: 'group', align: 'left' as const }, ...matrix.targets.map((t) => ({ header: t.id, align: 'left' as const }))];
  const lines = [
    `# Compatibility matrix${matrix.runId ? ` (run ${escapeMarkdown(matrix.runId)})` : ''}`,
    '',
    ...matrix.targets.map((t) => `- ${escapeMarkdown(targetHeading(t))}${t.flags.length ? `: ${escapeMarkdown(t.flags.join(', '))}` : ''}`),
    '',
    ...markdownTable(headers, matrix.rows.map((row) => [row.check.id, row.check.group, ...row.cells.map(cellLabel)])),
  ];
  const why = matrix.rows.flatMap((row) => row.cells.flatMap((cell, i) => (cell.result === 'ok' ? [] : [`- **${escapeMarkdown(matrix.targets[i]?.id ?? '')}** ${escapeMarkdown(row.check.id)}: ${escapeMarkdown(cellLabel(cell))}, ${escapeMarkdown(cell.detail)}`])));
  if (why.length > 0) lines.push('', '## Why', '', ...why);
  if (verdicts.length > 0) {
    lines.push('', '## Claims of gvisor-kata-tradeoffs.md', '');
    lines.push(...markdownTable(
      [{ header: 'verdict', align: 'left' }, { header: 'claim', align: 'left' }, { header: 'target', align: 'left' }, { header: 'why', align: 'left' }, { header: 'quote', align: 'left' }],
      verdicts.map((v) => [v.verdict, v.claim.id, v.target ?? '–', v.reason, `${v.claim.quote} (${v.claim.source.section})`]),
    ));
  }
  return `${lines.join('\n')}\n`;
}
