import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersOfRun, realEngine, runscProcesses } from '../integration/engine-env.js';

const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });

interface Doc {
  runId: string;
  targets: { id: string; version: string | null }[];
  checks: { id: string; results: Record<string, { result: string; errno: string | null; detail: string; label: string }> }[];
  claims: { id: string; target: string | null; verdict: string }[];
}

/**
 * `isobench compat` on the real engine: native, runc and runsc (whichever gVisor release Docker
 * calls runsc). Properties only: which checks pass or fail, never a figure of this machine.
 */
describe('isobench compat end to end', () => {
  let dir: string;
  let db: string;
  let doc: Doc;
  let runscBefore: number;
  const result = (check: string, target: string) => doc.checks.find((c) => c.id === check)?.results[target];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-compat-'));
    db = join(dir, 'isobench.db');
    runscBefore = await runscProcesses();
    const run = await cli(['compat', '--runtimes', 'native,runc,runsc', '--format', 'json', '--quiet', '--db', db]);
    expect(run.exitCode, run.stderr).toBe(0);
    doc = JSON.parse(run.stdout) as Doc;
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('native passes every check this host supports: what it cannot do is skipped with a reason, never failed', () => {
    expect(doc.checks.length).toBeGreaterThanOrEqual(40);
    for (const c of doc.checks) {
      const native = c.results.native;
      expect(['ok', 'skipped'], `${c.id}: ${native?.detail}`).toContain(native?.result);
      if (native?.result === 'skipped') expect(native.detail, c.id).toMatch(/cannot be judged/);
    }
  });

  it('ptrace works natively and under runc', () => {
    for (const check of ['ptrace_traceme', 'ptrace_attach', 'ptrace_peekdata']) {
      expect(result(check, 'native')?.result, check).toBe('ok');
      expect(result(check, 'runc')?.result, check).toBe('ok');
    }
  });

  it('runc and runsc differ where gVisor implements its own kernel: interfaces runc passes that runsc lacks, and a virtualised MemTotal', () => {
    for (const check of ['pidfd_open', 'copy_file_range', 'proc_sys_kernel', 'core_pattern']) {
      expect(result(check, 'runc')?.result, check).toBe('ok');
      expect(result(check, 'runsc')?.result, `${check}: ${result(check, 'runsc')?.detail}`).toBe('fails');
    }
    expect(result('proc_meminfo', 'runc')?.result).toBe('ok');
    expect(result('proc_meminfo', 'runsc')?.result).toBe('differs');
    // the container's loopback is up under every runtime (a bridge network): a socket check judges the runtime
    for (const c of doc.checks) {
      for (const target of ['runc', 'runsc']) {
        expect(c.results[target]?.detail ?? '', `${c.id} ${target}`).not.toMatch(/lo is down/);
      }
    }
    const differing = doc.checks.filter((c) => c.results.runc?.label !== c.results.runsc?.label);
    expect(differing.length).toBeGreaterThanOrEqual(10);
  });

  it('the default container is least privilege, and the probe says so: raw sockets fail for want of CAP_NET_RAW under every runtime', () => {
    for (const target of ['runc', 'runsc']) expect(result('raw_icmp', target)).toMatchObject({ result: 'fails', errno: 'EPERM' });
    expect(result('proc_self_status', 'runc')?.detail).toMatch(/CapEff \(0+:/);
  });

  it('judges the second seed: a verdict per gVisor target, Kata not measured', () => {
    const ptrace = doc.claims.filter((c) => c.id === 'tradeoffs.compat.gvisor.no-ptrace');
    expect(ptrace.map((c) => c.target)).toEqual(['runsc']);
    expect(['holds', 'does not hold']).toContain(ptrace[0]?.verdict);
    expect(doc.claims.filter((c) => c.id.startsWith('tradeoffs.compat.kata.')).every((c) => c.verdict === 'not measured')).toBe(true);
  });

  it('stores the run and leaves nothing behind; the run report includes the matrix', async () => {
    const { docker } = await realEngine();
    expect(await containersOfRun(docker, doc.runId)).toBe(0);
    expect(await runscProcesses()).toBeLessThanOrEqual(runscBefore);
    const report = await cli(['report', doc.runId, '--format', 'html', '--db', db]);
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toContain('<section class="compat" id="compat">');
  });

  it('--only-differences keeps fewer rows, each differing; --format csv has one record per check and target', async () => {
    const diff = await cli(['compat', '--runtimes', 'native,runc', '--only-differences', '--format', 'csv', '--quiet', '--db', db]);
    expect(diff.exitCode, diff.stderr).toBe(0);
    const lines = diff.stdout.trim().split('\n');
    expect(lines.length - 1).toBeGreaterThan(0);
    expect(lines.length - 1).toBeLessThan(doc.checks.length * 2);
    expect((lines.length - 1) % 2).toBe(0);
  }, 120_000);

  it('--probe ID runs one check verbosely on each target and stores nothing', async () => {
    const probe = await cli(['compat', '--runtimes', 'native,runc,runsc', '--probe', 'ptrace_attach', '--db', db]);
    expect(probe.exitCode, probe.stderr).toBe(0);
    expect(probe.stdout).toMatch(/^native: ok: /m);
    expect(probe.stdout).toMatch(/^runc: ok: /m);
    expect(probe.stdout).toMatch(/^runsc: (ok|fails)/m);
  }, 120_000);

  it('bad input: one clear line, exit 2, before any work', async () => {
    const check = await cli(['compat', '--probe', 'teleport', '--db', db]);
    expect(check.exitCode).toBe(2);
    expect(check.stderr).toMatch(/unknown check 'teleport'/);
    const format = await cli(['compat', '--format', 'xml', '--db', db]);
    expect(format.exitCode).toBe(2);
    const runtime = await cli(['compat', '--runtimes', 'native,nosuch', '--db', db]);
    expect(runtime.exitCode).toBe(2);
    expect(runtime.stderr).toMatch(/runtime 'nosuch' is not available/);
  });
});
