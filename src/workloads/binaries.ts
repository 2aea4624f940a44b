import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IsobenchError } from '../errors.js';
import type { WorkloadSpec } from './types.js';

/**
 * `workloads/bin` of the repository or installed package. This module sits one level below the
 * root's `src/` (vitest) or `dist/` (after tsc), so the binaries are two levels up either way.
 */
export function workloadsDir(): string {
  return fileURLToPath(new URL('../../workloads/bin', import.meta.url));
}

export function binaryPath(spec: WorkloadSpec): string {
  return join(workloadsDir(), spec.binary);
}

/** Throws WORKLOAD_BINARY_MISSING unless the workload's static binary exists and is executable. */
export function assertBinaryExists(spec: WorkloadSpec): void {
  const path = binaryPath(spec);
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new IsobenchError('WORKLOAD_BINARY_MISSING', `the ${spec.id} workload binary is missing or not executable: ${path}`, {
      hint: 'run npm run build',
      cause: error,
    });
  }
}
