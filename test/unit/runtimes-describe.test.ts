import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineFacts } from '../../src/engine/engine.js';
import { effectiveFlags } from '../../src/runtimes/describe.js';
import { flagValue, parseRunscFlags } from '../../src/runtimes/gvisor.js';
import { NATIVE, resolveTargets, type ResolveInput } from '../../src/runtimes/targets.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const docker: EngineFacts = {
  kind: 'docker', endpoint: '/var/run/docker.sock', version: '20.10.24', apiVersion: '1.41', storageDriver: 'overlay2', cgroupDriver: 'cgroupfs',
  runtimes: [
    { name: 'runc', path: 'runc', runtimeArgs: [] },
    { name: 'runsc', path: '/usr/bin/runsc', runtimeArgs: ['--network=host'] },
    { name: 'runsc-kvm', path: '/usr/bin/runsc', runtimeArgs: ['--platform=kvm', '--overlay'] },
  ],
};
const input: ResolveInput = { docker, containerd: null, host: { kataShim: null, kataConfigs: [], runscShim: null, runsc: [] }, runscDefaults: new Map() };

describe("gVisor's defaults, read from `runsc flags` of each release", () => {
  it('the 2022-12-19 release: ptrace, no overlay, no directfs', () => {
    expect(parseRunscFlags(fixture('runsc-flags-20221219.txt'))).toEqual({ platform: 'ptrace', overlay2: 'none', directfs: false });
  });

  it('the 2024-07-29 release: systrap, a self-backed overlay root, directfs', () => {
    expect(parseRunscFlags(fixture('runsc-flags-20240729.txt'))).toEqual({ platform: 'systrap', overlay2: 'root:self', directfs: true });
  });

  it('reads a flag in either spelling', () => {
    expect(flagValue(['--network=host', '--platform', 'kvm'], 'platform')).toBe('kvm');
    expect(flagValue(['--network=host'], 'platform')).toBeNull();
  });
});

describe('effective runtime flags', () => {
  it("makes gVisor's defaults of its own release explicit and keeps the flags the engine passes", () => {
    const [runsc, kvm] = resolveTargets(['runsc', 'runsc-kvm'], input);
    const current = parseRunscFlags(fixture('runsc-flags-20240729.txt'));
    expect(effectiveFlags(runsc!, current)).toEqual(['--network=host', 'platform=systrap (default)', 'overlay2=root:self (default)', 'directfs=true (default)', 'seccomp=docker-default']);
    expect(effectiveFlags(kvm!, parseRunscFlags(fixture('runsc-flags-20221219.txt')))).toEqual(['--platform=kvm', '--overlay', 'network=sandbox (default)', 'directfs=false (default)', 'seccomp=docker-default']);
    expect(effectiveFlags(runsc!, null)).toContain('defaults unknown (runsc flags did not answer)');
  });

  it('names the seccomp profile of container targets', () => {
    const [runc, unconfined] = resolveTargets(['runc', 'runc:unconfined'], input);
    expect(effectiveFlags(runc!)).toEqual(['seccomp=docker-default']);
    expect(effectiveFlags(unconfined!)).toEqual(['seccomp=unconfined']);
    expect(effectiveFlags(NATIVE)).toEqual([]);
  });
});
