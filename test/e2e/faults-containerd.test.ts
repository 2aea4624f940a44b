import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerdEngine } from '../../src/engine/containerd/engine.js';
import { ISOBENCH_SOCKET } from '../../src/engine/containerd/endpoint.js';
import { listContainers } from '../../src/engine/containerd/sweep.js';
import { LABEL_OWNER } from '../../src/engine/labels.js';
import { readHostFacts } from '../../src/host/facts.js';
import { listProcesses } from '../../src/host/processes.js';
import { processesWith, readDb } from '../integration/faults-env.js';

/**
 * The faults of the Docker path, on the containerd path: a hung runtime, Ctrl-C, the engine dying,
 * and what a killed isobench leaves, swept by `isobench clean`. containerd is the one
 * scripts/setup-host.sh starts (isobench's own, never Docker's).
 */
const cli = (args: string[]) => execa('node', ['dist/cli/main.js', ...args], { reject: false, env: { ISOBENCH_DB: '' } });
// one process per trial: the faults are about trials (the paired mode's own are in test/e2e/paired.test.ts)
const QUICK = ['--mode', 'process', '--workloads', 'syscall', '--samples', '2', '--budget-ms', '100',
  '--warmup-ms', '10', '--no-report'];

let engine: ContainerdEngine;

/**
 * What the test's own runs left in containerd: containers whose owner is one of `owners` (the
 * isobench processes the test started), and runsc processes of containerd's isobench namespace
 * serving no container it runs. (Other isobench processes on a shared machine are not leftovers.)
 */
async function leftovers(owners: readonly number[]): Promise<{ containers: string[]; sandboxes: string[] }> {
  const mine = new Set(owners.map((pid) => `${hostname()}:${pid}`));
  const containers = (await listContainers(engine.endpoint)).filter((c) => mine.has(c.labels[LABEL_OWNER] ?? '')).map((c) => c.id);
  const running = await engine.runningIds().catch(() => []);
  const sandboxes = listProcesses()
    .filter((p) => p.state !== 'Z' && /^(runsc-sandbox|runsc-gofer)\b/.test(p.cmdline) && p.cmdline.includes('--root=/run/containerd/runc/isobench'))
    .filter((p) => !running.some((id) => p.cmdline.includes(id)))
    .map((p) => `${p.pid} ${p.cmdline.slice(0, 60)}`);
  return { containers, sandboxes };
}

const cliPid = (child: { pid?: number | undefined }): number[] => (child.pid === undefined ? [] : [child.pid]);

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return false;
}

function isobenchContainerdPids(): number[] {
  return listProcesses().filter((p) => p.comm === 'containerd' && p.state !== 'Z' && p.cmdline.includes(`--address ${ISOBENCH_SOCKET}`)).map((p) => p.pid);
}

async function restartContainerd(): Promise<void> {
  if (await engine.alive()) return;
  const setup = await execa('bash', ['scripts/setup-host.sh'], { reject: false, env: { ISOBENCH_SKIP_NPM: '1', ISOBENCH_SKIP_APT: '1' }, timeout: 110_000 });
  if (!(await engine.alive())) throw new Error(`could not restart containerd: ${setup.stderr.slice(-500)}`);
}

