import { execa, type ResultPromise } from 'execa';
import type { Started } from '../bench/executor.js';
import type { ExecutionOutcome } from '../engine/engine.js';
import { listProcesses, withDescendants } from './processes.js';

const KILL_AFTER_MS = 2_000;

/** The program and its arguments, pinned with taskset when a cpuset is asked for. */
function argv(program: string, args: readonly string[], cpuset: string | undefined): [string, string[]] {
  return cpuset ? ['taskset', ['-c', cpuset, program, ...args]] : [program, [...args]];
}

/** Runs a program on the host to its exit, bounded by a timeout and an abort signal (the native target; clients on the host). */
export async function runOnHost(program: string, args: readonly string[], options: { timeoutMs: number; signal?: AbortSignal; cpuset?: string }): Promise<ExecutionOutcome> {
  const began = performance.now();
  const [file, fileArgs] = argv(program, args, options.cpuset);
  const result = await execa(file, fileArgs, {
    timeout: options.timeoutMs, reject: false, stdin: 'ignore', forceKillAfterDelay: KILL_AFTER_MS, env: {}, extendEnv: false,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const durationMs = performance.now() - began;
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.isCanceled) return { kind: 'aborted', durationMs };
  if (result.timedOut) return { kind: 'timed-out', stdout, stderr, durationMs };
  const exitCode = result.exitCode ?? 128;
  return { kind: 'exited', exitCode, stdout, stderr: result.exitCode === undefined ? `${stderr}\n${result.shortMessage}`.trim() : stderr, durationMs, phases: null, timestamps: null };
}

/** Starts a program on the host and keeps it running until stopped (a server, an idle process, a batch worker). */
export function startOnHost(program: string, args: readonly string[], options: { timeoutMs: number; signal?: AbortSignal; cpuset?: string; interactive?: boolean }): Started {
  const [file, fileArgs] = argv(program, args, options.cpuset);
  const child: ResultPromise = execa(file, fileArgs, {
    timeout: options.timeoutMs, reject: false, stdin: options.interactive ? 'pipe' : 'ignore', buffer: false, forceKillAfterDelay: KILL_AFTER_MS,
    env: {}, extendEnv: false, ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  let stdout = '';
  let stderr = '';
  if (!options.interactive) {
    child.stdout?.on('data', (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  }
  const ended = child.then(() => undefined, () => undefined);
  return {
    address: () => Promise.resolve('127.0.0.1'),
    output: () => Promise.resolve({ stdout, stderr }),
    stdio: () => (options.interactive && child.stdin && child.stdout && child.stderr ? { stdin: child.stdin, stdout: child.stdout, stderr: child.stderr } : null),
    pids: () => (child.pid === undefined ? [] : withDescendants(listProcesses(), child.pid).map((p) => p.pid)),
    stop: async () => {
      child.stdin?.end();
      child.kill('SIGTERM');
      await ended;
    },
  };
}
