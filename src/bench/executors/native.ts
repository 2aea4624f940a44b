import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionOutcome } from '../../engine/engine.js';
import { runOnHost, startOnHost } from '../../host/spawn.js';
import { NATIVE, type RuntimeTarget } from '../../runtimes/targets.js';
import { programOf } from '../../workloads/program.js';
import type { ScratchDirs, WorkloadSpec } from '../../workloads/types.js';
import type { ExecRequest, Executor, Started } from '../executor.js';

/** Fresh scratch directories on disk and on tmpfs (/dev/shm) for a native run, and their removal. */
export async function makeNativeScratch(): Promise<{ dirs: ScratchDirs; remove: () => Promise<void> }> {
  const rootfs = await mkdtemp(join(tmpdir(), 'isobench-'));
  const shmBase = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const tmpfs = await mkdtemp(join(shmBase, 'isobench-'));
  // Retried: a program stopped by a signal (Ctrl-C during a profile) may still write or unlink its
  // output for a moment, and a removal racing it fails with ENOTEMPTY, leaving the directory behind.
  const gone = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 };
  const remove = async (): Promise<void> => {
    await Promise.all([rm(rootfs, gone), rm(tmpfs, gone)]);
  };
  return { dirs: { rootfs, tmpfs }, remove };
}

/** The `native` target: the workload's program run directly on the host. */
export class NativeExecutor implements Executor {
  readonly target: RuntimeTarget = NATIVE;

  prepare(workloads: readonly WorkloadSpec[]): Promise<void> {
    for (const workload of workloads) programOf(workload).nativePath();
    return Promise.resolve();
  }

  scratch(): Promise<{ dirs: ScratchDirs; remove(): Promise<void> }> {
    return makeNativeScratch();
  }

  run(request: ExecRequest): Promise<ExecutionOutcome> {
    const options = { timeoutMs: request.timeoutMs, ...(request.signal ? { signal: request.signal } : {}), ...(request.cpuset ? { cpuset: request.cpuset } : {}) };
    return runOnHost(programOf(request.workload).nativePath(), request.args, options);
  }

  start(request: ExecRequest): Promise<Started> {
    const options = {
      timeoutMs: request.timeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.cpuset ? { cpuset: request.cpuset } : {}),
      ...(request.interactive ? { interactive: true } : {}),
    };
    return Promise.resolve(startOnHost(programOf(request.workload).nativePath(), request.args, options));
  }

  alive(): Promise<boolean> {
    return Promise.resolve(true);
  }

  sweep(): Promise<{ removed: number; failed: readonly string[] }> {
    return Promise.resolve({ removed: 0, failed: [] });
  }
}
