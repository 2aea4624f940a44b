import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../src/profile/tools.js';

describe('findExecutable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isobench-tools-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'runme'), '#!/bin/sh\n');
  chmodSync(join(dir, 'runme'), 0o755);
  writeFileSync(join(dir, 'plain'), 'not executable\n');

  it('finds a name on PATH and a path as given; a directory, a plain file or a missing name is null', () => {
    expect(findExecutable('runme', `/nonexistent:${dir}`)).toBe(join(dir, 'runme'));
    expect(findExecutable(join(dir, 'runme'), '')).toBe(join(dir, 'runme'));
    expect(findExecutable('plain', dir)).toBeNull();
    expect(findExecutable(dir, '')).toBeNull();
    expect(findExecutable('no-such-command-here', dir)).toBeNull();
  });
});
