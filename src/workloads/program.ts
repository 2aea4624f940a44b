import { readFile } from 'node:fs/promises';
import type { ImageSpec } from '../engine/engine.js';
import { assertBinaryExists, binaryPath } from './binaries.js';
import type { WorkloadProgram, WorkloadSpec } from './types.js';

/** The image of a static workload binary: the binary alone at /<name>, its entrypoint. */
export async function staticBinaryImage(spec: WorkloadSpec): Promise<ImageSpec> {
  assertBinaryExists(spec);
  const content = await readFile(binaryPath(spec));
  return {
    name: `isobench/${spec.binary}`,
    files: [{ kind: 'file', path: `/${spec.binary}`, mode: 0o755, content }],
    entrypoint: [`/${spec.binary}`],
  };
}

/** Where a workload's program is, natively and in its image (the static binary unless it says otherwise). */
export function programOf(spec: WorkloadSpec): WorkloadProgram {
  return spec.program ?? {
    nativePath: () => {
      assertBinaryExists(spec);
      return binaryPath(spec);
    },
    image: () => staticBinaryImage(spec),
  };
}

