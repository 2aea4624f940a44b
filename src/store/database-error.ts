import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { IsobenchError, describeCause } from '../errors.js';
import { badPath, isPathProblem } from './path-check.js';
import { MIGRATIONS } from './schema.js';

/** The store's errors: what failed, in words (lock, full disk, bad path), and what to do. */
export function tooNew(path: string): IsobenchError {
  return new IsobenchError('DATABASE', `database ${path} was written by a newer isobench (schema newer than ${MIGRATIONS.length})`, { hint: 'upgrade isobench or use another --db' });
}

/** Bytes free to use in the directory of the database, or null when unknown. */
function freeBytes(path: string): number | null {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/** Below this, a write error is taken to mean a full disk: SQLite reports ENOSPC on its -shm file as a plain I/O error. */
const NEARLY_FULL_BYTES = 64 * 1024;

export function databaseError(path: string, what: string, error: unknown): IsobenchError {
  const code = (error as { code?: string }).code ?? '';
  if (isPathProblem(code)) {
    const why =
      code === 'SQLITE_NOTADB' ? 'it is not an SQLite database'
      : code === 'SQLITE_CANTOPEN' ? 'it cannot be opened (missing directory or no permission)'
      : code.startsWith('SQLITE_') ? `it cannot be written (${code})`
      : describeCause(error);
    return badPath(path, why, error);
  }
  const free = code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') ? freeBytes(path) : null;
  const full = code === 'SQLITE_FULL' || (free !== null && free < NEARLY_FULL_BYTES);
  const detail =
    code === 'SQLITE_BUSY' ? 'it is locked by another process (still locked after the wait of $ISOBENCH_LOCK_WAIT_S, default 60 s)'
    : full ? `the disk is full (${free === null ? 'no space left' : `${Math.floor(free / 1024)} KiB free`} in ${dirname(path)})`
    : code.startsWith('SQLITE_IOERR') ? `disk I/O error (${code})`
    : describeCause(error);
  const hint =
    code === 'SQLITE_BUSY' ? 'finished trials are kept; wait for the other process to finish, or use another --db'
    : full ? 'free some space there (finished trials are kept), or use another --db'
    : 'check the path given with --db';
  return new IsobenchError('DATABASE', `database ${path}: cannot ${what}: ${detail}`, { cause: error, hint });
}
