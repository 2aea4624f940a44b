/**
 * The CSV export: one header row, then one row per summary (target × workload × metric) in
 * report order.
 *
 * Columns, in this order (new columns are only ever APPENDED, never reordered or renamed):
 *   run_id        run identifier
 *   host          host name the run ran on
 *   runtime       runtime target, e.g. native, runc, runsc, kata
 *   tier          native | container | sandbox | vm
 *   workload      workload id
 *   metric        metric name
 *   unit          unit of median, ci_low, ci_high, p95 and delta (ns/op, ops/s, ms, MiB, …)
 *   n             usable samples
 *   median        median (type-7 quantile)
 *   ci_low        lower end of the bootstrap confidence interval of the median (usually 95 %)
 *   ci_high       upper end of it
 *   p95           95th percentile (type 7)
 *   baseline      target compared with; empty for the baseline's own rows and when the
 *                 baseline has no data for this metric
 *   delta         median − baseline median, in `unit`; empty when `baseline` is
 *   overhead_pct  overhead in percent, positive = worse than the baseline (for higher-is-better
 *                 metrics too); empty when `baseline` is
 *
 * Format: RFC 4180 quoting (a field holding ',', '"', CR or LF is quoted, '"' doubled), UTF-8
 * without BOM, records end with LF ('\n', also after the last record). RFC 4180 asks for CRLF;
 * LF is what Unix tools expect, and LibreOffice, Excel, pandas and R read both.
 * Numbers are written unformatted at full precision (JavaScript's shortest round-trip form,
 * '.' decimal point, possibly with an exponent such as 1.5e-7); missing numbers are empty cells.
 * Text cells that a spreadsheet would run as a formula (see {@link neutraliseFormula}) get a
 * leading single quote; numeric cells never do, so -3.2 stays the number -3.2.
 */
import { stringify } from 'csv-stringify/sync';
import type { MetricSummary } from '../analysis/summary.js';
import type { ReportData } from './model.js';

export const CSV_COLUMNS = [
  'run_id',
  'host',
  'runtime',
  'tier',
  'workload',
  'metric',
  'unit',
  'n',
  'median',
  'ci_low',
  'ci_high',
  'p95',
  'baseline',
  'delta',
  'overhead_pct',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

type Cell = string | number | null;

/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"),
 * including their full-width forms, which some spreadsheets normalise. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** `'=1+2` for `=1+2`: a text cell starting with a formula trigger, made inert. */
export function neutraliseFormula(text: string): string {
  const first = text[0];
  return first !== undefined && FORMULA_TRIGGERS.has(first) ? `'${text}` : text;
}

export function renderCsv(data: ReportData): string {
  const records = data.summaries.map((summary) => csvRecord(data, summary));
  return stringify(records, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: '\n',
    // csv-stringify stops quoting a bare CR once record_delimiter is given; a reader treats CR as
    // a record end, so quote any field holding CR or LF.
    quote_record_delimiter: true,
    eof: true,
    cast: {
      number: (value) => (Number.isFinite(value) ? String(value) : ''),
      string: (value, context) => (context.header ? value : neutraliseFormula(value)),
    },
  });
}

function csvRecord(data: ReportData, summary: MetricSummary): Cell[] {
  const cells: Record<CsvColumn, Cell> = {
    run_id: data.run.id,
    host: data.run.host.hostname,
    runtime: summary.target,
    tier: summary.tier,
    workload: summary.workload,
    metric: summary.metric,
    unit: summary.unit,
    n: summary.n,
    median: summary.median,
    ci_low: summary.ciLow,
    ci_high: summary.ciHigh,
    p95: summary.p95,
    baseline: summary.baseline,
    delta: summary.deltaAbs,
    overhead_pct: summary.overheadPct,
  };
  return CSV_COLUMNS.map((column) => cells[column]);
}
