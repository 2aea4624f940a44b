import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { IsobenchError, describeCause } from '../errors.js';
import { LABEL_KIND } from './labels.js';

export interface WorkloadImage {
  /** e.g. `isobench/syscall:3f2a9c01d4e5` */
  readonly tag: string;
  readonly binarySha256: string;
  /** false when an image for this exact binary already existed */
  readonly built: boolean;
}

const BUILD_TIMEOUT_MS = 120_000;

/** The image tag for a binary: its content hash, so a changed binary gets a new image. */
export function imageTagFor(binaryName: string, sha256: string): string {
  return `isobench/${binaryName}:${sha256.slice(0, 12)}`;
}

export function dockerfileFor(binaryName: string, sha256: string): string {
  return [
    'FROM scratch',
    `COPY ${binaryName} /${binaryName}`,
    `LABEL ${LABEL_KIND}="workload" isobench.binary-sha256="${sha256}"`,
    `ENTRYPOINT ["/${binaryName}"]`,
    '',
  ].join('\n');
}

/** An in-memory build context: the Dockerfile and the static binary, nothing else. */
function buildContext(binaryName: string, binary: Buffer, dockerfile: string): NodeJS.ReadableStream {
  const tar = pack();
  tar.entry({ name: 'Dockerfile', mode: 0o644 }, dockerfile);
  tar.entry({ name: binaryName, mode: 0o755 }, binary);
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream;
}

/** Builds a FROM-scratch image around a static binary through the Engine API, unless it exists. */
export async function ensureWorkloadImage(docker: Docker, binaryPath: string): Promise<WorkloadImage> {
  const binaryName = basename(binaryPath);
  const binary = await readFile(binaryPath);
  const sha256 = createHash('sha256').update(binary).digest('hex');
  const tag = imageTagFor(binaryName, sha256);
  if (await imageExists(docker, tag)) return { tag, binarySha256: sha256, built: false };

  const context = buildContext(binaryName, binary, dockerfileFor(binaryName, sha256));
  try {
    const stream = await docker.buildImage(context, { t: tag, rm: true, forcerm: true, abortSignal: AbortSignal.timeout(BUILD_TIMEOUT_MS) });
    const events = await new Promise<BuildEvent[]>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, result: BuildEvent[]) => (error ? reject(error) : resolve(result)));
    });
    const failure = events.find((e) => e.error !== undefined || e.errorDetail !== undefined);
    if (failure) throw new Error(failure.errorDetail?.message ?? failure.error ?? 'unknown build error');
  } catch (error) {
    throw new IsobenchError('IMAGE_BUILD_FAILED', `building image ${tag} failed: ${describeCause(error)}`, {
      cause: error,
      hint: 'check `docker info` and the engine log; the build needs no registry',
    });
  }
  if (!(await imageExists(docker, tag))) {
    throw new IsobenchError('IMAGE_BUILD_FAILED', `the engine reported success building ${tag}, but the image is not there`);
  }
  return { tag, binarySha256: sha256, built: true };
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw new IsobenchError('DOCKER_UNAVAILABLE', `the Docker engine did not answer about image ${tag}: ${describeCause(error)}`, {
      cause: error,
      hint: 'check that dockerd is running (scripts/setup-host.sh starts it)',
    });
  }
}
