import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IsobenchError } from '../../src/errors.js';
import type { FinishedTrial, HostFacts, NewRun } from '../../src/store/records.js';
import { APPLICATION_ID } from '../../src/store/identity.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { Store } from '../../src/store/store.js';
import { buildProfile } from '../../src/profile/profile.js';

const host: HostFacts = {
  hostname: 'h1', kernel: '6.1', os: 'Debian', cpuModel: 'cpu', cpus: 2, memTotalBytes: 1, virtualised: true,
  hardwareVirtualisation: false, kvmDevice: true, dockerVersion: '20.10', dockerApiVersion: '1.41', cgroup: 'hybrid',
};

const newRun = (id: string, startedAt = '2026-11-23T00:00:00.000Z'): NewRun => ({
  id, startedAt, seed: 7, host, config: { quick: true },
  targets: [
    { target: 'native', engine: null, engineVersion: null, engineRuntime: null, runtimeBinary: null, tier: 'native', version: '6.1', flags: [], configFiles: [] },
    { target: 'runsc', engine: 'docker', engineVersion: null, engineRuntime: 'runsc', runtimeBinary: null, tier: 'sandbox', version: 'runsc version x', flags: ['--network=host'], configFiles: [] },
  ],
});

const trial = (seq: number, target: string, values: number[], status: FinishedTrial['status'] = 'ok'): FinishedTrial => ({
  seq, target, workload: 'syscall', repetition: 0, status, reason: status === 'ok' ? null : 'boom', stderrTail: null,
  startedAt: '2026-11-23T00:00:01.000Z', durationMs: 12.5,
  samples: values.map((value, rep) => ({ metric: 'getppid', unit: 'ns/op', value, iterations: 1000, rep })),
});

