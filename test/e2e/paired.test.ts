import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';

/** The CLI as a user runs it: the built entry point, from the repository root. */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });

describe('isobench run in paired mode (--mode paired, for the per-op workloads)', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-paired-'));
    db = join(dir, 'isobench.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs cpu natively and under runc in 2 blocks: a trial per runtime and block, a sample per round', async () => {
    const run = await cli(['run', '--mode', 'paired', '--quick', '--runtimes', 'native,runc', '--workloads', 'cpu',
      '--rounds', '6', '--blocks', '2', '--batch-ms', '5', '--format', 'csv', '--baseline', 'native', '--db', db]);
    expect(run.exitCode, run.stderr).toBe(0);
    const paired = 'paired: cpu × 2 targets, 6 rounds in 2 blocks of 5 ms batches, ';
    const firstLine = new RegExp(`^run \\S+, seed \\d+, database .*; ${paired}`, 'm');
    expect(run.stderr).toMatch(firstLine);
    expect(run.stderr).toMatch(/^paired cpu block 1\/2: 3 rounds × 2 targets in \d+\.\d s$/m);
    expect(run.stderr).toMatch(/^paired cpu block 2\/2: 3 rounds × 2 targets in \d+\.\d s$/m);
    expect(run.stderr).toMatch(/^host drift over rounds \(native's batches\): cv /m);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    const runc = rows.find((r) => r.runtime === 'runc' && r.metric === 'hash_4k');
    expect(Number(runc?.n)).toBe(6);
    expect(runc?.overhead_pct).not.toBe('');

    const store = Store.open(db, { readonly: true });
    let runId = '';
    try {
      const [stored] = store.listRuns();
      runId = stored?.id ?? '';
      expect(stored?.config.mode).toBe('paired');
      expect(stored?.config.paired).toMatchObject({ rounds: 6, blocks: 2, batchMs: 5, workloads: ['cpu'] });
      const trials = store.trials(runId);
      expect(trials.map((t) => [t.target, t.workload, t.repetition, t.status])).toEqual([
        ['native', 'cpu', 0, 'ok'], ['runc', 'cpu', 0, 'ok'], ['native', 'cpu', 1, 'ok'], ['runc', 'cpu', 1, 'ok'],
      ]);
      expect(store.samples(runId).filter((s) => s.target === 'runc').map((s) => s.rep)).toEqual([0, 1, 2, 0, 1, 2]);
    } finally {
      store.close();
    }
    // the run's serving container is gone
    const left = await execa('docker', ['ps', '-aq', '--filter', `label=isobench.run-id=${runId}`]);
    expect(left.stdout.trim()).toBe('');
  }, 300_000);

  it('gives a sandbox (runsc) batches of at least 200 ms while native keeps --batch-ms, and says so', async () => {
    const sandboxDb = join(dir, 'sandbox.db');
    const run = await cli(['run', '--mode', 'paired', '--quick', '--runtimes', 'native,runsc', '--workloads', 'cpu',
      '--rounds', '3', '--batch-ms', '5', '--no-report', '--db', sandboxDb]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/; paired: cpu × 2 targets, 3 rounds of 5 ms batches \(runsc: 200 ms\), /);
    const store = Store.open(sandboxDb, { readonly: true });
    try {
      const [stored] = store.listRuns();
      expect(stored?.config.paired).toMatchObject({ batchMs: 5, sandboxBatchMs: 200 });
      // timed work per batch: iterations × time per op (hash_4k is in ops/s)
      const samples = store.samples(stored?.id ?? '');
      const work = (target: string) => samples.filter((x) => x.target === target)
        .map((x) => (x.iterations / x.value) * 1000);
      expect(work('runsc')).toHaveLength(3);
      for (const ms of work('runsc')) expect(ms).toBeGreaterThan(100);
      for (const ms of work('native')) expect(ms).toBeLessThan(50);
    } finally {
      store.close();
    }
  }, 300_000);

  const usageCases: [string, string[], RegExp][] = [
    ['an unknown mode', ['run', '--mode', 'pairs'], /'pairs' is not accepted: use one of paired, process/],
    ['paired options with --mode process', ['run', '--mode', 'process', '--rounds', '3'], /--rounds applies to --mode paired only, not to --mode process/],
    ['a CPU the host does not have', ['run', '--mode', 'paired', '--cpus', '4096'], /invalid value for --cpus: '4096'/],
    ['more blocks than rounds', ['run', '--mode', 'paired', '--rounds', '3', '--blocks', '4'],
      /--blocks 4 is more than the 3 rounds/],
    ['a zero precision', ['run', '--mode', 'paired', '--precision', '0'], /'0' is not accepted: give a percentage above 0/],
  ];
  it.each(usageCases)('rejects %s with exit code 2 and a one-line reason', async (_what, args, message) => {
    const result = await cli([...args, '--db', db]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
