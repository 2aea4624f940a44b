/**
 * Native executors under any target id for the paired tests (NativeExecutor is always `native`):
 * real workload processes on this host, started with live pipes, recording what they were asked.
 * `program` replaces the binary to make a target whose process cannot serve (a real program that
 * exits at once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecRequest, Executor, Started } from '../../src/bench/executor.js';
import { NATIVE, type RuntimeTarget } from '../../src/runtimes/targets.js';
import { binaryPath } from '../../src/workloads/binaries.js';

export const spawned: ChildProcess[] = [];
/** the cpuset each start was asked for */
export const cpusets: (string | undefined)[] = [];

export function processExecutor(id: string, program?: string): Executor {
  const target: RuntimeTarget = { ...NATIVE, id };
  return {
    target,
    prepare: () => Promise.resolve(),
    scratch: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'isobench-paired-test-'));
      return { dirs: { rootfs: dir, tmpfs: dir }, remove: () => rm(dir, { recursive: true, force: true }) };
    },
    run: () => Promise.reject(new Error('not used')),
    sweep: () => Promise.resolve({ removed: 0, failed: [] }),
    alive: () => Promise.resolve(true),
    start: (request: ExecRequest): Promise<Started> =>
      new Promise((resolve, reject) => {
        cpusets.push(request.cpuset);
        const child = spawn(program ?? binaryPath(request.workload), [...request.args], { stdio: ['pipe', 'pipe', 'pipe'] });
        spawned.push(child);
        child.once('error', reject);
        child.once('spawn', () =>
          resolve({
            address: () => Promise.resolve('127.0.0.1'),
            output: () => Promise.resolve({ stdout: '', stderr: '' }),
            stdio: () => ({ stdin: child.stdin, stdout: child.stdout, stderr: child.stderr }),
            pids: () => (child.pid ? [child.pid] : []),
            stop: async () => {
              if (child.exitCode !== null || child.signalCode !== null) return;
              const exited = new Promise((done) => child.once('exit', done));
              child.kill('SIGKILL');
              await exited;
            },
          }),
        );
      }),
  };
}

export function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}
