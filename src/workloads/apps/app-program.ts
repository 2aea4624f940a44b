/**
 * The program of an application workload: the static launcher workloads/bin/apprun (natively,
 * on the host) and an image holding apprun at /apprun (its entrypoint) beside the
 * application's host binaries, their shared libraries and data files at the host's own paths,
 * so that the same argument list runs natively and in a container.
 *
 * Why files of the host rather than an mmdebstrap root filesystem: the native target runs the
 * host's binaries, and an image of exactly those files compares like with like (same build,
 * same libraries, same data); it also needs no archive access at build time and stays small
 * (an mmdebstrap minbase is ~150 MB before the application). The image is assembled once per
 * process (memoized); the engine tags it by a hash of its files, so it is rebuilt only when a
 * package upgrade changed one of them.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageSpec } from '../../engine/engine.js';
import { IsobenchError } from '../../errors.js';
import { workloadsDir } from '../binaries.js';
import type { WorkloadProgram } from '../types.js';
import { HostFiles } from './host-files.js';

export const APPRUN = 'apprun';

const PASSWD = 'root:x:0:0:root:/root:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

export function apprunPath(): string {
  const path = join(workloadsDir(), APPRUN);
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new IsobenchError('WORKLOAD_BINARY_MISSING', `the application launcher is missing or not executable: ${path}`, {
      hint: 'run npm run build',
      cause: error,
    });
  }
  return path;
}

/** The base every application image shares: the launcher, users, and writable mount points. */
export function baseFiles(): HostFiles {
  return new HostFiles()
    .content(`/${APPRUN}`, readFileSync(apprunPath()), 0o755)
    .content('/etc/passwd', PASSWD)
    .content('/etc/group', GROUP)
    .dir('/tmp', 0o1777)
    .dir('/scratch', 0o1777)
    .dir('/tmpfs', 0o1777);
}

/** A workload program from the host files `collect` adds to the base (memoized). */
export function appProgram(name: string, collect: (files: HostFiles) => HostFiles): WorkloadProgram {
  let image: Promise<ImageSpec> | undefined;
  return {
    nativePath: apprunPath,
    image: () => {
      image ??= Promise.resolve().then(() => ({
        name: `isobench/app-${name}`,
        files: collect(baseFiles()).files(),
        entrypoint: [`/${APPRUN}`],
      }));
      image.catch(() => { image = undefined; });
      return image;
    },
  };
}
