import type Docker from 'dockerode';
import { describeCause } from '../../errors.js';
import { pingEngine } from './api.js';

/** A label no container has: the event stream stays silent, only its connection matters. */
const SILENT_FILTER = { label: ['isobench.watch=never-matches'] };
const CONNECT_TIMEOUT_MS = 10_000;
const PING_TIMEOUT_MS = 3_000;
/** A stream closed by something between us and a live engine (a proxy's idle timeout) is reopened, this often at most. */
const MAX_REOPENS = 5;

type EventStream = NodeJS.ReadableStream & { destroy(): void };

export interface EngineWatch {
  /** aborted when the connection to the engine drops and the engine no longer answers */
  readonly signal: AbortSignal;
  stop(): void;
}

async function openStream(docker: Docker): Promise<EventStream> {
  // Not AbortSignal.timeout: the request keeps its signal for life, and would drop the stream later.
  const connecting = new AbortController();
  const timer = setTimeout(() => connecting.abort(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  try {
    return (await docker.getEvents({ filters: SILENT_FILTER, abortSignal: connecting.signal } as Docker.GetEventsOptions)) as EventStream;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Watches the engine through an idle event stream. A long call such as `wait` never settles
 * when dockerd dies under it (docker-modem listens for the end of the response, which never
 * comes, and Node then exits with code 13 as the event loop empties): the dropped event stream
 * is what tells that the engine is gone. Rejects when the engine does not answer at all.
 */
export async function watchEngine(docker: Docker): Promise<EngineWatch> {
  const controller = new AbortController();
  let stopped = false;
  let reopens = 0;
  let stream = await openStream(docker);
  const lost = async (why: string): Promise<void> => {
    if (stopped || controller.signal.aborted) return;
    try {
      await pingEngine(docker, PING_TIMEOUT_MS);
      if (reopens < MAX_REOPENS && !stopped) {
        reopens += 1;
        attach(await openStream(docker));
        return;
      }
    } catch {
      // the engine is gone
    }
    if (!stopped) controller.abort(new Error(`the connection to the Docker engine dropped (${why})`));
  };
  function attach(s: EventStream): void {
    stream = s;
    let reported = false;
    const report = (why: string): void => {
      if (reported) return;
      reported = true;
      void lost(why);
    };
    s.on('error', (error: unknown) => report(describeCause(error)));
    s.on('close', () => report('closed by the engine'));
    s.on('end', () => report('ended by the engine'));
    s.resume();
    if (stopped) s.destroy();
  }
  attach(stream);
  return {
    signal: controller.signal,
    stop: () => {
      stopped = true;
      stream.destroy();
    },
  };
}
