import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctrOk } from '../../src/engine/containerd/ctr.js';
import { ISOBENCH_SOCKET } from '../../src/engine/containerd/endpoint.js';
import { ContainerdEngine } from '../../src/engine/containerd/engine.js';
import { PID_DIR } from '../../src/engine/containerd/launch.js';
import { findOnPath, KATA_SHIM, RUNC_SHIM, RUNSC_SHIM } from '../../src/engine/containerd/runtime.js';
import type { ContainerRequest } from '../../src/engine/engine.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { listProcesses } from '../../src/host/processes.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import { parseWorkloadOutput } from '../../src/workloads/parse.js';
import { staticBinaryImage } from '../../src/workloads/program.js';
import { CONTAINER_SCRATCH, type WorkloadSpec } from '../../src/workloads/types.js';

const syscall = workloadById('syscall') as WorkloadSpec;
const memory = workloadById('memory') as WorkloadSpec;
const small = { repetitions: 2, repBudgetMs: 20, warmupMs: 10 };
const runId = `test-containerd-${process.pid}`;
const repo = join(import.meta.dirname, '..', '..');

/** Host processes serving one of this engine's containers (ids `isobench-<12 hex>` on their command line). */
const ourProcesses = (): string[] =>
  listProcesses().filter((p) => /isobench-[0-9a-f]{12}\b/.test(p.cmdline) && p.state !== 'Z').map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`);

/** Starts isobench's own containerd the way scripts/setup-host.sh does: its own block, run alone. */
async function startContainerdAsSetupHostDoes(): Promise<void> {
  const script = readFileSync(join(repo, 'scripts', 'setup-host.sh'), 'utf8');
  const block = /^# --- containerd engine[\s\S]*?^# --- end of the containerd engine block.*$/m.exec(script)?.[0];
  const pidAlive = /^pid_alive\(\) \{[\s\S]*?^\}$/m.exec(script)?.[0];
  const installed = /^installed\(\) .*$/m.exec(script)?.[0];
  if (!block || !pidAlive || !installed) throw new Error('setup-host.sh has no containerd block');
  const prelude = 'set -euo pipefail\nlog() { printf "setup-host: %s\\n" "$*" >&2; }\ndie() { log "error: $*"; exit 1; }\n';
  await execa('bash', ['-c', `${prelude}${pidAlive}\n${installed}\n${block}\nISOBENCH_SKIP_APT=1 start_containerd`], { timeout: 60_000 });
}

describe('the containerd engine (isobench\'s own containerd, started by scripts/setup-host.sh)', () => {
  let engine: ContainerdEngine;
  let syscallImage: string;
  let idleImage: string;
  const dir = mkdtempSync(join(tmpdir(), 'isobench-containerd-'));

  beforeAll(async () => {
    try {
      engine = await ContainerdEngine.connect();
    } catch (error) {
      throw new Error(`these tests need the containerd that scripts/setup-host.sh starts: ${(error as Error).message}`);
    }
    syscallImage = (await engine.ensureImage(await staticBinaryImage(syscall))).ref;
    idleImage = (await engine.ensureImage(await staticBinaryImage(memory))).ref;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await engine?.sweep({ runId });
  });

  const request = (runtime: ContainerRequest['runtime'], overrides: Partial<ContainerRequest> = {}): ContainerRequest => ({
    image: syscallImage,
    cmd: [...syscall.args(small, CONTAINER_SCRATCH), '--only', 'getppid'],
    runtime,
    labels: { [LABEL_RUN_ID]: runId },
    needs: syscall.container,
    seccomp: true,
    timeoutMs: 60_000,
    ...overrides,
  });

  async function leftovers(): Promise<{ containers: string[]; active: string[]; processes: string[]; files: string[] }> {
    const containers = (await ctrOk(engine.endpoint, ['containers', 'ls', '-q'])).split('\n').filter((l) => l.trim() !== '');
    const active = (await ctrOk(engine.endpoint, ['snapshots', 'ls'])).split('\n').filter((l) => /\bActive\b/.test(l));
    const files = [
      ...readdirSync(PID_DIR),
      ...readdirSync('/sys/fs/cgroup').flatMap((c) => (existsSync(`/sys/fs/cgroup/${c}/isobench`) ? readdirSync(`/sys/fs/cgroup/${c}/isobench`) : []))
        .filter((name) => /^isobench-[0-9a-f]{12}$/.test(name)),
    ];
    return { containers, active, processes: ourProcesses(), files };
  }
  const nothingLeft = { containers: [], active: [], processes: [], files: [] };

  it('reports its version and finds the runc shim', async () => {
    const facts = await engine.facts();
    expect(facts.kind).toBe('containerd');
    expect(facts.version).toMatch(/^\d+\.\d+/);
    expect(facts.runtimes.map((r) => r.name)).toContain(RUNC_SHIM);
  });

  it('imports an image once and reuses it', async () => {
    const again = await engine.ensureImage(await staticBinaryImage(syscall));
    expect(again).toEqual({ ref: syscallImage, built: false });
  });

  it.each([
    ['runc', { name: RUNC_SHIM }],
    ['runsc', { name: RUNSC_SHIM }],
  ])('runs the syscall workload under %s; its output parses and nothing is left', async (_name, runtime) => {
    const outcome = await engine.run(request(runtime));
    expect(outcome.kind, JSON.stringify(outcome)).toBe('exited');
    if (outcome.kind !== 'exited') return;
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    const parsed = parseWorkloadOutput(outcome.stdout, syscall);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    expect(outcome.phases && outcome.phases.createdMs <= outcome.phases.exitedMs).toBe(true);
    expect(outcome.timestamps).toBeNull();
    expect(await leftovers()).toEqual(nothingLeft);
  }, 90_000);

  it('reads the entrypoint of an image it did not import itself from containerd\'s content store', async () => {
    const fresh = new ContainerdEngine(engine.endpoint, 'unknown');
    const outcome = await fresh.run(request({ name: RUNC_SHIM }));
    expect(outcome.kind === 'exited' && outcome.exitCode === 0 && parseWorkloadOutput(outcome.stdout, syscall).ok, JSON.stringify(outcome)).toBe(true);
  }, 60_000);

  it('runs a started container with Docker\'s least privilege, and removes it', async () => {
    const container = await engine.start(request({ name: RUNC_SHIM }, { image: idleImage, cmd: [], cpuset: '0' }));
    try {
      const cgroup = (controller: string, file: string): string =>
        readFileSync(`/sys/fs/cgroup/${controller}/isobench/${container.id}/${file}`, 'utf8').trim();
      if (!existsSync('/sys/fs/cgroup/cgroup.controllers')) {
        expect(cgroup('pids', 'pids.max')).toBe('256');
        expect(cgroup('cpuset', 'cpuset.cpus')).toBe('0');
        expect(cgroup('memory', 'memory.limit_in_bytes')).toBe(String(512 * 1024 * 1024));
      }
      const spec = (JSON.parse(await ctrOk(engine.endpoint, ['containers', 'info', container.id])) as { Spec: unknown }).Spec as {
        process: { noNewPrivileges: boolean; capabilities: Record<string, string[]> };
        root: { readonly: boolean };
        linux: { seccomp?: unknown; namespaces: { type: string; path?: string }[] };
      };
      expect(spec.process.noNewPrivileges).toBe(true);
      expect(Object.values(spec.process.capabilities).flat()).toEqual([]);
      expect(spec.root.readonly).toBe(true);
      expect(spec.linux.seccomp).toBeDefined();
      expect(spec.linux.namespaces).toContainEqual({ type: 'network' });
      expect(container.hostPids().length).toBeGreaterThanOrEqual(2);
      expect(await engine.runningIds()).toContain(container.id);
    } finally {
      expect(await container.remove()).toBe(true);
    }
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('keeps an interactive container\'s stdin and stdout live', async () => {
    // A static echo program: reads a line, writes it back, until stdin ends.
    const source = join(dir, 'echo.c');
    writeFileSync(source, '#include <stdio.h>\nint main(void){char b[256];while(fgets(b,sizeof b,stdin)){fputs(b,stdout);fflush(stdout);}return 0;}\n');
    await execa('gcc', ['-O2', '-static', '-o', join(dir, 'echo'), source]);
    const image = await engine.ensureImage({
      name: 'isobench/test-echo',
      files: [{ kind: 'file', path: '/echo', mode: 0o755, content: readFileSync(join(dir, 'echo')) }],
      entrypoint: ['/echo'],
    });
    const container = await engine.start(request({ name: RUNC_SHIM }, { image: image.ref, cmd: [], interactive: true }));
    try {
      const stdio = container.stdio();
      expect(stdio).not.toBeNull();
      if (!stdio) return;
      const line = new Promise<string>((resolve) => stdio.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      stdio.stdin.write('ping 42\n');
      expect(await line).toBe('ping 42\n');
    } finally {
      expect(await container.remove()).toBe(true);
    }
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it.each([
    ['runc', { name: RUNC_SHIM }],
    ['runsc', { name: RUNSC_SHIM }],
  ])('serves the net workload on isobench\'s CNI bridge under %s to a client on the host, and removes the network', async (_name, runtime) => {
    const net = workloadById('net') as WorkloadSpec;
    const image = (await engine.ensureImage(await staticBinaryImage(net))).ref;
    const container = await engine.start(request(runtime, {
      image, cmd: ['--mode', 'serve', '--port', '7777'], needs: { ...net.container, network: 'bridge' },
    }));
    try {
      const ip = await container.ipv4();
      expect(ip).toMatch(/^10\.213\.0\.\d+$/);
      let client: { exitCode?: number; stdout: unknown } = { stdout: '' };
      for (let attempt = 0; attempt < 20 && client.exitCode !== 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        client = await execa(join(repo, 'workloads', 'bin', 'net'), ['--mode', 'client', '--host', ip as string, '--port', '7777',
          '--reps', '1', '--budget-ms', '20', '--warmup-ms', '10'], { reject: false, timeout: 20_000 });
      }
      expect(client.exitCode).toBe(0);
      expect(String(client.stdout)).toMatch(/"metric":"tcp_rtt_64b\.bridge"/);
    } finally {
      expect(await container.remove()).toBe(true);
    }
    expect((await execa('ip', ['netns', 'list'])).stdout).not.toMatch(/isobench-/);
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('kills and removes a container at its trial timeout', async () => {
    const outcome = await engine.run(request({ name: RUNC_SHIM }, { image: idleImage, cmd: [], timeoutMs: 1_500 }));
    expect(outcome).toMatchObject({ kind: 'timed-out', phase: 'run' });
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('stops at an abort and leaves nothing, runsc sandbox included', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 2_000);
    const outcome = await engine.run(request({ name: RUNSC_SHIM }, { image: idleImage, cmd: [], signal: controller.signal }));
    expect(outcome.kind).toBe('aborted');
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('bounds a runsc that hangs creating the sandbox (through its config) and cleans it up', async () => {
    // runsc opens its sandbox's log before it starts it, and that log is a FIFO no one reads: `runsc create`
    // blocks for good (the fault tests' hanging runtime, test/integration/faults-env.ts, on this path)
    const hang = join(dir, 'hang');
    mkdirSync(hang);
    await execa('mkfifo', [join(hang, 'boot')]);
    const config = join(dir, 'runsc-hang.toml');
    writeFileSync(config, `[runsc_config]\n  debug-log = "${hang}/%COMMAND%"\n  debug-command = "boot"\n`);
    const began = performance.now();
    const outcome = await engine.run(request({ name: RUNSC_SHIM, configPath: config }, { image: idleImage, cmd: [], timeoutMs: 4_000 }));
    const tookMs = performance.now() - began;
    expect(outcome.kind).toBe('timed-out');
    expect(tookMs).toBeLessThan(4_000 + 30_000);
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('fails Kata at once with a clear message naming the missing shim', async (context) => {
    if (findOnPath('containerd-shim-kata-v2', process.env, ['/opt/kata/bin'])) context.skip();
    const outcome = await engine.run(request({ name: KATA_SHIM }));
    expect(outcome.kind).toBe('engine-error');
    if (outcome.kind !== 'engine-error') return;
    expect(outcome.message).toMatch(/containerd-shim-kata-v2 is not installed/);
    expect(outcome.durationMs).toBeLessThan(10_000);
    expect(await leftovers()).toEqual(nothingLeft);
  }, 30_000);

  it('sweeps what a run left by its label', async () => {
    const container = await engine.start(request({ name: RUNC_SHIM }, { image: idleImage, cmd: [] }));
    const swept = await engine.sweep({ runId });
    expect(swept.removed).toContain(container.id);
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it("sweeps (as `isobench clean`) the snapshot of a container a killed ctr never made", async () => {
    // `ctr run` prepares the snapshot before it makes the container: killed in between, it leaves the snapshot alone
    const id = `isobench-${randomBytes(6).toString('hex')}`;
    await ctrOk(engine.endpoint, ['snapshots', 'prepare', id]);
    expect((await leftovers()).active).toEqual([expect.stringMatching(new RegExp(`^${id}\\s`))]);
    const swept = await engine.sweep({});
    expect(swept.removed).toContainEqual(expect.stringMatching(new RegExp(`^${id} \\(left by a killed isobench`)));
    expect(await leftovers()).toEqual(nothingLeft);
  }, 60_000);

  it('gives an engine error when containerd dies, and leaves nothing once it is back', async (context) => {
    // Only isobench's own containerd is ever killed (found by its --address), never a system one or Docker's.
    if (engine.endpoint !== ISOBENCH_SOCKET) context.skip();
    const ours = listProcesses().filter((p) => p.comm === 'containerd' && p.cmdline.includes(`--address ${ISOBENCH_SOCKET}`));
    expect(ours).toHaveLength(1);
    const running = engine.run(request({ name: RUNC_SHIM }, { image: idleImage, cmd: [], timeoutMs: 20_000 }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    process.kill((ours[0] as { pid: number }).pid, 'SIGKILL');
    const began = performance.now();
    const outcome = await running;
    try {
      expect(outcome.kind).toBe('engine-error');
      if (outcome.kind === 'engine-error') expect(outcome.message).toMatch(/^containerd stopped answering at /);
      expect(performance.now() - began).toBeLessThan(15_000);
      expect(await engine.alive()).toBe(false);
    } finally {
      await startContainerdAsSetupHostDoes();
    }
    expect(await engine.alive()).toBe(true);
    await engine.sweep({ runId });
    expect(await leftovers()).toEqual(nothingLeft);
  }, 120_000);
});
