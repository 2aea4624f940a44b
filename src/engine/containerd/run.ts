import { describeCause } from '../../errors.js';
import type { ContainerRequest, ExecutionOutcome } from '../engine.js';
import { serverVersion } from './endpoint.js';
import { launch, type Launch } from './launch.js';
import { ctrErrorLines, describeCtrFailure, looksLikeEngineLoss } from './messages.js';
import { removeContainer } from './remove.js';

type Ending = 'exited' | 'timeout' | 'abort';

/** Waits for the client to exit, the trial's deadline or the abort signal, whichever comes first. */
function ending(run: Launch, request: ContainerRequest): Promise<Ending> {
  return new Promise<Ending>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), request.timeoutMs);
    const onAbort = (): void => resolve('abort');
    if (request.signal?.aborted) resolve('abort');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    void run.child.then(() => resolve('exited')).finally(() => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    });
  });
}

/**
 * Runs one container to its exit through `ctr run` and reads what it printed. Removed whatever
 * happens (exit, timeout, abort, containerd gone), with its task, snapshot, cgroups and any
 * runtime process left behind. containerd keeps no timestamps a client reads cheaply: null.
 * Phases as the client sees them: the pid file marks the task created by the runtime, which
 * `ctr run` starts at once, so `createdMs` and `startedMs` are the same moment.
 */
export async function runContainer(address: string, request: ContainerRequest, entrypoint: readonly string[]): Promise<ExecutionOutcome> {
  const began = performance.now();
  const elapsed = (): number => performance.now() - began;
  if (request.signal?.aborted) return { kind: 'aborted', durationMs: 0 };
  let run: Launch;
  try {
    run = launch(address, request, entrypoint);
  } catch (error) {
    return { kind: 'engine-error', message: describeCause(error), durationMs: elapsed() };
  }
  try {
    const how = await ending(run, request);
    const createdMs = run.isCreated() ? await run.created : null;
    if (how !== 'exited') {
      run.stopClient();
      const { stdout, stderr } = run.output();
      if (how === 'abort') return { kind: 'aborted', durationMs: elapsed() };
      return { kind: 'timed-out', stdout, stderr, durationMs: elapsed(), phase: createdMs === null ? 'start' : 'run' };
    }
    const result = await run.child;
    const exitedMs = elapsed();
    const { stdout, stderr } = run.output();
    const failure = ctrErrorLines(stderr).at(-1);
    if (failure !== undefined) {
      const lost = looksLikeEngineLoss(failure) && typeof (await serverVersion(address)) !== 'string';
      const message = lost ? `containerd stopped answering at ${address} (${failure})` : describeCtrFailure(failure, request.runtime.name);
      return { kind: 'engine-error', message, durationMs: exitedMs };
    }
    if (createdMs === null || result.exitCode === undefined) {
      return { kind: 'engine-error', message: `ctr run ended without running the task (${result.shortMessage ?? 'no message'})`, durationMs: exitedMs };
    }
    const phases = { createdMs, startedMs: createdMs, exitedMs };
    return { kind: 'exited', exitCode: result.exitCode, stdout, stderr, durationMs: exitedMs, phases, timestamps: null };
  } finally {
    run.stopClient();
    await removeContainer(address, run.id, { runtimeStuck: !run.isCreated(), pidFile: run.pidFile });
  }
}
