import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The fault metrics of the calls workload price a profile's faults one by one, so one operation must
 * be one fault natively (a read touches one page per 64 KiB: Linux maps the pages around a read
 * fault at once; a write copies one page, in turn or 64 KiB apart). Counted by perf stat, the
 * reference: the difference between two iteration counts.
 */
describe('calls: one page fault per operation of each fault metric, natively (perf stat)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-faults-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const faults = async (metric: string, iterations: number): Promise<number> => {
    const out = join(dir, `${metric}-${iterations}.csv`);
    const args = ['stat', '-x,', '-o', out, '-e', 'minor-faults', '--', 'workloads/bin/calls', '--only', metric];
    const once = ['--iterations', String(iterations), '--reps', '1', '--warmup-ms', '0', '--dir', dir];
    const run = await execa('perf', [...args, ...once]);
    expect(run.exitCode).toBe(0);
    const line = readFileSync(out, 'utf8').split('\n').find((l) => l.split(',')[2] === 'minor-faults') as string;
    return Number(line.split(',')[0]);
  };

  const metrics = ['page_fault', 'file_fault_read_first', 'file_fault_read', 'file_fault_cow', 'file_fault_cow_apart'];
  for (const metric of metrics) {
    it(metric, async () => {
      const perOp = ((await faults(metric, 3000)) - (await faults(metric, 1000))) / 2000;
      expect(perOp).toBeGreaterThan(0.9);
      expect(perOp).toBeLessThan(1.1);
    });
  }
});
