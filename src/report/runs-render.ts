/**
 * `isobench runs`: one row per stored run with its host, status, runtimes, workloads, whether it
 * was a quick run, and its trial counts. Table (aligned, no colours), CSV (csv.ts conventions)
 * or JSON (`{ format: "isobench.runs", version: 1, runs: [...] }`).
 */
import { stringifyCsv } from './csv.js';
import { MISSING, safeText } from './format.js';
import { type Column, layoutColumns } from './layout.js';
import type { ListFormat } from './list-formats.js';
import type { RunStatus } from './model.js';

export interface RunListing {
  readonly id: string;
  readonly startedAt: string;
  readonly hostname: string;
  readonly status: RunStatus;
  readonly targets: readonly string[];
  readonly workloads: readonly string[];
  /** null: not recorded */
  readonly quick: boolean | null;
  readonly trialsOk: number;
  readonly trialsFailed: number;
}

const HEADERS = ['id', 'started (UTC)', 'host', 'status', 'runtimes', 'workloads', 'quick', 'trials'] as const;

function cells(r: RunListing): string[] {
  return [
    r.id, r.startedAt.slice(0, 19).replace('T', ' '), r.hostname, r.status, r.targets.join(','),
    r.workloads.length === 0 ? MISSING : r.workloads.join(','), r.quick === null ? MISSING : r.quick ? 'quick' : 'full',
    `${r.trialsOk} ok, ${r.trialsFailed} failed`,
  ].map(safeText);
}

export function renderRuns(format: ListFormat, runs: readonly RunListing[]): string {
  switch (format) {
    case 'table': {
      const columns: Column[] = HEADERS.map((header) => ({ header, align: 'left' }));
      return `${layoutColumns(columns, runs.map(cells)).join('\n')}\n`;
    }
    case 'csv':
      return stringifyCsv(
        ['id', 'started_at', 'host', 'status', 'runtimes', 'workloads', 'quick', 'trials_ok', 'trials_failed'],
        runs.map((r) => [r.id, r.startedAt, r.hostname, r.status, r.targets.join(' '), r.workloads.join(' '), r.quick === null ? null : String(r.quick), r.trialsOk, r.trialsFailed]),
      );
    case 'json':
      return `${JSON.stringify({ format: 'isobench.runs', version: 1, runs }, null, 2)}\n`;
  }
}
