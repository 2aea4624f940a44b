import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analysis/random.js';
import type { HostFacts, TargetRecord } from '../../src/store/records.js';
import { Store } from '../../src/store/store.js';

/**
 * `isobench compare` and the report formats end to end, on a database filled with synthetic
 * samples (no Docker): the built CLI (npx tsc -p tsconfig.build.json) run as a user runs it.
 */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });

const host: HostFacts = {
  hostname: 'bench-e2e', kernel: '6.1', os: 'Debian', cpuModel: 'test CPU', cpus: 2, memTotalBytes: 8e9, virtualised: true,
  hardwareVirtualisation: true, kvmDevice: true, dockerVersion: '26.1', dockerApiVersion: '1.45', cgroup: 'v2',
};
const targets: TargetRecord[] = [
  { target: 'native', engine: null, engineVersion: null, engineRuntime: null, runtimeBinary: null, tier: 'native', version: null, flags: [], configFiles: [] },
  { target: 'runc', engine: 'docker', engineVersion: null, engineRuntime: 'runc', runtimeBinary: null, tier: 'container', version: '1.1', flags: [], configFiles: [] },
  { target: 'runsc', engine: 'docker', engineVersion: null, engineRuntime: 'runsc', runtimeBinary: null, tier: 'sandbox', version: 'release-x', flags: [], configFiles: [] },
];
/** median per target: getppid (ns/op, lower is better) and hash_4k (ops/s, higher is better) */
const CENTRES: Record<string, { getppid: number; hash_4k: number }> = {
  native: { getppid: 60, hash_4k: 900_000 },
  runc: { getppid: 95, hash_4k: 895_000 },
  runsc: { getppid: 1100, hash_4k: 880_000 },
};

/** A complete run: 5 trials × 5 repetitions per target and workload, ~1 % noise between trials. */
function addRun(store: Store, id: string, startedAt: string, seed: number, scale: { getppid?: number; hash_4k?: number } = {}): void {
  const random = createRandom(seed);
  const noise = () => (random() - 0.5) * 0.02;
  store.createRun({ id, startedAt, seed, host, config: {}, targets });
  let seq = 0;
  for (let repetition = 0; repetition < 5; repetition++) {
    for (const { target } of targets) {
      for (const [workload, metric, unit] of [['syscall', 'getppid', 'ns/op'], ['cpu', 'hash_4k', 'ops/s']] as const) {
        const centre = (CENTRES[target]?.[metric] ?? 1) * (scale[metric] ?? 1) * (1 + noise());
        const samples = Array.from({ length: 5 }, (_, rep) => ({ metric, unit, value: centre * (1 + noise() / 5), iterations: 1000, rep }));
        store.recordTrial(id, { seq: seq++, target, workload, repetition, status: 'ok', reason: null, stderrTail: null, startedAt, durationMs: 5, samples });
      }
    }
  }
  store.finishRun(id, 'complete', startedAt);
}

