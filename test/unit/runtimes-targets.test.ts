import { describe, expect, it } from 'vitest';
import type { EngineFacts, EngineRuntime } from '../../src/engine/engine.js';
import { IsobenchError } from '../../src/errors.js';
import type { HostRuntimes } from '../../src/host/runtimes.js';
import type { RunscDefaults } from '../../src/runtimes/gvisor.js';
import { defaultTargetIds, enginesNeeded, parseTargetId, resolveKata, resolveTargets, tierOf, type ResolveInput } from '../../src/runtimes/targets.js';

const rt = (name: string, runtimeArgs: string[] = [], path = `/usr/bin/${name}`): EngineRuntime => ({ name, path, runtimeArgs });
const CURRENT = '/usr/local/lib/isobench/gvisor/20240729/runsc';
const docker = (runtimes: EngineRuntime[], version = '20.10.24'): EngineFacts => ({
  kind: 'docker', endpoint: '/var/run/docker.sock', version, apiVersion: '1.41', runtimes, storageDriver: 'overlay2', cgroupDriver: 'cgroupfs',
});
const containerd: EngineFacts = { kind: 'containerd', endpoint: '/run/isobench/containerd/containerd.sock', version: '1.6.20', apiVersion: null, runtimes: [], storageDriver: 'overlayfs', cgroupDriver: 'cgroupfs' };
const noKata: HostRuntimes = { kataShim: null, kataConfigs: [], runscShim: null, runsc: [CURRENT, '/usr/bin/runsc'] };
const defaults = new Map<string, RunscDefaults>([
  [CURRENT, { platform: 'systrap', overlay2: 'root:self', directfs: true }],
  ['/usr/bin/runsc', { platform: 'ptrace', overlay2: 'none', directfs: false }],
]);
// what scripts/setup-host.sh registers here
const here = docker([rt('runc'), rt('io.containerd.runc.v2'), rt('runsc', ['--network=host'], CURRENT), rt('runsc-ptrace', ['--network=host', '--platform=ptrace'], CURRENT), rt('runsc-distro', ['--network=host'])]);
const input = (over: Partial<ResolveInput> = {}): ResolveInput => ({ docker: here, containerd, host: noKata, runscDefaults: defaults, ...over });

describe('target ids: [engine/]runtime[:variant]', () => {
  it('takes ids apart', () => {
    expect(parseTargetId('runc')).toEqual({ engine: null, runtime: 'runc', variant: null });
    expect(parseTargetId('containerd/runsc:ptrace')).toEqual({ engine: 'containerd', runtime: 'runsc', variant: 'ptrace' });
    expect(parseTargetId('docker/runc:unconfined')).toEqual({ engine: 'docker', runtime: 'runc', variant: 'unconfined' });
  });

  it.each([['podman/runc', "unknown engine 'podman'"], ['runc:fast', "unknown variant 'fast'"], ['', "bad runtime name ''"], ['containerd/native', 'native takes no engine']])(
    'rejects %j naming the bad part', (id, message) => {
      expect(() => parseTargetId(id)).toThrow(message);
      try {
        parseTargetId(id);
      } catch (error) {
        expect((error as IsobenchError).exitCode).toBe(2);
      }
    });

  it('says which engines a list needs', () => {
    expect([...enginesNeeded(['native', 'runc'])]).toEqual(['docker']);
    expect([...enginesNeeded(['containerd/runc'])]).toEqual(['containerd']);
    expect([...enginesNeeded(['kata'])].sort()).toEqual(['containerd', 'docker']);
    expect(enginesNeeded(['native']).size).toBe(0);
  });
});

