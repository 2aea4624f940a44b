import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { listProcesses } from '../../src/host/processes.js';
import { realEngine } from '../integration/engine-env.js';
import { NOTHING_LEFT, engineAnswers, leftSince, readDb, snapshot, type Leftovers } from '../integration/faults-env.js';

/** Brings the engine back the way the project does, whatever state it is in. */
async function restartEngine(): Promise<void> {
  if (await engineAnswers()) return;
  const setup = await execa('bash', ['scripts/setup-host.sh'], { reject: false, env: { ISOBENCH_SKIP_NPM: '1', ISOBENCH_SKIP_APT: '1' }, timeout: 110_000 });
  if (setup.exitCode !== 0 || !(await engineAnswers())) throw new Error(`could not restart the Docker engine: ${setup.stderr.slice(-500)}`);
}

function dockerdPids(): number[] {
  return listProcesses().filter((p) => p.comm === 'dockerd' && p.state !== 'Z').map((p) => p.pid);
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return false;
}

/**
 * The Docker daemon dies while a run is under way (a container of the run is running). The
 * engine is brought back with scripts/setup-host.sh afterwards, and in afterAll whatever
 * happened: the rest of the suite needs it.
 */
describe('the Docker daemon dies mid-run', () => {
  let docker: Docker;
  let dir: string;
  beforeAll(async () => {
    await restartEngine();
    ({ docker } = await realEngine());
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-engine-'));
  });
  afterAll(async () => {
    await restartEngine();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([['SIGKILL'], ['SIGTERM']] as const)('dockerd killed with %s: one clear error, the run failed, the database intact, nothing left once it is back', async (signal) => {
    const before: Leftovers = await snapshot(docker);
    const db = join(dir, `${signal}.db`);
    const child = execa('node', ['dist/cli/main.js', 'run', '--mode', 'process', '--runtimes', 'runc,runsc',
      '--workloads', 'syscall', '--repetitions', '10', '--samples', '2', '--budget-ms', '150', '--warmup-ms',
      '20', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^\[1\/20\] .* ok /m.test(stderr), 90_000), stderr).toBe(true);
    const runId = /^run (\S+): /m.exec(stderr)?.[1] ?? '';
    expect(await until(async () => (await docker.listContainers({ filters: { label: [`${LABEL_RUN_ID}=${runId}`] } })).length > 0, 30_000)).toBe(true);

    const killedAt = Date.now();
    for (const pid of dockerdPids()) process.kill(pid, signal);
    const result = await child;
    const stoppedInS = (Date.now() - killedAt) / 1000;

    expect(result.exitCode, stderr).toBe(1);
    expect(stoppedInS).toBeLessThan(60);
    const errors = stderr.split('\n').filter((l) => l.startsWith('isobench:'));
    expect(errors).toEqual([expect.stringMatching(/^isobench: error: the Docker engine stopped answering during trial \d+\/20 \((runc|runsc) syscall\)$/)]);
    expect(stderr).toMatch(/restart dockerd \(scripts\/setup-host\.sh\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs).toEqual([expect.objectContaining({ id: runId, status: 'failed', error: expect.stringMatching(/Docker engine stopped answering/) as unknown })]);
    const ok = state.trials.filter((t) => t.status === 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.every((t) => t.samples > 0)).toBe(true);
    // with the engine down, no sandbox, gofer or shim of the run is left running on the host
    const orphansNow = listProcesses().filter((p) => p.state !== 'Z' && /^(runsc-sandbox|runsc-gofer)\b/.test(p.cmdline)).map((p) => `${p.cmdline.split(' ')[0]} ${p.pid}`);
    expect(orphansNow.filter((p) => !before.processes.includes(p))).toEqual([]);

    await restartEngine();
    // the next run on this database removes what the failed one left in the engine
    const next = await execa('node', ['dist/cli/main.js', 'run', '--mode', 'process', '--runtimes', 'runc',
      '--workloads', 'syscall', '--repetitions', '1', '--samples', '1', '--budget-ms', '10', '--warmup-ms', '0',
      '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
    expect(readDb(db).runs.map((r) => r.status)).toEqual(['failed', 'complete']);
  }, 240_000);
});
