import type Docker from 'dockerode';

/**
 * dockerode accepts `{ abortSignal }` on ping, info and version at run time, but its type
 * definitions do not say so. These wrappers keep that one cast in one place.
 */
type WithSignal<T> = (opts: { abortSignal: AbortSignal }) => Promise<T>;

export function pingEngine(docker: Docker, timeoutMs: number): Promise<unknown> {
  return (docker.ping as unknown as WithSignal<unknown>).call(docker, { abortSignal: AbortSignal.timeout(timeoutMs) });
}

export function engineInfo(docker: Docker, signal: AbortSignal): Promise<Record<string, unknown>> {
  return (docker.info as unknown as WithSignal<Record<string, unknown>>).call(docker, { abortSignal: signal });
}

export function engineVersion(docker: Docker, signal: AbortSignal): Promise<Docker.DockerVersion> {
  return (docker.version as unknown as WithSignal<Docker.DockerVersion>).call(docker, { abortSignal: signal });
}
