import type Docker from 'dockerode';
import { describeCause } from '../../errors.js';
import { sleep } from '../../sleep.js';
import { killRuntimeProcesses, reapContainerProcesses } from '../reap.js';

/** A healthy `docker rm -f` takes well under a second; past this, the runtime is taken to hang. */
const FIRST_REMOVE_TIMEOUT_MS = 10_000;
const REMOVE_TIMEOUT_MS = 30_000;
/** dockerd finishes a removal the client stopped waiting for; this long for it to be gone. */
const GONE_TIMEOUT_MS = 15_000;
const GONE_POLL_MS = 250;

type Attempt = 'gone' | 'in-progress' | 'failed';

async function tryRemove(container: Docker.Container, timeoutMs: number): Promise<Attempt> {
  try {
    await container.remove({ force: true, v: true, abortSignal: AbortSignal.timeout(timeoutMs) });
    return 'gone';
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404) return 'gone';
    if (status === 409 && /in progress/i.test(describeCause(error))) return 'in-progress';
    return 'failed';
  }
}

/** Polls until the engine no longer knows the container (404); false if it still does, or the engine is gone. */
async function waitGone(container: Docker.Container): Promise<boolean> {
  const deadline = performance.now() + GONE_TIMEOUT_MS;
  for (;;) {
    try {
      await container.inspect({ abortSignal: AbortSignal.timeout(GONE_POLL_MS * 20) });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return true;
      return false;
    }
    if (performance.now() > deadline) return false;
    await sleep(GONE_POLL_MS);
  }
}

export interface RemoveOptions {
  /**
   * The container's start never returned (a trial timeout or Ctrl-C hit while the runtime was
   * still creating it): kill the runtime's processes before asking the engine to remove it.
   */
  readonly runtimeStuck?: boolean;
}

/**
 * Force-removes a container (killing it if needed) and makes sure it is gone, then kills any
 * host process still serving it (a runsc sandbox that outlived its container). Bounded: a
 * removal that hangs because the runtime hangs is unblocked by killing the runtime's
 * processes. Never throws; false when the container may still exist.
 */
export async function removeContainer(container: Docker.Container, options: RemoveOptions = {}): Promise<boolean> {
  if (options.runtimeStuck) killRuntimeProcesses(container.id);
  let attempt = await tryRemove(container, options.runtimeStuck ? REMOVE_TIMEOUT_MS : FIRST_REMOVE_TIMEOUT_MS);
  if (attempt !== 'gone') {
    // `docker rm -f` waits for the runtime; a runtime stuck in create/start makes it wait for ever.
    killRuntimeProcesses(container.id);
    attempt = await tryRemove(container, REMOVE_TIMEOUT_MS);
  }
  const removed = attempt === 'gone' || (attempt === 'in-progress' && (await waitGone(container)));
  await reapContainerProcesses(container.id).catch(() => []);
  return removed;
}
