/** One renderer per output format, each a pure `ReportData → string`. */
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { RenderOptions, ReportData } from './model.js';
import { renderTable } from './table.js';

export const REPORT_FORMATS = ['table', 'csv', 'md', 'json', 'html'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function renderReport(format: ReportFormat, data: ReportData, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(data, options);
    case 'csv':
      return renderCsv(data);
    case 'md':
      return renderMarkdown(data);
    case 'json':
      return renderJson(data);
    case 'html':
      return renderHtml(data);
  }
}

export type { RenderOptions, ReportData } from './model.js';
export { renderSamplesCsv } from './samples-csv.js';
