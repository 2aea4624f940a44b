import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { realEngine } from '../integration/engine-env.js';
import { NOTHING_LEFT, leftSince, processesWith, readDb, snapshot } from '../integration/faults-env.js';

/** Polls until `check` holds, for at most `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return true;
  return false;
}

/** Whether a container of run `runId` is running. */
async function runHasContainers(docker: Docker, runId: string): Promise<boolean> {
  return (await docker.listContainers({ filters: { label: [`${LABEL_RUN_ID}=${runId}`] } })).length > 0;
}

/**
 * Ctrl-C and SIGTERM on the built CLI, mid-run: the signal arrives while a container of the
 * run is running, after the first trial has finished.
 */
describe('isobench run stopped by a signal', () => {
  let docker: Docker;
  let dir: string;
  beforeAll(async () => {
    ({ docker } = await realEngine());
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-signals-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The second Ctrl-C must land while clean-up is under way: only runsc, whose sandbox takes
  // hundreds of milliseconds to remove (a runc container can be gone within 50 ms).
  const cases: [string, (NodeJS.Signals | 'SIGINT+')[], string][] = [
    ['Ctrl-C', ['SIGINT'], 'runc,runsc'],
    ['Ctrl-C twice in quick succession', ['SIGINT', 'SIGINT'], 'runsc'],
    ['SIGTERM', ['SIGTERM'], 'runc,runsc'],
    // A signal every 5 ms until the process is gone: one lands while Node tears down after the
    // clean-up, when a natural exit has put SIGINT back to its default action (CI saw it once).
    ['Ctrl-C held down', ['SIGINT', 'SIGINT', 'SIGINT+'], 'runsc'],
  ];
  it.each(cases)('%s: exits 130 within seconds, run interrupted, finished trials kept, nothing left', async (_what, signals, runtimes) => {
    const before = await snapshot(docker);
    const db = join(dir, `${signals.join('-')}.db`);
    const child = execa('node', ['dist/cli/main.js', 'run', '--mode', 'process',
      '--runtimes', runtimes, '--workloads', 'syscall', '--repetitions', '10', '--samples', '2', '--budget-ms',
      '150', '--warmup-ms', '20', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^\[1\/\d+\] .* ok /m.test(stderr), 90_000), stderr).toBe(true);
    const runId = /^run (\S+): /m.exec(stderr)?.[1] ?? '';
    const running = (): Promise<boolean> => runHasContainers(docker, runId);
    expect(await until(running, 30_000)).toBe(true);

    const sentAt = Date.now();
    let overBeforeSecond = false;
    for (const [i, signal] of signals.entries()) {
      if (i > 0) {
        // Once the first has been handled, so that the two are not merged into one by the kernel.
        expect(await until(() => /stopping: /.test(stderr), 5_000), stderr).toBe(true);
        overBeforeSecond = / interrupted: \d+ trials ok/.test(stderr);
      }
      if (signal === 'SIGINT+') {
        const every = setInterval(() => child.kill('SIGINT'), 5);
        void child.finally(() => clearInterval(every));
      } else child.kill(signal);
    }
    const result = await child;
    const stoppedInS = (Date.now() - sentAt) / 1000;

    expect(result.exitCode, stderr).toBe(130);
    expect(stoppedInS).toBeLessThan(10);
    expect(stderr).toMatch(new RegExp(`stopping: ${signals[0]} received`));
    // A second signal after the clean-up had ended may find the process gone; that is no failure.
    if (signals.length > 1 && !overBeforeSecond) expect(stderr).toMatch(/stopping: SIGINT again: still cleaning up/);
    expect(stderr).toMatch(/ interrupted: \d+ trials ok/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs).toEqual([expect.objectContaining({ id: runId, status: 'interrupted' })]);
    const ok = state.trials.filter((t) => t.status === 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.every((t) => t.samples > 0)).toBe(true);
    expect(state.trials.every((t) => t.status === 'ok' || t.status === 'interrupted')).toBe(true);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
  }, 150_000);

  it('Ctrl-C while the applications are profiled after the trials: exits 130, every trial kept, no tracer or temp file left', async () => {
    const before = await snapshot(docker);
    const db = join(dir, 'profiling.db');
    const child = execa('node', ['dist/cli/main.js', 'run', '--runtimes', 'native', '--workloads', 'build', '--repetitions', '1', '--samples', '1',
      '--budget-ms', '10', '--warmup-ms', '0', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^validation: profiling build\/build natively/m.test(stderr), 90_000), stderr).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // inside perf stat's first untraced build
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, stderr).toBe(130);
    expect(stderr).toMatch(/validation: profiling stopped; the profiles made so far are kept/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.trials.map((t) => t.status)).toEqual(['ok']);
    expect(state.runs.map((r) => r.status)).toEqual(['complete']);
    expect(await until(() => processesWith('build.rsp').length === 0, 5_000), processesWith('build.rsp').join('\n')).toBe(true);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
  }, 120_000);

  it('Ctrl-C in a default (paired) run, after its first block: exits 130, its trials kept, nothing left', async () => {
    const before = await snapshot(docker);
    const db = join(dir, 'paired.db');
    const child = execa('node', ['dist/cli/main.js', 'run', '--runtimes', 'runc,runsc', '--workloads', 'syscall',
      '--rounds', '40', '--blocks', '4', '--no-report', '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await until(() => /^paired syscall block 1\/4: /m.test(stderr), 120_000), stderr).toBe(true);
    const runId = /^run (\S+), seed /m.exec(stderr)?.[1] ?? '';
    const running = (): Promise<boolean> => runHasContainers(docker, runId);
    expect(await until(running, 30_000)).toBe(true); // the second block's serving containers
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode, stderr).toBe(130);
    expect(stderr).toMatch(/stopping: SIGINT received/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs).toEqual([expect.objectContaining({ id: runId, status: 'interrupted' })]);
    const ok = state.trials.filter((t) => t.status === 'ok');
    expect(ok.length).toBeGreaterThanOrEqual(2); // block 1: one trial per runtime
    expect(ok.every((t) => t.samples > 0)).toBe(true);
    expect(state.trials.filter((t) => t.status !== 'ok' && t.status !== 'interrupted'), stderr).toEqual([]);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
  }, 180_000);
});
