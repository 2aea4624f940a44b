import type Docker from 'dockerode';
import type { ContainerNeeds } from '../workloads/types.js';
import { describeCause } from '../errors.js';
import { demuxDockerStream } from './demux.js';
import { reapContainerProcesses } from './reap.js';

export interface ContainerRunRequest {
  readonly image: string;
  readonly cmd: readonly string[];
  /** Docker runtime name, e.g. `runc`, `runsc`, `kata-runtime` */
  readonly runtime: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly needs: ContainerNeeds;
  /** extra `--security-opt` values, e.g. `seccomp=unconfined` */
  readonly securityOpt: readonly string[];
  /** from start to exit; the container is killed and removed after it */
  readonly timeoutMs: number;
  /** aborts the run (Ctrl-C); the container is still removed */
  readonly signal?: AbortSignal;
}

/**
 * When each phase ended, in ms after the create request was sent, as the client saw it:
 * the engine created the container, the start call returned (the runtime has the process
 * running), the wait call returned (the process exited).
 */
export interface ClientPhases {
  readonly createdMs: number;
  readonly startedMs: number;
  readonly exitedMs: number;
}

/** Engine timestamps, in ms since the epoch, for start-up splits. */
export interface ContainerTimestamps {
  readonly createdMs: number;
  readonly startedMs: number;
  readonly finishedMs: number;
}

export type ContainerOutcome =
  | {
      readonly kind: 'exited';
      readonly exitCode: number;
      readonly stdout: string;
      readonly stderr: string;
      readonly durationMs: number;
      readonly phases: ClientPhases | null;
      readonly timestamps: ContainerTimestamps | null;
    }
  | { readonly kind: 'timed-out'; readonly stdout: string; readonly stderr: string; readonly durationMs: number }
  | { readonly kind: 'aborted'; readonly durationMs: number }
  | { readonly kind: 'engine-error'; readonly message: string; readonly durationMs: number };

const API_CALL_TIMEOUT_MS = 60_000;
const REMOVE_TIMEOUT_MS = 30_000;

export function containerCreateOptions(request: ContainerRunRequest): Docker.ContainerCreateOptions {
  const { needs } = request;
  return {
    Image: request.image,
    Cmd: [...request.cmd],
    Labels: { ...request.labels },
    NetworkDisabled: needs.network === 'none',
    HostConfig: {
      Runtime: request.runtime,
      NetworkMode: needs.network === 'none' ? 'none' : 'bridge',
      ReadonlyRootfs: needs.readonlyRootfs,
      Tmpfs: { ...needs.tmpfs },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges', ...request.securityOpt],
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
export async function runContainer(docker: Docker, request: ContainerRunRequest): Promise<ContainerOutcome> {
  const began = performance.now();
  const elapsed = (): number => performance.now() - began;
  let container: Docker.Container | undefined;
  try {
    container = await docker.createContainer({ ...containerCreateOptions(request), abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
    const createdMs = elapsed();
    const deadline = AbortSignal.timeout(request.timeoutMs);
    const waitSignal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
    await container.start({ abortSignal: waitSignal });
    const startedMs = elapsed();
    const exit = (await container.wait({ abortSignal: waitSignal })) as { StatusCode: number };
    const phases = { createdMs, startedMs, exitedMs: elapsed() };
    const { stdout, stderr } = await readLogs(container);
    const timestamps = await readTimestamps(container);
    return { kind: 'exited', exitCode: exit.StatusCode, stdout, stderr, durationMs: phases.exitedMs, phases, timestamps };
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
    if (isAbort(error) && container) {
      const { stdout, stderr } = await readLogs(container).catch(() => ({ stdout: '', stderr: '' }));
      return { kind: 'timed-out', stdout, stderr, durationMs: elapsed() };
    }
    return { kind: 'engine-error', message: describeCause(error), durationMs: elapsed() };
  } finally {
    if (container) await removeContainer(container);
  }
}

/**
 * Creates and starts a container that keeps running (an idle sandbox to measure). The caller
 * removes it with removeContainer; on any failure here it is removed before the error is thrown.
 */
export async function startDetached(docker: Docker, request: ContainerRunRequest): Promise<Docker.Container> {
  const container = await docker.createContainer({ ...containerCreateOptions(request), abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
  try {
    await container.start({ abortSignal: AbortSignal.timeout(request.timeoutMs) });
    const state = (await container.inspect({ abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) })).State;
    if (!state.Running) throw new Error(`the container exited at once (exit code ${state.ExitCode})`);
    return container;
  } catch (error) {
    await removeContainer(container);
    throw error;
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

async function readLogs(container: Docker.Container): Promise<{ stdout: string; stderr: string }> {
  const raw = (await container.logs({ stdout: true, stderr: true, follow: false, abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) })) as unknown as Buffer;
  return demuxDockerStream(raw);
}

async function readTimestamps(container: Docker.Container): Promise<ContainerTimestamps | null> {
  const info = await container.inspect({ abortSignal: AbortSignal.timeout(API_CALL_TIMEOUT_MS) });
  const createdMs = Date.parse(info.Created);
  const startedMs = Date.parse(info.State.StartedAt);
  const finishedMs = Date.parse(info.State.FinishedAt);
  if ([createdMs, startedMs, finishedMs].some((t) => !Number.isFinite(t) || t <= 0)) return null;
  return { createdMs, startedMs, finishedMs };
}

/**
 * Force-removes a container (killing it if needed), retrying once, then kills any host
 * process still serving it (a runsc sandbox that outlived its container). Never throws.
 */
export async function removeContainer(container: Docker.Container): Promise<boolean> {
  let removed = false;
  for (let attempt = 0; attempt < 2 && !removed; attempt += 1) {
    try {
      await container.remove({ force: true, v: true, abortSignal: AbortSignal.timeout(REMOVE_TIMEOUT_MS) });
      removed = true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404 || (status === 409 && /already in progress/.test(describeCause(error)))) removed = true;
    }
  }
  await reapContainerProcesses(container.id).catch(() => []);
  return removed;
}
