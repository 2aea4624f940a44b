import { existsSync } from 'node:fs';
import { BUILTIN_CLAIMS } from '../claims/index.js';
import { IsobenchError, usageError } from '../errors.js';
import { renderReport, renderSamplesCsv, type ReportFormat } from '../report/index.js';
import { checkDatabasePath } from '../store/path-check.js';
import { Store } from '../store/store.js';
import { readClaimsFile } from './claims-file.js';
import { writeExports } from './exports.js';
import { renderOptions } from './render-options.js';
import { buildReportData, runHeader } from './report-data.js';
import { findRunOrFail } from './run-lookup.js';
import { runMeta } from './run-meta.js';
import type { ListFormat } from '../report/list-formats.js';
import { type RunListing, renderRuns } from '../report/runs-render.js';

export interface ReportCommandOptions {
  readonly db: string;
  readonly format: ReportFormat;
  readonly baseline?: string;
  readonly seed?: number;
  /** a user's claims file, judged together with the built-in claims */
  readonly claims?: string;
  /** write every raw sample as CSV instead of the report */
  readonly samples?: boolean;
  /** every column whatever the terminal's width */
  readonly wide?: boolean;
  /** every claim in the table, not only the judged ones */
  readonly allClaims?: boolean;
}

/** Earlier runs of the host that the HTML and JSON reports carry for trend lines. */
const HISTORY_RUNS = 10;

/** Opens an existing database read-only, with a clear error when there is none. */
export function openExisting(db: string): Store {
  const problem = checkDatabasePath(db); // a path that cannot work says why, rather than "no database"
  if (problem) throw problem;
  if (!existsSync(db)) {
    throw new IsobenchError('DATABASE', `no isobench database at ${db}`, { hint: 'run `isobench run` first, or pass --db PATH', exitCode: 2 });
  }
  return Store.open(db, { readonly: true });
}

/** `isobench report [RUN_ID]`: writes the report on stdout. */
export function reportCommand(runId: string | undefined, options: ReportCommandOptions): number {
  const store = openExisting(options.db);
  try {
    const run = findRunOrFail(store, runId, options.db);
    if (options.samples) {
      if (options.format !== 'csv' && options.format !== 'table') throw usageError(`--samples writes CSV; it does not combine with --format ${options.format}`, 'drop --format, or use --format csv');
      process.stdout.write(renderSamplesCsv({ run: runHeader(run), samples: store.samples(run.id) }));
      return 0;
    }
    const claims = options.claims === undefined ? BUILTIN_CLAIMS : [...BUILTIN_CLAIMS, ...readClaimsFile(options.claims, BUILTIN_CLAIMS.map((c) => c.id), run.targets.map((t) => t.target))];
    const history = options.format === 'html' || options.format === 'json' ? HISTORY_RUNS : 0;
    const data = buildReportData(store, run, { baseline: options.baseline, seed: options.seed, claims, history });
    process.stdout.write(renderReport(options.format, data, renderOptions({ wide: options.wide, all: options.allClaims })));
    writeExports(store, run, { ...options, claims });
    return 0;
  } finally {
    store.close();
  }
}

/** `isobench runs`: one row per stored run; which database was read goes to stderr. */
export function runsCommand(options: { db: string; format?: ListFormat; where?: string }): number {
  const store = openExisting(options.db);
  try {
    if (options.where !== undefined) process.stderr.write(`${options.where}\n`);
    const runs: RunListing[] = store.listRuns().map((r) => {
      const meta = runMeta(r, null);
      return {
        id: r.id, startedAt: r.startedAt, hostname: r.host.hostname, status: r.status, targets: r.targets.map((t) => t.target),
        workloads: meta.workloads, quick: meta.quick, trialsOk: r.trialCounts.ok, trialsFailed: r.trialCounts.failed,
      };
    });
    process.stdout.write(renderRuns(options.format ?? 'table', runs));
    return 0;
  } finally {
    store.close();
  }
}
