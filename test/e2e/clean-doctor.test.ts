import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/doctor/checks.js';
import type { DockerEngine } from '../../src/engine/docker/engine.js';
import type { EngineFacts } from '../../src/engine/engine.js';
import { LABEL_KIND, LABEL_OWNER, LABEL_RUN_ID } from '../../src/engine/labels.js';
import { readHostFacts } from '../../src/host/facts.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import { staticBinaryImage } from '../../src/workloads/program.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';
import { realEngine } from '../integration/engine-env.js';
import { HANGING_RUNTIME, HANG_MARK, processesWith } from '../integration/faults-env.js';

const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });
const syscall = workloadById('syscall') as WorkloadSpec;
const ENDLESS = ['--reps', '1000', '--budget-ms', '600000', '--warmup-ms', '0', '--only', 'getppid'];

describe('isobench clean', () => {
  let docker: Docker;
  let engine: DockerEngine;
  let facts: EngineFacts;
  let image: string;
  const made: Docker.Container[] = [];
  beforeAll(async () => {
    ({ docker, engine, facts } = await realEngine());
    image = (await engine.ensureImage(await staticBinaryImage(syscall))).ref;
  });
  afterAll(async () => {
    for (const c of made) await c.remove({ force: true }).catch(() => undefined);
  });

  const leftover = async (runtime: string, labels: Record<string, string>): Promise<Docker.Container> => {
    const c = await docker.createContainer({ Image: image, Cmd: ENDLESS, Labels: labels, HostConfig: { Runtime: runtime, NetworkMode: 'none', CapDrop: ['ALL'] } });
    made.push(c);
    return c;
  };
  const exists = async (c: Docker.Container): Promise<boolean> => c.inspect().then(() => true, () => false);

  it('removes a container a killed isobench left running, names it, and leaves those of a live isobench alone', async () => {
    const left = await leftover('runc', { [LABEL_RUN_ID]: 'test-clean' });
    await left.start();
    const inUse = await leftover('runc', { [LABEL_RUN_ID]: 'test-clean-live', [LABEL_OWNER]: `${hostname()}:${process.pid}` });
    const leftName = (await left.inspect()).Name.replace(/^\//, '');
    const inUseName = (await inUse.inspect()).Name.replace(/^\//, '');

    const result = await cli(['clean']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^docker: removed \\d+ container\\(s\\): .*\\b${leftName}\\b`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^docker: left 1 container\\(s\\) of an isobench still running alone: ${inUseName} \\(owner ${hostname()}:${process.pid}\\)`, 'm'));
    expect(await exists(left)).toBe(false);
    expect(await exists(inUse)).toBe(true);
    await inUse.remove({ force: true });
  }, 60_000);

  const hangTitle = `removes a container whose runtime hangs (${HANGING_RUNTIME}), in bounded time, `
    + 'with its runtime processes';
  it(hangTitle, async (ctx) => {
    if (!facts.runtimes.some((r) => r.name === HANGING_RUNTIME)) {
      ctx.skip(`Docker has no ${HANGING_RUNTIME}: run scripts/test.sh, or ISOBENCH_TEST_RUNTIMES=1 scripts/setup-host.sh`);
    }
    const hung = await leftover(HANGING_RUNTIME, { [LABEL_RUN_ID]: 'test-clean-hung' });
    // the start never returns: the client gives up, as a killed isobench would
    await expect(hung.start({ abortSignal: AbortSignal.timeout(3_000) })).rejects.toThrow();
    expect(processesWith(HANG_MARK).length).toBeGreaterThan(0);

    const began = Date.now();
    const result = await cli(['clean']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((Date.now() - began) / 1000).toBeLessThan(45);
    expect(await exists(hung)).toBe(false);
    expect(processesWith(HANG_MARK)).toEqual([]);
  }, 90_000);

  it('names runtime processes that serve no running container', async () => {
    // a stand-in for a runsc sandbox that outlived its container: argv[0] is what names it
    const orphan = execa('bash', ['-c', 'exec -a runsc-sandbox sleep 60'], { reject: false });
    await new Promise((r) => setTimeout(r, 300));
    try {
      const result = await cli(['clean']);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toMatch(new RegExp(`^runtime processes serving no running container: .*runsc-sandbox \\(pid ${orphan.pid}\\)`, 'm'));
      expect(result.stderr).toMatch(/kill -9 PID/);
    } finally {
      orphan.kill('SIGKILL');
      await orphan;
    }
  }, 30_000);

  it('with --images, also removes the workload images (runs rebuild them on demand)', async () => {
    const result = await cli(['clean', '--images']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^docker: removed \d+ image\(s\): .*isobench\/syscall:/m);
    expect(await docker.listImages({ filters: { label: [LABEL_KIND] } })).toEqual([]);
    // what the next run does: the image comes back
    expect((await engine.ensureImage(await staticBinaryImage(syscall))).built).toBe(true);
  }, 60_000);
});

describe('isobench doctor', () => {
  let docker: Docker;
  beforeAll(async () => {
    ({ docker } = await realEngine());
  });

  it('reports this host as it is, with a smoke trial per runtime, and exits 1 only when a check fails', async () => {
    const result = await cli(['doctor']);
    const lines = result.stdout.split('\n');
    const level = (id: string): string | undefined => lines.find((l) => new RegExp(`^\\w+ +${id.replace(/[.]/g, '\\.')} {2}`).test(l))?.split(/\s+/)[0];
    expect(level('engine docker')).toBe('ok');
    expect(lines.find((l) => /^ok +engine docker /.test(l))).toMatch(/Docker \S+ \(API \d+\.\d+\) at /);
    // where /dev/kvm is PVM's, doctor says so rather than "nested KVM"
    if (existsSync('/dev/kvm') && existsSync('/sys/module/kvm_pvm')) {
      expect(lines.find((l) => / kvm {2}/.test(l))).toMatch(/kvm_pvm \(Pagetable-based Virtual Machine\)/);
    }
    // Kata's advice is the one of today: containerd or Docker >= 23, never daemon.json's kata-runtime
    const kata = lines.findIndex((l) => / runtime kata {2}/.test(l));
    if (level('runtime kata') === 'warn') expect(lines[kata + 1]).toMatch(/containerd\/kata.*Docker >= 23/);
    expect(result.stdout).not.toMatch(/kata-runtime in \/etc\/docker\/daemon\.json/);
    expect(level('smoke runc')).toBe('ok');
    expect(level('smoke runsc')).toBe('ok');
    const host = readHostFacts(null);
    expect(level('nested')).toBe(host.virtualised ? 'warn' : 'ok');
    expect(level('cgroup')).toBe(host.cgroup === 'hybrid' ? 'warn' : 'ok');
    expect(level('runtime kata')).toMatch(/^(ok|warn)$/);
    const failing = lines.filter((l) => l.startsWith('fail'));
    // the only runtime expected to fail here is the test suite's own hanging one
    const hung = `${HANGING_RUNTIME} +hung: the container never started within \\d+ s`;
    const hangs = new RegExp(`^fail +smoke (${hung}|engine containerd)`);
    for (const l of failing) expect(l).toMatch(hangs);
    expect(result.exitCode, result.stdout + result.stderr).toBe(failing.length > 0 ? 1 : 0);
    expect(result.stderr).toBe('');
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN_ID}=doctor`] } })).toEqual([]);
  }, 120_000);

  it('--json parses, and exits 0 when nothing fails', async () => {
    const result = await cli(['doctor', '--json', '--no-smoke']);
    const parsed = JSON.parse(result.stdout) as { checks: Check[]; facts: { engine: { apiVersion?: string } } };
    expect(parsed.checks.length).toBeGreaterThan(5);
    for (const c of parsed.checks) {
      expect(['ok', 'warn', 'fail']).toContain(c.level);
      if (c.level !== 'ok') expect(c.hint, c.id).toMatch(/\S/);
    }
    expect(parsed.checks.find((c) => c.id === 'engine docker')?.level).toBe('ok');
    expect(parsed.facts.engine.apiVersion).toMatch(/^\d+\.\d+$/);
    expect(parsed.checks.filter((c) => c.level === 'fail')).toEqual([]);
    expect(result.exitCode).toBe(0);
  }, 60_000);
});
