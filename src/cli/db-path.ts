import { resolve } from 'node:path';

export const DEFAULT_DB = 'results/isobench.db';

/** `--db`, else $ISOBENCH_DB, else results/isobench.db under the current directory. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.ISOBENCH_DB ?? DEFAULT_DB);
}
