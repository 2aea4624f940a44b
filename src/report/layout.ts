/** Plain-text column layout for terminal tables: no colours, no box drawing, no trailing spaces. */

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align: Align;
}

// eslint-disable-next-line no-control-regex -- the renderer's own colour codes, matched on purpose
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

/**
 * Visible width of a cell: one per code point (the table uses no wide or combining characters);
 * ANSI colour sequences (added by the renderer itself, after escaping) take no room.
 */
export function widthOf(text: string): number {
  return [...text.replace(ANSI_SGR, '')].length;
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

/** The widest line's width. */
export function maxWidth(lines: readonly string[]): number {
  return Math.max(0, ...lines.map(widthOf));
}

/**
 * Words joined by `separator` into lines of at most `width` columns (a word longer than the
 * width gets a line of its own); every line but the first starts with `indent`.
 */
export function wrapWords(words: readonly string[], width: number | undefined, separator = ' ', indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line}${separator}${word}`;
    if (line !== '' && width !== undefined && widthOf(candidate) > width) {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
