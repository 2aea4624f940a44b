import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectDatabaseFile } from '../../src/store/identity.js';
import { makeDirs } from '../../src/store/make-dirs.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';

describe('which file a database path holds', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-identity-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('tells missing, empty, text, isobench and legacy isobench files apart', () => {
    expect(inspectDatabaseFile(join(dir, 'none.db')).kind).toBe('missing');
    writeFileSync(join(dir, 'empty.db'), '');
    expect(inspectDatabaseFile(join(dir, 'empty.db')).kind).toBe('empty');
    writeFileSync(join(dir, 'text.db'), 'x'.repeat(200));
    expect(inspectDatabaseFile(join(dir, 'text.db')).kind).toBe('not-sqlite');
    Store.open(join(dir, 'ours.db')).close();
    expect(inspectDatabaseFile(join(dir, 'ours.db')).kind).toBe('isobench');
    const legacy = new Database(join(dir, 'legacy.db'));
    legacy.exec(MIGRATIONS[0] as string);
    legacy.pragma('user_version = 1');
    legacy.close();
    expect(inspectDatabaseFile(join(dir, 'legacy.db')).kind).toBe('isobench');
  });

  it('calls another program\'s database foreign without changing it or leaving side files', () => {
    const path = join(dir, 'app.db');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES (1);');
    raw.close();
    const before = readFileSync(path);
    expect(inspectDatabaseFile(path)).toEqual({ kind: 'foreign', detail: 'it is an SQLite database that isobench did not create (tables: notes)' });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  });

  it('makes nested directories in bounded steps', () => {
    makeDirs(join(dir, 'a', 'b', 'c'));
    expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(true);
    expect(() => makeDirs('/proc/forbidden/x')).toThrow(/ENOENT/);
  });
});
