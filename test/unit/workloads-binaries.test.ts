import { isAbsolute, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IsobenchError } from '../../src/errors.js';
import { assertBinaryExists, binaryPath, workloadsDir } from '../../src/workloads/binaries.js';
import { workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('workload binaries', () => {
  it('live in workloads/bin of the repository', () => {
    expect(isAbsolute(workloadsDir())).toBe(true);
    expect(workloadsDir()).toBe(join(repoRoot, 'workloads', 'bin'));
    expect(binaryPath(workloadById('syscall') as WorkloadSpec)).toBe(`${workloadsDir()}${sep}syscall`);
  });

  it('missing: WORKLOAD_BINARY_MISSING naming the path, with a hint', () => {
    const ghost = { ...(workloadById('cpu') as WorkloadSpec), id: 'ghost', binary: 'no-such-binary' };
    let caught: unknown;
    try {
      assertBinaryExists(ghost);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IsobenchError);
    const error = caught as IsobenchError;
    expect(error.code).toBe('WORKLOAD_BINARY_MISSING');
    expect(error.message).toContain(join('workloads', 'bin', 'no-such-binary'));
    expect(error.hint).toBe('run npm run build');
  });
});
