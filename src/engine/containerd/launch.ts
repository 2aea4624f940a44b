/**
 * One `ctr run` of a container, attached (not `-d`): ctr creates the container and its
 * snapshot, has the runtime create the task (then writes the pid file), starts it, relays its
 * stdio and exits with the task's exit code. Shared by `run` (to the exit) and `start` (kept).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, watch, existsSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ContainerRequest } from '../engine.js';
import { runArgv } from './argv.js';
import { PIDS_LIMIT, prepareCgroups } from './cgroups.js';
import { ctrGlobalArgs } from './ctr.js';
import { realRuntimeHost, resolveRuntime, type RuntimeHost } from './runtime.js';

export const PID_DIR = '/run/isobench/pids';

export interface Launch {
  readonly id: string;
  readonly pidFile: string;
  readonly child: ReturnType<typeof spawnCtr>;
  /** what the container printed so far (not kept for an interactive one: its streams are the caller's) */
  output(): { stdout: string; stderr: string };
  /** resolves, in ms after the launch began, once the runtime has created the task (the pid file is written) */
  readonly created: Promise<number>;
  /** whether the task was created by now */
  isCreated(): boolean;
  /** kills the ctr client (the task itself is removed by removeContainer) */
  stopClient(): void;
  readonly began: number;
}

export const newContainerId = (): string => `isobench-${randomBytes(6).toString('hex')}`;

/** Starts `ctr run` for the request; throws (nothing made yet) when the request cannot run on containerd. */
export function launch(address: string, request: ContainerRequest, entrypoint: readonly string[], host: RuntimeHost = realRuntimeHost): Launch {
  if (request.needs.network !== 'none') {
    throw new Error('the containerd engine runs containers without a network only (no CNI bridge is set up for ctr); '
      + 'run network workloads through Docker');
  }
  if (request.user !== undefined) {
    throw new Error(`ctr (containerd 1.6) cannot set a container's user (asked: ${request.user}); set it in the image (ImageSpec.user)`);
  }
  const id = newContainerId();
  mkdirSync(PID_DIR, { recursive: true });
  const pidFile = join(PID_DIR, `${id}.pid`);
  const runtime = resolveRuntime(request.runtime, host, request.needs.network);
  prepareCgroups(id, { pidsMax: PIDS_LIMIT, cpuset: request.cpuset });
  const began = performance.now();
  let createdAt: number | null = null;
  let watcher: FSWatcher | undefined;
  const created = new Promise<number>((resolve) => {
    const seen = (): boolean => {
      if (createdAt !== null || !existsSync(pidFile)) return createdAt !== null;
      createdAt = performance.now() - began;
      watcher?.close();
      resolve(createdAt);
      return true;
    };
    watcher = watch(PID_DIR, (_event, name) => {
      if (name === `${id}.pid`) seen();
    });
    watcher.on('error', () => undefined);
    seen();
  });
  const argv = [...ctrGlobalArgs(address), ...runArgv({ request, id, runtimeArgs: runtime.args, pidFile, entrypoint })];
  const child = spawnCtr(argv, request.interactive === true);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (!request.interactive) {
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  }
  void child.finally(() => watcher?.close());
  return {
    id,
    pidFile,
    child,
    output: () => ({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    created,
    began,
    isCreated: () => createdAt !== null || existsSync(pidFile),
    stopClient: () => {
      child.kill('SIGKILL');
    },
  };
}

function spawnCtr(argv: readonly string[], interactive: boolean) {
  return execa('ctr', argv, { reject: false, stdin: interactive ? 'pipe' : 'ignore', buffer: false });
}
