/**
 * build: a C build with the host's gcc 12 (the bazel build of gVisor's suite in miniature): a
 * generated tree of small modules, each including a few libc headers, compiled and linked by
 * one gcc driver (a cc1 and an as per file, then collect2 and ld): many processes, many small
 * files opened, sources and objects on the root filesystem. Seconds per build, as ms.
 */
import type { WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { packageFiles as packageFilesOf } from './host-files.js';
import { APP_NEEDS, msMetric, timedArgs } from './timed.js';

export const BUILD_MODULES = 8;
const GCC_PACKAGES = ['gcc-12', 'cpp-12', 'binutils-x86-64-linux-gnu', 'libgcc-12-dev', 'libc6-dev'];
/** Documentation, LTO (never used here) and static libraries a dynamic link does not read. */
const NOT_NEEDED = /^\/usr\/share\/|\/lto1$|lto-dump|\/usr\/lib\/x86_64-linux-gnu\/lib(?!c_nonshared)[^/]*\.a$/;

export const BUILD_PROGRAM = appProgram('build', (files) => {
  for (const path of ['/usr/bin/gcc', '/usr/bin/as', '/usr/bin/ld']) files.add(path);
  for (const pkg of GCC_PACKAGES) {
    for (const path of packageFilesOf(pkg)) if (!NOT_NEEDED.test(path)) files.add(path);
  }
  return files;
});


export const build: WorkloadSpec = {
  id: 'build',
  description: `gcc 12: a build of ${BUILD_MODULES + 1} generated C modules (compile each, link one program), sources on the root filesystem`,
  binary: 'apprun',
  program: BUILD_PROGRAM,
  metrics: [msMetric('build', `one gcc -O1 build of ${BUILD_MODULES + 1} small C files into a program (cc1, as, collect2, ld)`)],
  needsScratch: true,
  args: (budget, scratch) => timedArgs(
    budget,
    [{ metric: 'build', unit: 'ms', ops: 1, argv: ['/usr/bin/gcc', `@${scratch.rootfs}/build.rsp`] }],
    ['--tmpdir', scratch.rootfs, '--gen-tree', `${scratch.rootfs}:${BUILD_MODULES}`],
  ),
  container: APP_NEEDS,
};