describe('isobench compare end to end (synthetic database)', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-compare-'));
    db = join(dir, 'isobench.db');
    const store = Store.open(db);
    addRun(store, 'run-1-base', '2026-11-20T02:00:00.000Z', 1);
    addRun(store, 'run-2-same', '2026-11-21T02:00:00.000Z', 2);
    addRun(store, 'run-3-faster', '2026-11-22T02:00:00.000Z', 3, { getppid: 0.8, hash_4k: 1.25 });
    addRun(store, 'run-4-slower', '2026-11-23T02:00:00.000Z', 4, { getppid: 1.25 });
    store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when nothing changed', async () => {
    const result = await cli(['compare', 'run-1-base', 'run-2-same', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('gate: pass');
    expect(result.stdout).not.toContain('REGRESSION');
  });

  it('exits 0 for an improvement, however large', async () => {
    const result = await cli(['compare', 'run-2-same', 'run-3-faster', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.match(/improvement/g)?.length).toBe(6);
  });

  it('exits 1 for a significant regression beyond the threshold, naming it', async () => {
    const result = await cli(['compare', 'run-2-same', 'run-4-slower', '--format', 'csv', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(1);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.status === 'regression').map((r) => `${r.runtime}/${r.metric}`).sort()).toEqual(['native/getppid', 'runc/getppid', 'runsc/getppid']);
    expect(rows.filter((r) => r.metric === 'hash_4k').every((r) => r.status === 'within-threshold')).toBe(true);
  });

  it('does not fail below a threshold the regression does not clear', async () => {
    const result = await cli(['compare', 'run-2-same', 'run-4-slower', '--threshold', '40', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it('--against last compares the latest run with the complete run of its host before it', async () => {
    const result = await cli(['compare', '--against', 'last', '--format', 'json', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(1);
    const doc = JSON.parse(result.stdout) as { base: { id: string }; new: { id: string }; gate: string };
    expect([doc.base.id, doc.new.id, doc.gate]).toEqual(['run-3-faster', 'run-4-slower', 'fail']);
    const earlier = await cli(['compare', '--against', 'last', 'run-2', '--db', db]);
    expect(earlier.exitCode, earlier.stderr).toBe(0);
    expect(earlier.stdout).toContain('isobench compare run-1-base → run-2-same');
  });

  it.each([
    ['an unknown run id', ['compare', 'run-1-base', 'no-such-run'], /no run 'no-such-run'/],
    ['nothing before the first run', ['compare', '--against', 'last', 'run-1'], /no complete run of host bench-e2e before run run-1-base/],
    ['a single run without --against', ['compare', 'run-1-base'], /compare needs two runs/],
    ['a bad threshold', ['compare', 'run-1-base', 'run-2-same', '--threshold', '-3'], /'-3' is not accepted/],
    ['an unknown format', ['compare', 'run-1-base', 'run-2-same', '--format', 'html'], /'html' is not accepted/],
  ])('exits 2 for %s', async (_what, args, message) => {
    const result = await cli([...args, '--db', db]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stability: a drift of the whole host shows in the medians but not in the ratio to native', async () => {
    // runs 3 and 4 scale getppid by 0.8 and 1.25 for every runtime alike: medians 95, 95, 76, 118.75
    // (cv about 18 %) while runc / native stays 95 / 60 up to the 1 % noise
    const result = await cli(['stability', '--last', '4', '--db', db]);
    expect(result.exitCode, result.stderr).toBe(0);
    const row = result.stdout.split('\n').find((l) => /^syscall\s+getppid\s+runc\s/.test(l)) ?? '';
    const [cvPct, ratioCvPct] = row.trim().split(/\s+/).slice(-2).map(Number);
    expect(cvPct).toBeGreaterThan(12);
    expect(ratioCvPct).toBeLessThan(3);
    const bad = await cli(['stability', '--last', '1', '--db', db]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("'1'");
  });

  it('reports with verdicts in every format, raw samples, and user claims', async () => {
    for (const format of ['table', 'md', 'json', 'html', 'csv']) {
      const result = await cli(['report', 'run-2', '--format', format, '--db', db]);
      expect(result.exitCode, `${format}: ${result.stderr}`).toBe(0);
      expect(result.stdout, format).toMatch(/iso54\.gvisor\.cpu\.10-20pct/);
    }
    const html = await cli(['report', 'run-4', '--format', 'html', '--db', db]);
    expect(html.stdout.match(/aria-label="median per run/g)?.length).toBe(2);
    const samples = await cli(['report', 'run-1', '--samples', '--db', db]);
    expect((parse(samples.stdout, { columns: true }) as unknown[]).length).toBe(2 * 3 * 5 * 5);

    const claims = join(dir, 'claims.json');
    writeFileSync(claims, JSON.stringify({ claims: [{
      id: 'ours.runsc.getppid', source: { document: 'wiki', section: '§1' }, quote: 'under 2 µs', tier: 'sandbox', subject: 'gVisor',
      measure: { workload: 'syscall', metric: 'getppid', target: 'runsc', quantity: 'value' }, claimed: { min: null, max: 2, unit: 'us/op' },
    }] }));
    const judged = await cli(['report', 'run-1', '--claims', claims, '--format', 'csv', '--db', db]);
    expect(judged.exitCode, judged.stderr).toBe(0);
    const row = (parse(judged.stdout, { columns: true }) as Record<string, string>[]).find((r) => r.runtime === 'runsc' && r.metric === 'getppid');
    expect(row?.claim_id).toContain('ours.runsc.getppid');
    expect(row?.verdict).toContain('holds');

    writeFileSync(claims, JSON.stringify({ claims: [{ id: 'bad', claimed: { min: 'x' } }] }));
    const bad = await cli(['report', 'run-1', '--claims', claims, '--db', db]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/claims\[0\] \(id 'bad'\): claimed\.min: Invalid input: expected number, received string/);
  });
});
