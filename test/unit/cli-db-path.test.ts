import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDb, locateDb } from '../../src/cli/db-path.js';

describe('locateDb', () => {
  const root = mkdtempSync(join(tmpdir(), 'isobench-db-'));
  const checkout = join(root, 'checkout');
  mkdirSync(join(checkout, 'src'), { recursive: true });
  writeFileSync(join(checkout, 'package.json'), '{}');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('takes --db, then $ISOBENCH_DB, then the checkout when run from inside it, then the XDG data directory', () => {
    expect(locateDb('x.db', { ISOBENCH_DB: '/e.db' }, '/w', checkout)).toEqual({ path: '/w/x.db', source: '--db' });
    expect(locateDb(undefined, { ISOBENCH_DB: 'e.db' }, '/w', checkout)).toEqual({ path: '/w/e.db', source: 'ISOBENCH_DB' });
    expect(locateDb(undefined, {}, join(checkout, 'src'), checkout)).toEqual({ path: join(checkout, 'results/isobench.db'), source: 'checkout' });
    expect(locateDb(undefined, { XDG_DATA_HOME: '/xdg' }, root, checkout)).toEqual({ path: '/xdg/isobench/isobench.db', source: 'XDG data directory' });
    expect(locateDb(undefined, { HOME: '/home/u' }, root, checkout).path).toBe('/home/u/.local/share/isobench/isobench.db');
    expect(locateDb(undefined, { HOME: '/home/u' }, `${checkout}-other`, checkout).source).toBe('XDG data directory');
  });

  it('says which database and why', () => {
    expect(describeDb({ path: '/a.db', source: 'ISOBENCH_DB' })).toBe('database: /a.db (from ISOBENCH_DB)');
  });
});
