import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { IsobenchError, describeCause } from '../../errors.js';
import { pingEngine } from './api.js';

/** Where an engine was found, for messages and `doctor`. */
export interface EngineEndpoint {
  readonly docker: Docker;
  /** e.g. `DOCKER_HOST=tcp://…`, `/var/run/docker.sock` */
  readonly source: string;
}

const PING_TIMEOUT_MS = 5_000;

/** Candidate sockets in the order testcontainers-node tries them: DOCKER_HOST, default, rootless. */
export function candidateEndpoints(env: NodeJS.ProcessEnv): { source: string; options: Docker.DockerOptions | undefined }[] {
  const candidates: { source: string; options: Docker.DockerOptions | undefined }[] = [];
  if (env.DOCKER_HOST) return [{ source: `DOCKER_HOST=${env.DOCKER_HOST}`, options: undefined }];
  const sockets = ['/var/run/docker.sock'];
  if (env.XDG_RUNTIME_DIR) sockets.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'));
  sockets.push(join(homedir(), '.docker', 'run', 'docker.sock'), join(homedir(), '.docker', 'desktop', 'docker.sock'));
  for (const socketPath of sockets) {
    if (existsSync(socketPath)) candidates.push({ source: socketPath, options: { socketPath } });
  }
  return candidates;
}

/** Finds a Docker engine that answers a ping, or throws DOCKER_UNAVAILABLE naming what was tried. */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env): Promise<EngineEndpoint> {
  const candidates = candidateEndpoints(env);
  const failures: string[] = [];
  for (const { source, options } of candidates) {
    const docker = new Docker(options);
    try {
      await pingEngine(docker, PING_TIMEOUT_MS);
      return { docker, source };
    } catch (error) {
      failures.push(`${source}: ${describeCause(error)}`);
    }
  }
  const tried = failures.length > 0 ? failures.join('; ') : 'no DOCKER_HOST and no Docker socket found';
  throw new IsobenchError('DOCKER_UNAVAILABLE', `no Docker engine answers (${tried})`, {
    hint: 'start one with: sudo scripts/setup-host.sh (or set DOCKER_HOST)',
  });
}
