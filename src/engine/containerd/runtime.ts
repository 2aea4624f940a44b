/**
 * How `ctr run` starts a target's containers: the shim v2 runtime name and its options.
 *
 * - runc: `--runtime io.containerd.runc.v2`.
 * - gVisor: `io.containerd.runsc.v1` with `--runtime-config-path runsc.toml` where gVisor's shim
 *   (containerd-shim-runsc-v1) is installed; else the runc shim running runsc as its OCI binary
 *   (`--runc-binary`). The runc shim passes runsc no flags of its own, so the flags of the
 *   runsc.toml (`[runsc_config]`, the table gVisor's shim reads) go into a two-line wrapper
 *   script under /run/isobench/runtimes that execs runsc with them.
 * - Kata: `io.containerd.kata.v2` (its configuration file through `--runtime-config-path`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { RuntimeBinding } from '../engine.js';

export const RUNC_SHIM = 'io.containerd.runc.v2';
export const RUNSC_SHIM = 'io.containerd.runsc.v1';
export const KATA_SHIM = 'io.containerd.kata.v2';
export const WRAPPER_DIR = '/run/isobench/runtimes';

/** The binary containerd looks for to serve a runtime name: io.containerd.runsc.v1 → containerd-shim-runsc-v1. */
export function shimBinaryName(runtime: string): string {
  const parts = runtime.split('.');
  return `containerd-shim-${parts.slice(2, -1).join('-')}-${parts.at(-1) ?? ''}`;
}

/** The path of a binary on PATH (and in extra directories), or null. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env, extra: readonly string[] = []): string | null {
  for (const dir of [...(env.PATH ?? '').split(delimiter), ...extra]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The `[runsc_config]` table of a runsc.toml as runsc flags (`platform = "kvm"` → `--platform=kvm`).
 * Only the flat `key = value` lines of that table are read: strings, booleans and numbers.
 */
export function runscFlagsFromToml(toml: string): string[] {
  const flags: string[] = [];
  let inTable = false;
  for (const raw of toml.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      inTable = line === '[runsc_config]';
      continue;
    }
    const match = /^([A-Za-z0-9_.-]+)\s*=\s*(.+)$/.exec(line);
    if (!inTable || !match) continue;
    const value = (match[2] as string).replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
    flags.push(`--${match[1] as string}=${value}`);
  }
  return flags;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The wrapper script's text: exec the runtime binary with its flags, then the runc shim's arguments. */
export function wrapperScript(binary: string, flags: readonly string[]): string {
  return `#!/bin/sh\nexec ${[binary, ...flags].map(shellQuote).join(' ')} "$@"\n`;
}

/** Writes the wrapper (named by a hash of its text) unless it exists; returns its path. */
export function ensureWrapper(binary: string, flags: readonly string[], dir = WRAPPER_DIR): string {
  const text = wrapperScript(binary, flags);
  const path = join(dir, `runsc-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`);
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return path;
  mkdirSync(dir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o755 });
  renameSync(temp, path);
  return path;
}

export interface ResolvedRuntime {
  /** `ctr run` flags that choose the runtime */
  readonly args: readonly string[];
  /** the flags the runtime binary gets, for the record */
  readonly runtimeFlags: readonly string[];
}

export interface RuntimeHost {
  /** whether containerd can find this shim binary */
  hasShim(binaryName: string): boolean;
  readFile(path: string): string;
  ensureWrapper(binary: string, flags: readonly string[]): string;
}

export const realRuntimeHost: RuntimeHost = {
  hasShim: (name) => findOnPath(name) !== null,
  readFile: (path) => readFileSync(path, 'utf8'),
  ensureWrapper: (binary, flags) => ensureWrapper(binary, flags),
};

/**
 * The `ctr run` flags for a binding. A runsc binding without gVisor's shim falls back to the
 * runc shim with a wrapper; `network` adds `--network=none` unless the config sets a network
 * (the container has no network of its own to give gVisor's netstack).
 */
export function resolveRuntime(binding: RuntimeBinding, host: RuntimeHost, network: 'none' | 'bridge'): ResolvedRuntime {
  const isRunsc = binding.name === RUNSC_SHIM || /runsc/.test(binding.binary ?? '');
  if (!isRunsc) {
    const args = ['--runtime', binding.name];
    if (binding.binary && binding.name === RUNC_SHIM) args.push('--runc-binary', binding.binary);
    if (binding.configPath && binding.name !== RUNC_SHIM) args.push('--runtime-config-path', binding.configPath);
    return { args, runtimeFlags: [] };
  }
  // the target's own flags (RuntimeBinding.args), then those of a runsc.toml
  const configFlags = [...(binding.args ?? []), ...(binding.configPath ? runscFlagsFromToml(host.readFile(binding.configPath)) : [])];
  const flags = configFlags.some((f) => f.startsWith('--network='))
    ? configFlags
    : [...configFlags, ...(network === 'none' ? ['--network=none'] : [])];
  if (binding.name === RUNSC_SHIM && host.hasShim(shimBinaryName(RUNSC_SHIM))) {
    const args = ['--runtime', RUNSC_SHIM, ...(binding.configPath ? ['--runtime-config-path', binding.configPath] : [])];
    return { args, runtimeFlags: configFlags };
  }
  const binary = binding.binary ?? 'runsc';
  return { args: ['--runtime', RUNC_SHIM, '--runc-binary', host.ensureWrapper(binary, flags)], runtimeFlags: flags };
}
