/** Plain-text column layout for terminal tables: no colours, no box drawing, no trailing spaces. */

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align: Align;
}

/** Visible width of a cell: one per code point (the table uses no wide or combining characters). */
function widthOf(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Lines of a table: a header line, then one line per row, columns separated by two spaces and
 * each line prefixed by `indent`. Every row must have one cell per column.
 */
export function layoutColumns(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string[] {
  // a reduce, not Math.max(...rows): 200,000 rows (a big claims file) would overflow the stack
  const widths = columns.map((column, index) => rows.reduce((w, row) => Math.max(w, widthOf(row[index] ?? '')), widthOf(column.header)));
  const line = (cells: readonly string[]): string =>
    (indent + columns.map((column, index) => pad(cells[index] ?? '', widths[index] ?? 0, column.align)).join('  ')).trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)];
}
