import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Which file a database path holds, read from the SQLite header without letting SQLite touch
 * the file (issue 13, class 4): isobench opens for writing only a missing or empty file or one
 * of its own databases, and never changes a byte of any other file.
 *
 * isobench's databases carry `PRAGMA application_id` = APPLICATION_ID (schema migration 2).
 * Databases written before that migration have application_id 0 and isobench's four tables.
 */
export const APPLICATION_ID = 0x69736f62; // 'isob'

const SQLITE_MAGIC = 'SQLite format 3\0';
const ISOBENCH_TABLES = ['runs', 'run_targets', 'trials', 'samples'];

export type DatabaseFile =
  | { readonly kind: 'missing' | 'empty' | 'isobench' | 'not-sqlite' }
  | { readonly kind: 'foreign'; readonly detail: string };

export function inspectDatabaseFile(path: string): DatabaseFile {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { kind: 'missing' };
  }
  if (size === 0) return { kind: 'empty' };
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) return { kind: 'not-sqlite' };
  if (header.readUInt32BE(68) === APPLICATION_ID) return { kind: 'isobench' };
  // The header on disk may be older than the database: a killed writer leaves it in its -wal file.
  const seen = readThroughSqlite(path);
  if (seen === null) return { kind: 'foreign', detail: 'it is an SQLite database that isobench cannot read' };
  if (seen.applicationId === APPLICATION_ID) return { kind: 'isobench' };
  if (seen.applicationId !== 0) return { kind: 'foreign', detail: `its application_id is 0x${seen.applicationId.toString(16)}, not isobench's` };
  if (ISOBENCH_TABLES.every((t) => seen.tables.includes(t)) && seen.userVersion >= 1) return { kind: 'isobench' };
  const shown = seen.tables.length === 0 ? 'none' : seen.tables.slice(0, 5).join(', ') + (seen.tables.length > 5 ? ', …' : '');
  return { kind: 'foreign', detail: `it is an SQLite database that isobench did not create (tables: ${shown})` };
}

/**
 * The identity of a database as SQLite sees it (its -wal file included), through a read-only
 * connection. A WAL-mode file makes SQLite create -wal and -shm files even then: those that did
 * not exist before are removed (none existed, so no other connection was using it in WAL mode).
 */
function readThroughSqlite(path: string): { applicationId: number; userVersion: number; tables: string[] } | null {
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p));
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 1_000 });
    try {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      const applicationId = (db.pragma('application_id', { simple: true }) as number) >>> 0;
      return { applicationId, userVersion: db.pragma('user_version', { simple: true }) as number, tables };
    } finally {
      db.close();
    }
  } catch {
    return null;
  } finally {
    for (const p of sidecars) rmSync(p, { force: true });
  }
}
