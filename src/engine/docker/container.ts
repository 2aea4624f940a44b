import type Docker from 'dockerode';
import type { ContainerRequest, EngineTimestamps, ExecutionOutcome } from '../engine.js';
import { describeCause } from '../../errors.js';
import { demuxDockerStream } from './demux.js';
import { LABEL_OWNER, ownerLabelValue } from '../labels.js';
import { removeContainer } from './remove.js';
import { watchEngine, type EngineWatch } from './watch.js';

export { removeContainer } from './remove.js';

/** Docker's view of the engine-neutral request. */
export type ContainerRunRequest = ContainerRequest;

const API_CALL_TIMEOUT_MS = 60_000;
/** nobody:nogroup: the user of every container whose workload does not need root. */

/** Reading what a timed-out container printed must not hold up its removal. */
const LOGS_AFTER_TIMEOUT_MS = 5_000;

export function containerCreateOptions(request: ContainerRunRequest): Docker.ContainerCreateOptions {
  const { needs } = request;
  return {
    Image: request.image,
    Cmd: [...request.cmd],
    Labels: { ...request.labels, [LABEL_OWNER]: ownerLabelValue() },
    // the image's user (the container executor sets it: not root unless the workload says why), unless overridden
    ...(request.user ? { User: request.user } : {}),
    ...(request.interactive ? { OpenStdin: true, StdinOnce: false, AttachStdin: true, AttachStdout: true, AttachStderr: true } : {}),
    NetworkDisabled: needs.network === 'none',
    HostConfig: {
      Runtime: request.runtime.name,
      NetworkMode: needs.network === 'none' ? 'none' : 'bridge',
      ReadonlyRootfs: needs.readonlyRootfs,
      Tmpfs: { ...needs.tmpfs },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', ...(request.seccomp ? [] : ['seccomp=unconfined'])],
      ...(request.cpuset ? { CpusetCpus: request.cpuset } : {}),
      Privileged: false,
      PidsLimit: 256,
      Memory: 512 * 1024 * 1024,
      AutoRemove: false,
    },
  };
}

/**
 * Creates, starts and waits for one container, then reads its output. The container is
 * removed whatever happens: exit, timeout, abort or an engine error.
 */
export async function runContainer(docker: Docker, request: ContainerRunRequest): Promise<ExecutionOutcome> {
  let watch: EngineWatch;
  try {
    watch = await watchEngine(docker);
  } catch (error) {
    return { kind: 'engine-error', message: `the Docker engine does not answer: ${describeCause(error)}`, durationMs: 0 };
  }
  const began = performance.now();
  const elapsed = (): number => performance.now() - began;
  let container: Docker.Container | undefined;
  let started = false;
  try {
    container = await docker.createContainer({ ...containerCreateOptions(request), abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
    const createdMs = elapsed();
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const waitSignal = AbortSignal.any([deadline, watch.signal, ...(request.signal ? [request.signal] : [])]);
    await untilAborted(container.start({ abortSignal: waitSignal }), waitSignal);
    started = true;
    const startedMs = elapsed();
    const exit = (await untilAborted(container.wait({ abortSignal: waitSignal }), waitSignal)) as { StatusCode: number };
    const phases = { createdMs, startedMs, exitedMs: elapsed() };
    const { stdout, stderr } = await readLogs(container);
    const timestamps = await readTimestamps(container);
    return { kind: 'exited', exitCode: exit.StatusCode, stdout, stderr, durationMs: phases.exitedMs, phases, timestamps };
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
    if (watch.signal.aborted) return { kind: 'engine-error', message: describeCause(watch.signal.reason), durationMs: elapsed() };
    if (isAbort(error) && container) {
      const durationMs = elapsed();
      // A container that never started printed nothing, and asking would wait on the hung runtime.
      const { stdout, stderr } = started ? await readLogs(container, LOGS_AFTER_TIMEOUT_MS).catch(() => ({ stdout: '', stderr: '' })) : { stdout: '', stderr: '' };
      return { kind: 'timed-out', stdout, stderr, durationMs, phase: started ? 'run' : 'start' };
    }
    return { kind: 'engine-error', message: describeCause(error), durationMs: elapsed() };
  } finally {
    watch.stop();
    if (container) await removeContainer(container, { runtimeStuck: !started });
  }
}

/**
 * The call, or a rejection as soon as the signal aborts. docker-modem does not settle a call
 * whose response had begun when the connection dropped, whatever its abort signal says.
 */
function untilAborted<T>(call: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

async function readLogs(container: Docker.Container, timeoutMs = API_CALL_TIMEOUT_MS): Promise<{ stdout: string; stderr: string }> {
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false, abortSignal: AbortSignal.timeout(timeoutMs) })) as unknown as Buffer;
  return demuxDockerStream(raw);
}

async function readTimestamps(container: Docker.Container): Promise<EngineTimestamps | null> {
  const info = await container.inspect({ abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
  const createdMs = Date.parse(info.Created);
  const startedMs = Date.parse(info.State.StartedAt);
  const finishedMs = Date.parse(info.State.FinishedAt);
  if ([createdMs, startedMs, finishedMs].some((t) => !Number.isFinite(t) || t <= 0)) return null;
  return { createdMs, startedMs, finishedMs };
}
