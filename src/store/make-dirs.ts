import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** More path components than any real directory tree has: the walk up stops there. */
const MAX_DEPTH = 256;

/**
 * `mkdir -p` in bounded steps. Node's `mkdirSync(…, { recursive: true })` loops for ever on
 * procfs (`/proc/forbidden/x` keeps answering ENOENT), so the database's directory is made one
 * component at a time from its nearest existing ancestor, each a plain mkdir whose error is final.
 */
export function makeDirs(dir: string, mode = 0o755): void {
  const missing: string[] = [];
  let current = dir;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    if (exists(current)) break;
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
