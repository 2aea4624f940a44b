/**
 * `--export-csv FILE`, `--export-json FILE`, `--export-md FILE`, `--export-html FILE` on `run`
 * and `report`, several at once (as hyperfine does): the report is built once and written in
 * each format. Each file is written beside itself and renamed into place, so a reader never
 * sees half a report. The paths are checked when the options are parsed, before any work.
 */
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Claim } from '../claims/index.js';
import { IsobenchError, describeCause } from '../errors.js';
import { renderReport, type ReportFormat } from '../report/index.js';
import type { RunRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { buildReportData } from './report-data.js';

export const EXPORT_OPTIONS = [
  { flag: '--export-csv <file>', key: 'exportCsv', format: 'csv' },
  { flag: '--export-json <file>', key: 'exportJson', format: 'json' },
  { flag: '--export-md <file>', key: 'exportMd', format: 'md' },
  { flag: '--export-html <file>', key: 'exportHtml', format: 'html' },
] as const satisfies readonly { flag: string; key: string; format: ReportFormat }[];

export type ExportOptions = Partial<Record<(typeof EXPORT_OPTIONS)[number]['key'], string>>;

/** Earlier runs of the host that the HTML and JSON exports carry for trend lines. */
const HISTORY_RUNS = 10;

/** commander parser: the file's directory must exist and the path must not be a directory. */
export function exportPath(value: string): string {
  const path = resolve(value);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InvalidArgumentError(`'${value}' is a directory: give a file to write.`);
  if (!existsSync(dirname(path))) throw new InvalidArgumentError(`'${value}': directory ${dirname(path)} does not exist; create it first.`);
  return path;
}

export function requestedExports(options: object): { format: ReportFormat; path: string }[] {
  const values = options as Record<string, unknown>;
  return EXPORT_OPTIONS.flatMap(({ key, format }) => (typeof values[key] === 'string' ? [{ format, path: values[key] as string }] : []));
}

/** Writes every requested export of `run`; returns the paths written. */
export function writeExports(
  store: Store,
  run: RunRecord,
  options: object & { baseline?: string; seed?: number; claims?: readonly Claim[] },
): string[] {
  const exports = requestedExports(options);
  if (exports.length === 0) return [];
  const history = exports.some((e) => e.format === 'html' || e.format === 'json') ? HISTORY_RUNS : 0;
  const data = buildReportData(store, run, { baseline: options.baseline, seed: options.seed, claims: options.claims, history });
  for (const { format, path } of exports) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, renderReport(format, data));
      renameSync(temporary, path);
    } catch (error) {
      throw new IsobenchError('EXPORT', `could not write the ${format} export to ${path}: ${describeCause(error)}`, { cause: error, hint: 'check the path and free space' });
    }
    process.stderr.write(`wrote ${format} report to ${path}\n`);
  }
  return exports.map((e) => e.path);
}
