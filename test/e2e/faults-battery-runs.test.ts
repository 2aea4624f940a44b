import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';

/**
 * Issue 13's battery, part two, through the real CLI: run status and the compare gate, checks
 * done before the first trial, a trial shown ok is stored, dead runs, untrusted stored text.
 */
const cli = (args: string[], env: Record<string, string> = {}) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '', ...env } });
const native = (workloads: string, reps = 1, budgetMs = 5) => ['--mode', 'process', '--runtimes', 'native',
  '--workloads', workloads, '--repetitions', String(reps), '--samples', '1',
  '--budget-ms', String(budgetMs), '--warmup-ms', '5', '--no-report'];
/** Every trial of this run times out: a 3 s repetition against a 1 s trial timeout. */
const allFail = ['--mode', 'process', '--runtimes', 'native', '--workloads', 'cpu', '--repetitions', '2',
  '--samples', '1', '--budget-ms', '3000', '--warmup-ms', '0', '--trial-timeout', '1', '--no-report'];

function expectUsage(result: { exitCode?: number; stderr: string }, message: RegExp): void {
  expect(result.exitCode, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n')[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at |unexpected error/);
}

const runIdOf = (stderr: string): string => /^run (\S+): /m.exec(stderr)?.[1] ?? '';

/** A process that holds the write lock of `db` (as another isobench would, in WAL mode) for `ms`. */
function holdLock(db: string, ms: number) {
  const script = `const D = require('better-sqlite3'); const d = new D(process.argv[1], { timeout: 0 }); d.pragma('journal_mode = WAL');
    d.exec('BEGIN IMMEDIATE'); console.log('held'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms}); d.exec('ROLLBACK'); d.close();`;
  return execa('node', ['-e', script, db], { reject: false });
}

describe('issue 13: status, gate, checks, storage, text', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-battery-runs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('a gate that can fail (class 3)', () => {
    let db: string;
    let good: string;
    let failed: string;
    beforeAll(async () => {
      db = join(dir, 'gate.db');
      const a = await cli(['run', ...native('cpu,syscall'), '--db', db]);
      expect(a.exitCode, a.stderr).toBe(0);
      good = runIdOf(a.stderr);
      const b = await cli(['run', ...allFail, '--db', db]);
      expect(b.exitCode, b.stderr).toBe(1);
      expect(b.stderr).toMatch(/ failed: 0 trials ok, 2 failed/);
      failed = runIdOf(b.stderr);
    }, 90_000);

    it('a run whose every trial failed is shown failed, not complete', async () => {
      const runs = await cli(['runs', '--format', 'csv', '--db', db]);
      expect(runs.stdout).toMatch(new RegExp(`^${failed},[^,]*,[^,]*,failed,`, 'm'));
      expect((await cli(['report', failed, '--db', db])).stdout).toMatch(/RUN FAILED/);
    });

    it('compare --against last fails when it compares nothing', async () => {
      const result = await cli(['compare', '--against', 'last', '--db', db]);
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/gate fails: compared nothing/);
    });

    it('skips the failed run as a base, and fails when a base metric is missing from the new run', async () => {
      const c = await cli(['run', ...native('cpu'), '--db', db]);
      expect(c.exitCode, c.stderr).toBe(0);
      const result = await cli(['compare', '--against', 'last', '--db', db]);
      expect(result.stdout).toContain(good);
      expect(result.stdout).not.toContain(failed);
      expect(result.exitCode, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/gate fails: 7 metric\(s\) of run \S+ are missing from run \S+: native syscall\/futex_wake/);
    }, 60_000);

    it('a run with some failed trials is partial and not a base; compare X X warns', async () => {
      const partialDb = join(dir, 'partial.db');
      const ok = await cli(['run', ...native('cpu'), '--db', partialDb]);
      // cpu (1 metric) fits in the 1 s trial timeout, syscall (7 metrics of 300 ms) does not
      const mixed = await cli(['run', '--mode', 'process', '--runtimes', 'native', '--workloads', 'cpu,syscall',
        '--repetitions', '1', '--samples', '1', '--budget-ms', '300', '--warmup-ms', '0', '--trial-timeout', '1',
        '--no-report', '--db', partialDb]);
      expect(mixed.exitCode, mixed.stderr).toBe(1);
      expect(mixed.stderr).toMatch(/ partial: 1 trials ok, 1 failed/);
      expect((await cli(['runs', '--format', 'csv', '--db', partialDb])).stdout).toMatch(new RegExp(`^${runIdOf(mixed.stderr)},[^,]*,[^,]*,partial,`, 'm'));
      const later = await cli(['run', ...native('cpu'), '--db', partialDb]);
      const gate = await cli(['compare', '--against', 'last', '--db', partialDb]);
      expect(gate.stdout).toContain(runIdOf(ok.stderr));
      expect(gate.stdout).not.toContain(runIdOf(mixed.stderr));
      const id = runIdOf(later.stderr);
      const same = await cli(['compare', id, id, '--db', partialDb]);
      expect(same.stderr).toMatch(new RegExp(`warning: comparing run ${id} with itself`));
    }, 60_000);

    it('an ambiguous run prefix lists the runs it matches', async () => {
      const result = await cli(['report', '2', '--db', db]);
      expectUsage(result, new RegExp(`^isobench: error: run prefix '2' is ambiguous in .*: it matches ${good}, ${failed}, `));
    });
  });

  describe('every argument checked before the first trial, the same way everywhere (class 6)', () => {
    it('run --baseline kata --no-report is rejected before any trial or database', async () => {
      const db = join(dir, 'baseline.db');
      const result = await cli(['run', ...native('cpu'), '--baseline', 'kata', '--db', db]);
      expectUsage(result, /^isobench: error: baseline 'kata' is not a runtime of this run$/);
      expect(result.stderr).not.toMatch(/\[1\/1\]/);
    });

    it('stability --baseline follows the same rule as report --baseline', async () => {
      const db = join(dir, 'stability.db');
      for (let i = 0; i < 2; i += 1) expect((await cli(['run', ...native('cpu'), '--db', db])).exitCode).toBe(0);
      expectUsage(await cli(['report', '--baseline', 'kata', '--db', db]), /^isobench: error: baseline 'kata' is not a runtime of run \S+$/);
      expectUsage(await cli(['stability', '--baseline', 'kata', '--db', db]), /^isobench: error: baseline 'kata' is not a runtime of the 2 run\(s\) of host /);
      expect((await cli(['stability', '--baseline', 'native', '--db', db])).exitCode).toBe(0);

      const claim = (measure: Record<string, string>, id: string) => ({
        id, source: { document: 'd', section: 's' }, quote: 'q', tier: 'sandbox', subject: 's',
        measure: { workload: 'syscall', metric: 'getppid', target: 'runsc', quantity: 'value', ...measure }, claimed: { min: null, max: 2, unit: 'us/op' },
      });
      const bad = join(dir, 'bad-claims.json');
      for (const [measure, message] of [
        [{ workload: 'sycall' }, /measure\.workload: unknown workload 'sycall'; accepted: syscall,/],
        [{ metric: 'getpid' }, /measure\.metric: 'getpid' is not a metric of syscall; accepted: getppid,/],
        [{ target: 'rnsc' }, /measure\.target: unknown runtime 'rnsc'; accepted: native, runc,/],
      ] as const) {
        writeFileSync(bad, JSON.stringify({ claims: [claim(measure, 'my.claim')] }));
        const result = await cli(['report', '--claims', bad, '--db', db]);
        expect(result.exitCode).toBe(2);
        expect(result.stderr).toMatch(message);
      }
      const big = join(dir, 'big-claims.json');
      writeFileSync(big, JSON.stringify({ claims: Array.from({ length: 200_000 }, (_, i) => claim({}, `my.c${i}`)) }));
      // every claim judged (json lists them all; the table shows the judged ones and counts the rest). The report
      // is >100 MB: it goes to a file, not into memory (execa stops buffering at 100 MB, and an assertion on the
      // whole text would carry all of it into the test runner's message)
      const out = join(dir, 'big-report.json');
      const judged = await execa('sh', ['-c', 'exec node dist/cli/main.js report --claims "$1" --format json --db "$2" > "$3"', 'sh', big, db, out],
        { reject: false, env: { ISOBENCH_DB: '' } });
      expect(judged.exitCode, judged.stderr.slice(0, 500)).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text.endsWith('}\n'), 'the report ends as a JSON document').toBe(true);
      expect(text.includes('"id": "my.c199999"'), 'the last claim is in the report').toBe(true);
      rmSync(out);
    }, 180_000);
  });

  describe('a trial shown ok is stored (class 7)', () => {
    it('waits out another process holding the database for 8 s and stores every trial it printed ok', async () => {
      const db = join(dir, 'locked.db');
      const run = cli(['run', ...native('cpu', 8, 150), '--db', db]);
      let holder: ReturnType<typeof holdLock> | null = null;
      run.stderr?.on('data', (d: Buffer) => {
        if (!holder && /^\[1\/8\] /m.test(d.toString())) holder = holdLock(db, 8_000);
      });
      const result = await run;
      await holder;
      expect(holder).not.toBeNull();
      expect(result.exitCode, result.stderr).toBe(0);
      const printedOk = result.stderr.split('\n').filter((l) => /^\[\d+\/8\] native cpu #\d+ ok /.test(l)).length;
      const raw = new Database(db, { readonly: true });
      const stored = (raw.prepare(`SELECT count(*) AS n FROM trials WHERE status = 'ok'`).get() as { n: number }).n;
      raw.close();
      expect(printedOk).toBe(8);
      expect(stored).toBe(8);
    }, 90_000);

    it('a lock that outlasts the wait stops the run with one line; every trial printed ok is stored; the run is not left running', async () => {
      const db = join(dir, 'stuck.db');
      const run = cli(['run', ...native('cpu', 8, 150), '--db', db], { ISOBENCH_LOCK_WAIT_S: '2' });
      let holder: ReturnType<typeof holdLock> | null = null;
      run.stderr?.on('data', (d: Buffer) => {
        if (!holder && /^\[1\/8\] /m.test(d.toString())) holder = holdLock(db, 10_000);
      });
      const result = await run;
      await holder;
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/isobench: error: database .*stuck\.db: cannot record trial: it is locked by another process/);
      expect(result.stderr).toMatch(/finished trials are kept/);
      const printedOk = result.stderr.split('\n').filter((l) => / ok /.test(l) && /^\[\d+\/8\]/.test(l)).length;
      const raw = new Database(db, { readonly: true });
      const stored = (raw.prepare(`SELECT count(*) AS n FROM trials WHERE status = 'ok'`).get() as { n: number }).n;
      raw.close();
      expect(stored).toBe(printedOk);
      expect((await cli(['runs', '--format', 'csv', '--db', db])).stdout).not.toMatch(/,running,/);
    }, 90_000);

    it('a SIGKILLed run shows as dead in runs and report', async () => {
      const db = join(dir, 'killed.db');
      const run = cli(['run', ...native('cpu', 50, 100), '--db', db]);
      await new Promise<void>((resolve) => run.stderr?.on('data', (d: Buffer) => /^\[1\/50\] /m.test(d.toString()) && resolve()));
      run.kill('SIGKILL');
      await run;
      expect((await cli(['runs', '--format', 'csv', '--db', db])).stdout).toMatch(/,dead,/);
      expect((await cli(['report', '--db', db])).stdout).toMatch(/RUN DEAD: its isobench process is gone/);
    }, 60_000);
  });

  it('runs prints stored strings sanitised: no escape sequence, no fake row (class 8)', async () => {
    const db = join(dir, 'evil.db');
    const store = Store.open(db);
    const host = { hostname: 'evil\u001b]0;pwned\u0007\nfake\trow', kernel: 'k', os: 'o', cpuModel: 'c', cpus: 1, memTotalBytes: 1, virtualised: false, hardwareVirtualisation: false, kvmDevice: false, dockerVersion: null, dockerApiVersion: null, cgroup: null };
    store.createRun({ id: '20261201-000000-e\u001b[2J', startedAt: '2026-12-01T00:00:00.000Z', seed: 1, host, config: {}, targets: [{ target: 'native', engine: null, engineVersion: null, engineRuntime: null, runtimeBinary: null, tier: 'native', version: null, flags: [], configFiles: [] }] });
    store.finishRun('20261201-000000-e\u001b[2J', 'complete', '2026-12-01T00:00:01.000Z');
    store.close();
    const result = await cli(['runs', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(0);
    const control = [...result.stdout].filter((c) => (c.charCodeAt(0) < 0x20 && c !== '\t' && c !== '\n') || c.charCodeAt(0) === 0x7f);
    expect(control).toEqual([]);
    // a header and one row: the newline in the host name made no second row
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stdout.split('\n')[1]).toMatch(/^20261201-000000-e\?\[2J +2026-12-01 00:00:00 +evil\?\]0;pwned\?\?fake\?row +complete /);
    // and in error messages, which quote stored run ids and the user's own arguments
    const missing = await cli(['report', 'nope\u001b]0;x\u0007', '--db', db]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).not.toContain('\u001b');
    expect(missing.stderr).toMatch(/^isobench: error: no run 'nope\?\]0;x\?' in /);
  });

  it('profile, profiles and predict print a stored command line sanitised (class 8)', async () => {
    const db = join(dir, 'evil-profile.db');
    const evil = 'true \u001b]0;pwned\u0007\u001b[31mred\nfake\trow';
    const made = await cli(['profile', '--db', db, '--runs', '1', '--', 'sh', '-c', evil]);
    expect(made.exitCode, made.stderr).toBe(0);
    const listed = await cli(['profiles', '--db', db]);
    expect(listed.exitCode, listed.stderr).toBe(0);
    for (const text of [made.stdout, listed.stdout]) expect(text).not.toContain('\u001b');
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    expect(listed.stdout).toMatch(/sh -c true \?\]0;pwned\?\?\[31mred fake row$/m);
  });

  it('doctor says "no Docker engine answers" once (class 9)', async () => {
    const result = await cli(['doctor', '--no-smoke'], { DOCKER_HOST: 'tcp://127.0.0.1:9' });
    expect(result.stdout.match(/no Docker engine answers/g)).toHaveLength(1);
  }, 30_000);
});
