/**
 * The report commands a person reads first, end to end on a synthetic database (no Docker):
 * the summary at the top within 80 and 120 columns, no colour when piped, `claims --format csv`
 * one row per claim, several exports in one pass, `runs` with workloads and quick, and which
 * database was used.
 */
import {
  existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostFacts, TargetRecord } from '../../src/store/records.js';
import { Store } from '../../src/store/store.js';

const cli = (args: string[], env: Record<string, string> = {}) =>
  execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '', NO_COLOR: '', ...env } });

const host: HostFacts = {
  hostname: 'bench-e2e', kernel: '6.1', os: 'Debian', cpuModel: 'test CPU', cpus: 2, memTotalBytes: 8e9, virtualised: true,
  hardwareVirtualisation: true, kvmDevice: true, dockerVersion: '20.10.24', dockerApiVersion: '1.41', cgroup: 'hybrid',
};
const targets: TargetRecord[] = [
  { target: 'native', engine: null, engineVersion: null, runtimeBinary: null, configFiles: [], engineRuntime: null, tier: 'native', version: null, flags: [] },
  { target: 'runc', engine: 'docker', engineVersion: null, runtimeBinary: null, configFiles: [], engineRuntime: 'runc', tier: 'container', version: '1.1', flags: ['seccomp=docker-default'] },
  { target: 'runsc', engine: 'docker', engineVersion: null, runtimeBinary: null, configFiles: [], engineRuntime: 'runsc', tier: 'sandbox', version: 'release-x', flags: ['--network=host', 'platform=ptrace (default)'] },
];
const CENTRES: Record<string, Record<string, number>> = {
  native: { getppid: 200, hash_4k: 900_000 }, runc: { getppid: 240, hash_4k: 899_000 }, runsc: { getppid: 22_000, hash_4k: 898_000 },
};

describe('report commands end to end (synthetic database)', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-report-'));
    db = join(dir, 'isobench.db');
    const store = Store.open(db);
    const config = { quick: true, workloads: ['syscall', 'cpu'], repetitions: 3, budget: { repetitions: 3, repBudgetMs: 50, warmupMs: 50 }, engine: { storageDriver: 'overlay2' } };
    store.createRun({ id: 'run-1', startedAt: '2026-11-20T02:00:00.000Z', seed: 7, host, config, targets });
    let seq = 0;
    for (let repetition = 0; repetition < 3; repetition++) {
      for (const { target } of targets) {
        for (const [workload, metric, unit] of [['syscall', 'getppid', 'ns/op'], ['cpu', 'hash_4k', 'ops/s']] as const) {
          const centre = CENTRES[target]?.[metric] ?? 1;
          const samples = Array.from({ length: 3 }, (_, rep) => ({ metric, unit, value: centre * (1 + (rep - 1 + repetition) * 0.002), iterations: 1000, rep }));
          store.recordTrial('run-1', { seq: seq++, target, workload, repetition, status: 'ok', reason: null, stderrTail: null, startedAt: '2026-11-20T02:00:00.000Z', durationMs: 5, samples });
        }
      }
    }
    store.finishRun('run-1', 'complete', '2026-11-20T02:10:00.000Z');
    store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the summary first, within the width, without colour when piped', async () => {
    for (const columns of ['80', '120']) {
      const result = await cli(['report', '--db', db], { COLUMNS: columns });
      expect(result.exitCode, result.stderr).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[2]).toBe('summary: cost against the reference by workload family');
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(Number(columns));
      expect(result.stdout).toMatch(/runsc against native: costs 110× on system calls/);
      expect(result.stdout).toContain('mode            quick (--quick)');
      expect(result.stdout).not.toContain('\u001b[');
    }
  });

  it('claims --format csv: one row per claim; --all adds the unmeasured', async () => {
    const judged = await cli(['claims', '--format', 'csv', '--db', db]);
    const all = await cli(['claims', '--all', '--format', 'csv', '--db', db]);
    expect(judged.exitCode, judged.stderr).toBe(0);
    const rows = parse(all.stdout, { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan((parse(judged.stdout, { columns: true }) as unknown[]).length);
    expect(rows.every((r) => r.gloss !== '')).toBe(true);
  });

  it('writes several exports in one pass and says which database it read', async () => {
    const files = ['r.csv', 'r.json', 'r.md', 'r.html'].map((f) => join(dir, f));
    const result = await cli(['--verbose', 'report', '--db', db, '--export-csv', files[0] ?? '', '--export-json', files[1] ?? '',
      '--export-md', files[2] ?? '', '--export-html', files[3] ?? '']);
    expect(result.exitCode, result.stderr).toBe(0);
    for (const file of files) expect(existsSync(file), file).toBe(true);
    expect(readFileSync(files[3] ?? '', 'utf8')).toContain('<table class="heatmap">');
    expect(result.stderr).toContain(`database: ${db} (from --db)`);
    const bad = await cli(['report', '--db', db, '--export-csv', join(dir, 'missing', 'x.csv')]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/missing.* does not exist/);
  });

  it('an export follows a symlink, writes into a FIFO (both stay), and refuses an unwritable place first', async () => {
    const real = join(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    writeFileSync(real, 'old\n');
    symlinkSync(real, link);
    const viaLink = await cli(['report', '--db', db, '--export-csv', link]);
    expect(viaLink.exitCode, viaLink.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^run_id,host,runtime,/);
    const fifo = join(dir, 'report.fifo');
    await execa('mkfifo', [fifo]);
    const reader = execa('cat', [fifo]);
    const viaFifo = await cli(['report', '--db', db, '--export-json', fifo]);
    expect(viaFifo.exitCode, viaFifo.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse((await reader).stdout)).toHaveProperty('run');
    const commands = [
      ['report', '--db', db],
      ['run', '--db', join(dir, 'never.db'), '--runtimes', 'native', '--workloads', 'clock'],
    ];
    for (const args of commands) {
      const refused = await cli([...args, '--export-csv', '/proc/isobench-export.csv']);
      expect(refused.exitCode, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/'\/proc\/isobench-export\.csv': cannot write to directory \/proc/);
      expect(refused.stderr).not.toMatch(/ at |trials/);
    }
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('runs: workloads, targets and quick, as JSON too; the database on stderr with --verbose (on a terminal always)', async () => {
    const json = await cli(['runs', '--format', 'json', '--db', db]);
    expect(json.exitCode, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { runs: unknown[] }).runs).toEqual([expect.objectContaining({
      id: 'run-1', workloads: ['syscall', 'cpu'], targets: ['native', 'runc', 'runsc'], quick: true,
    })]);
    expect(json.stderr).toBe('');
    const verbose = await cli(['--verbose', 'runs', '--format', 'json', '--db', db]);
    expect(verbose.stderr).toContain(`database: ${db}`);
  });
});
