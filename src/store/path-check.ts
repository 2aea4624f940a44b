import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EXIT_USAGE, IsobenchError } from '../errors.js';

const HINT = 'give --db (or $ISOBENCH_DB) the path of an isobench database, or of a new file in a directory you can write';

/** A database path that cannot work: a usage error (exit 2) naming the path and what is accepted. */
export function badPath(path: string, detail: string, cause?: unknown): IsobenchError {
  return new IsobenchError('DATABASE', `database path ${path} cannot be used: ${detail}`, { hint: HINT, exitCode: EXIT_USAGE, ...(cause === undefined ? {} : { cause }) });
}

function kindOf(path: string): 'file' | 'directory' | 'other' | null {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

/**
 * Checks a database path before SQLite sees it (SQLite says only "unable to open"): the path
 * must not be a directory, and its nearest existing ancestor must be a directory.
 */
export function checkDatabasePath(path: string): IsobenchError | null {
  if (path === ':memory:') return null;
  const kind = kindOf(path);
  if (kind === 'directory') return badPath(path, 'it is a directory, not a database file');
  if (kind === 'other') return badPath(path, 'it is not a regular file');
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const k = kindOf(dir);
    if (k === 'directory') return null;
    if (k !== null) return badPath(path, `${dir} is ${k === 'file' ? 'a file' : 'a device, FIFO or socket'}, not a directory`);
    if (dirname(dir) === dir) return null;
  }
}

/** Errors that say the path itself is wrong (not a lock, not a full disk): usage errors. */
export function isPathProblem(code: string): boolean {
  return ['ENOENT', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_READONLY', 'SQLITE_PERM', 'SQLITE_AUTH', 'ENOTDIR', 'EEXIST', 'EACCES', 'EROFS', 'EISDIR'].includes(code);
}
