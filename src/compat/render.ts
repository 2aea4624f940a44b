import type { CompatMatrix } from './matrix.js';
import { renderCompatCsv } from './render-csv.js';
import { renderCompatHtml } from './render-html.js';
import { renderCompatJson } from './render-json.js';
import { renderCompatMarkdown } from './render-md.js';
import { renderCompatTable } from './render-table.js';
import type { CompatVerdict } from './verdicts.js';

export const COMPAT_FORMATS = ['table', 'csv', 'md', 'json', 'html'] as const;
export type CompatFormat = (typeof COMPAT_FORMATS)[number];

const RENDERERS: Record<CompatFormat, (matrix: CompatMatrix, verdicts: readonly CompatVerdict[]) => string> = {
  table: renderCompatTable,
  csv: renderCompatCsv,
  md: renderCompatMarkdown,
  json: renderCompatJson,
  html: (matrix, verdicts) => `<!doctype html>\n<html><head><meta charset="utf-8"><title>isobench compat</title></head><body>\n${renderCompatHtml(matrix, verdicts)}\n</body></html>\n`,
};

export function renderCompat(format: CompatFormat, matrix: CompatMatrix, verdicts: readonly CompatVerdict[]): string {
  return RENDERERS[format](matrix, verdicts);
}