describe('runtime targets', () => {
  it('defaults to native, runc, runc:unconfined, the newest gVisor and the distribution\'s', () => {
    expect(defaultTargetIds(input())).toEqual(['native', 'runc', 'runc:unconfined', 'runsc', 'runsc-distro']);
    expect(defaultTargetIds(input({ docker: docker([rt('runc'), rt('kata-qemu')]) }))).toEqual(['native', 'runc', 'runc:unconfined', 'kata']);
  });

  it('carries engine, binding, tier, seccomp and the runtime flags', () => {
    const targets = resolveTargets(['native', 'runc', 'runc:unconfined', 'runsc', 'containerd/runc', 'containerd/runsc'], input());
    expect(targets.map((t) => [t.id, t.engine, t.binding?.name ?? null, t.tier, t.seccomp])).toEqual([
      ['native', null, null, 'native', true],
      ['runc', 'docker', 'runc', 'container', true],
      ['runc:unconfined', 'docker', 'runc', 'container', false],
      ['runsc', 'docker', 'runsc', 'sandbox', true],
      ['containerd/runc', 'containerd', 'io.containerd.runc.v2', 'container', true],
      ['containerd/runsc', 'containerd', 'io.containerd.runc.v2', 'sandbox', true],
    ]);
    expect(targets[3]?.runtimeArgs).toEqual(['--network=host']);
    // containerd runs the newest runsc through the runc shim, with Docker's network flag for runsc
    expect(targets[5]?.binding).toEqual({ name: 'io.containerd.runc.v2', binary: CURRENT, args: ['--network=host'] });
  });

  it('resolves a gVisor platform to the runtime registered for it, or to runsc when that is its default', () => {
    const [systrap, ptrace] = resolveTargets(['runsc:systrap', 'runsc:ptrace'], input());
    expect(systrap?.binding?.name).toBe('runsc');
    expect(ptrace?.binding?.name).toBe('runsc-ptrace');
    expect(() => resolveTargets(['runsc:kvm'], input())).toThrow(/Docker has no runtime 'runsc-kvm'/);
    const [kvm] = resolveTargets(['containerd/runsc:kvm'], input());
    expect(kvm?.binding?.args).toEqual(['--network=host', '--platform=kvm']);
  });

  it('resolves kata to whichever Kata runtime Docker registered', () => {
    expect(resolveKata([rt('runc'), rt('kata-fc')])?.name).toBe('kata-fc');
    expect(resolveKata([rt('kata-fc'), rt('kata-runtime')])?.name).toBe('kata-runtime');
    expect(resolveKata([rt('my-kata-build')])?.name).toBe('my-kata-build');
    const [kata] = resolveTargets(['kata'], input({ docker: docker([rt('io.containerd.kata.v2')]) }));
    expect(kata).toMatchObject({ id: 'kata', engine: 'docker', binding: { name: 'io.containerd.kata.v2' }, tier: 'vm' });
  });

  it('runs Kata 3 through containerd when its shim is installed, and through Docker >= 23 by the shim v2 name', () => {
    const host: HostRuntimes = { ...noKata, kataShim: '/opt/kata/bin/containerd-shim-kata-v2', kataConfigs: ['/opt/kata/share/defaults/kata-containers/configuration-fc.toml'] };
    const [viaContainerd] = resolveTargets(['kata'], input({ host }));
    expect(viaContainerd).toMatchObject({ engine: 'containerd', binding: { name: 'io.containerd.kata.v2' }, resolution: 'kata → containerd io.containerd.kata.v2' });
    const [viaDocker] = resolveTargets(['kata'], input({ host, docker: docker([rt('runc')], '26.1.0') }));
    expect(viaDocker).toMatchObject({ engine: 'docker', binding: { name: 'io.containerd.kata.v2' } });
    const [fc] = resolveTargets(['containerd/kata:fc'], input({ host }));
    expect(fc?.configFiles).toEqual(['/opt/kata/share/defaults/kata-containers/configuration-fc.toml']);
  });

  it('says, for kata, what was looked for on which engine, and how to install it', () => {
    const attempt = (): unknown => resolveTargets(['runc', 'kata'], input());
    expect(attempt).toThrow(IsobenchError);
    expect(attempt).toThrow(/runtime 'kata' is not available: Docker 20\.10\.24 at \/var\/run\/docker\.sock cannot run Kata 2\/3 .*; containerd 1\.6\.20 at .*: no Kata shim \(looked for containerd-shim-kata-v2 on PATH and in \/opt\/kata\/bin\)/);
    try {
      resolveTargets(['containerd/kata'], input());
    } catch (error) {
      expect((error as IsobenchError).exitCode).toBe(2);
      expect((error as IsobenchError).hint).toMatch(/Kata Containers 3.*containerd\/kata.*Docker >= 23/);
    }
  });

  it('rejects a runtime an engine lacks, naming it and the ones it has', () => {
    expect(() => resolveTargets(['crun'], input())).toThrow(/Docker has no runtime 'crun' \(it has runc, io\.containerd\.runc\.v2, runsc/);
    expect(() => resolveTargets(['containerd/runc'], input({ containerd: { error: 'connect ENOENT' } }))).toThrow(/containerd \(it does not answer\) cannot be asked/);
  });

  it('accepts any other runtime registered with Docker as-is', () => {
    expect(resolveTargets(['io.containerd.runc.v2'], input())[0]).toMatchObject({ binding: { name: 'io.containerd.runc.v2' }, tier: 'container' });
    expect(tierOf('runsc-kvm')).toBe('sandbox');
  });

  it('drops duplicates and keeps the requested order', () => {
    expect(resolveTargets(['runsc', 'runc', 'runsc'], input()).map((t) => t.id)).toEqual(['runsc', 'runc']);
  });
});
