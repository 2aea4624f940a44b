import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureWrapper, resolveRuntime, runscFlagsFromToml, shimBinaryName, wrapperScript, type RuntimeHost,
} from '../../src/engine/containerd/runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'isobench-wrapper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const host = (shims: string[], files: Record<string, string> = {}): RuntimeHost & { wrapped: string[][] } => {
  const wrapped: string[][] = [];
  return {
    wrapped,
    hasShim: (name) => shims.includes(name),
    readFile: (path) => files[path] ?? '',
    ensureWrapper: (binary, flags) => {
      wrapped.push([binary, ...flags]);
      return '/run/isobench/runtimes/runsc-x';
    },
  };
};

describe('containerd runtimes', () => {
  it('names the shim binary of a runtime as containerd does', () => {
    expect(shimBinaryName('io.containerd.runsc.v1')).toBe('containerd-shim-runsc-v1');
    expect(shimBinaryName('io.containerd.kata.v2')).toBe('containerd-shim-kata-v2');
    expect(shimBinaryName('io.containerd.kata-qemu.v2')).toBe('containerd-shim-kata-qemu-v2');
  });

  it('reads the [runsc_config] table of a runsc.toml as flags', () => {
    const toml = 'log_level = "debug"\n[runsc_config]\n  platform = "kvm" # comment\n  debug = true\n  num-network-channels = 2\n[other]\nx = "y"\n';
    expect(runscFlagsFromToml(toml)).toEqual(['--platform=kvm', '--debug=true', '--num-network-channels=2']);
  });

  it('runs runc through its shim, Kata through its own with its configuration', () => {
    expect(resolveRuntime({ name: 'io.containerd.runc.v2' }, host([]), 'none').args).toEqual(['--runtime', 'io.containerd.runc.v2']);
    expect(resolveRuntime({ name: 'io.containerd.kata.v2', configPath: '/etc/kata-containers/configuration-clh.toml' }, host([]), 'none').args)
      .toEqual(['--runtime', 'io.containerd.kata.v2', '--runtime-config-path', '/etc/kata-containers/configuration-clh.toml']);
  });

  it('uses gVisor\'s shim with the runsc.toml when it is installed', () => {
    const h = host(['containerd-shim-runsc-v1'], { '/c.toml': '[runsc_config]\nplatform = "systrap"\n' });
    const r = resolveRuntime({ name: 'io.containerd.runsc.v1', configPath: '/c.toml' }, h, 'none');
    expect(r.args).toEqual(['--runtime', 'io.containerd.runsc.v1', '--runtime-config-path', '/c.toml']);
    expect(h.wrapped).toEqual([]);
  });

  it('falls back to the runc shim with a wrapper carrying the config\'s flags, and no network by default', () => {
    const h = host([], { '/c.toml': '[runsc_config]\nplatform = "kvm"\n' });
    const r = resolveRuntime({ name: 'io.containerd.runsc.v1', binary: '/usr/bin/runsc', configPath: '/c.toml' }, h, 'none');
    expect(r.args).toEqual(['--runtime', 'io.containerd.runc.v2', '--runc-binary', '/run/isobench/runtimes/runsc-x']);
    expect(h.wrapped).toEqual([['/usr/bin/runsc', '--platform=kvm', '--network=none']]);
    const own = host([], { '/n.toml': '[runsc_config]\nnetwork = "host"\n' });
    resolveRuntime({ name: 'io.containerd.runsc.v1', configPath: '/n.toml' }, own, 'none');
    expect(own.wrapped).toEqual([['runsc', '--network=host']]);
  });

  it('writes an executable wrapper once, named by its content', () => {
    const a = ensureWrapper('/usr/bin/runsc', ['--platform=kvm'], dir);
    expect(ensureWrapper('/usr/bin/runsc', ['--platform=kvm'], dir)).toBe(a);
    expect(ensureWrapper('/usr/bin/runsc', ['--platform=ptrace'], dir)).not.toBe(a);
    expect(readFileSync(a, 'utf8')).toBe(wrapperScript('/usr/bin/runsc', ['--platform=kvm']));
    expect(statSync(a).mode & 0o777).toBe(0o755);
    expect(wrapperScript('/x', ["it's"])).toBe(`#!/bin/sh\nexec '/x' 'it'\\''s' "$@"\n`);
  });
});
