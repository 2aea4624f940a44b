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
 *   claim_id      ids of the claims about this runtime × workload × metric (the claim's target is
 *                 this row's runtime), joined by ';' in claim order; empty when there are none
 *   claimed_range each of those claims' quantity and range in its own unit, e.g.
 *                 `delta vs runc:unconfined = 50 ns/op` or `overhead vs native 10..20 %`, joined
 *                 by ';' in the same order
 *   verdict       each of those claims' verdict (holds, better than claimed, worse than claimed,
 *                 inconclusive, not measured (reason)), joined by ';' in the same order
 *   overhead_ci_low, overhead_ci_high   bootstrap interval of overhead_pct
 *   delta_ci_low, delta_ci_high         bootstrap interval of delta, in `unit`
 *   trials        distinct trials the samples came from (the bootstrap resamples trials)
 *   mean, sd, cv  mean, sample standard deviation (empty when n < 2), sd / mean as a fraction
 *   p5, p99       5th and 99th percentiles (type 7)
 *   direction     lower-is-better | higher-is-better
 *   quick, repetitions, samples, budget_ms, seed, docker_version, storage_driver, cgroup, os,
 *   mem_total_bytes, isobench_version   the run's configuration and engine (empty: not recorded)
 *   family        the summary's workload family (families.ts): syscall, fileio.rootfs, …, apps, other
 *   cost_ratio, cost_ratio_ci_low, cost_ratio_ci_high   times worse than the baseline (> 1 = worse,
 *                 for throughputs too) and its interval: the summary's figures, per row
 *
 * One row per metric, however many claims are about it: the claim columns hold lists, so every
 * row has the same shape and the row count stays one per runtime × workload × metric. Claims
 * whose target has no row in this run (e.g. every Kata claim on a host without Kata) appear in
 * no row: `--format json` (or md, html, table) lists every claim with its verdict.
 *
 * Format: RFC 4180 quoting (a field holding ',', '"', CR or LF is quoted, '"' doubled), UTF-8
 * without BOM, records end with LF ('\n', also after the last record). RFC 4180 asks for CRLF;
 * LF is what Unix tools expect, and LibreOffice, Excel, pandas and R read both.
 * Numbers are rounded to six significant digits (no 31.856660899999998) and written unformatted
 * ('.' decimal point, possibly with an exponent such as 1.5e-7); missing numbers are empty cells.
 * Text cells that a spreadsheet would run as a formula (see {@link neutraliseFormula}) get a
 * leading single quote; numeric cells never do, so -3.2 stays the number -3.2.
 */
import { stringify } from 'csv-stringify/sync';
import type { MetricSummary } from '../analysis/summary.js';
import { claimedText, resultVerdictText } from './claim-text.js';
import { familyOf } from './families.js';
import { costRatio } from './ratio.js';
import type { ClaimResult, ReportData } from './model.js';

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
  'claim_id',
  'claimed_range',
  'verdict',
  'overhead_ci_low',
  'overhead_ci_high',
  'delta_ci_low',
  'delta_ci_high',
  'trials',
  'mean',
  'sd',
  'cv',
  'p5',
  'p99',
  'direction',
  'quick',
  'repetitions',
  'samples',
  'budget_ms',
  'seed',
  'docker_version',
  'storage_driver',
  'cgroup',
  'os',
  'mem_total_bytes',
  'isobench_version',
  'family',
  'cost_ratio',
  'cost_ratio_ci_low',
  'cost_ratio_ci_high',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

export type Cell = string | number | null;

/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"),
 * including their full-width forms, which some spreadsheets normalise. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** `'=1+2` for `=1+2`: a text cell starting with a formula trigger, made inert. */
export function neutraliseFormula(text: string): string {
  const first = text[0];
  return first !== undefined && FORMULA_TRIGGERS.has(first) ? `'${text}` : text;
}

export function renderCsv(data: ReportData): string {
  return stringifyCsv(CSV_COLUMNS, data.summaries.map((summary) => csvRecord(data, summary)));
}

/** Records under a header, in the format described at the top of this file. */
export function stringifyCsv(columns: readonly string[], records: readonly (readonly Cell[])[]): string {
  return stringify(records.map((record) => [...record]), {
    header: true,
    columns: [...columns],
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

/**
 * Six significant digits, and never fewer than the integer digits: enough for any measurement
 * here, without binary noise. Integers (counts, seeds, bytes) are kept as they are.
 */
export function round(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Math.abs(value) >= 1e6 ? Math.round(value) : Number(value.toPrecision(6));
}

function csvRecord(data: ReportData, summary: MetricSummary): Cell[] {
  const meta = data.run.meta;
  const cost = costRatio(summary);
  const claims = claimsAbout(data.claims ?? [], summary);
  const joined = (text: (result: ClaimResult) => string): string | null => (claims.length === 0 ? null : claims.map(text).join(';'));
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
    claim_id: joined((result) => result.claim.id),
    claimed_range: joined((result) => claimedText(result.claim, 'ascii')),
    verdict: joined(resultVerdictText),
    overhead_ci_low: summary.overheadCiLow,
    overhead_ci_high: summary.overheadCiHigh,
    delta_ci_low: summary.deltaCiLow,
    delta_ci_high: summary.deltaCiHigh,
    trials: summary.trials,
    mean: summary.mean,
    sd: summary.sd,
    cv: summary.cv,
    p5: summary.p5,
    p99: summary.p99,
    direction: summary.direction,
    quick: meta?.quick === undefined || meta.quick === null ? null : String(meta.quick),
    repetitions: meta?.repetitions ?? null,
    samples: meta?.samples ?? null,
    budget_ms: meta?.budgetMs ?? null,
    seed: data.run.seed,
    docker_version: meta?.dockerVersion ?? null,
    storage_driver: meta?.storageDriver ?? null,
    cgroup: meta?.cgroup ?? null,
    os: meta?.os ?? null,
    mem_total_bytes: meta?.memTotalBytes ?? null,
    isobench_version: meta?.isobenchVersion ?? null,
    family: familyOf(summary.workload, summary.metric, new Set(data.applications ?? [])),
    cost_ratio: cost?.ratio ?? null,
    cost_ratio_ci_low: cost?.low ?? null,
    cost_ratio_ci_high: cost?.high ?? null,
  };
  return CSV_COLUMNS.map((column) => { const cell = cells[column]; return typeof cell === 'number' ? round(cell) : cell; });
}

/** The claims whose measure is this summary's target, workload and metric, in claim order. */
export function claimsAbout(claims: readonly ClaimResult[], summary: Pick<MetricSummary, 'target' | 'workload' | 'metric'>): ClaimResult[] {
  return claims.filter(({ claim: { measure } }) =>
    measure !== null && measure.target === summary.target && measure.workload === summary.workload && measure.metric === summary.metric);
}
