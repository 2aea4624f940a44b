/**
 * Where the database is: `--db`, else $ISOBENCH_DB, else the checkout's `results/isobench.db`
 * when isobench runs from inside its own checkout, else the XDG data directory
 * (`$XDG_DATA_HOME/isobench/isobench.db`, by default `~/.local/share/isobench/isobench.db`), so
 * that an `npm link`ed isobench run elsewhere does not drop a database in whatever directory
 * it was started from.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../errors.js';

export const DEFAULT_DB = 'results/isobench.db';

/** The checkout this isobench runs from: two levels above dist/cli/ or src/cli/. */
export const CHECKOUT = fileURLToPath(new URL('../../', import.meta.url));

export type DbSource = '--db' | 'ISOBENCH_DB' | 'checkout' | 'XDG data directory';

export interface DbLocation {
  readonly path: string;
  readonly source: DbSource;
}

function inside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

export function locateDb(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  checkout: string = CHECKOUT,
): DbLocation {
  refuseSpecialNames(flag ?? env.ISOBENCH_DB);
  if (flag !== undefined) return { path: resolve(cwd, flag), source: '--db' };
  if (env.ISOBENCH_DB !== undefined && env.ISOBENCH_DB !== '') return { path: resolve(cwd, env.ISOBENCH_DB), source: 'ISOBENCH_DB' };
  if (inside(resolve(cwd), resolve(checkout)) && existsSync(join(checkout, 'package.json'))) {
    return { path: join(resolve(checkout), DEFAULT_DB), source: 'checkout' };
  }
  const data = env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), '.local', 'share');
  return { path: join(resolve(data), 'isobench', 'isobench.db'), source: 'XDG data directory' };
}

/**
 * SQLite's special names (`:memory:`, `file:` URIs) are refused: an in-memory database would keep
 * nothing, and resolved as a path they would silently create a file of that name.
 */
function refuseSpecialNames(given: string | undefined): void {
  if (given !== undefined && (given === ':memory:' || given.startsWith('file:'))) {
    throw usageError(`database path '${given}' is not accepted: isobench keeps every run in a file`, 'give --db (or $ISOBENCH_DB) the path of a file, e.g. results/isobench.db');
  }
}

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return locateDb(flag, env).path;
}

/** `database: /path (from ISOBENCH_DB)`, for --verbose and `runs`. */
export function describeDb(location: DbLocation): string {
  return `database: ${location.path} (from ${location.source})`;
}
