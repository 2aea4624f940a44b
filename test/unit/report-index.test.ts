import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { REPORT_FORMATS, isReportFormat, renderReport } from '../../src/report/index.js';
import { renderTable } from '../../src/report/table.js';
import { REPORT_DATA } from './fixtures/report-data.js';

describe('renderReport', () => {
  it('lists its formats', () => {
    expect(REPORT_FORMATS).toEqual(['table', 'csv', 'md', 'json', 'html']);
    expect(isReportFormat('csv')).toBe(true);
    expect(isReportFormat('html')).toBe(true);
    expect(isReportFormat('xml')).toBe(false);
  });

  it('dispatches to the renderer of each format', () => {
    expect(renderReport('table', REPORT_DATA)).toBe(renderTable(REPORT_DATA));
    expect(renderReport('csv', REPORT_DATA)).toBe(renderCsv(REPORT_DATA));
    expect(renderReport('md', REPORT_DATA)).toBe(renderMarkdown(REPORT_DATA));
    expect(renderReport('json', REPORT_DATA)).toBe(renderJson(REPORT_DATA));
    expect(renderReport('html', REPORT_DATA)).toBe(renderHtml(REPORT_DATA));
  });
});
