import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';

describe('a database of an older isobench, opened by a reader', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is upgraded once (every later table and column), then read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isobench-upgrade-'));
    dirs.push(dir);
    const path = join(dir, 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0] as string);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO runs VALUES ('r1', '2026-11-01T00:00:00Z', NULL, 'running', 'h', 1, 1, '{}', '{}', NULL)").run();
    old.prepare("INSERT INTO run_targets VALUES ('r1', 'runsc', 'runsc', 'sandbox', 'v', '[]', 0)").run();
    old.close();

    const store = Store.open(path, { readonly: true });
    try {
      const run = store.findRun('r1');
      expect(run?.targets).toEqual([expect.objectContaining({ target: 'runsc', engine: 'docker', engineRuntime: 'runsc', configFiles: [] })]);
      expect(store.compatChecks('r1')).toEqual([]);
    } finally {
      store.close();
    }
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    after.close();
  });
});
