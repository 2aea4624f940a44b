import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { binaryPath } from '../../src/workloads/binaries.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';

const spec = (id: string): WorkloadSpec => workloadById(id) as WorkloadSpec;
const serve = (id: string, args: string[], input: string) =>
  execa(binaryPath(spec(id)), ['--budget-ms', '5', '--warmup-ms', '5', '--serve', ...args], { input, reject: false, timeout: 20_000 });

describe('workload --serve protocol (workloads/common.c)', () => {
  it('says ready with its metrics, answers each batch with one sample line, and quits', async () => {
    const result = await serve('syscall', ['--only', 'getppid,stat'], 'batch getppid\nbatch stat 2\nbatch getppid\nquit\nbatch stat\n');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ ready: true, metrics: ['getppid', 'stat'] });
    expect(lines.slice(1).map((l) => [l.metric, l.unit, l.rep])).toEqual([['getppid', 'ns/op', 0], ['stat', 'ns/op', 0], ['getppid', 'ns/op', 1]]);
    for (const l of lines.slice(1)) expect((l.cpu_ns as number) >= 0 && (l.wall_ns as number) > 0).toBe(true);
  });

  it('answers a bad command with an error line and keeps serving until the end of its input', async () => {
    const result = await serve('cpu', [], 'batch nope\nbatch hash_4k 0\nhello "there"\nbatch hash_4k\n');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').slice(1).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 3).map((l) => typeof l.error)).toEqual(['string', 'string', 'string']);
    expect(lines[0]?.error).toMatch(/not a served metric: 'nope'/);
    expect(lines[3]).toMatchObject({ metric: 'hash_4k', unit: 'ops/s', rep: 0 });
  });

  it('pins itself with --cpu and rejects a CPU it cannot have', async () => {
    const ok = await execa(binaryPath(spec('clock')), ['--reps', '1', '--budget-ms', '2', '--warmup-ms', '1', '--cpu', '0'], { reject: false, timeout: 20_000 });
    expect(ok.exitCode).toBe(0);
    const bad = await execa(binaryPath(spec('cpu')), ['--cpu', '1023'], { reject: false, timeout: 20_000 });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/cannot pin to CPU 1023/);
    const usage = await execa(binaryPath(spec('cpu')), ['--cpu', 'x'], { reject: false, timeout: 20_000 });
    expect(usage.exitCode).toBe(2);
  });
});
