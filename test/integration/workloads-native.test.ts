import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPath } from '../../src/workloads/binaries.js';
import { APP_WORKLOAD_IDS, WORKLOADS, workloadById } from '../../src/workloads/catalogue.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import type { Budget, Sample, ScratchDirs, WorkloadSpec } from '../../src/workloads/types.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const budget: Budget = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };
const scratchDirs: string[] = [];

async function scratch(): Promise<ScratchDirs> {
  const rootfs = await mkdtemp(join(tmpdir(), 'isobench-test-'));
  const tmpfs = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'isobench-test-'));
  scratchDirs.push(rootfs, tmpfs);
  return { rootfs, tmpfs };
}

async function runNatively(spec: WorkloadSpec, dirs: ScratchDirs): Promise<Sample[]> {
  const result = await execa(binaryPath(spec), spec.args(budget, dirs), { reject: false, timeout: 20_000 });
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  const parsed = parseWorkloadOutput(result.stdout, spec);
  if (!parsed.ok) throw new Error(`output of ${spec.id} does not parse: ${parsed.reason}`);
  return parsed.samples;
}

beforeAll(async () => {
  await execa('make', ['-s', '-C', 'workloads'], { cwd: repoRoot });
});

afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('workload binaries, run natively', () => {
  it.each(WORKLOADS.filter((w) => !w.hostMeasured && w.output !== 'checks').map((w) => [w.id, w] as const))('%s: every metric, once per repetition, positive', async (_id, spec) => {
    const dirs = await scratch();
    const samples = await runNatively(spec, dirs);
    const expected = spec.metrics
      .map((m) => m.name)
      .filter((name) => name !== 'getpid_inline' || process.arch === 'x64');
    expect([...new Set(samples.map((s) => s.metric))].sort()).toEqual([...expected].sort());
    for (const name of expected) {
      expect(samples.filter((s) => s.metric === name).map((s) => s.rep)).toEqual([0, 1]);
    }
    for (const sample of samples) {
      expect(sample.value).toBeGreaterThan(0);
      expect(sample.iterations).toBeGreaterThanOrEqual(1);
    }
    // a micro workload tidies its scratch itself; an application's (a database, a source tree) goes with the directory
    if (spec.needsScratch && !APP_WORKLOAD_IDS.includes(spec.id)) {
      expect(await readdir(dirs.rootfs)).toEqual([]);
      expect(await readdir(dirs.tmpfs)).toEqual([]);
    }
  });

  it('syscall: getppid costs between 10 ns and 100 µs per call', async () => {
    const samples = await runNatively(workloadById('syscall') as WorkloadSpec, await scratch());
    const getppid = samples.filter((s) => s.metric === 'getppid');
    expect(getppid).toHaveLength(2);
    for (const sample of getppid) {
      expect(sample.value).toBeGreaterThan(10);
      expect(sample.value).toBeLessThan(100_000);
    }
  });

  it('fileio: creates a missing last directory component and removes it again', async () => {
    const dirs = await scratch();
    const spec = workloadById('fileio') as WorkloadSpec;
    await runNatively(spec, { rootfs: join(dirs.rootfs, 'made-by-fileio'), tmpfs: join(dirs.tmpfs, 'made-by-fileio') });
    expect(await readdir(dirs.rootfs)).toEqual([]);
    expect(await readdir(dirs.tmpfs)).toEqual([]);
  });

  it('--iterations N runs exactly N operations per repetition, without calibrating to the budget', async () => {
    const result = await execa(binaryPath(workloadById('cpu') as WorkloadSpec), ['--iterations', '1234', '--reps', '3', '--budget-ms', '1', '--warmup-ms', '0']);
    const samples = result.stdout.split('\n').map((line) => JSON.parse(line) as Sample);
    expect(samples.map((s) => s.iterations)).toEqual([1234, 1234, 1234]);
  });

  it('fileio --only picks operations, for every directory; an unknown one exits 2 naming it', async () => {
    const dirs = await scratch();
    const bin = binaryPath(workloadById('fileio') as WorkloadSpec);
    const common = ['--reps', '1', '--budget-ms', '5', '--warmup-ms', '0', '--dir', `${dirs.rootfs}:a`, '--dir', `${dirs.tmpfs}:b`];
    const result = await execa(bin, [...common, '--only', 'stat,unlink']);
    const metrics = result.stdout.split('\n').map((line) => (JSON.parse(line) as Sample).metric);
    expect(metrics).toEqual(['stat.a', 'unlink.a', 'stat.b', 'unlink.b']);
    const bad = await execa(bin, [...common, '--only', 'stat,rename'], { reject: false });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("'rename'");
    expect(await readdir(dirs.rootfs)).toEqual([]);
  });

  it.each([
    ['--reps', '-1'],
    ['--budget-ms', 'abc'],
    ['--iterations', '0'],
  ])('bad arguments: %s %s exits 2 with one line naming the value', async (flag, value) => {
    const result = await execa(binaryPath(workloadById('cpu') as WorkloadSpec), [flag, value], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`'${value}'`);
    expect(result.stderr).toContain(flag);
  });
});
