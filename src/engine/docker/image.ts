import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { IsobenchError, describeCause } from '../../errors.js';
import type { ImageFile, ImageRef, ImageSpec } from '../engine.js';
import { LABEL_KIND } from '../labels.js';

const BUILD_TIMEOUT_MS = 300_000;
export const LABEL_INPUTS_SHA256 = 'isobench.inputs-sha256';

/** A hash of everything that makes the image: files (path, mode, content or link), entrypoint, user, env, workdir. */
export function imageInputsSha256(spec: ImageSpec): string {
  const hash = createHash('sha256');
  const sorted = [...spec.files].sort((a, b) => a.path.localeCompare(b.path));
  for (const f of sorted) {
    hash.update(`${f.kind}\0${f.path}\0`);
    if (f.kind === 'file') hash.update(`${f.mode}\0`).update(f.content);
    else if (f.kind === 'dir') hash.update(`${f.mode}\0`);
    else hash.update(f.target);
    hash.update('\0');
  }
  hash.update(JSON.stringify([spec.entrypoint, spec.user ?? null, spec.env ?? [], spec.workdir ?? null]));
  return hash.digest('hex');
}

/** The image tag for these inputs: a changed input gets a new image, an unchanged one is reused. */
export function imageTagFor(spec: ImageSpec): string {
  return `${spec.name}:${imageInputsSha256(spec).slice(0, 12)}`;
}

export function dockerfileFor(spec: ImageSpec, sha256: string): string {
  return [
    'FROM scratch',
    'COPY rootfs/ /',
    `LABEL ${LABEL_KIND}="workload" ${LABEL_INPUTS_SHA256}="${sha256}"`,
    ...(spec.env ?? []).map((e) => `ENV ${e.slice(0, e.indexOf('='))}=${JSON.stringify(e.slice(e.indexOf('=') + 1))}`),
    ...(spec.workdir ? [`WORKDIR ${spec.workdir}`] : []),
    ...(spec.user ? [`USER ${spec.user}`] : []),
    `ENTRYPOINT ${JSON.stringify(spec.entrypoint)}`,
    '',
  ].join('\n');
}

function entryOf(file: ImageFile): { header: Parameters<ReturnType<typeof pack>['entry']>[0]; content?: Buffer } {
  const name = `rootfs/${file.path.replace(/^\/+/, '')}`;
  if (file.kind === 'dir') return { header: { name, type: 'directory', mode: file.mode } };
  if (file.kind === 'symlink') return { header: { name, type: 'symlink', linkname: file.target } };
  return { header: { name, mode: file.mode }, content: file.content };
}

/** An in-memory build context: the Dockerfile and the root filesystem, nothing else. */
function buildContext(spec: ImageSpec, dockerfile: string): NodeJS.ReadableStream {
  const tar = pack();
  tar.entry({ name: 'Dockerfile', mode: 0o644 }, dockerfile);
  tar.entry({ name: 'rootfs', type: 'directory', mode: 0o755 });
  for (const file of spec.files) {
    const { header, content } = entryOf(file);
    if (content) tar.entry(header, content);
    else tar.entry(header);
  }
  tar.finalize();
  return tar as unknown as NodeJS.ReadableStream;
}

/** Builds a FROM-scratch image of the spec's files through the Engine API, unless it exists. */
export async function ensureImage(docker: Docker, spec: ImageSpec, signal?: AbortSignal): Promise<ImageRef> {
  const sha256 = imageInputsSha256(spec);
  const tag = `${spec.name}:${sha256.slice(0, 12)}`;
  if (await imageExists(docker, tag)) return { ref: tag, built: false };
  const context = buildContext(spec, dockerfileFor(spec, sha256));
  try {
    const timeout = AbortSignal.timeout(BUILD_TIMEOUT_MS);
    const abortSignal = signal ? AbortSignal.any([timeout, signal]) : timeout;
    const stream = await docker.buildImage(context, { t: tag, rm: true, forcerm: true, abortSignal });
    const events = await new Promise<BuildEvent[]>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, result: BuildEvent[]) => (error ? reject(error) : resolve(result)));
    });
    const failure = events.find((e) => e.error !== undefined || e.errorDetail !== undefined);
    if (failure) throw new Error(failure.errorDetail?.message ?? failure.error ?? 'unknown build error');
  } catch (error) {
    if (signal?.aborted) throw new IsobenchError('INTERRUPTED', `building image ${tag} was interrupted`, { cause: error });
    throw new IsobenchError('IMAGE_BUILD_FAILED', `building image ${tag} failed: ${describeCause(error)}`, {
      cause: error,
      hint: 'check `docker info` and the engine log; the build needs no registry',
    });
  }
  if (!(await imageExists(docker, tag))) {
    throw new IsobenchError('IMAGE_BUILD_FAILED', `the engine reported success building ${tag}, but the image is not there`);
  }
  return { ref: tag, built: true };
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
