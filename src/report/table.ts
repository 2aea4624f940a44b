/**
 * The terminal report: the summary by workload family first (summary-table.ts), then the run's
 * facts and configuration, the runtimes, one table per workload (workload-table.ts) in family
 * order, and the judged claims (claims-table.ts). Numbers follow format.ts; missing values read
 * '–'. A run that is not `complete` says so at the top and at the bottom.
 *
 * Width (options.width; `wide` = no limit): every section fits by dropping or folding columns
 * in a stated order (see each section's file); the runtimes table drops `docker runtime`, then
 * `tier`, then moves the flags to a line of their own.
 */
import { byWorkload, runFacts, runtimeCells, RUNTIME_HEADERS, statusWarning } from './cells.js';
import { APP_CHECK_HEADERS, APP_CHECK_TITLE, appCheckRows, appCheckSentences } from './app-check-cells.js';
import { claimsLines } from './claims-table.js';
import { MISSING, safeText } from './format.js';
import { type Column, layoutColumns, maxWidth, wrapWords } from './layout.js';
import type { RenderOptions, ReportData, RunHeader } from './model.js';
import { summaryLines } from './summary-table.js';
import { workloadTableLines } from './workload-table.js';

export function renderTable(data: ReportData, options: RenderOptions = {}): string {
  const width = options.wide ? undefined : options.width;
  const status = statusWarning(data.run.status);
  const warning = status === undefined ? undefined : `!!! ${status} !!!`;
  const lines: string[] = [`isobench run ${safeText(data.run.id)}`];
  if (warning !== undefined) lines.push('', warning);
  const summary = summaryLines(data.answer, width);
  if (summary.length > 0) lines.push('', ...summary);
  lines.push('', ...headerLines(data.run, data.baseline), '', 'runtimes', ...runtimeLines(data.run, width));

  const workloads = byWorkload(data.summaries, data.applications);
  if (workloads.length === 0) lines.push('', 'no samples in this run');
  for (const [workload, summaries] of workloads) {
    lines.push('', safeText(workload), ...workloadTableLines(summaries, data.baseline, width));
  }
  if (data.appCheck) {
    const rows = appCheckRows(data.appCheck).map((row) => row.map(safeText));
    const table = rows.length === 0 ? [] : layoutColumns(APP_CHECK_HEADERS.map((h) => ({ ...h })), rows, '  ');
    const prose = appCheckSentences(data.appCheck).flatMap((s) => wrapWords(`  ${safeText(s)}`.split(/(?<=\S) /), width, ' ', '  '));
    lines.push('', APP_CHECK_TITLE, ...table, ...prose);
  }
  const claims = claimsLines(data.claims ?? [], { ...options, width });
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

const RUNTIME_DROP = ['docker runtime', 'tier'] as const;

function runtimeLines(run: RunHeader, width: number | undefined): string[] {
  if (run.runtimes.length === 0) return [`  ${MISSING}`];
  const cells = runtimeCells(run).map((row) => row.map(safeText));
  const laid = (headers: readonly string[]): string[] => {
    const keep = headers.map((h) => RUNTIME_HEADERS.indexOf(h as (typeof RUNTIME_HEADERS)[number]));
    const columns: Column[] = headers.map((header) => ({ header, align: 'left' }));
    return layoutColumns(columns, cells.map((row) => keep.map((i) => row[i] ?? '')), '  ');
  };
  const fits = (lines: string[]): boolean => width === undefined || maxWidth(lines) <= width;
  let headers: string[] = [...RUNTIME_HEADERS];
  let lines = laid(headers);
  for (const drop of RUNTIME_DROP) {
    if (fits(lines)) return lines;
    headers = headers.filter((h) => h !== drop);
    lines = laid(headers);
  }
  if (fits(lines)) return lines;
  const short = laid(headers.filter((h) => h !== 'flags'));
  const flagsAt = RUNTIME_HEADERS.indexOf('flags');
  const flagLines = (flags: string): string[] => (flags === MISSING ? [] : wrapWords(`      ${flags}`.split(/(?<=\S) /), width, ' ', '      '));
  return [short[0] ?? '', ...cells.flatMap((row, i) => [short[i + 1] ?? '', ...flagLines(row[flagsAt] ?? MISSING)])];
}
