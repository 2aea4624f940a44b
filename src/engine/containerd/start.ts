import type { ContainerRequest, RunningContainer } from '../engine.js';
import { containerProcesses, listProcesses } from '../../host/processes.js';
import { launch } from './launch.js';
import { ctrErrorLines, describeCtrFailure } from './messages.js';
import { removeContainer } from './remove.js';

/** Once the task is created, this long without an exit counts as running. */
const SETTLE_MS = 100;

/**
 * Starts a container that keeps running: `ctr run` stays attached (its client relays the
 * task's stdio, so an interactive container's stdin and stdout are live streams) until the
 * container is removed. Throws, having removed it, when it does not get running in time or
 * exits at once.
 */
export async function startContainer(address: string, request: ContainerRequest, entrypoint: readonly string[]): Promise<RunningContainer> {
  const run = await launch(address, request, entrypoint);
  const remove = async (): Promise<boolean> => {
    await run.stopClient();
    return removeContainer(address, run.id, { runtimeStuck: !run.isCreated(), pidFile: run.pidFile });
  };
  let onAbort = (): void => {};
  try {
    const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), request.startTimeoutMs ?? request.timeoutMs).unref());
    const aborted = new Promise<'abort'>((resolve) => {
      onAbort = () => resolve('abort');
      if (request.signal?.aborted) resolve('abort');
      request.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const exited = run.child.then(() => 'exited' as const);
    const first = await Promise.race([run.created.then(() => 'created' as const), exited, deadline, aborted]);
    if (first === 'timeout') throw new Error(`the container did not get running within ${request.startTimeoutMs ?? request.timeoutMs} ms`);
    if (first === 'abort') throw new Error('aborted while starting the container');
    const settled = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), SETTLE_MS))]);
    if (settled === 'exited') {
      const result = await run.child;
      const failure = ctrErrorLines(run.output().stderr).at(-1);
      throw new Error(failure ? describeCtrFailure(failure, request.runtime.name) : `the container exited at once (exit code ${result.exitCode ?? '?'})`);
    }
  } catch (error) {
    await remove();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', onAbort);
  }
  let removal: Promise<boolean> | undefined;
  const child = run.child;
  return {
    id: run.id,
    ipv4: () => Promise.resolve(run.ipv4),
    logs: () => Promise.resolve(run.output()),
    stdio: () => (request.interactive && child.stdin && child.stdout && child.stderr
      ? { stdin: child.stdin, stdout: child.stdout, stderr: child.stderr }
      : null),
    hostPids: () => containerProcesses(listProcesses(), run.id).map((p) => p.pid),
    remove: () => (removal ??= remove().catch(() => false)),
  };
}
