import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI as a user runs it: the built entry point, from the repository root. */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });

interface AppRow { app: string; runtime: string; predicted: number; measured: number; error: number }

interface PredictJson {
  lacking: string[];
  nativeWallMs: number;
  runtimes: { runtime: string; slowdown: number; slowdownInterval: { low: number; high: number }; contributors: { name: string }[]; classEstimatedShare: number }[];
}

describe('isobench profile and predict end to end', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-predict-'));
    db = join(dir, 'isobench.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('profiles python3 natively, measures calls and syscall on native, runc and runsc, and predicts runsc slower than runc', async () => {
    const file = join(dir, 'profile.json');
    const profile = await cli(['profile', '--db', db, '--output', file, '--', 'python3', '-c', 'import json; print(1)']);
    expect(profile.exitCode, profile.stderr).toBe(0);
    expect(profile.stdout).toMatch(/^profile \S+: .*python3 -c import json; print\(1\)/);
    expect(profile.stderr).toMatch(/traced run \(strace -c -f\)/);
    // a dynamically linked interpreter: its faults hit anonymous memory, file pages read and file pages copied
    // on write (the loader's relocations); all three counted, with the untraced count of the same order
    type Kinds = { anonymous: number; file: number };
    type Stored = { events: { pageFaults: number; faultKinds: Record<string, number>; mmapKinds: Kinds } };
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    const kinds = stored.events.faultKinds;
    for (const k of ['anonymous', 'anonymousRegion', 'fileRead', 'fileWrite']) expect(kinds[k], k).toBeGreaterThan(0);
    // its heap and stack are fresh 2 MiB regions first touched once each, and then touched page after page
    expect(kinds.anonymousRegion).toBeLessThan(kinds.anonymous as number);
    const traced = Object.values(kinds).reduce((a, b) => a + b, 0);
    expect(traced).toBeGreaterThan(stored.events.pageFaults / 2);
    expect(traced).toBeLessThan(stored.events.pageFaults * 2);
    const anonymous = /\d+ anonymous of which \d+ first in a 2 MiB region/.source;
    const files = /\d+ file reads, \d+ file writes, as traced/.source;
    expect(profile.stdout).toMatch(new RegExp(`page faults \\d+ \\(${anonymous}, ${files}\\)`));
    // its loader maps libraries (file mmaps) and malloc and the loader make anonymous ones: both told apart
    const strace = (JSON.parse(readFileSync(file, 'utf8')) as { syscalls: { name: string; calls: number }[] }).syscalls;
    const mmaps = strace.find((c) => c.name === 'mmap')?.calls ?? 0;
    const told = stored.events.mmapKinds;
    expect(told.file).toBeGreaterThan(0);
    expect(told.anonymous).toBeGreaterThan(0);
    expect(told.file + told.anonymous).toBeLessThanOrEqual(mmaps * 2);
    expect(profile.stdout).toMatch(/mmaps \d+ anonymous, \d+ of files \(as traced\)/);
    // malloc grows its heap by brk (and may trim it): the brks are counted, those shrinking written heap apart
    type Remaps = { events: { remaps: Record<string, number> } };
    const remaps = (JSON.parse(readFileSync(file, 'utf8')) as Remaps).events.remaps;
    expect(remaps['brk']).toBeGreaterThan(0);
    expect(remaps['brkShrinkWritten']).toBeLessThanOrEqual(remaps['brk'] as number);
    expect(profile.stdout).toMatch(/\d+ of \d+ brks \(shrinking written heap\)/);
    // the same run traced every call and timed the user-space stretch before each: some, not all, follow one
    type Counts = 'syscalls' | 'afterIdle' | 'faults' | 'faultsAfterIdle' | 'afterLongIdle' | 'faultsAfterLongIdle';
    type Idle = { events: { idle: Record<Counts, number> } };
    const idle = (JSON.parse(readFileSync(file, 'utf8')) as Idle).events.idle;
    const faults = stored.events.pageFaults;
    const calls = strace.reduce((sum, c) => sum + c.calls, 0);
    expect(idle.syscalls).toBeGreaterThan(calls / 2);
    expect(idle.syscalls).toBeLessThan(calls * 2);
    expect(idle.afterIdle).toBeGreaterThan(0);
    expect(idle.afterIdle).toBeLessThan(idle.syscalls);
    // and its page faults: about as many as perf stat counted untraced, some, not all, after a stretch
    expect(idle.faults).toBeGreaterThan(faults / 2);
    expect(idle.faults).toBeLessThan(faults * 2);
    expect(idle.faultsAfterIdle).toBeGreaterThan(0);
    expect(idle.faultsAfterIdle).toBeLessThan(idle.faults);
    // of those, the ones after a long stretch (≥ 200 µs) are counted apart: at most as many
    expect(Number.isInteger(idle.afterLongIdle)).toBe(true);
    expect(idle.afterLongIdle).toBeLessThanOrEqual(idle.afterIdle);
    expect(idle.faultsAfterLongIdle).toBeLessThanOrEqual(idle.faultsAfterIdle);
    const long = /, \d+ and \d+ of them after ≥ 200 µs/.source;
    const counted = /\d+ of \d+ calls and \d+ of \d+ faults/.source;
    const stretches = new RegExp(`${counted} after ≥ 20 µs in user space${long} \\(as traced\\)`);
    expect(profile.stdout).toMatch(stretches);
    const listed = await cli(['profiles', '--db', db]);
    expect(listed.stdout.split('\n').filter((l) => l.includes('python3'))).toHaveLength(1);

    // python too: the run then profiles python's commands natively and its report checks the prediction on them
    const run = await cli(['run', '--quick', '--runtimes', 'native,runc,runsc', '--workloads', 'calls,syscall,python', '--seed', '3', '--no-report', '--db', db]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/validation: profiling python\/startup natively/);

    const id = (/^profile (\S+):/.exec(profile.stdout) as RegExpExecArray)[1] as string;
    for (const ref of [id, file]) {
      const predicted = await cli(['predict', ref, '--format', 'json', '--runtimes', 'runc,runsc,kata', '--db', db]);
      expect(predicted.exitCode, predicted.stderr).toBe(0);
      const p = JSON.parse(predicted.stdout) as PredictJson;
      expect(p.lacking).toEqual(['kata']);
      expect(predicted.stderr).toMatch(/no per-call costs for kata/);
      const of = (rt: string) => p.runtimes.find((r) => r.runtime === rt) as PredictJson['runtimes'][number];
      // gVisor costs µs per call (tens on ptrace); runc adds little: the orderings, never a figure
      expect(of('runsc').slowdown).toBeGreaterThan(of('runc').slowdown);
      expect(of('runsc').slowdown).toBeGreaterThan(1);
      for (const r of p.runtimes) {
        expect(r.slowdownInterval.low).toBeLessThanOrEqual(r.slowdown);
        expect(r.slowdownInterval.high).toBeGreaterThanOrEqual(r.slowdown);
        expect(r.contributors.length).toBeGreaterThan(0);
        expect(r.classEstimatedShare).toBeGreaterThanOrEqual(0);
        expect(r.classEstimatedShare).toBeLessThanOrEqual(1);
      }
    }
    // on a terminal (script(1) gives one) the run's long command lines are cut, unless --no-trunc; piped they are whole
    const onTty = (args: string) => {
      const command = `node dist/cli/main.js profiles --db '${db}' ${args}`;
      return execa('script', ['-qec', command, '/dev/null'], { reject: false, env: { ISOBENCH_DB: '' } });
    };
    const launched = (out: string) => out.split(/\r?\n/).filter((l) => l.includes('apprun'));
    for (const [lines, cut] of [
      [launched((await onTty('')).stdout), true],
      [launched((await onTty('--no-trunc')).stdout), false],
      [launched((await cli(['profiles', '--db', db])).stdout), false],
    ] as const) {
      expect(lines.length).toBe(3); // python's three commands, launched by apprun
      for (const l of lines) expect(l.endsWith('…'), l).toBe(cut);
    }
    const table = await cli(['predict', id, '--db', db]);
    expect(table.stdout).toMatch(/runsc\s+\d/);

    const report = await cli(['report', '--format', 'json', '--db', db]);
    expect(report.exitCode, report.stderr).toBe(0);
    const check = (JSON.parse(report.stdout) as { appCheck: { rows: AppRow[]; costRun: string; unmeasured: string[] } }).appCheck;
    expect(check.unmeasured).toEqual([]);
    expect(check.rows.map((r) => `${r.app} ${r.runtime}`).sort()).toEqual(
      ['import_start', 'loop', 'startup'].flatMap((m) => [`python/${m} runc`, `python/${m} runsc`]));
    const row = (app: string, rt: string) => check.rows.find((r) => r.app === app && r.runtime === rt) as AppRow;
    for (const r of check.rows) expect(r.error).toBeCloseTo(r.predicted - r.measured, 9);
    // an import-heavy start makes thousands of file calls, each far dearer under gVisor: the model must say so
    expect(row('python/import_start', 'runsc').predicted).toBeGreaterThan(row('python/import_start', 'runc').predicted);
    expect(row('python/import_start', 'runsc').predicted).toBeGreaterThan(1);
    const text = await cli(['report', '--db', db, '--wide']);
    expect(text.stdout).toMatch(/prediction check: predicted vs measured slowdown/);
    expect(text.stdout).toMatch(/python\/import_start\s+runsc\s+\d+\.\d\d×\s+\d+\.\d\d×/);

    // a profile an older isobench stored (a field this one needs is gone): named where it is left out, never silent
    const old = join(dir, 'old.db');
    copyFileSync(db, old);
    const raw = new Database(old);
    const oldRow = raw.prepare('SELECT profile_json FROM profiles WHERE id = ?').get(id) as { profile_json: string };
    const json = JSON.parse(oldRow.profile_json) as Record<string, unknown>;
    delete json.syscalls;
    raw.prepare('UPDATE profiles SET profile_json = ? WHERE id = ?').run(JSON.stringify(json), id);
    raw.close();
    const listedOld = await cli(['profiles', '--db', old]);
    expect(listedOld.exitCode).toBe(0);
    expect(listedOld.stdout).not.toContain(id);
    const notice = `^isobench: notice: profile ${id} is stored but no longer reads as a profile \\(syscalls: [^\n]*\\)`;
    expect(listedOld.stderr).toMatch(new RegExp(`${notice}: written by an older isobench\\?; not listed$`));
    const predictOld = await cli(['predict', id, '--db', old]);
    expect(predictOld.exitCode).toBe(2);
    const refused = `^isobench: error: profile ${id} is stored but no longer reads as a profile \\(syscalls`;
    expect(predictOld.stderr).toMatch(new RegExp(refused));
  }, 600_000);

  it('refuses bad input with one line and exit 2, before any work', async () => {
    const notProfile = join(dir, 'not-a-profile.json');
    writeFileSync(notProfile, '{"hello": 1}\n');
    const cases: [string[], RegExp][] = [
      [['profile', '--db', db], /no command to profile/],
      [['profile', '--db', db, '--', 'no-such-command-here'], /command 'no-such-command-here' not found/],
      [['profile', '--db', db, '--pid', '1'], /--pid needs --duration/],
      [['predict', notProfile, '--db', db], /is not an isobench profile \(format:/],
      [['predict', 'no-such-profile', '--db', db], /no profile 'no-such-profile'|no isobench database/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const noStrace = await execa(process.execPath, ['dist/cli/main.js', 'profile', '--db', db, '--', '/bin/true'], { reject: false, env: { ISOBENCH_DB: '', PATH: '/nonexistent' } });
    expect(noStrace.exitCode).toBe(2);
    expect(noStrace.stderr.split('\n')[0]).toMatch(/needs the tracer strace/);
  }, 60_000);
});
