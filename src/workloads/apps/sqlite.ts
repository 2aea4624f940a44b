/**
 * sqlite: the sqlite3 CLI of the host running a fixed transactional workload in WAL mode with
 * synchronous=FULL (every commit is made durable): per transaction ten inserts into an
 * indexed table, an indexed range count and an update, on the root filesystem (fsync through
 * the runtime's filesystem path) and on tmpfs. Transactions per second of the whole run, the
 * CLI's start and the schema's re-creation included.
 */
import type { ScratchDirs, WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { APP_NEEDS, opsMetric, timedArgs } from './timed.js';

const SQLITE = '/usr/bin/sqlite3';
export const SQLITE_TRANSACTIONS = 100;

/** The fixed script: deterministic keys, the same work every run (the table is dropped first). */
export function sqliteScript(transactions: number): string {
  const head = 'PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; DROP TABLE IF EXISTS t;'
    + ' CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER NOT NULL, v TEXT NOT NULL); CREATE INDEX t_k ON t(k);';
  const tx = (i: number): string => `BEGIN; INSERT INTO t(k, v) WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10)`
    + ` SELECT (${i} * 7919 + n * 104729) % 100003, printf('%016d', n * ${i}) FROM c;`
    + ` SELECT count(*) FROM t WHERE k BETWEEN ${i * 10} AND ${i * 10 + 500};`
    + ` UPDATE t SET v = printf('%016d', k) WHERE k % 97 = ${i % 97}; COMMIT;`;
  return [head, ...Array.from({ length: transactions }, (_, i) => tx(i + 1))].join(' ');
}

const FILESYSTEMS: readonly (readonly [label: keyof ScratchDirs, where: string])[] = [
  ['rootfs', "on the container's root filesystem (a temporary directory on disk natively)"],
  ['tmpfs', 'on a tmpfs mount (/dev/shm natively)'],
];

export const SQLITE_PROGRAM = appProgram('sqlite', (files) => files.add(SQLITE));

export const sqlite: WorkloadSpec = {
  id: 'sqlite',
  description: `sqlite3: ${SQLITE_TRANSACTIONS} transactions (10 inserts, an indexed count, an update) in WAL mode, synchronous=FULL`,
  binary: 'apprun',
  program: SQLITE_PROGRAM,
  metrics: FILESYSTEMS.map(([label, where]) => opsMetric(`tx.${label}`, `transactions per second of the whole run, ${where}`)),
  needsScratch: true,
  args: (budget, scratch) => timedArgs(budget, FILESYSTEMS.map(([label]) => ({
    metric: `tx.${label}`, unit: 'ops/s' as const, ops: SQLITE_TRANSACTIONS,
    argv: [SQLITE, '-batch', `${scratch[label]}/isobench.sqlite`, '.output /dev/null', sqliteScript(SQLITE_TRANSACTIONS)],
  }))),
  container: APP_NEEDS,
};