describe('Store', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-store-'));
    path = join(dir, 'sub', 'isobench.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the application profiles of a run with it, and finds them again by run', () => {
    const store = Store.open(path);
    store.createRun(newRun('r1'));
    const profile = (id: string) => buildProfile({
      id, createdAt: '2026-12-01T00:00:00Z', hostname: 'h1', subject: { kind: 'command', argv: ['/apprun', 'time'] },
      tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [12, 10, 11], exitCode: 0, tracedWallMs: 30,
      syscalls: [{ name: 'read', calls: 5, errors: 0, tracedSeconds: 0 }],
      perf: { wallMs: null, cpuMs: 9, pageFaults: 100, minorFaults: 100, majorFaults: 0, contextSwitches: 2, userMs: null },
    });
    store.saveRunProfile('r1', 'python', 'startup', profile('p1'));
    store.saveRunProfile('r1', 'build', 'build', profile('p2'));
    const found = store.runProfiles('r1').profiles;
    expect(found.map((f) => `${f.workload}/${f.metric}=${f.profile.id}`)).toEqual(['build/build=p2', 'python/startup=p1']);
    expect(found[1]?.profile.native.wallMs).toBe(11);
    expect(store.runProfiles('other')).toEqual({ profiles: [], unreadable: [] });
    expect(store.listProfiles().profiles.map((p) => p.id)).toEqual(['p1', 'p2']);
    store.close();
  });

  it('lists the runs a prefix matches oldest first, though ids of one second sort by their random tail', () => {
    const store = Store.open(path);
    store.createRun(newRun('20261202-002405-f00d', '2026-12-02T00:24:05.100Z'));
    store.createRun(newRun('20261202-002405-0bad', '2026-12-02T00:24:05.900Z'));
    store.createRun(newRun('20261202-002406-aaaa', '2026-12-02T00:24:06.000Z'));
    const inOrder = ['20261202-002405-f00d', '20261202-002405-0bad', '20261202-002406-aaaa'];
    expect(store.runIdsWithPrefix('2026', 5)).toEqual(inOrder);
    expect(store.runIdsWithPrefix('20261202-002405', 1)).toEqual(['20261202-002405-f00d']);
    store.close();
  });

  it('names the stored profiles that no longer read as profiles, everywhere, and leaves them out', () => {
    const store = Store.open(path);
    store.createRun(newRun('r1'));
    const good = buildProfile({
      id: 'good', createdAt: '2026-12-01T00:00:00Z', hostname: 'h1', subject: { kind: 'command', argv: ['/bin/true'] },
      tracerVersion: '6.1', tracerArgv: ['strace'], untracedWallMs: [1], exitCode: 0, tracedWallMs: 2, syscalls: [],
      perf: { wallMs: null, cpuMs: 1, pageFaults: 1, minorFaults: 1, majorFaults: 0, contextSwitches: 0, userMs: null },
    });
    store.saveRunProfile('r1', 'python', 'startup', good);
    store.saveRunProfile('r1', 'build', 'build', { ...good, id: 'old' });
    store.close();
    // an older isobench's profile: a field this one requires is missing
    const raw = new Database(path);
    const stored = raw.prepare(`SELECT profile_json FROM profiles WHERE id = 'old'`).get() as { profile_json: string };
    const old = JSON.parse(stored.profile_json) as Record<string, unknown>;
    delete old.native;
    raw.prepare(`UPDATE profiles SET profile_json = ? WHERE id = 'old'`).run(JSON.stringify(old));
    raw.close();
    const again = Store.open(path);
    const run = again.runProfiles('r1');
    expect(run.profiles.map((p) => p.profile.id)).toEqual(['good']);
    expect(run.unreadable).toEqual([{ id: 'old', reason: expect.stringMatching(/^native: /) as string }]);
    expect(again.listProfiles().unreadable.map((u) => u.id)).toEqual(['old']);
    expect(again.findProfile('old')).toEqual({ id: 'old', reason: expect.stringMatching(/^native: /) as string });
    expect(again.findProfile('good')).toHaveProperty('profile.id', 'good');
    again.close();
  });

  it('creates the schema at the latest version, in WAL mode while open and a single file at rest, and reopens it', () => {
    const store = Store.open(path);
    const during = new Database(path);
    expect(during.pragma('journal_mode', { simple: true })).toBe('wal');
    during.close();
    store.close();
    expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    const again = Store.open(path);
    expect(again.integrityCheck()).toBe('ok');
    again.close();
  });

  it('stores runs, targets, trials and samples, and reads them back', () => {
    const store = Store.open(path);
    store.createRun(newRun('20261123-000000-aaaa'));
    store.recordTrial('20261123-000000-aaaa', trial(0, 'native', [150, 152]));
    store.recordTrial('20261123-000000-aaaa', trial(1, 'runsc', [70_000, 71_000]));
    store.recordTrial('20261123-000000-aaaa', trial(2, 'runsc', [], 'failed'));
    store.finishRun('20261123-000000-aaaa', 'complete', '2026-11-23T00:01:00.000Z');
    const run = store.findRun('latest');
    // complete with a failed trial is shown as partial (issue 13)
    expect(run).toMatchObject({ id: '20261123-000000-aaaa', status: 'partial', seed: 7, trialCounts: { ok: 2, failed: 1, skipped: 0, interrupted: 0 } });
    expect(run?.targets.map((t) => [t.target, t.flags])).toEqual([['native', []], ['runsc', ['--network=host']]]);
    const samples = store.samples('20261123-000000-aaaa');
    expect(samples.map((s) => [s.target, s.tier, s.value])).toEqual([['native', 'native', 150], ['native', 'native', 152], ['runsc', 'sandbox', 70_000], ['runsc', 'sandbox', 71_000]]);
    store.close();
  });

  it('finds runs by a unique prefix and not by an ambiguous one', () => {
    const store = Store.open(path);
    store.createRun(newRun('20261123-000000-aaaa'));
    store.createRun(newRun('20261123-000000-abbb', '2026-11-23T01:00:00.000Z'));
    expect(store.findRun('20261123-000000-aa')?.id).toBe('20261123-000000-aaaa');
    expect(store.findRun('20261123-000000-a')).toBeUndefined();
    expect(store.findRun('latest')?.id).toBe('20261123-000000-abbb');
    expect(store.findRun('nope')).toBeUndefined();
    store.close();
  });

  it('writes a trial all or nothing', () => {
    const store = Store.open(path);
    store.createRun(newRun('r1'));
    store.recordTrial('r1', trial(0, 'native', [1]));
    // the same seq again violates UNIQUE(run_id, seq): neither the trial nor its samples may stay
    expect(() => store.recordTrial('r1', trial(0, 'native', [2, 3]))).toThrow(IsobenchError);
    expect(store.samples('r1').map((s) => s.value)).toEqual([1]);
    expect(store.trials('r1')).toHaveLength(1);
    store.close();
  });

  it('marks runs whose process is gone as interrupted', () => {
    const store = Store.open(path);
    store.createRun(newRun('r1'));
    expect(store.markAbandonedRuns('h1', () => true, 'now')).toEqual([]);
    expect(store.markAbandonedRuns('other-host', () => false, 'now')).toEqual([]);
    expect(store.markAbandonedRuns('h1', () => false, '2026-11-23T02:00:00.000Z')).toEqual(['r1']);
    expect(store.findRun('r1')).toMatchObject({ status: 'interrupted', finishedAt: '2026-11-23T02:00:00.000Z' });
    store.close();
  });

  it('rejects a path that cannot hold a database as a usage error (exit 2), before SQLite sees it', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'text');
    const usage = (p: string): IsobenchError | undefined => {
      try {
        Store.open(p).close();
      } catch (error) {
        return error as IsobenchError;
      }
      return undefined;
    };
    expect(usage(dir)).toMatchObject({ exitCode: 2, message: `database path ${dir} cannot be used: it is a directory, not a database file` });
    expect(usage(join(file, 'sub', 'x.db'))).toMatchObject({ exitCode: 2, message: `database path ${join(file, 'sub', 'x.db')} cannot be used: ${file} is a file, not a directory` });
    expect(usage(file)).toMatchObject({ exitCode: 2, message: `database path ${file} cannot be used: it is not an SQLite database` });
  });

  it('opens an up-to-date database without taking the write lock (another isobench may hold it)', () => {
    Store.open(path).close();
    const other = new Database(path, { timeout: 0 });
    other.pragma('journal_mode = WAL'); // as an isobench that holds it has it
    other.exec('BEGIN IMMEDIATE');
    try {
      const store = Store.open(path);
      expect(store.integrityCheck()).toBe('ok');
      expect(store.listRuns()).toEqual([]);
      store.close();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('gives a clear error for a file that is not a database, a missing one, and a newer schema', () => {
    const bogus = join(dir, 'bogus.db');
    writeFileSync(bogus, 'this is not sqlite, it is plain text and long enough to have a header'.repeat(10));
    expect(() => Store.open(bogus)).toThrow(/not an SQLite database/);
    expect(() => Store.open(join(dir, 'missing.db'), { readonly: true })).toThrow(/cannot be opened/);
    Store.open(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => Store.open(path)).toThrow(/newer isobench/);
  });

  it('says the database is locked when another writer holds it', () => {
    const store = Store.open(path, { lockWaitMs: 1_000 });
    store.createRun(newRun('r1'));
    const other = new Database(path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      expect(() => store.recordTrial('r1', trial(0, 'native', [1]))).toThrow(/locked by another process/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      store.close();
    }
  });
});
