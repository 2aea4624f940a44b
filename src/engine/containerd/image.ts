import { IsobenchError, describeCause } from '../../errors.js';
import type { ImageRef, ImageSpec } from '../engine.js';
import { LABEL_KIND } from '../labels.js';
import { imageArchive, imageRefFor } from './archive.js';
import { ctr, ctrError, ctrOk } from './ctr.js';

const IMPORT_TIMEOUT_MS = 120_000;
const LABELS = { [LABEL_KIND]: 'workload' };

/** The names of the images in isobench's namespace. */
export async function listImages(address: string, signal?: AbortSignal): Promise<string[]> {
  const out = await ctrOk(address, ['images', 'ls', '-q'], { signal });
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/**
 * Imports the image as an OCI tar written in memory (`ctr images import -`, unpacked for the
 * snapshotter) unless an image of exactly these inputs is there.
 */
export async function ensureImage(address: string, spec: ImageSpec, signal?: AbortSignal): Promise<ImageRef> {
  const ref = imageRefFor(spec, LABELS);
  try {
    if ((await listImages(address, signal)).includes(ref)) return { ref, built: false };
    const archive = await imageArchive(spec, LABELS, process.arch);
    const result = await ctr(address, ['images', 'import', '-'], { input: archive.tar, timeoutMs: IMPORT_TIMEOUT_MS, signal });
    if (result.exitCode !== 0) throw new Error(ctrError(result));
    await ctrOk(address, ['images', 'label', ref, `${LABEL_KIND}=workload`], { signal });
    if (!(await listImages(address, signal)).includes(ref)) throw new Error('ctr reported success, but the image is not there');
    return { ref, built: true };
  } catch (error) {
    throw new IsobenchError('IMAGE_BUILD_FAILED', `importing image ${ref} into containerd failed: ${describeCause(error)}`, {
      cause: error,
      hint: 'check `ctr --namespace isobench images ls` and the containerd log (/var/log/isobench-containerd.log)',
    });
  }
}

/** The entrypoint in an image's config, read from containerd's content store. */
export async function entrypointOf(address: string, ref: string): Promise<string[]> {
  const row = (await ctrOk(address, ['images', 'ls'])).split('\n').find((l) => l.split(/\s+/)[0] === ref);
  const digest = row?.split(/\s+/).find((c) => c.startsWith('sha256:'));
  if (!digest) throw new Error(`containerd has no image ${ref}`);
  const manifest = JSON.parse(await ctrOk(address, ['content', 'get', digest])) as { config?: { digest?: string } };
  if (!manifest.config?.digest) throw new Error(`image ${ref}: its manifest names no config`);
  const config = JSON.parse(await ctrOk(address, ['content', 'get', manifest.config.digest])) as { config?: { Entrypoint?: string[] } };
  return config.config?.Entrypoint ?? [];
}

/** Removes every image in isobench's namespace (they are re-imported on demand). */
export async function removeImages(address: string): Promise<{ removed: string[]; failed: string[] }> {
  const removed: string[] = [];
  const failed: string[] = [];
  for (const ref of await listImages(address)) {
    const result = await ctr(address, ['images', 'rm', '--sync', ref]);
    (result.exitCode === 0 ? removed : failed).push(ref);
  }
  return { removed, failed };
}
