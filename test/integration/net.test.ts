import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/bench/executor.js';
import { NativeExecutor } from '../../src/bench/executors/native.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { measureNet } from '../../src/measure/net.js';
import { binaryPath } from '../../src/workloads/binaries.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import { CONTAINER_SCRATCH, type Sample, type WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, realEngine, runscProcesses, testTargets } from './engine-env.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const net = workloadById('net') as WorkloadSpec;
const binary = binaryPath(net);
const small = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };
const args = net.args(small, CONTAINER_SCRATCH);
const ALL = net.metrics.map((m) => m.name);

/** net servers still running on this host (started by anyone from this binary). */
async function serverProcesses(): Promise<number> {
  const { stdout } = await execa('pgrep', ['-c', '-f', `${binary} .*--mode serve`], { reject: false });
  return Number(String(stdout).trim() || '0');
}

function expectEveryMetric(samples: readonly Sample[], metrics: readonly string[]): void {
  expect([...new Set(samples.map((s) => s.metric))].sort()).toEqual([...metrics].sort());
  for (const m of metrics) expect(samples.filter((s) => s.metric === m).map((s) => s.rep), m).toEqual([0, 1]);
  expect(samples.every((s) => s.unit === 'us' && s.value > 0 && s.iterations >= 1)).toBe(true);
}

beforeAll(async () => {
  await execa('make', ['-s', '-C', 'workloads'], { cwd: repoRoot });
});

describe('the net binary, natively', () => {
  it('loopback: mean, median and p99 round trip and connect+close, each repetition, median <= p99', async () => {
    const result = await execa(binary, args, { reject: false, timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const parsed = parseWorkloadOutput(result.stdout, net);
    if (!parsed.ok) throw new Error(parsed.reason);
    expectEveryMetric(parsed.samples, ALL.filter((m) => m.endsWith('.loopback')));
    for (const rep of [0, 1]) {
      const value = (metric: string): number => parsed.samples.find((s) => s.metric === metric && s.rep === rep)?.value ?? NaN;
      expect(value('tcp_rtt_64b_p99.loopback')).toBeGreaterThanOrEqual(value('tcp_rtt_64b.loopback') * 0.5);
      expect(value('tcp_rtt_64b_p50.loopback')).toBeLessThanOrEqual(value('tcp_rtt_64b_p99.loopback'));
      expect(value('tcp_rtt_64b.loopback')).toBeGreaterThan(1);
      expect(value('tcp_rtt_64b.loopback')).toBeLessThan(10_000);
    }
  });

  it('serve exits 0 on SIGTERM after printing its port; a client of a closed port fails at once with one line', async () => {
    const server = execa(binary, ['--mode', 'serve', '--host', '127.0.0.1', '--port', '0'], { reject: false });
    const port = await new Promise<number>((resolve) => server.stdout.once('data', (d: Buffer) => resolve(Number(/:(\d+) echo/.exec(String(d))?.[1]))));
    expect(port).toBeGreaterThan(0);
    server.kill('SIGTERM');
    expect((await server).exitCode).toBe(0);
    const client = await execa(binary, ['--mode', 'client', '--host', '127.0.0.1', '--port', String(port), '--reps', '1'], { reject: false, timeout: 10_000 });
    expect(client.exitCode).toBe(1);
    expect(client.stdout).toBe('');
    expect(client.stderr).toMatch(/^net: cannot connect to the echo server: Connection refused$/);
  });

  it.each([
    [['--mode', 'sideways'], 'sideways'],
    [['--mode', 'client', '--port', '7'], '--host'],
    [['--mode', 'serve'], '--port'],
    [['--mode', 'client', '--host', 'localhost', '--port', '7'], 'localhost'],
  ])('bad usage %j exits 2 naming %s', async (bad, named) => {
    const result = await execa(binary, bad, { reject: false, timeout: 10_000 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(named);
    expect(result.stderr.split('\n')).toHaveLength(1);
  });

  it('natively: every metric (the .bridge baseline over loopback), no server left behind', async () => {
    const before = await serverProcesses();
    const outcome = await measureNet(new NativeExecutor(), { workload: net, budget: small, timeoutMs: 60_000, labels: {} });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('measured');
    if (outcome.kind === 'measured') expectEveryMetric(outcome.samples, ALL);
    expect(await serverProcesses()).toBe(before);
  });

  it('natively: an aborted trial is reported as such and stops its processes', async () => {
    const before = await serverProcesses();
    const outcome = await measureNet(new NativeExecutor(), { workload: net, budget: small, timeoutMs: 60_000, labels: {}, signal: AbortSignal.timeout(50) });
    expect(outcome.kind).toBe('aborted');
    expect(await serverProcesses()).toBe(before);
  });
});

describe('net on the real engine', () => {
  let docker: Docker;
  let executors: ReadonlyMap<string, Executor>;
  const runId = `test-net-${process.pid}`;
  const labels = { [LABEL_RUN_ID]: runId };

  beforeAll(async () => {
    ({ docker } = await realEngine());
    ({ executors } = await testTargets(['runc', 'runsc']));
    for (const executor of executors.values()) await executor.prepare([net]);
  });
  const executor = (id: string): Executor => executors.get(id) as Executor;

  it.each(['runc', 'runsc'])('%s: loopback inside a container and a host client across the bridge; nothing left behind', async (runtime) => {
    const before = await runscProcesses();
    const outcome = await measureNet(executor(runtime), { workload: net, budget: small, timeoutMs: 90_000, labels });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('measured');
    if (outcome.kind === 'measured') expectEveryMetric(outcome.samples, ALL);
    expect(await containersOfRun(docker, runId)).toBe(0);
    expect(await runscProcesses()).toBeLessThanOrEqual(before);
  }, 120_000);

  it('a failing loopback run fails the trial naming it, and starts no server', async () => {
    const broken: WorkloadSpec = { ...net, args: () => ['--reps', '-1'] };
    await executor('runc').prepare([broken]);
    const outcome = await measureNet(executor('runc'), { workload: broken, budget: small, timeoutMs: 60_000, labels });
    expect(outcome).toMatchObject({ kind: 'exited', exitCode: 2, stderr: expect.stringMatching(/^loopback: net: invalid value for --reps/) });
    expect(await containersOfRun(docker, runId)).toBe(0);
  }, 60_000);

  it('an abort during the trial is reported and the containers are removed', async () => {
    const outcome = await measureNet(executor('runc'), { workload: net, budget: small, timeoutMs: 60_000, labels, signal: AbortSignal.timeout(300) });
    expect(outcome.kind).toBe('aborted');
    expect(await containersOfRun(docker, runId)).toBe(0);
  }, 60_000);
});
