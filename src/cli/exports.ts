/**
 * `--export-csv FILE`, `--export-json FILE`, `--export-md FILE`, `--export-html FILE` on `run`
 * and `report`, several at once (as hyperfine does): the report is built once and written in
 * each format. A regular file (or a new one) is written beside itself and renamed into place, so a
 * reader never sees half a report; a symbolic link is followed, so the link stays and its file is
 * replaced; a device, a FIFO or anything that exists under /dev or /proc (`/dev/stdout`, a named
 * pipe) is written to directly, never replaced.
 * The paths are checked when the options are parsed, before any work: the directory must take a
 * new file (tried with the very temporary name, then removed), or the device must open for writing.
 */
import {
  closeSync, existsSync, openSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

type ExportTarget = { kind: 'file'; path: string; temporary: string } | { kind: 'device'; path: string };

/** Where an export to `path` goes: a file renamed into place (beside a link's target), or a device written directly. */
function exportTarget(path: string): ExportTarget {
  const special = path.startsWith('/dev/') || path.startsWith('/proc/');
  if (existsSync(path) && (special || !statSync(path).isFile())) return { kind: 'device', path };
  const real = existsSync(path) ? realpathSync(path) : join(realpathSync(dirname(path)), basename(path));
  return { kind: 'file', path: real, temporary: `${real}.${process.pid}.tmp` };
}

/**
 * commander parser: the path must not be a directory, its directory must exist and take a new file
 * (the temporary file is created and removed at once), or the device or FIFO must open for writing
 * (a FIFO without a reader is not waited for).
 */
export function exportPath(value: string): string {
  const path = resolve(value);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InvalidArgumentError(`'${value}' is a directory: give a file to write.`);
  if (!existsSync(dirname(path))) throw new InvalidArgumentError(`'${value}': directory ${dirname(path)} does not exist; create it first.`);
  const target = exportTarget(path);
  try {
    if (target.kind === 'device') {
      if (!statSync(path).isFIFO()) closeSync(openSync(path, 'a'));
    } else {
      closeSync(openSync(target.temporary, 'wx'));
      unlinkSync(target.temporary);
    }
  } catch (error) {
    const where = target.kind === 'device' ? path : `directory ${dirname(target.path)}`;
    const cause = describeCause(error);
    throw new InvalidArgumentError(`'${value}': cannot write to ${where} (${cause}); give a writable place.`);
  }
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
    const target = exportTarget(path);
    try {
      if (target.kind === 'device') writeFileSync(path, renderReport(format, data));
      else {
        writeFileSync(target.temporary, renderReport(format, data));
        renameSync(target.temporary, target.path);
      }
    } catch (error) {
      if (target.kind === 'file') rmSync(target.temporary, { force: true });
      throw new IsobenchError('EXPORT', `could not write the ${format} export to ${path}: ${describeCause(error)}`, { cause: error, hint: 'check the path and free space' });
    }
    process.stderr.write(`wrote ${format} report to ${path}\n`);
  }
  return exports.map((e) => e.path);
}
