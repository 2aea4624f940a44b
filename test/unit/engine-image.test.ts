import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { demuxDockerStream } from '../../src/engine/demux.js';
import { dockerfileFor, imageTagFor } from '../../src/engine/image.js';
import { containerCreateOptions } from '../../src/engine/container.js';

function frame(type: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('engine helpers', () => {
  it('tags an image by the hash of its binary', () => {
    const sha = 'ab'.repeat(32);
    expect(imageTagFor('syscall', sha)).toBe('isobench/syscall:abababababab');
    const dockerfile = dockerfileFor('syscall', sha);
    expect(dockerfile.split('\n')[0]).toBe('FROM scratch');
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
      runtime: 'runsc',
      labels: { 'isobench.run-id': 'r1' },
      needs: { network: 'none', readonlyRootfs: true, tmpfs: {} },
      securityOpt: ['seccomp=unconfined'],
      timeoutMs: 1000,
    });
    expect(opts.HostConfig).toMatchObject({ Runtime: 'runsc', NetworkMode: 'none', ReadonlyRootfs: true, CapDrop: ['ALL'], Privileged: false });
    expect(opts.HostConfig?.SecurityOpt).toEqual(['no-new-privileges', 'seccomp=unconfined']);
    expect(opts.HostConfig?.Binds).toBeUndefined();
    // the owner label lets `isobench clean` leave the containers of a live isobench alone
    expect(opts.Labels).toEqual({ 'isobench.run-id': 'r1', 'isobench.owner': `${hostname()}:${process.pid}` });
  });
});
