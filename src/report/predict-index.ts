/** One renderer per `isobench predict` format, each a pure `PredictData → string`. */
import { renderPredictCsv } from './predict-csv.js';
import { renderPredictMarkdown } from './predict-md.js';
import type { PredictData } from './predict-model.js';
import { renderPredictTable } from './predict-table.js';

export const PREDICT_FORMATS = ['table', 'csv', 'json', 'md'] as const;
export type PredictFormat = (typeof PREDICT_FORMATS)[number];

export function renderPredict(format: PredictFormat, data: PredictData): string {
  switch (format) {
    case 'table':
      return renderPredictTable(data);
    case 'csv':
      return renderPredictCsv(data);
    case 'md':
      return renderPredictMarkdown(data);
    case 'json':
      return `${JSON.stringify({ subject: data.subject, run: data.runId, ...data.prediction, unsupported: unsupportedJson(data) }, null, 2)}\n`;
  }
}

/** `{ run, byRuntime: { runtime: [{ call, calls, because }] } }`, or null without a compat probe of this host. */
function unsupportedJson(data: PredictData): unknown {
  return data.unsupported ? { run: data.unsupported.runId, byRuntime: Object.fromEntries(data.unsupported.byRuntime) } : null;
}

export type { PredictData } from './predict-model.js';