describe('faults on the containerd path', () => {
  let dir: string;
  beforeAll(async () => {
    engine = await ContainerdEngine.connect();
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-containerd-'));
  });
  afterAll(async () => {
    await restartContainerd();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a hung runtime (runsc on the KVM platform) fails its trials within the timeout; runc goes on; nothing left', async (ctx) => {
    if (!existsKvmThatHangs()) {
      ctx.skip('runsc --platform=kvm hangs only where /dev/kvm exists and cannot run a guest (a PVM or nested host); '
        + 'the containerd engine\'s bound on a hung runsc is tested in test/integration/containerd-engine.test.ts');
    }
    const db = join(dir, 'hang.db');
    const began = Date.now();
    const child = cli(['run', '--runtimes', 'containerd/runc,containerd/runsc:kvm', ...QUICK, '--repetitions', '2', '--trial-timeout', '10', '--db', db]);
    const run = await child;
    const tookS = (Date.now() - began) / 1000;
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/ (complete|partial): 2 trials ok, 2 failed/);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    const hung = state.trials.filter((t) => t.status === 'failed');
    expect(hung).toHaveLength(2);
    for (const t of hung) expect(t.reason).toMatch(/^timed out after 1\d\.\d s/);
    expect(tookS).toBeLessThan(2 * 10 + 60);
    expect(await leftovers(cliPid(child))).toEqual({ containers: [], sandboxes: [] });
    expect(processesWith('--platform=kvm')).toEqual([]);
  }, 180_000);

  it('Ctrl-C: exits 130, the run interrupted, finished trials kept, nothing left', async () => {
    const db = join(dir, 'sigint.db');
    const child = execa('node', ['dist/cli/main.js', 'run', '--runtimes', 'containerd/runc,containerd/runsc', ...QUICK, '--repetitions', '10', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^\[2\/20\] .* ok /m.test(stderr), 90_000), stderr).toBe(true);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, stderr).toBe(130);
    const state = readDb(db);
    expect(state.runs.map((r) => r.status)).toEqual(['interrupted']);
    expect(state.trials.filter((t) => t.status === 'ok').length).toBeGreaterThanOrEqual(2);
    expect(await leftovers(cliPid(child))).toEqual({ containers: [], sandboxes: [] });
  }, 120_000);

  it('after a killed isobench, `isobench clean` leaves nothing of it in containerd', async () => {
    const db = join(dir, 'killed.db');
    const child = execa('node', ['dist/cli/main.js', 'run', '--mode', 'process', '--runtimes',
      'containerd/runsc', '--workloads', 'syscall', '--samples', '50', '--budget-ms', '1000', '--repetitions',
      '1', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    const owned = async (): Promise<number> => (await leftovers(cliPid(child))).containers.length;
    expect(await until(async () => (await owned()) > 0, 60_000)).toBe(true);
    child.kill('SIGKILL');
    await child;
    // `ctr run --rm` outlives isobench; its container goes when its task ends, or `clean` removes it
    const clean = await cli(['clean']);
    expect(clean.exitCode, clean.stderr).toBe(0);
    expect(clean.stderr).toMatch(/^containerd: removed \d+ container\(s\)/m);
    expect(await leftovers(cliPid(child))).toEqual({ containers: [], sandboxes: [] });
    // the run of the killed process shows as dead or running, never complete
    expect(readDb(db).runs.map((r) => r.status)).not.toContain('complete');
  }, 120_000);

  it('containerd dies mid-run: one clear error, the run failed, trials kept, nothing left once it is back', async (ctx) => {
    if (engine.endpoint !== ISOBENCH_SOCKET) ctx.skip(`containerd at ${engine.endpoint} is not isobench's own: not killing it`);
    const db = join(dir, 'engine.db');
    const child = execa('node', ['dist/cli/main.js', 'run', '--runtimes', 'containerd/runc', ...QUICK, '--repetitions', '20', '--samples', '5', '--budget-ms', '200', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^\[1\/20\] .* ok /m.test(stderr), 90_000), stderr).toBe(true);
    expect(await until(async () => (await engine.runningIds().catch(() => [])).length > 0, 30_000)).toBe(true);
    for (const pid of isobenchContainerdPids()) process.kill(pid, 'SIGKILL');
    const result = await child;
    expect(result.exitCode, stderr).toBe(1);
    const errors = stderr.split('\n').filter((l) => l.startsWith('isobench:'));
    expect(errors).toEqual([expect.stringMatching(/^isobench: error: the containerd engine stopped answering during trial \d+\/20 \(containerd\/runc syscall\)$/)]);
    expect(stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs[0]?.status).toBe('failed');
    expect(state.trials.filter((t) => t.status === 'ok').length).toBeGreaterThanOrEqual(1);
    await restartContainerd();
    const next = cli(['run', '--runtimes', 'containerd/runc', ...QUICK, '--repetitions', '1', '--db', db]);
    expect((await next).exitCode, (await next).stderr).toBe(0);
    expect(await leftovers([...cliPid(child), ...cliPid(next)])).toEqual({ containers: [], sandboxes: [] });
  }, 240_000);
});

/**
 * runsc's KVM platform hangs where /dev/kvm exists but cannot run a guest: a PVM host, or a VM without
 * vmx/svm. Where there is no /dev/kvm at all it fails at once ("error opening KVM device file").
 */
function existsKvmThatHangs(): boolean {
  if (!existsSync('/dev/kvm')) return false;
  const host = readHostFacts(null);
  return existsSync('/sys/module/kvm_pvm') || host.virtualised || !host.hardwareVirtualisation;
}
