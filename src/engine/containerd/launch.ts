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
import { PIDS_LIMIT, prepareCgroups, removeCgroups } from './cgroups.js';
import { ctrGlobalArgs } from './ctr.js';
import { addNetwork, cniPluginDir, type ContainerNetwork } from './network.js';
import { realRuntimeHost, resolveRuntime, type RuntimeHost } from './runtime.js';

export const PID_DIR = '/run/isobench/pids';
const CLIENT_EXIT_MS = 5_000;

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
  /** the container's IPv4 on isobench's bridge; null without a network */
  readonly ipv4: string | null;
  /** kills the ctr client and waits (bounded) until it has exited; the task itself is removed by removeContainer */
  stopClient(): Promise<void>;
  readonly began: number;
}

export const newContainerId = (): string => `isobench-${randomBytes(6).toString('hex')}`;

/** Starts `ctr run` for the request; throws (having undone what it made) when the request cannot run on containerd. */
export async function launch(address: string, request: ContainerRequest, entrypoint: readonly string[], host: RuntimeHost = realRuntimeHost): Promise<Launch> {
  if (request.user !== undefined) {
    throw new Error(`ctr (containerd 1.6) cannot set a container's user (asked: ${request.user}); set it in the image (ImageSpec.user)`);
  }
  const id = newContainerId();
  mkdirSync(PID_DIR, { recursive: true });
  const pidFile = join(PID_DIR, `${id}.pid`);
  const runtime = resolveRuntime(request.runtime, host, request.needs.network);
  prepareCgroups(id, { pidsMax: PIDS_LIMIT, cpuset: request.cpuset });
  let network: ContainerNetwork | null = null;
  if (request.needs.network === 'bridge') {
    try {
      network = await addNetwork(id, cniPluginDir());
    } catch (error) {
      await removeCgroups(id);
      throw error;
    }
  }
  const runtimeArgs = [...runtime.args, ...(network ? ['--with-ns', `network:${network.netnsPath}`] : [])];
  const began = performance.now();
  let createdAt: number | null = null;
  let resolveCreated: (ms: number) => void = () => undefined;
  const created = new Promise<number>((resolve) => {
    resolveCreated = resolve;
  });
  /** Whether the pid file is there; resolves `created` the first time it is (from the watcher or any caller). */
  const seen = (): boolean => {
    if (createdAt !== null || !existsSync(pidFile)) return createdAt !== null;
    createdAt = performance.now() - began;
    watcher.close();
    resolveCreated(createdAt);
    return true;
  };
  const watcher: FSWatcher = watch(PID_DIR, (_event, name) => {
    if (name === `${id}.pid`) seen();
  });
  watcher.on('error', () => undefined);
  seen();
  const argv = [...ctrGlobalArgs(address), ...runArgv({ request, id, runtimeArgs, pidFile, entrypoint })];
  const child = spawnCtr(argv, request.interactive === true);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (!request.interactive) {
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  }
  void child.finally(() => watcher.close());
  return {
    id,
    pidFile,
    child,
    output: () => ({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    created,
    began,
    ipv4: network?.ipv4 ?? null,
    isCreated: seen,
    stopClient: async () => {
      child.kill('SIGKILL');
      await Promise.race([child.then(() => undefined, () => undefined), new Promise((resolve) => setTimeout(resolve, CLIENT_EXIT_MS).unref())]);
    },
  };
}

function spawnCtr(argv: readonly string[], interactive: boolean) {
  return execa('ctr', argv, { reject: false, stdin: interactive ? 'pipe' : 'ignore', buffer: false });
}
