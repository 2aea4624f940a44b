import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HostFiles, parseLdd } from '../../src/workloads/apps/host-files.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/apps/${name}`, import.meta.url), 'utf8');
let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('parseLdd', () => {
  it('lists every library of a real ldd output, the loader included, and not the vDSO', () => {
    const { paths, missing } = parseLdd(fixture('ldd-redis-benchmark.txt'));
    expect(missing).toEqual([]);
    expect(paths).toHaveLength(17);
    expect(paths).toContain('/lib64/ld-linux-x86-64.so.2');
    expect(paths).toContain('/lib/x86_64-linux-gnu/libjemalloc.so.2');
    expect(paths.some((p) => p.includes('vdso'))).toBe(false);
  });

  it('reports libraries that are not found', () => {
    expect(parseLdd('\tlibfoo.so.1 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n'))
      .toEqual({ paths: ['/lib/x86_64-linux-gnu/libc.so.6'], missing: ['libfoo.so.1'] });
  });
});

describe('HostFiles', () => {
  it('lays a path in with the symlinks and directories leading to it, keeping modes and mtimes', () => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-hostfiles-'));
    mkdirSync(join(dir, 'usr/lib'), { recursive: true });
    symlinkSync('usr/lib', join(dir, 'lib'));
    writeFileSync(join(dir, 'usr/lib/data.txt'), 'hello', { mode: 0o640 });
    const files = new HostFiles().add(join(dir, 'lib/data.txt')).files();
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get(join(dir, 'lib'))).toEqual({ kind: 'symlink', path: join(dir, 'lib'), target: 'usr/lib' });
    const file = byPath.get(join(dir, 'usr/lib/data.txt'));
    expect(file).toMatchObject({ kind: 'file', mode: 0o640 });
    expect(file?.kind === 'file' && file.content.toString()).toBe('hello');
    expect(file?.kind === 'file' && typeof file.mtimeMs).toBe('number');
    expect(byPath.get(join(dir, 'usr'))?.kind).toBe('dir');
  });

  it('adds directory trees, skipping what it is told to, and brings an ELF binary its libraries', () => {
    dir = mkdtempSync(join(tmpdir(), 'isobench-hostfiles-'));
    mkdirSync(join(dir, 'tree/skip'), { recursive: true });
    writeFileSync(join(dir, 'tree/a'), 'a');
    writeFileSync(join(dir, 'tree/skip/b'), 'b');
    const paths = new HostFiles().add(join(dir, 'tree'), { skip: (p) => p.endsWith('/skip') }).add('/usr/bin/sqlite3').files().map((f) => f.path);
    expect(paths).toContain(join(dir, 'tree/a'));
    expect(paths).not.toContain(join(dir, 'tree/skip/b'));
    expect(paths.some((p) => /libsqlite3\.so/.test(p))).toBe(true);
    expect(paths).toContain('/lib64'); // merged /usr: a symlink to usr/lib64, which holds the loader
    expect(paths).toContain('/usr/lib64/ld-linux-x86-64.so.2');
  });
});
