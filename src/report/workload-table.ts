/**
 * One workload's table in the terminal report, fitted to the width. Columns go in this stated
 * order until the table fits: p95, then Δ vs baseline, then n; then metric and unit fold into a
 * heading line per metric (runtimes beneath it); then the median's interval. `--wide` (no width)
 * keeps everything.
 */
import type { MetricSummary } from '../analysis/summary.js';
import { summaryCells, summaryHeaders } from './cells.js';
import { safeText } from './format.js';
import { type Column, layoutColumns, maxWidth } from './layout.js';

/** Headers dropped first, in order (the interval header is matched by its position). */
export const DROP_ORDER = ['p95', 'Δ vs baseline', 'n'] as const;

const DEFAULT_CONFIDENCE = 0.95;

function flat(summaries: readonly MetricSummary[], baseline: string, drop: ReadonlySet<string>): string[] {
  const headers = summaryHeaders(summaries[0]?.confidence ?? DEFAULT_CONFIDENCE);
  const keep = headers.map((h, i) => (drop.has(h.header) ? -1 : i)).filter((i) => i >= 0);
  const rows = summaries.map((s) => summaryCells(s, baseline).map(safeText));
  return layoutColumns(keep.map((i) => headers[i] as Column), rows.map((row) => keep.map((i) => row[i] ?? '')), '  ');
}

/** runtime, median, [CI], vs baseline under a `metric (unit)` line per metric. */
function foldedLines(summaries: readonly MetricSummary[], baseline: string, withInterval: boolean): string[] {
  const headers = summaryHeaders(summaries[0]?.confidence ?? DEFAULT_CONFIDENCE);
  const keep = withInterval ? [0, 4, 5, 8] : [0, 4, 8];
  const columns = keep.map((i) => headers[i] as Column);
  const rows = summaries.map((s) => summaryCells(s, baseline).map(safeText));
  const laid = layoutColumns(columns, rows.map((row) => keep.map((i) => row[i] ?? '')), '    ');
  const lines = [laid[0] ?? ''];
  let current = '';
  summaries.forEach((s, index) => {
    const key = `${s.metric} (${s.unit})`;
    if (key !== current) lines.push(`  ${safeText(key)}`);
    current = key;
    lines.push(laid[index + 1] ?? '');
  });
  return lines;
}

export function workloadTableLines(summaries: readonly MetricSummary[], baseline: string, width: number | undefined): string[] {
  const fits = (lines: string[]): boolean => width === undefined || maxWidth(lines) <= width;
  const drop = new Set<string>();
  let lines = flat(summaries, baseline, drop);
  for (const header of DROP_ORDER) {
    if (fits(lines)) return lines;
    drop.add(header);
    lines = flat(summaries, baseline, drop);
  }
  if (fits(lines)) return lines;
  lines = foldedLines(summaries, baseline, true);
  return fits(lines) ? lines : foldedLines(summaries, baseline, false);
}
