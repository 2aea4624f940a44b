import { InvalidArgumentError } from 'commander';
import { DEFAULT_ALPHA, compareRuns, gateFails } from '../analysis/compare.js';
import { compareCoverage, coverageProblems } from '../analysis/compare-coverage.js';
import { IsobenchError, usageError } from '../errors.js';
import { type CompareFormat, type ComparedRun, renderCompare } from '../report/compare-index.js';
import { metricsOnlyIn } from '../report/compare-model.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { openExisting } from './report-command.js';
import { findRunOrFail } from './run-lookup.js';
import { sampleRows } from './report-data.js';
import { safeText } from '../report/format.js';

export interface CompareCommandOptions {
  readonly db: string;
  readonly format: CompareFormat;
  /** percent (default 5): regressions smaller than this never fail the gate */
  readonly threshold: number;
  /** `last`: BASE is the last complete run of NEW's host before NEW */
  readonly against?: 'last';
  /** bootstrap seed (default: NEW's seed) */
  readonly seed?: number;
}

/**
 * `isobench compare BASE NEW` and `isobench compare --against last [NEW]` (NEW defaults to the
 * latest run). Writes the comparison on stdout; exit 1 when any metric regressed significantly
 * beyond the threshold (src/analysis/compare.ts has the rule), 0 otherwise, 2 for unknown runs
 * and bad arguments.
 */
export function compareCommand(first: string | undefined, second: string | undefined, options: CompareCommandOptions): number {
  const store = openExisting(options.db);
  try {
    const { base, fresh } = resolveRuns(store, first, second, options);
    if (base.id === fresh.id) process.stderr.write(`isobench: warning: comparing run ${base.id} with itself: every change is 0 by construction\n`);
    for (const run of [base, fresh]) {
      if (run.status !== 'complete') process.stderr.write(`isobench: warning: run ${run.id} is ${run.status}${run.error ? ` (${safeText(run.error)})` : ''}: its figures may be incomplete\n`);
    }
    const baseRows = sampleRows(store, base.id);
    const freshRows = sampleRows(store, fresh.id);
    const changes = compareRuns(baseRows, freshRows, {
      thresholdPct: options.threshold,
      alpha: DEFAULT_ALPHA,
      seed: options.seed ?? fresh.seed,
    });
    const onlyIn = metricsOnlyIn(baseRows, freshRows);
    const data = { base: compared(base), fresh: compared(fresh), thresholdPct: options.threshold, alpha: DEFAULT_ALPHA, changes, onlyIn };
    process.stdout.write(renderCompare(options.format, data));
    const problems = coverageProblems(compareCoverage(baseRows, freshRows, changes.length), base.id, fresh.id);
    for (const problem of problems) process.stderr.write(`isobench: gate fails: ${problem}\n`);
    return gateFails(changes) || problems.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}

function resolveRuns(store: Store, first: string | undefined, second: string | undefined, options: CompareCommandOptions): { base: RunRecord; fresh: RunRecord } {
  if (options.against === 'last') {
    if (second !== undefined) throw usageError('with --against last, give at most one run (NEW)', 'isobench compare --against last [NEW]');
    const fresh = findOrFail(store, first ?? 'latest', first, options.db);
    const all = store.listRuns();
    const before = all.slice(0, Math.max(0, all.findIndex((r) => r.id === fresh.id)));
    const base = before.filter((r) => r.status === 'complete' && r.host.hostname === fresh.host.hostname).at(-1);
    if (base === undefined) {
      throw new IsobenchError('RUN_NOT_FOUND', `no complete run of host ${fresh.host.hostname} before run ${fresh.id} in ${options.db}`, {
        hint: 'nothing to compare with yet: this is the first complete run of this host (see isobench runs)',
        exitCode: 2,
      });
    }
    return { base, fresh };
  }
  if (first === undefined || second === undefined) {
    throw usageError('compare needs two runs: BASE and NEW, or --against last [NEW]', 'isobench compare BASE NEW | isobench compare --against last [NEW]');
  }
  return { base: findOrFail(store, first, first, options.db), fresh: findOrFail(store, second, second, options.db) };
}

function findOrFail(store: Store, idOrLatest: string, given: string | undefined, db: string): RunRecord {
  return findRunOrFail(store, idOrLatest === 'latest' && given === undefined ? undefined : idOrLatest, db);
}

function compared(run: RunRecord): ComparedRun {
  return { id: run.id, startedAt: run.startedAt, status: run.status, hostname: run.host.hostname };
}

/** commander parser for --threshold: a percentage, 0 < p ≤ 1000, decimals allowed. */
export function percentage(value: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n > 0 && n <= 1000)) throw new InvalidArgumentError(`'${value}' is not accepted: give a percentage above 0 and up to 1000, e.g. 5 or 2.5.`);
  return n;
}
