/**
 * The terminal report: a header with the run's facts, then one aligned table per workload.
 * Numbers follow format.ts; missing values read '–'; the baseline's own rows read `baseline`
 * in the delta column. A run that is not `complete` says so at the top and at the bottom. With
 * claims, a claims section follows the workloads (claims-table.ts).
 */
import type { MetricSummary } from '../analysis/summary.js';
import { byWorkload, runFacts, runtimeCells, RUNTIME_HEADERS, statusWarning, summaryCells, summaryHeaders } from './cells.js';
import { claimsLines } from './claims-table.js';
import { MISSING, safeText } from './format.js';
import { type Column, layoutColumns } from './layout.js';
import type { ReportData, RunHeader } from './model.js';

const DEFAULT_CONFIDENCE = 0.95;

export function renderTable(data: ReportData): string {
  const status = statusWarning(data.run.status);
  const warning = status === undefined ? undefined : `!!! ${status} !!!`;
  const lines: string[] = [`isobench run ${safeText(data.run.id)}`];
  if (warning !== undefined) lines.push('', warning);
  lines.push('', ...headerLines(data.run, data.baseline), '', 'runtimes', ...runtimeLines(data.run));

  const workloads = byWorkload(data.summaries);
  if (workloads.length === 0) lines.push('', 'no samples in this run');
  for (const [workload, summaries] of workloads) {
    lines.push('', safeText(workload), ...workloadLines(summaries, data.baseline));
  }
  const claims = claimsLines(data.claims ?? []);
  if (claims.length > 0) lines.push('');
  for (const line of claims) lines.push(line); // no spread: a claims file may hold 200,000
  if (warning !== undefined) lines.push('', warning);
  return `${lines.join('\n')}\n`;
}

function headerLines(run: RunHeader, baseline: string): string[] {
  const fields = runFacts(run, baseline);
  const labelWidth = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(labelWidth)}  ${safeText(value)}`);
}

function runtimeLines(run: RunHeader): string[] {
  if (run.runtimes.length === 0) return [`  ${MISSING}`];
  const columns: Column[] = RUNTIME_HEADERS.map((header) => ({ header, align: 'left' }));
  return layoutColumns(columns, runtimeCells(run).map((row) => row.map(safeText)), '  ');
}

function workloadLines(summaries: readonly MetricSummary[], baseline: string): string[] {
  const confidence = summaries[0]?.confidence ?? DEFAULT_CONFIDENCE;
  const rows = summaries.map((summary) => summaryCells(summary, baseline).map(safeText));
  return layoutColumns(summaryHeaders(confidence), rows, '  ');
}
