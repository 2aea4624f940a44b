import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestDigestIn } from '../../src/engine/containerd/image.js';

describe('containerd image listing', () => {
  it('finds an image\'s manifest digest in ctr images ls (captured), and nothing for another name', () => {
    const table = readFileSync(new URL('fixtures/containerd/ctr-images-ls.txt', import.meta.url), 'utf8');
    expect(manifestDigestIn(table, 'isobench/noop:745e8b7cec98')).toBe('sha256:d2484e05a191e2cde4855934a74e4d0a3e107fa30c489a42f42f7628779db52e');
    expect(manifestDigestIn(table, 'isobench/noop')).toBeNull();
    expect(manifestDigestIn(table, 'REF')).toBeNull();
  });
});
