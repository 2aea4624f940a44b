/**
 * An OCI image layout tar, written in memory from an ImageSpec (no registry, no Dockerfile):
 * one uncompressed layer holding the spec's files, the image config (entrypoint, user, env,
 * working directory, labels), the manifest and index.json naming the image for containerd
 * (`io.containerd.image.name`, which `ctr images import` uses as the image's name).
 */
import { createHash } from 'node:crypto';
import { pack, type Header } from 'tar-stream';

type EntryHeader = Partial<Header> & Pick<Header, 'name'>;
import type { ImageFile, ImageSpec } from '../engine.js';

const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar';
/** Fixed times, so the same inputs give the same bytes and the same digests. */
const EPOCH = new Date(0);

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The tag of an image: a hash of every input, so changed inputs make a new image. */
export function imageRefFor(spec: ImageSpec, labels: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const file of spec.files) {
    const body = file.kind === 'file' ? sha256(file.content) : file.kind === 'symlink' ? file.target : '';
    hash.update(JSON.stringify([file.kind, file.path, 'mode' in file ? file.mode : 0, body]));
  }
  hash.update(JSON.stringify([spec.entrypoint, spec.user ?? '', spec.env ?? [], spec.workdir ?? '', labels]));
  return `${spec.name}:${hash.digest('hex').slice(0, 12)}`;
}

/** Every parent directory of the files, in order, that the spec does not list itself. */
function withParents(files: readonly ImageFile[]): ImageFile[] {
  const listed = new Set(files.map((f) => trimSlashes(f.path)));
  const out: ImageFile[] = [];
  for (const file of files) {
    const parts = trimSlashes(file.path).split('/');
    for (let i = 1; i < parts.length; i += 1) {
      const dir = parts.slice(0, i).join('/');
      if (!listed.has(dir)) {
        listed.add(dir);
        out.push({ kind: 'dir', path: dir, mode: 0o755 });
      }
    }
    out.push(file);
  }
  return out;
}

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

function tarOf(entries: readonly { header: EntryHeader; body?: Buffer }[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on('end', () => resolve(Buffer.concat(chunks)));
    tar.on('error', reject);
  });
  for (const { header, body } of entries) {
    if (body) tar.entry(header, body);
    else tar.entry(header);
  }
  tar.finalize();
  return done;
}

/** The layer: the spec's files (and their parent directories) owned by root, with fixed times. */
export function layerTar(files: readonly ImageFile[]): Promise<Buffer> {
  return tarOf(withParents(files).map((file) => {
    const base = { name: trimSlashes(file.path), mtime: EPOCH, uid: 0, gid: 0 };
    if (file.kind === 'file') return { header: { ...base, type: 'file', mode: file.mode }, body: file.content };
    if (file.kind === 'dir') return { header: { ...base, type: 'directory', mode: file.mode } };
    return { header: { ...base, type: 'symlink', mode: 0o777, linkname: file.target } };
  }));
}

export interface ImageArchive {
  readonly ref: string;
  readonly tar: Buffer;
}

/** `process.arch` as OCI names it. */
export function ociArchitecture(arch: string): string {
  return arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
}

/** The whole OCI layout tar of an image, with its reference. */
export async function imageArchive(spec: ImageSpec, labels: Readonly<Record<string, string>>, arch: string): Promise<ImageArchive> {
  const ref = imageRefFor(spec, labels);
  const layer = await layerTar(spec.files);
  const layerDigest = sha256(layer);
  const config = Buffer.from(JSON.stringify({
    architecture: ociArchitecture(arch),
    os: 'linux',
    config: {
      Entrypoint: [...spec.entrypoint],
      User: spec.user ?? '0:0',
      Env: [...(spec.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'])],
      WorkingDir: spec.workdir ?? '/',
      Labels: { ...labels },
    },
    rootfs: { type: 'layers', diff_ids: [`sha256:${layerDigest}`] },
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, digest: `sha256:${sha256(config)}`, size: config.length },
    layers: [{ mediaType: LAYER_TYPE, digest: `sha256:${layerDigest}`, size: layer.length }],
  }));
  const index = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    manifests: [{
      mediaType: MANIFEST_TYPE,
      digest: `sha256:${sha256(manifest)}`,
      size: manifest.length,
      annotations: { 'io.containerd.image.name': ref, 'org.opencontainers.image.ref.name': ref.split(':')[1] },
    }],
  }));
  const blob = (data: Buffer): { header: EntryHeader; body: Buffer } => ({
    header: { name: `blobs/sha256/${sha256(data)}`, mode: 0o644, mtime: EPOCH },
    body: data,
  });
  const tar = await tarOf([
    { header: { name: 'oci-layout', mode: 0o644, mtime: EPOCH }, body: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { header: { name: 'index.json', mode: 0o644, mtime: EPOCH }, body: index },
    { header: { name: 'blobs', type: 'directory', mode: 0o755, mtime: EPOCH } },
    { header: { name: 'blobs/sha256', type: 'directory', mode: 0o755, mtime: EPOCH } },
    blob(config),
    blob(manifest),
    blob(layer),
  ]);
  return { ref, tar };
}
