import { describe, expect, it } from 'vitest';
import { APP_WORKLOAD_IDS, DEFAULT_WORKLOAD_IDS, WORKLOADS as ALL_WORKLOADS, WORKLOAD_IDS, workloadById } from '../../src/workloads/catalogue.js';
import { CONTAINER_SCRATCH, type Budget, type WorkloadSpec } from '../../src/workloads/types.js';

/** The micro workloads; the applications have their own tests (test/unit/apps-*.test.ts). */
const WORKLOADS = ALL_WORKLOADS.filter((w) => DEFAULT_WORKLOAD_IDS.includes(w.id));
const budget: Budget = { repetitions: 7, repBudgetMs: 123, warmupMs: 45 };

function valueOf(args: readonly string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at < 0 ? undefined : args[at + 1];
}

describe('workload catalogue', () => {
  it('has the binary workloads and the host-measured ones under unique ids', () => {
    expect(DEFAULT_WORKLOAD_IDS).toEqual(['syscall', 'clock', 'cpu', 'fileio', 'startup', 'memory', 'net', 'compat', 'calls']);
    expect(APP_WORKLOAD_IDS).toEqual(['redis', 'nginx', 'sqlite', 'build', 'python', 'ffmpeg', 'memaccess']);
    expect(WORKLOAD_IDS).toEqual([...DEFAULT_WORKLOAD_IDS, ...APP_WORKLOAD_IDS]);
    expect(WORKLOADS.filter((w) => w.hostMeasured).map((w) => w.id)).toEqual(['startup', 'memory', 'net']);
    expect(new Set(WORKLOAD_IDS).size).toBe(ALL_WORKLOADS.length);
  });

  it('finds a workload by id and nothing for an unknown id', () => {
    expect(workloadById('cpu')?.binary).toBe('cpu');
    expect(workloadById('nope')).toBeUndefined();
  });

  it.each(WORKLOADS.filter((w) => !w.hostMeasured && w.output !== 'checks').map((w) => [w.id, w] as const))('%s: passes the budget to the binary', (_id, spec) => {
    const args = spec.args(budget, CONTAINER_SCRATCH);
    expect(valueOf(args, '--reps')).toBe('7');
    expect(valueOf(args, '--budget-ms')).toBe('123');
    expect(valueOf(args, '--warmup-ms')).toBe('45');
  });

  it.each(ALL_WORKLOADS.map((w) => [w.id, w] as const))('%s: metrics are unique, with a unit and a description', (_id, spec) => {
    const names = spec.metrics.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const metric of spec.metrics) {
      expect(metric.unit).not.toBe('');
      expect(metric.description).not.toBe('');
    }
  });

  it('gives fileio both scratch directories, labelled, and only fileio, compat and calls a scratch', () => {
    const fileio = workloadById('fileio') as WorkloadSpec;
    const args = fileio.args(budget, { rootfs: '/tmp/a', tmpfs: '/dev/shm/b' });
    expect(args).toEqual(expect.arrayContaining(['--dir', '/tmp/a:rootfs', '/dev/shm/b:tmpfs']));
    expect(args.filter((a) => a === '--dir')).toHaveLength(2);
    expect(WORKLOADS.filter((w) => w.needsScratch).map((w) => w.id)).toEqual(['fileio', 'compat', 'calls']);
    expect(fileio.metrics.map((m) => m.name)).toContain('unlink.tmpfs');
  });

  it('asks for least privilege: no network, read-only rootfs except fileio and compat, tmpfs only for them', () => {
    for (const spec of WORKLOADS) {
      // calls and compat: loopback sockets need an up lo, which runsc --network=host gives only on a network
      expect(spec.container.network).toBe(['net', 'calls', 'compat'].includes(spec.id) ? 'bridge' : 'none');
      expect(spec.container.readonlyRootfs).toBe(spec.id !== 'fileio' && spec.id !== 'compat');
    }
    expect(workloadById('fileio')?.container.tmpfs).toEqual({ '/tmpfs': 'rw,size=64m' });
    expect(workloadById('syscall')?.container.tmpfs).toEqual({});
  });

  it('gives compat its two directories, checks as output and a trial timeout its own deadlines fit in', () => {
    const compat = workloadById('compat') as WorkloadSpec;
    expect(compat.args(budget, { rootfs: '/tmp/a', tmpfs: '/dev/shm/b' })).toEqual(['--dir', '/tmp/a', '--tmpdir', '/dev/shm/b']);
    expect(compat.output).toBe('checks');
    expect(compat.metrics).toEqual([]);
    expect(compat.container.tmpfs).toEqual({ '/tmpfs': 'rw,size=64m' });
    expect(compat.minTrialTimeoutMs).toBeGreaterThanOrEqual(60_000);
  });

  it('gives clock a 2 s minimum warm-up and headlines getppid first in syscall', () => {
    expect(workloadById('clock')?.minWarmupMs).toBe(2000);
    expect(workloadById('syscall')?.metrics[0]?.name).toBe('getppid');
    expect(workloadById('cpu')?.metrics[0]?.direction).toBe('higher-is-better');
  });
});
