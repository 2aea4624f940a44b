import { describe, expect, it } from 'vitest';
import { BUILD_MODULES, build } from '../../src/workloads/apps/build.js';
import { FFMPEG_FRAMES, ffmpeg } from '../../src/workloads/apps/ffmpeg.js';
import { python } from '../../src/workloads/apps/python.js';
import { SQLITE_TRANSACTIONS, sqlite, sqliteScript } from '../../src/workloads/apps/sqlite.js';
import { ONE_RUN, oneRunEach, timedArgs } from '../../src/workloads/apps/timed.js';
import { memaccess } from '../../src/workloads/apps/memaccess.js';

const budget = { repetitions: 3, repBudgetMs: 50, warmupMs: 500 };
const scratch = { rootfs: '/scratch', tmpfs: '/tmpfs' };

/** The metrics of `apprun time` groups: the word after each `@`. */
function groups(args: readonly string[]): string[] {
  return args.flatMap((a, i) => (a === '@' ? [`${args[i + 1]} ${args[i + 2]}`] : []));
}

describe('apprun time arguments', () => {
  it('passes the budget, caps the warm-up at one short run, and lists each command after @', () => {
    const args = timedArgs(budget, [{ metric: 'm', unit: 'ms', ops: 1, argv: ['/bin/true'] }], ['--tmpdir', '/t']);
    expect(args).toEqual(['time', '--reps', '3', '--budget-ms', '50', '--warmup-ms', '200', '--tmpdir', '/t', '@', 'm', 'ms', '1', '/bin/true']);
  });

  it.each([python, ffmpeg, sqlite, build].map((w) => [w.id, w] as const))('%s: one group per metric, in its unit', (_id, spec) => {
    expect(groups(spec.args(budget, scratch))).toEqual(spec.metrics.map((m) => `${m.name} ${m.unit}`));
  });

  it('puts sqlite databases on both scratch filesystems and the build tree on the root filesystem', () => {
    const args = sqlite.args(budget, { rootfs: '/tmp/x', tmpfs: '/dev/shm/y' });
    expect(args).toContain('/tmp/x/isobench.sqlite');
    expect(args).toContain('/dev/shm/y/isobench.sqlite');
    expect(build.args(budget, scratch)).toEqual(expect.arrayContaining(['--gen-tree', `/scratch:${BUILD_MODULES}`, '@/scratch/build.rsp']));
    expect(ffmpeg.args(budget, scratch)).toEqual(expect.arrayContaining(['-frames:v', String(FFMPEG_FRAMES), '-threads', '1', 'libx264']));
  });

  it('runs a fixed, deterministic sqlite script of the stated number of transactions', () => {
    const script = sqliteScript(SQLITE_TRANSACTIONS);
    expect(script).toBe(sqliteScript(SQLITE_TRANSACTIONS));
    expect(script.match(/\bBEGIN;/g)).toHaveLength(SQLITE_TRANSACTIONS);
    expect(script.match(/\bCOMMIT;/g)).toHaveLength(SQLITE_TRANSACTIONS);
    expect(script).toContain('PRAGMA journal_mode=WAL');
    expect(script).not.toMatch(/random/i);
  });

  it('splits a workload into one single-run argument list per metric, set-up options kept (what validation profiles)', () => {
    const runs = oneRunEach(python.args(ONE_RUN, scratch));
    expect(runs?.map((r) => r.metric)).toEqual(python.metrics.map((m) => m.name));
    for (const run of runs ?? []) {
      expect(run.args.slice(0, 7)).toEqual(['time', '--reps', '1', '--budget-ms', '0', '--warmup-ms', '0']);
      expect(run.args.filter((a) => a === '@')).toHaveLength(1);
    }
    const [buildRun] = oneRunEach(build.args(ONE_RUN, scratch)) ?? [];
    expect(buildRun?.args).toEqual(expect.arrayContaining(['--gen-tree', `/scratch:${BUILD_MODULES}`, '@', 'build', '@/scratch/build.rsp']));
    expect(oneRunEach(memaccess.args(ONE_RUN, scratch))).toBeNull();
  });
});
