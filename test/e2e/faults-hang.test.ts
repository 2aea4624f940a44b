import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineFacts } from '../../src/engine/engine.js';
import { realEngine } from '../integration/engine-env.js';
import {
  HANGING_RUNTIME, HANG_MARK, NOTHING_LEFT, leftSince, processesWith, readDb, snapshot, type Leftovers,
} from '../integration/faults-env.js';

/** A runtime that hangs creating the container: the test suite's HANGING_RUNTIME (faults-env.ts). */
const TIMEOUT_S = 10;

function skipReason(info: EngineFacts): string | null {
  if (!info.runtimes.some((r) => r.name === HANGING_RUNTIME)) {
    return `Docker has no ${HANGING_RUNTIME}: run scripts/test.sh, or ISOBENCH_TEST_RUNTIMES=1 scripts/setup-host.sh`;
  }
  return null;
}

describe('a runtime that hangs', () => {
  let docker: Docker;
  let info: EngineFacts;
  let dir: string;
  let before: Leftovers;
  beforeAll(async () => {
    ({ docker, facts: info } = await realEngine());
    dir = mkdtempSync(join(tmpdir(), 'isobench-e2e-hang-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`fails each ${HANGING_RUNTIME} trial with "timed out" within its timeout, goes on with runc, and leaves nothing behind`, async (ctx) => {
    const skip = skipReason(info);
    if (skip) ctx.skip(skip);
    before = await snapshot(docker);
    const db = join(dir, 'hang.db');
    const began = Date.now();
    const run = await execa('node', ['dist/cli/main.js', 'run', '--mode', 'process',
      '--runtimes', `runc,${HANGING_RUNTIME}`, '--workloads', 'syscall', '--repetitions', '2', '--samples', '2',
      '--budget-ms', '20', '--warmup-ms', '10', '--trial-timeout', String(TIMEOUT_S), '--no-report',
      '--db', db], { reject: false, env: { ISOBENCH_DB: '' } });
    const tookS = (Date.now() - began) / 1000;

    // trials failed, so exit code 1; the run itself completed
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/ partial: 2 trials ok, 2 failed/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const state = readDb(db);
    expect(state.integrity).toBe('ok');
    expect(state.runs.map((r) => r.status)).toEqual(['complete']);
    const hung = state.trials.filter((t) => t.reason !== null);
    expect(hung).toHaveLength(2);
    for (const t of hung) expect(t.reason).toMatch(new RegExp(`^timed out after ${TIMEOUT_S}\\.\\d s before the container started \\(the runtime hung creating it\\)$`));
    expect(state.trials.filter((t) => t.status === 'ok' && t.samples > 0)).toHaveLength(2);

    // bounded: the two hung trials cost their timeouts plus clean-up, not minutes of `docker rm` waits
    expect(tookS).toBeLessThan(2 * TIMEOUT_S + 40);
    expect(await leftSince(docker, before, [dir])).toEqual(NOTHING_LEFT);
    expect(processesWith(HANG_MARK)).toEqual([]);
  }, 180_000);
});
