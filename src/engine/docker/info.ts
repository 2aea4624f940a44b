import type Docker from 'dockerode';
import { IsobenchError, describeCause } from '../../errors.js';
import { engineInfo, engineVersion } from './api.js';

/** One OCI runtime registered with the engine, as `docker info` shows it. */
export interface RegisteredRuntime {
  readonly name: string;
  readonly path: string;
  readonly runtimeArgs: readonly string[];
}

export interface EngineInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly defaultRuntime: string;
  readonly runtimes: readonly RegisteredRuntime[];
  readonly cgroupVersion: string;
  readonly cgroupDriver: string;
  readonly storageDriver: string;
  readonly securityOptions: readonly string[];
}

interface RawRuntime {
  path?: string;
  runtimeArgs?: string[];
}

/** Reads the engine's version and runtimes (read only). */
export async function readEngineInfo(docker: Docker): Promise<EngineInfo> {
  try {
    const signal = AbortSignal.timeout(10_000);
    const [info, version] = await Promise.all([engineInfo(docker, signal), engineVersion(docker, signal)]);
    const raw = (info.Runtimes ?? {}) as Record<string, RawRuntime>;
    const runtimes = Object.entries(raw).map(([name, r]) => ({
      name,
      path: r.path ?? name,
      runtimeArgs: r.runtimeArgs ?? [],
    }));
    return {
      serverVersion: String(version.Version),
      apiVersion: String(version.ApiVersion),
      defaultRuntime: String(info.DefaultRuntime ?? 'runc'),
      runtimes,
      cgroupVersion: String(info.CgroupVersion ?? ''),
      cgroupDriver: String(info.CgroupDriver ?? ''),
      storageDriver: String(info.Driver ?? ''),
      securityOptions: (info.SecurityOptions as string[] | undefined) ?? [],
    };
  } catch (error) {
    throw new IsobenchError('DOCKER_UNAVAILABLE', `the Docker engine did not answer 'info': ${describeCause(error)}`, {
      cause: error,
      hint: 'check that dockerd is running (scripts/setup-host.sh starts it)',
    });
  }
}
