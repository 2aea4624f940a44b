import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ScratchDirs } from '../workloads/types.js';
import type { ContainerOutcome } from '../engine/container.js';

export type ExecutionOutcome = ContainerOutcome;

/** Fresh scratch directories on disk and on tmpfs (/dev/shm) for a native run, and their removal. */
export async function makeNativeScratch(): Promise<{ dirs: ScratchDirs; remove: () => Promise<void> }> {
  const rootfs = await mkdtemp(join(tmpdir(), 'isobench-'));
  const shmBase = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const tmpfs = await mkdtemp(join(shmBase, 'isobench-'));
  const remove = async (): Promise<void> => {
    await Promise.all([rm(rootfs, { recursive: true, force: true }), rm(tmpfs, { recursive: true, force: true })]);
  };
  return { dirs: { rootfs, tmpfs }, remove };
}

/** Runs a workload binary directly on the host: the `native` target. */
export async function runNative(binaryPath: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<ExecutionOutcome> {
  const began = performance.now();
  const result = await execa(binaryPath, [...args], {
    timeout: timeoutMs,
    reject: false,
    stdin: 'ignore',
    ...(signal ? { cancelSignal: signal } : {}),
    forceKillAfterDelay: 2_000,
    env: {},
    extendEnv: false,
  });
  const durationMs = performance.now() - began;
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.isCanceled) return { kind: 'aborted', durationMs };
  if (result.timedOut) return { kind: 'timed-out', stdout, stderr, durationMs };
  if (result.exitCode === undefined) {
    return { kind: 'exited', exitCode: 128, stdout, stderr: `${stderr}\n${result.shortMessage}`.trim(), durationMs, phases: null, timestamps: null };
  }
  return { kind: 'exited', exitCode: result.exitCode, stdout, stderr, durationMs, phases: null, timestamps: null };
}
