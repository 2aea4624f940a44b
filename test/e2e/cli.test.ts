import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI as a user runs it: the built entry point, from the repository root. */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });

describe('isobench CLI end to end', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-'));
    db = join(dir, 'isobench.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs syscall natively and under runc and runsc, then exports the report as CSV', async () => {
    const run = await cli(['run', '--quick', '--mode', 'process', '--runtimes', 'native,runc,runsc', '--workloads', 'syscall', '--seed', '7', '--db', db]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\[1\/9\] /);
    expect(run.stdout).toMatch(/runsc/);

    const report = await cli(['report', '--format', 'csv', '--db', db]);
    expect(report.exitCode, report.stderr).toBe(0);
    const rows = parse(report.stdout, { columns: true }) as Record<string, string>[];
    const getppid = rows.filter((r) => r.metric === 'getppid');
    expect(getppid.map((r) => r.runtime).sort()).toEqual(['native', 'runc', 'runsc']);
    const medianOf = (runtime: string): number => Number(getppid.find((r) => r.runtime === runtime)?.median);
    expect(medianOf('runsc')).toBeGreaterThan(2 * medianOf('runc'));
    const runsc = getppid.find((r) => r.runtime === 'runsc');
    expect(runsc?.baseline).toBe('runc');
    expect(Number(runsc?.overhead_pct)).toBeGreaterThan(100);
    expect(Number(runsc?.n)).toBe(9);

    const runs = await cli(['runs', '--db', db]);
    expect(runs.stdout.split('\n').filter((l) => /complete/.test(l))).toHaveLength(1);
  }, 300_000);

  const usageCases: [string, string[], RegExp][] = [
    ['an unknown runtime', ['run', '--runtimes', 'runc,bogus', '--workloads', 'syscall'], /runtime 'bogus' is not available: Docker has no runtime 'bogus' \(it has [^)]*\brunc\b[^)]*\brunsc\b[\s\S]*accepted: native, \[docker\/\|containerd\/\]runtime\[:variant\]/],
    // Kata as installed today: the shim v2 through containerd or Docker >= 23; what was looked for, where, and how to install it
    ['kata where no engine can run it', ['run', '--runtimes', 'runc,kata', '--workloads', 'syscall'], /^isobench: error: runtime 'kata' is not available: Docker \S+ at \S+ (cannot run Kata 2\/3|has no Kata runtime)[^\n]*; containerd [^\n]*(no Kata shim \(looked for containerd-shim-kata-v2 on PATH and in \/opt\/kata\/bin\)|cannot be asked)\n {2}install Kata Containers 3/],
    ['containerd/kata without its shim', ['run', '--runtimes', 'containerd/kata', '--workloads', 'syscall'], /^isobench: error: runtime 'containerd\/kata' is not available: containerd [^\n]*no Kata shim \(looked for containerd-shim-kata-v2 on PATH and in \/opt\/kata\/bin\)\n {2}install Kata Containers 3/],
    ['an unknown engine', ['run', '--runtimes', 'podman/runc'], /unknown engine 'podman' in target 'podman\/runc'[\s\S]*engine docker or containerd/],
    ['an unknown workload', ['run', '--workloads', 'syscall,nope'], /unknown workload 'nope'[\s\S]*accepted: syscall/],
    ['a negative repetition count', ['run', '--repetitions', '-1'], /'-1' is not accepted: give a whole number from 1 to 1000/],
    ['a zero budget', ['run', '--budget-ms', '0'], /'0' is not accepted: give a whole number from 1/],
    ['a non-numeric seed', ['run', '--seed', 'abc'], /'abc' is not accepted/],
    ['an unknown format', ['report', '--format', 'xml'], /'xml' is not accepted: use one of table, csv/],
    ['an unknown option', ['run', '--fast'], /unknown option '--fast'/],
  ];
  it.each(usageCases)('rejects %s with exit code 2 and a one-line reason', async (_what, args, message) => {
    const result = await cli([...args, '--db', db]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unknown run id and a missing database', async () => {
    const unknown = await cli(['report', 'no-such-run', '--db', db]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/no run 'no-such-run'/);
    const missing = await cli(['report', '--db', join(dir, 'nowhere', 'x.db')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/no isobench database at .*nowhere/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
