import type Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DockerEngine } from '../../src/engine/docker/engine.js';
import type { ContainerRequest, EngineFacts } from '../../src/engine/engine.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import { staticBinaryImage } from '../../src/workloads/program.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import { CONTAINER_SCRATCH, type WorkloadSpec } from '../../src/workloads/types.js';
import { containersOfRun, kataAbsentReason, realEngine, runscProcesses, testTargets } from './engine-env.js';

const syscall = workloadById('syscall') as WorkloadSpec;
const small = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };

describe('the real Docker engine', () => {
  let docker: Docker;
  let engine: DockerEngine;
  let facts: EngineFacts;
  let image: string;
  const runId = `test-engine-${process.pid}`;

  beforeAll(async () => {
    ({ docker, engine, facts } = await realEngine());
    image = (await engine.ensureImage(await staticBinaryImage(syscall))).ref;
  });

  const request = (runtime: string, overrides: Partial<ContainerRequest> = {}): ContainerRequest => ({
    image,
    cmd: [...syscall.args(small, CONTAINER_SCRATCH), '--only', 'getppid'],
    runtime: { name: runtime },
    labels: { [LABEL_RUN_ID]: runId },
    needs: syscall.container,
    seccomp: true,
    timeoutMs: 60_000,
    ...overrides,
  });

  it('has runc and runsc registered by the set-up script', () => {
    const names = facts.runtimes.map((r) => r.name);
    expect(names).toContain('runc');
    expect(names).toContain('runsc');
  });

  it('reuses the image of an unchanged binary', async () => {
    const again = await engine.ensureImage(await staticBinaryImage(syscall));
    expect(again).toEqual({ ref: image, built: false });
    const inspected = await docker.getImage(image).inspect();
    expect(inspected.Config.Labels?.['isobench.inputs-sha256']?.slice(0, 12)).toBe(image.split(':')[1]);
  });

  it.each(['runc', 'runsc'])('runs the syscall workload under %s, then removes the container', async (runtime) => {
    const outcome = await engine.run(request(runtime));
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
    const outcome = await engine.run(endless);
    expect(outcome.kind).toBe('timed-out');
    expect(outcome.durationMs).toBeLessThan(60_000);
    expect(await containersOfRun(docker, runId)).toBe(0);
    expect(await runscProcesses()).toBeLessThanOrEqual(before);
  });

  it('stops at once when aborted, and removes the container', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1_500);
    const endless = request('runc', { cmd: ['--reps', '1000', '--budget-ms', '600000', '--warmup-ms', '0', '--only', 'getppid'], signal: controller.signal });
    const outcome = await engine.run(endless);
    expect(outcome.kind).toBe('aborted');
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('reports a runtime the engine does not know as an engine error, not a crash', async () => {
    const outcome = await engine.run(request('no-such-runtime'));
    expect(outcome.kind).toBe('engine-error');
    if (outcome.kind === 'engine-error') expect(outcome.message).toMatch(/no-such-runtime/);
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('takes Kata through the same code path up to the engine: Docker 20.10 answers that it has no such runtime', async () => {
    // The shim v2 name is what Docker >= 23 runs Kata 3 with; this engine's own answer is the real one here.
    const outcome = await engine.run(request('io.containerd.kata.v2'));
    if (outcome.kind === 'exited') expect(outcome.exitCode, 'Kata ran: this host has it').toBe(0);
    else expect(outcome).toMatchObject({ kind: 'engine-error', message: expect.stringMatching(/io\.containerd\.kata\.v2/) });
    expect(await containersOfRun(docker, runId)).toBe(0);
  });

  it('runs the same code path under Kata when an engine has it', async (ctx) => {
    const absent = await kataAbsentReason();
    if (absent) ctx.skip(absent);
    const { executors } = await testTargets(['kata']);
    const kata = executors.get('kata');
    await kata?.prepare([syscall]);
    const outcome = await kata?.run({ workload: syscall, args: request('kata').cmd, labels: { [LABEL_RUN_ID]: runId }, timeoutMs: 120_000 });
    expect(outcome?.kind).toBe('exited');
  });
});
