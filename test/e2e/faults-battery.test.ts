import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/schema.js';

/**
 * Issue 13's battery, through the real CLI: output that goes away, limits, other people's files,
 * odd places. Each case failed before the fix (stack trace, hang, changed file, wrong status).
 */
const cli = (args: string[], env: Record<string, string> = {}) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '', ...env } });
/** A command line through bash, for pipes and redirections; prints the CLI's exit code last. */
const shell = (line: string) => execa('bash', ['-c', `${line}; echo "exit=\${PIPESTATUS[0]}" >&2`], { reject: false, env: { ISOBENCH_DB: '' } });
const CLI = 'node dist/cli/main.js';
const quickNative = ['--mode', 'process', '--runtimes', 'native', '--workloads', 'cpu', '--repetitions', '1',
  '--samples', '1', '--budget-ms', '5', '--warmup-ms', '5'];

function exitOf(stderr: string): number {
  return Number(/exit=(\d+)\s*$/.exec(stderr)?.[1] ?? -1);
}

function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |unexpected error|Unhandled 'error' event/);
}

/** Exit 2, one error line (and at most a hint), no stack trace. */
function expectUsage(result: { exitCode?: number; stderr: string }, message: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n').filter((l) => !l.startsWith('(run isobench --help'));
  expect(lines[0]).toMatch(message);
  expect(lines.length, result.stderr).toBeLessThanOrEqual(2);
  expectNoTrace(result.stderr);
}

describe('issue 13: output, limits, files and places', () => {
  let dir: string;
  let db: string;
  let claims: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-battery-'));
    db = join(dir, 'runs.db');
    const made = await cli(['run', ...quickNative, '--no-report', '--db', db]);
    expect(made.exitCode, made.stderr).toBe(0);
    // 3,000 claims make every report format megabytes long: far beyond a pipe's buffer, so `| head` closes it mid-write
    claims = join(dir, 'claims.json');
    const claim = (i: number) => ({
      id: `my.c${i}`, source: { document: 'd', section: 's' }, quote: 'q', tier: 'sandbox', subject: 's',
      measure: { workload: 'cpu', metric: 'hash_4k', target: 'native', quantity: 'value' }, claimed: { min: 1, max: null, unit: 'ops/s' },
    });
    writeFileSync(claims, JSON.stringify({ claims: Array.from({ length: 3_000 }, (_, i) => claim(i)) }));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('output that goes away (class 2)', () => {
    it.each([['table'], ['html'], ['json'], ['md'], ['csv']])('report --format %s | head -c 10 exits 0 with no trace (EPIPE is the normal end of a pipe)', async (format) => {
      const result = await shell(`${CLI} report --format ${format} --claims ${claims} --db ${db} | head -c 10 >/dev/null`);
      expect(result.stderr.trim()).toBe('exit=0');
    });

    it.each([['runs'], ['compare latest latest'], ['stability --last 2'], ['report --samples']])('%s | head -c 1: no trace', async (args) => {
      const result = await shell(`${CLI} ${args} --db ${db} | head -c 1 >/dev/null`);
      expectNoTrace(result.stderr);
    });

    it.each([['report'], ['report --format html'], ['runs'], ['report --samples'], ['compare latest latest'], ['stability --last 2']])('%s > /dev/full: one line naming the full device, exit 1', async (args) => {
      const result = await shell(`${CLI} ${args} --db ${db} > /dev/full`);
      expect(exitOf(result.stderr), result.stderr).toBe(1);
      expect(result.stderr.replace(/^isobench: warning: .*\n/gm, '')).toMatch(/^isobench: error: cannot write the output: no space left on device \(ENOSPC\)\nexit=1\s*$/);
    });

    it('doctor > /dev/full fails cleanly too', async () => {
      const result = await shell(`DOCKER_HOST=tcp://127.0.0.1:9 ${CLI} doctor --no-smoke > /dev/full`);
      expectNoTrace(result.stderr);
      expect(exitOf(result.stderr)).toBe(1);
      expect(result.stderr).toMatch(/cannot write the output: no space left on device/);
    });

    it('a run whose progress pipe closes (2>&1 >/dev/null | head -1) keeps measuring and completes', async () => {
      const runDb = join(dir, 'progress-gone.db');
      const result = await shell(`${CLI} run --mode process --runtimes native --workloads cpu --repetitions 6`
        + ` --samples 1 --budget-ms 100`
        + ` --warmup-ms 5 --db ${runDb} 2>&1 >/dev/null | head -1`);
      expect(exitOf(result.stderr), result.stderr).toBe(0);
      const raw = new Database(runDb, { readonly: true });
      const runs = raw.prepare('SELECT status FROM runs').all() as { status: string }[];
      const trials = raw.prepare(`SELECT count(*) AS n FROM trials WHERE status = 'ok'`).get() as { n: number };
      raw.close();
      expect(runs).toEqual([{ status: 'complete' }]);
      expect(trials.n).toBe(6);
    }, 60_000);
  });

  describe('one set of limits (class 1)', () => {
    it('rejects budgets whose trial timeout would pass Node\'s timer limit, before any work', async () => {
      const fresh = join(dir, 'limits.db');
      const result = await cli(['run', '--runtimes', 'native', '--workloads', 'cpu', '--samples', '200', '--budget-ms', '600000', '--db', fresh]);
      expectUsage(result, /^isobench: error: --samples 200, --budget-ms 600000 and --warmup-ms 200 let one trial run for up to \d+ h: more than the 24 h a trial may last$/);
      expect(existsSync(fresh)).toBe(false);
    });

    it('the workload binaries accept exactly the CLI\'s largest budget', async () => {
      const over = await execa('workloads/bin/cpu', ['--budget-ms', '600001'], { reject: false });
      expect(over.exitCode).not.toBe(0);
      expect(over.stderr).toMatch(/budget-ms/);
      const usage = await cli(['run', '--budget-ms', '600001', '--db', join(dir, 'never.db')]);
      expect(usage.exitCode).toBe(2);
    });
  });

  describe("other people's files (class 4)", () => {
    const foreign = (name: string, sql: string, wal = false): string => {
      const p = join(dir, name);
      const raw = new Database(p);
      if (wal) raw.pragma('journal_mode = WAL');
      raw.exec(sql);
      raw.close();
      return p;
    };
    const cases: [string, () => string][] = [
      ['an application database', () => foreign('app.db', `CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine'); PRAGMA user_version = 3;`)],
      ['a database with its own runs table', () => foreign('other-runs.db', `CREATE TABLE runs (x TEXT); INSERT INTO runs VALUES ('keep me');`)],
      ['a WAL-mode database of another program', () => foreign('wal.db', `CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA application_id = 42;`, true)],
    ];
    it.each(cases)('refuses %s with one line and leaves it byte-identical, with no side files', async (_what, make) => {
      const path = make();
      const before = readFileSync(path);
      const siblings = readdirSync(dir).sort();
      for (const args of [['run', ...quickNative, '--no-report'], ['runs'], ['report'], ['compare', '--against', 'last'], ['stability']]) {
        const result = await cli([...args, '--db', path]);
        expectUsage(result, /^isobench: error: database path .* cannot be used: (it is an SQLite database that isobench did not create|its application_id is 0x2a)/);
      }
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(siblings);
    }, 60_000);

    it('uses an empty file as a new database', async () => {
      const path = join(dir, 'empty.db');
      writeFileSync(path, '');
      const result = await cli(['run', ...quickNative, '--no-report', '--db', path]);
      expect(result.exitCode, result.stderr).toBe(0);
      expect((await cli(['runs', '--db', path])).stdout).toMatch(/ complete /);
    }, 60_000);

    it('recognises a database of an earlier isobench (no application id) and migrates it', async () => {
      const path = join(dir, 'legacy.db');
      const raw = new Database(path);
      raw.exec(MIGRATIONS[0] as string);
      raw.pragma('user_version = 1');
      raw.close();
      const result = await cli(['run', ...quickNative, '--no-report', '--db', path]);
      expect(result.exitCode, result.stderr).toBe(0);
      const after = new Database(path, { readonly: true });
      expect(after.pragma('application_id', { simple: true })).toBe(0x69736f62);
      after.close();
    }, 60_000);
  });

  describe('read-only and odd places (class 5)', () => {
    it('--db /proc/forbidden/x.db ends at once with a usage error', async () => {
      const result = await execa('node', ['dist/cli/main.js', 'run', ...quickNative, '--db', '/proc/forbidden/x.db'], { reject: false, timeout: 20_000, env: { ISOBENCH_DB: '' } });
      expect(result.timedOut).toBe(false);
      expectUsage(result, /^isobench: error: database path \/proc\/forbidden\/x\.db cannot be used/);
    }, 30_000);

    it('--db :memory: is refused and creates no file', async () => {
      const result = await execa('node', [join(process.cwd(), 'dist/cli/main.js'), 'run', ...quickNative, '--db', ':memory:'], { reject: false, cwd: dir, env: { ISOBENCH_DB: '' } });
      expectUsage(result, /^isobench: error: database path ':memory:' is not accepted/);
      expect(existsSync(join(dir, ':memory:'))).toBe(false);
    });

    it('/dev/full/x.db names the device in words', async () => {
      const result = await cli(['runs', '--db', '/dev/full/x.db']);
      expectUsage(result, /^isobench: error: database path \/dev\/full\/x\.db cannot be used: \/dev\/full is a device, FIFO or socket, not a directory$/);
    });

    it('usage and engine errors leave no new database behind', async () => {
      const usage = join(dir, 'usage.db');
      expectUsage(await cli(['run', '--runtimes', 'native', '--workloads', 'cpu', '--baseline', 'kata', '--no-report', '--db', usage]), /baseline 'kata' is not a runtime of this run/);
      expect(existsSync(usage)).toBe(false);
      const engine = join(dir, 'engine.db');
      const lost = await cli(['run', '--runtimes', 'runc', '--workloads', 'cpu', '--db', engine], { DOCKER_HOST: 'tcp://127.0.0.1:9' });
      expect(lost.exitCode, lost.stderr).toBe(1);
      expect(lost.stderr).toMatch(/no Docker engine answers/);
      expect(readdirSync(dir).filter((f) => f.startsWith('engine.db'))).toEqual([]);
    }, 30_000);

    describe('on a read-only file system', () => {
      let mnt: string;
      let skip: string | null = null;
      beforeAll(async () => {
        mnt = join(dir, 'ro');
        mkdirSync(mnt);
        const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { reject: false });
        if (mounted.exitCode !== 0) {
          skip = `cannot mount a tmpfs here (${mounted.stderr.trim()}): needs root with CAP_SYS_ADMIN`;
          return;
        }
        const made = await cli(['run', ...quickNative, '--no-report', '--db', join(mnt, 'isobench.db')]);
        expect(made.exitCode, made.stderr).toBe(0);
        await execa('mount', ['-o', 'remount,ro', mnt]);
      }, 60_000);
      afterAll(async () => {
        if (skip === null) await execa('umount', ['-l', mnt], { reject: false });
      });

      it('runs, report and compare read it and leave no -wal/-shm', async (ctx) => {
        if (skip) ctx.skip(skip);
        const path = join(mnt, 'isobench.db');
        const runs = await cli(['runs', '--db', path]);
        expect(runs.exitCode, runs.stderr).toBe(0);
        expect(runs.stdout).toMatch(/ complete /);
        const report = await cli(['report', '--db', path]);
        expect(report.exitCode, report.stderr).toBe(0);
        expect(readdirSync(mnt)).toEqual(['isobench.db']);
      });
    });
  });
});
