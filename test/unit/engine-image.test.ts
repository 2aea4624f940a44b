import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { containerCreateOptions } from '../../src/engine/docker/container.js';
import { demuxDockerStream } from '../../src/engine/docker/demux.js';
import { dockerfileFor, imageInputsSha256, imageTagFor } from '../../src/engine/docker/image.js';
import type { ImageSpec } from '../../src/engine/engine.js';

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('engine helpers', () => {
  const spec: ImageSpec = { name: 'isobench/syscall', files: [{ kind: 'file', path: '/syscall', mode: 0o755, content: Buffer.from('ELF') }], entrypoint: ['/syscall'] };

  it('tags an image by the hash of all its inputs: a changed file, mode, entrypoint or user gets a new tag', () => {
    const tag = imageTagFor(spec);
    expect(tag).toMatch(/^isobench\/syscall:[0-9a-f]{12}$/);
    expect(imageTagFor({ ...spec })).toBe(tag);
    expect(imageTagFor({ ...spec, files: [{ kind: 'file', path: '/syscall', mode: 0o755, content: Buffer.from('ELF2') }] })).not.toBe(tag);
    expect(imageTagFor({ ...spec, files: [{ kind: 'file', path: '/syscall', mode: 0o700, content: Buffer.from('ELF') }] })).not.toBe(tag);
    expect(imageTagFor({ ...spec, user: '65534:65534' })).not.toBe(tag);
    expect(imageTagFor({ ...spec, entrypoint: ['/syscall', '-x'] })).not.toBe(tag);
  });

  it('writes a FROM-scratch Dockerfile of the root filesystem, its user, environment and entrypoint', () => {
    const dockerfile = dockerfileFor({ ...spec, user: '65534:65534', env: ['PYTHONHOME=/usr', 'A=b c'] }, imageInputsSha256(spec));
    expect(dockerfile.split('\n')[0]).toBe('FROM scratch');
    expect(dockerfile).toContain('COPY rootfs/ /');
    expect(dockerfile).toContain('USER 65534:65534');
    expect(dockerfile).toContain('ENV PYTHONHOME="/usr"');
    expect(dockerfile).toContain('ENV A="b c"');
    expect(dockerfile).toContain('ENTRYPOINT ["/syscall"]');
  });

  it('splits the multiplexed log stream into stdout and stderr', () => {
    const raw = Buffer.concat([frame(1, '{"a":1}\n'), frame(2, 'warn\n'), frame(1, '{"a":2}\n')]);
    expect(demuxDockerStream(raw)).toEqual({ stdout: '{"a":1}\n{"a":2}\n', stderr: 'warn\n' });
    expect(demuxDockerStream(Buffer.alloc(0))).toEqual({ stdout: '', stderr: '' });
  });

  it('creates least-privilege containers: no network, caps dropped, never privileged', () => {
    const opts = containerCreateOptions({
      image: 'x',
      cmd: ['--reps', '1'],
      runtime: { name: 'runsc' },
      labels: { 'isobench.run-id': 'r1' },
      needs: { network: 'none', readonlyRootfs: true, tmpfs: {} },
      seccomp: false,
      timeoutMs: 1000,
    });
    expect(opts.HostConfig).toMatchObject({ Runtime: 'runsc', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], Privileged: false });
    expect(opts.HostConfig?.SecurityOpt).toEqual(['no-new-privileges', 'seccomp=unconfined']);
    expect(opts.HostConfig?.Binds).toBeUndefined();
    // the owner label lets `isobench clean` leave the containers of a live isobench alone
    expect(opts.Labels).toEqual({ 'isobench.run-id': 'r1', 'isobench.owner': `${hostname()}:${process.pid}` });
  });
});
