/** One renderer per `isobench compare` format, each a pure `CompareData → string`. */
import { renderCompareCsv } from './compare-csv.js';
import { renderCompareJson } from './compare-json.js';
import { renderCompareMarkdown } from './compare-md.js';
import type { CompareData } from './compare-model.js';
import { renderCompareTable } from './compare-table.js';

export const COMPARE_FORMATS = ['table', 'csv', 'md', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

export function renderCompare(format: CompareFormat, data: CompareData): string {
  switch (format) {
    case 'table':
      return renderCompareTable(data);
    case 'csv':
      return renderCompareCsv(data);
    case 'md':
      return renderCompareMarkdown(data);
    case 'json':
      return renderCompareJson(data);
  }
}

export type { CompareData, ComparedRun } from './compare-model.js';
