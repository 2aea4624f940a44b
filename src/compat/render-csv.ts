import { stringifyCsv } from '../report/csv.js';
import { cellLabel, type CompatMatrix } from './matrix.js';
import type { CompatVerdict } from './verdicts.js';

/** Columns (appended to, never reordered): one row per check × target. */
export const COMPAT_CSV_COLUMNS = ['run_id', 'check', 'group', 'target', 'tier', 'version', 'result', 'errno', 'label', 'detail', 'observed'] as const;

/** Long form: one record per cell; the verdicts are in the other formats. */
export function renderCompatCsv(matrix: CompatMatrix, _verdicts: readonly CompatVerdict[] = []): string {
  const records = matrix.rows.flatMap((row) =>
    row.cells.map((cell, i) => {
      const t = matrix.targets[i];
      return [matrix.runId ?? '', row.check.id, row.check.group, t?.id ?? '', t?.tier ?? '', t?.version ?? '', cell.result, cell.errno ?? '', cellLabel(cell), cell.detail, JSON.stringify(cell.observed)];
    }),
  );
  return stringifyCsv(COMPAT_CSV_COLUMNS, records);
}
