import { existsSync } from 'node:fs';
import { IsobenchError } from '../errors.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import { Store } from '../store/store.js';
import { buildReportData } from './report-data.js';

export interface ReportCommandOptions {
  readonly db: string;
  readonly format: ReportFormat;
  readonly baseline?: string;
  readonly seed?: number;
}

/** Opens an existing database read-only, with a clear error when there is none. */
export function openExisting(db: string): Store {
  if (!existsSync(db)) {
    throw new IsobenchError('DATABASE', `no isobench database at ${db}`, { hint: 'run `isobench run` first, or pass --db PATH', exitCode: 2 });
  }
  return Store.open(db, { readonly: true });
}

/** `isobench report [RUN_ID]`: writes the report on stdout. */
export function reportCommand(runId: string | undefined, options: ReportCommandOptions): number {
  const store = openExisting(options.db);
  try {
    const run = store.findRun(runId ?? 'latest');
    if (!run) {
      const known = store.listRuns().slice(-5).map((r) => r.id);
      const what = runId === undefined ? 'the database holds no runs' : `no run '${runId}' (or the prefix matches several)`;
      throw new IsobenchError('RUN_NOT_FOUND', `${what} in ${options.db}`, {
        hint: known.length > 0 ? `recent runs: ${known.join(', ')} (see isobench runs)` : 'run `isobench run` first',
        exitCode: 2,
      });
    }
    process.stdout.write(renderReport(options.format, buildReportData(store, run, { baseline: options.baseline, seed: options.seed })));
    return 0;
  } finally {
    store.close();
  }
}

/** `isobench runs`: one line per stored run. */
export function runsCommand(options: { db: string }): number {
  const store = openExisting(options.db);
  try {
    const lines = store.listRuns().map((r) => {
      const runtimes = r.targets.map((t) => t.target).join(',');
      const counts = `${r.trialCounts.ok} ok, ${r.trialCounts.failed} failed`;
      return [r.id, r.startedAt.slice(0, 19).replace('T', ' '), r.host.hostname, r.status, runtimes, counts].join('\t');
    });
    process.stdout.write(['id\tstarted (UTC)\thost\tstatus\truntimes\ttrials', ...lines].join('\n') + '\n');
    return 0;
  } finally {
    store.close();
  }
}
