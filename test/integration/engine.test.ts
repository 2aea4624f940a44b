import type Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { runContainer, type ContainerRunRequest } from '../../src/engine/container.js';
import { ensureWorkloadImage } from '../../src/engine/image.js';
import type { EngineInfo } from '../../src/engine/info.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { resolveTargets } from '../../src/runtimes/targets.js';
import { binaryPath } from '../../src/workloads/binaries.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import { CONTAINER_SCRATCH, type WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, kataAbsentReason, realEngine, runscProcesses } from './engine-env.js';

const syscall = workloadById('syscall') as WorkloadSpec;
const small = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };

describe('the real Docker engine', () => {
  let docker: Docker;
  let info: EngineInfo;
  let image: string;
  const runId = `test-engine-${process.pid}`;

  beforeAll(async () => {
    ({ docker, info } = await realEngine());
    image = (await ensureWorkloadImage(docker, binaryPath(syscall))).tag;
  });

  const request = (runtime: string, overrides: Partial<ContainerRunRequest> = {}): ContainerRunRequest => ({
    image,
    cmd: [...syscall.args(small, CONTAINER_SCRATCH), '--only', 'getppid'],
    runtime,
    labels: { [LABEL_RUN_ID]: runId },
    needs: syscall.container,
    securityOpt: [],
    timeoutMs: 60_000,
    ...overrides,
  });

  it('has runc and runsc registered by the set-up script', () => {
    const names = info.runtimes.map((r) => r.name);
    expect(names).toContain('runc');
    expect(names).toContain('runsc');
  });

  it('reuses the image of an unchanged binary', async () => {
    const again = await ensureWorkloadImage(docker, binaryPath(syscall));
    expect(again).toMatchObject({ tag: image, built: false });
    const inspected = await docker.getImage(image).inspect();
    expect(inspected.Config.Labels?.['isobench.binary-sha256']).toBe(again.binarySha256);
  });

  it.each(['runc', 'runsc'])('runs the syscall workload under %s, then removes the container', async (runtime) => {
    const outcome = await runContainer(docker, request(runtime));
    expect(outcome.kind).toBe('exited');
    if (outcome.kind !== 'exited') return;
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    const parsed = parseWorkloadOutput(outcome.stdout, syscall);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.samples.filter((s) => s.metric === 'getppid')).toHaveLength(small.repetitions);
    expect(outcome.timestamps && outcome.timestamps.startedMs >= outcome.timestamps.createdMs).toBe(true);
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('stops a trial that runs past its timeout and leaves no container or sandbox behind', async () => {
    const before = await runscProcesses();
    const endless = request('runsc', { cmd: ['--reps', '1000', '--budget-ms', '600000', '--warmup-ms', '0', '--only', 'getppid'], timeoutMs: 3_000 });
    const outcome = await runContainer(docker, endless);
    expect(outcome.kind).toBe('timed-out');
    expect(outcome.durationMs).toBeLessThan(60_000);
    expect(await containersOfRun(docker, runId)).toBe(0);
    expect(await runscProcesses()).toBeLessThanOrEqual(before);
  });

  it('stops at once when aborted, and removes the container', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1_500);
    const endless = request('runc', { cmd: ['--reps', '1000', '--budget-ms', '600000', '--warmup-ms', '0', '--only', 'getppid'], signal: controller.signal });
    const outcome = await runContainer(docker, endless);
    expect(outcome.kind).toBe('aborted');
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('reports a runtime the engine does not know as an engine error, not a crash', async () => {
    const outcome = await runContainer(docker, request('no-such-runtime'));
    expect(outcome.kind).toBe('engine-error');
    if (outcome.kind === 'engine-error') expect(outcome.message).toMatch(/no-such-runtime/);
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('runs the same code path under Kata when Docker has it', async (ctx) => {
    const absent = kataAbsentReason(info);
    if (absent) ctx.skip(absent);
    const [kata] = resolveTargets(['kata'], info.runtimes);
    const outcome = await runContainer(docker, request(kata?.dockerRuntime ?? 'kata'));
    expect(outcome.kind).toBe('exited');
  });
});
