import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { extract } from 'tar-stream';
import { imageArchive, imageRefFor, layerTar, ociArchitecture } from '../../src/engine/containerd/archive.js';
import type { ImageSpec } from '../../src/engine/engine.js';

async function entries(tar: Buffer): Promise<Map<string, { type: string; mode: number; body: Buffer; linkname: string | null }>> {
  const out = new Map<string, { type: string; mode: number; body: Buffer; linkname: string | null }>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, { type: header.type ?? 'file', mode: header.mode ?? 0, body: Buffer.concat(chunks), linkname: header.linkname ?? null });
        next();
      });
      stream.resume();
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(tar);
  await done;
  return out;
}

const spec: ImageSpec = {
  name: 'isobench/demo',
  files: [
    { kind: 'file', path: '/usr/bin/demo', mode: 0o755, content: Buffer.from('binary') },
    { kind: 'symlink', path: '/bin', target: 'usr/bin' },
  ],
  entrypoint: ['/usr/bin/demo'],
  user: '1000:1000',
  env: ['A=1'],
  workdir: '/work',
};
const labels = { 'isobench.kind': 'workload' };
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('the OCI image archive for containerd', () => {
  it('lays the files and their parent directories into the layer', async () => {
    const layer = await entries(await layerTar(spec.files));
    expect([...layer.keys()]).toEqual(['usr', 'usr/bin', 'usr/bin/demo', 'bin']);
    expect(layer.get('usr')?.type).toBe('directory');
    expect(layer.get('usr/bin/demo')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(layer.get('usr/bin/demo')?.body.toString()).toBe('binary');
    expect(layer.get('bin')).toMatchObject({ type: 'symlink', linkname: 'usr/bin' });
  });

  it('writes index, manifest, config and layer whose digests and sizes agree', async () => {
    const { ref, tar } = await imageArchive(spec, labels, 'x64');
    const files = await entries(tar);
    expect(JSON.parse(files.get('oci-layout')?.body.toString() ?? '{}')).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(files.get('index.json')?.body.toString() ?? '{}');
    const entry = index.manifests[0];
    expect(entry.annotations['io.containerd.image.name']).toBe(ref);
    const blob = (digest: string): Buffer => files.get(`blobs/sha256/${digest.replace('sha256:', '')}`)?.body ?? Buffer.alloc(0);
    const manifestBytes = blob(entry.digest);
    expect(sha(manifestBytes)).toBe(entry.digest.replace('sha256:', ''));
    expect(manifestBytes.length).toBe(entry.size);
    const manifest = JSON.parse(manifestBytes.toString());
    const config = JSON.parse(blob(manifest.config.digest).toString());
    expect(config).toMatchObject({ architecture: 'amd64', os: 'linux' });
    expect(config.config).toEqual({ Entrypoint: ['/usr/bin/demo'], User: '1000:1000', Env: ['A=1'], WorkingDir: '/work', Labels: labels });
    const layer = blob(manifest.layers[0].digest);
    expect(layer.length).toBe(manifest.layers[0].size);
    expect(config.rootfs.diff_ids).toEqual([`sha256:${sha(layer)}`]);
  });

  it('gives the same bytes for the same inputs, and a new tag when any input changes', async () => {
    const a = await imageArchive(spec, labels, 'x64');
    const b = await imageArchive(spec, labels, 'x64');
    expect(a.tar.equals(b.tar)).toBe(true);
    expect(a.ref).toMatch(/^isobench\/demo:[0-9a-f]{12}$/);
    const changed = { ...spec, files: [{ kind: 'file' as const, path: '/usr/bin/demo', mode: 0o755, content: Buffer.from('other') }] };
    expect(imageRefFor(changed, labels)).not.toBe(a.ref);
    expect(imageRefFor({ ...spec, user: '0:0' }, labels)).not.toBe(a.ref);
    expect(imageRefFor({ ...spec, entrypoint: ['/x'] }, labels)).not.toBe(a.ref);
  });

  it('names architectures as OCI does', () => {
    expect(ociArchitecture('x64')).toBe('amd64');
    expect(ociArchitecture('arm64')).toBe('arm64');
  });
});
