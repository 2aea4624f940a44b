import { resolve } from 'node:path';
import { usageError } from '../errors.js';

export const DEFAULT_DB = 'results/isobench.db';

/**
 * `--db`, else $ISOBENCH_DB, else results/isobench.db under the current directory. SQLite's
 * special names (`:memory:`, `file:` URIs) are refused: an in-memory database would keep
 * nothing, and resolved as a path they would silently create a file of that name.
 */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = flag ?? env.ISOBENCH_DB ?? DEFAULT_DB;
  if (given === ':memory:' || given.startsWith('file:')) {
    throw usageError(`database path '${given}' is not accepted: isobench keeps every run in a file`, 'give --db (or $ISOBENCH_DB) the path of a file, e.g. results/isobench.db');
  }
  return resolve(given);
}
