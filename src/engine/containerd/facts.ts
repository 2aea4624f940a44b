/**
 * What containerd can run here: the shims on PATH and in /opt/kata/bin (containerd-shim-*-v2,
 * -v1), runsc (which the runc shim can run), and Kata's configuration files.
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EngineRuntime } from '../engine.js';
import { findOnPath } from './runtime.js';

export const KATA_BIN_DIR = '/opt/kata/bin';
export const KATA_CONFIG_DIRS = [
  '/etc/kata-containers',
  '/opt/kata/share/defaults/kata-containers',
  '/usr/share/defaults/kata-containers',
] as const;

/** `containerd-shim-runc-v2` → `io.containerd.runc.v2` (pure). */
export function runtimeNameOfShim(binary: string): string | null {
  const match = /^containerd-shim-(.+)-(v\d+)$/.exec(binary);
  return match ? `io.containerd.${match[1] as string}.${match[2] as string}` : null;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The shims found, by runtime name (the first on PATH wins, as containerd's lookup does). */
export function shimsOnHost(env: NodeJS.ProcessEnv = process.env): EngineRuntime[] {
  const found = new Map<string, EngineRuntime>();
  for (const dir of [...(env.PATH ?? '').split(delimiter), KATA_BIN_DIR]) {
    if (!dir) continue;
    for (const file of listDir(dir)) {
      const name = runtimeNameOfShim(file);
      if (name && !found.has(name)) found.set(name, { name, path: join(dir, file), runtimeArgs: [] });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** runsc as the runc shim's OCI binary, when there is one. */
export function runscThroughRunc(env: NodeJS.ProcessEnv = process.env): EngineRuntime | null {
  const path = findOnPath('runsc', env);
  return path ? { name: 'io.containerd.runc.v2+runsc', path, runtimeArgs: [] } : null;
}

/** Kata configuration files (configuration*.toml) in the places Kata's packages put them. */
export function kataConfigFiles(): string[] {
  return KATA_CONFIG_DIRS.flatMap((dir) => listDir(dir).filter((f) => /^configuration.*\.toml$/.test(f)).map((f) => join(dir, f)))
    .filter((path) => existsSync(path));
}
