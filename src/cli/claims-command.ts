/** `isobench claims [RUN]`: every claim's verdict on a stored run, one row per claim. */
import { BUILTIN_CLAIMS } from '../claims/index.js';
import { type ClaimsFormat, renderClaims } from '../report/claims-export.js';
import { readClaimsFile } from './claims-file.js';
import { renderOptions } from './render-options.js';
import { buildReportData } from './report-data.js';
import { openExisting } from './report-command.js';
import { findRunOrFail } from './run-lookup.js';

export interface ClaimsCommandOptions {
  readonly db: string;
  readonly format: ClaimsFormat;
  /** every claim, not only those the run judged */
  readonly all?: boolean;
  readonly wide?: boolean;
  readonly claims?: string;
  readonly seed?: number;
}

export function claimsCommand(runId: string | undefined, options: ClaimsCommandOptions): number {
  const store = openExisting(options.db);
  try {
    const run = findRunOrFail(store, runId, options.db);
    const claims = options.claims === undefined ? BUILTIN_CLAIMS : [...BUILTIN_CLAIMS, ...readClaimsFile(options.claims, BUILTIN_CLAIMS.map((c) => c.id))];
    const data = buildReportData(store, run, { seed: options.seed, claims });
    process.stdout.write(renderClaims(options.format, data.claims ?? [], renderOptions({ wide: options.wide, all: options.all })));
    return 0;
  } finally {
    store.close();
  }
}
