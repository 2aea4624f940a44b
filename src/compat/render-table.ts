import { layoutColumns } from '../report/layout.js';
import { cellLabel, columnCounts, type CompatMatrix } from './matrix.js';
import type { CompatVerdict } from './verdicts.js';

const DETAIL_CHARS = 150;

function short(text: string): string {
  return text.length <= DETAIL_CHARS ? text : `${text.slice(0, DETAIL_CHARS - 1)}…`;
}

export function targetHeading(target: CompatMatrix['targets'][number]): string {
  return `${target.id} (${target.tier}${target.version ? `, ${target.version}` : ''})`;
}

/** Terminal table: the matrix, why each non-ok cell is so, and the claims' verdicts. */
export function renderCompatTable(matrix: CompatMatrix, verdicts: readonly CompatVerdict[]): string {
  const columns = [{ header: 'check', align: 'left' as const }, { header: 'group', align: 'left' as const }, ...matrix.targets.map((t) => ({ header: t.id, align: 'left' as const }))];
  const rows = matrix.rows.map((row) => [row.check.id, row.check.group, ...row.cells.map(cellLabel)]);
  const lines = [
    `compatibility matrix${matrix.runId ? ` of run ${matrix.runId}` : ''}: ${matrix.rows.length} checks`,
    ...matrix.targets.map((t) => {
      const c = columnCounts(matrix, t.id);
      return `  ${targetHeading(t)}: ${c.ok} ok, ${c.fails} fail, ${c.differs} differ, ${c.skipped} skipped${t.flags.length ? `; ${t.flags.join(', ')}` : ''}`;
    }),
    '',
    ...layoutColumns(columns, rows),
  ];
  const why = matrix.rows.flatMap((row) =>
    row.cells.flatMap((cell, i) => (cell.result === 'ok' ? [] : [[matrix.targets[i]?.id ?? '', row.check.id, cellLabel(cell), short(cell.detail)]])),
  );
  if (why.length > 0) {
    lines.push('', 'why:', ...layoutColumns([{ header: 'target', align: 'left' }, { header: 'check', align: 'left' }, { header: 'result', align: 'left' }, { header: 'detail', align: 'left' }], why, '  '));
  }
  if (verdicts.length > 0) {
    const vrows = verdicts.map((v) => [v.verdict, v.claim.id, v.target ?? '–', short(v.reason)]);
    lines.push('', 'claims (gvisor-kata-tradeoffs.md):', ...layoutColumns([{ header: 'verdict', align: 'left' }, { header: 'claim', align: 'left' }, { header: 'target', align: 'left' }, { header: 'why', align: 'left' }], vrows, '  '));
  }
  return `${lines.join('\n')}\n`;
}
