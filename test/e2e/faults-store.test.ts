import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { readDb } from '../integration/faults-env.js';

const cli = (args: string[], env: Record<string, string> = {}) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '', ...env } });
const nativeRun = (db: string, extra: string[] = [], env: Record<string, string> = {}) => cli(['run', '--mode',
  'process', '--runtimes', 'native', '--workloads', 'cpu', '--repetitions', '1', '--samples', '2', '--budget-ms',
  '20', '--warmup-ms', '10', '--no-report', '--db', db, ...extra], env);

/** The error as the user sees it: one `isobench: error:` line, a hint, no stack trace. */
function expectOneLineError(stderr: string, message: RegExp): void {
  const lines = stderr.trim().split('\n').filter((l) => !/^\[\d+\/\d+\]|^run \S+: /.test(l));
  expect(lines[0]).toMatch(/^isobench: error: /);
  expect(lines[0]).toMatch(message);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('the database locked by another isobench, or on a full disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-store-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the lock when another process holds a write transaction, and writes nothing', async () => {
    const db = join(dir, 'locked.db');
    Store.open(db).close();
    const holder = new Database(db, { timeout: 0 });
    holder.pragma('journal_mode = WAL'); // as another isobench holding it has it
    holder.exec('BEGIN IMMEDIATE');
    let result;
    try {
      result = await nativeRun(db, [], { ISOBENCH_LOCK_WAIT_S: '3' });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(result.exitCode).toBe(1);
    expectOneLineError(result.stderr, /database .*locked\.db: cannot create run: it is locked by another process/);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs).toEqual([]);
    expect(state.trials).toEqual([]);
  }, 60_000);

  it('creates the results directory and the database not world-writable, even with umask 000', async () => {
    const resultsDir = join(dir, 'results', 'nested');
    const db = join(resultsDir, 'isobench.db');
    const run = await execa('sh', ['-c', 'umask 000 && exec node dist/cli/main.js "$@"', 'sh', 'run', '--mode',
      'process', '--runtimes', 'native', '--workloads', 'cpu', '--repetitions', '1', '--samples', '2',
      '--budget-ms', '20', '--warmup-ms', '10', '--no-report',
      '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    expect(run.exitCode, run.stderr).toBe(0);
    for (const path of [join(dir, 'results'), resultsDir, db, `${db}-wal`, `${db}-shm`].filter((p) => existsSync(p))) {
      expect((statSync(path).mode & 0o002).toString(8), `${path} is world-writable`).toBe('0');
    }
  }, 60_000);

  describe('on a full disk (a 256 KiB tmpfs)', () => {
    let mnt: string;
    let mountError: string | null = null;
    beforeAll(async () => {
      mnt = join(dir, 'tiny');
      mkdirSync(mnt);
      const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { reject: false });
      if (mounted.exitCode !== 0) mountError = `cannot mount a tmpfs here (${mounted.stderr.trim() || `exit ${mounted.exitCode}`}): needs root with CAP_SYS_ADMIN`;
    });
    afterAll(async () => {
      if (mountError === null) await execa('umount', ['-l', mnt], { reject: false });
    });
    const fill = () => execa('dd', ['if=/dev/zero', `of=${join(mnt, 'fill')}`, 'bs=4k'], { reject: false });
    const unfill = () => rmSync(join(mnt, 'fill'), { force: true });

    it('says the disk is full when it already is, and keeps what was stored', async (ctx) => {
      if (mountError) ctx.skip(mountError);
      const db = join(mnt, 'before.db');
      expect((await nativeRun(db)).exitCode).toBe(0);
      await fill();
      const result = await nativeRun(db);
      unfill();
      expect(result.exitCode).toBe(1);
      expectOneLineError(result.stderr, /database .*before\.db: cannot \w+: the disk is full \(\d+ KiB free in /);
      const state = readDb(db);
      expect(state.integrity).toBe('ok');
      expect(state.runs.map((r) => r.status)).toEqual(['complete']);
      rmSync(db, { force: true });
      rmSync(`${db}-wal`, { force: true });
      rmSync(`${db}-shm`, { force: true });
    }, 60_000);

    it('stops with a clear error when the disk fills mid-run; no trial is half-written', async (ctx) => {
      if (mountError) ctx.skip(mountError);
      const db = join(mnt, 'during.db');
      const child = execa('node', ['dist/cli/main.js', 'run', '--mode', 'process', '--runtimes', 'native',
        '--workloads', 'syscall', '--repetitions', '30', '--samples', '2', '--budget-ms', '20', '--warmup-ms',
        '10', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
      let filled: Promise<unknown> | null = null;
      child.stderr?.on('data', (d: Buffer) => {
        if (!filled && /^\[1\/30\] /m.test(d.toString())) filled = fill();
      });
      const result = await child;
      await filled;
      unfill();
      expect(result.exitCode, result.stderr).toBe(1);
      expectOneLineError(result.stderr, /database .*during\.db: cannot record trial: the disk is full/);
      const state = readDb(db);
      expect(state.integrity).toBe('ok');
      expect(state.trials.length).toBeGreaterThanOrEqual(1);
      expect(state.trials.length).toBeLessThan(30);
      // each trial is stored with all its samples, or not at all
      expect(state.trials.every((t) => t.status === 'ok' && t.samples > 0)).toBe(true);
      // the run could not even be marked failed on the full disk; the next run marks it abandoned
      expect(state.runs.map((r) => r.status)).toEqual(['running']);
      expect((await nativeRun(db)).exitCode).toBe(0);
      expect(readDb(db).runs.map((r) => r.status)).toEqual(['interrupted', 'complete']);
    }, 90_000);
  });
});
