import { escapeHtml } from '../report/svg-kit.js';
import { cellLabel, type CompatMatrix } from './matrix.js';
import { targetHeading } from './render-table.js';
import type { CompatVerdict } from './verdicts.js';

const STYLE = [
  '.compat td.ok{background:#e6f4ea}.compat td.fails{background:#fce8e6}',
  '.compat td.differs{background:#fef7e0}.compat td.skipped{background:#f1f3f4;color:#5f6368}',
].join('');

/**
 * The matrix as an HTML section another report can include: a table with one cell per check ×
 * target, coloured by result, the probe's detail in each cell's title; then the verdicts.
 */
export function renderCompatHtml(matrix: CompatMatrix, verdicts: readonly CompatVerdict[] = []): string {
  const head = ['check', 'group', ...matrix.targets.map(targetHeading)].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = matrix.rows.map((row) => {
    const cells = row.cells.map((cell) => `<td class="${cell.result}" title="${escapeHtml(cell.detail)}">${escapeHtml(cellLabel(cell))}</td>`).join('');
    return `<tr><td title="${escapeHtml(`${row.check.description}; works: ${row.check.works}`)}">${escapeHtml(row.check.id)}</td><td>${escapeHtml(row.check.group)}</td>${cells}</tr>`;
  });
  const parts = [
    `<section class="compat" id="compat"><style>${STYLE}</style>`,
    `<h2>Compatibility</h2>`,
    `<p class="note">${matrix.rows.length} checks of kernel interfaces, run by the probe in each target's default (least-privilege) container; hover a cell for the probe's detail.</p>`,
    `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`,
  ];
  if (verdicts.length > 0) {
    const rows = verdicts.map((v) => `<tr><td>${escapeHtml(v.verdict)}</td><td>${escapeHtml(v.claim.id)}</td><td>${escapeHtml(v.target ?? '–')}</td><td>${escapeHtml(v.reason)}</td><td>${escapeHtml(v.claim.quote)} <span class="note">(${escapeHtml(v.claim.source.section)})</span></td></tr>`);
    parts.push('<h3>Claims of gvisor-kata-tradeoffs.md</h3>', `<table><thead><tr><th>verdict</th><th>claim</th><th>target</th><th>why</th><th>quote</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}
