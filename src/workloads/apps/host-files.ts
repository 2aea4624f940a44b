/**
 * Files of this host laid into an image as they are here: each path with every directory and
 * symlink on the way to it (Debian's merged /usr makes /lib a symlink to usr/lib, so a library
 * ldd names as /lib/x86_64-linux-gnu/libc.so.6 needs both), regular files with their modes,
 * whole directory trees, and the shared libraries of every ELF file as the dynamic loader
 * resolves them (`ldd`, which runs the loader in its list mode). No registry, no package
 * download: the host's own Debian packages, installed by scripts/setup-host.sh.
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { execaSync } from 'execa';
import type { ImageFile } from '../../engine/engine.js';
import { IsobenchError } from '../../errors.js';

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/** `ldd` output: `libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x…)` and `/lib64/ld-linux-x86-64.so.2 (0x…)`. */
export function parseLdd(output: string): { paths: string[]; missing: string[] } {
  const paths: string[] = [];
  const missing: string[] = [];
  for (const line of output.split('\n')) {
    const arrow = /^\s*(\S+) => (\S+)(?: \(0x[0-9a-f]+\))?\s*$/.exec(line);
    if (arrow) {
      if (arrow[2] === 'not') missing.push(arrow[1] as string);
      else if ((arrow[2] as string).startsWith('/')) paths.push(arrow[2] as string);
      continue;
    }
    if (/=> not found/.test(line)) {
      missing.push(line.trim().split(/\s+/)[0] as string);
      continue;
    }
    const direct = /^\s*(\/\S+) \(0x[0-9a-f]+\)\s*$/.exec(line);
    if (direct) paths.push(direct[1] as string);
  }
  return { paths, missing };
}

/** Collects host files into image files, each path once. */
export class HostFiles {
  private readonly entries = new Map<string, ImageFile>();
  private readonly elfDone = new Set<string>();

  /** Adds a path (file, symlink or directory tree) and what leads to it; with `libs`, ELF files bring their libraries. */
  add(path: string, options: { readonly libs?: boolean; readonly skip?: (path: string) => boolean } = {}): this {
    const real = this.walk(path);
    const stat = lstatSync(real);
    if (stat.isDirectory()) {
      for (const name of readdirSync(real).sort()) {
        const child = posix.join(real, name);
        if (options.skip?.(child) === true) continue;
        this.add(child, options);
      }
    } else if (stat.isFile()) {
      this.file(real, stat.mode & 0o7777, Math.floor(stat.mtimeMs), options.libs ?? true);
    }
    return this;
  }

  /** Adds a file of given content (a configuration file written for the image). */
  content(path: string, content: string | Buffer, mode = 0o644): this {
    this.dirs(dirname(path));
    this.entries.set(path, { kind: 'file', path, mode, content: Buffer.isBuffer(content) ? content : Buffer.from(content) });
    return this;
  }

  /** Adds an empty directory (and its parents) with this mode. */
  dir(path: string, mode = 0o755): this {
    this.dirs(dirname(path));
    this.entries.set(path, { kind: 'dir', path, mode });
    return this;
  }

  files(): ImageFile[] {
    return [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Every component of path: directories and symlinks recorded, symlinks followed; returns the real path. */
  private walk(path: string): string {
    let current = '/';
    const parts = resolve(path).split('/').filter((p) => p !== '');
    for (let i = 0; i < parts.length; i += 1) {
      const next = posix.join(current, parts[i] as string);
      const stat = lstatSync(next);
      if (stat.isSymbolicLink()) {
        const target = readlinkSync(next);
        this.entries.set(next, { kind: 'symlink', path: next, target });
        const resolved = this.walk(posix.resolve(current, target));
        current = resolved;
        continue;
      }
      if (stat.isDirectory() && !this.entries.has(next)) {
        this.entries.set(next, { kind: 'dir', path: next, mode: stat.mode & 0o7777 });
      }
      current = next;
    }
    return current;
  }

  private dirs(path: string): void {
    if (path === '/' || this.entries.has(path)) return;
    this.dirs(dirname(path));
    this.entries.set(path, { kind: 'dir', path, mode: 0o755 });
  }

  private file(path: string, mode: number, mtimeMs: number, libs: boolean): void {
    if (this.entries.get(path)?.kind === 'file') return;
    const content = readFileSync(path);
    this.entries.set(path, { kind: 'file', path, mode, content, mtimeMs });
    if (libs && isLinkedElf(content)) this.libraries(path);
  }

  private libraries(path: string): void {
    if (this.elfDone.has(path)) return;
    this.elfDone.add(path);
    const result = execaSync('ldd', [path], { reject: false, env: { LC_ALL: 'C' } });
    if (/not a dynamic executable|statically linked/.test(`${result.stdout}${result.stderr}`)) return;
    const { paths, missing } = parseLdd(result.stdout);
    if (missing.length > 0) {
      throw new IsobenchError('WORKLOAD_BINARY_MISSING', `${path} needs libraries this host lacks: ${missing.join(', ')}`, {
        hint: 'run scripts/setup-host.sh (it installs the application packages)',
      });
    }
    // ldd lists the whole closure: the libraries' own libraries need no ldd of their own
    for (const lib of paths) this.add(lib, { libs: false });
  }
}

/** An ELF executable or shared object (e_type 2 or 3), not an object file (1). */
function isLinkedElf(content: Buffer): boolean {
  if (content.length < 18 || !content.subarray(0, 4).equals(ELF_MAGIC)) return false;
  const type = content.readUInt16LE(16);
  return type === 2 || type === 3;
}

/** The files a Debian package installed (`dpkg -L`), regular files and symlinks only. */
export function packageFiles(pkg: string): string[] {
  const result = execaSync('dpkg', ['-L', pkg], { reject: false });
  if (result.exitCode !== 0) {
    throw new IsobenchError('WORKLOAD_BINARY_MISSING', `Debian package ${pkg} is not installed`, { hint: 'run scripts/setup-host.sh' });
  }
  return result.stdout.split('\n').filter((p) => p.startsWith('/') && isFileOrLink(p));
}

function isFileOrLink(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isFile() || stat.isSymbolicLink();
  } catch {
    return false;
  }
}
