import { describe, expect, it } from 'vitest';
import type { RegisteredRuntime } from '../../src/engine/info.js';
import { IsobenchError } from '../../src/errors.js';
import { defaultTargetIds, resolveKata, resolveTargets, tierOf } from '../../src/runtimes/targets.js';

const rt = (name: string, runtimeArgs: string[] = []): RegisteredRuntime => ({ name, path: `/usr/bin/${name}`, runtimeArgs });

describe('runtime targets', () => {
  const here = [rt('runc'), rt('io.containerd.runc.v2'), rt('runsc', ['--network=host'])];

  it('defaults to native plus the runtimes Docker has', () => {
    expect(defaultTargetIds(here)).toEqual(['native', 'runc', 'runsc']);
    expect(defaultTargetIds([...here, rt('kata-qemu')])).toEqual(['native', 'runc', 'runsc', 'kata']);
  });

  it('resolves kata to whichever Kata runtime Docker registered', () => {
    expect(resolveKata([rt('runc'), rt('kata-fc')])?.name).toBe('kata-fc');
    expect(resolveKata([rt('kata-fc'), rt('kata-runtime')])?.name).toBe('kata-runtime');
    expect(resolveKata([rt('my-kata-build')])?.name).toBe('my-kata-build');
    expect(resolveKata(here)).toBeUndefined();
    const [kata] = resolveTargets(['kata'], [rt('io.containerd.kata.v2')]);
    expect(kata).toMatchObject({ id: 'kata', dockerRuntime: 'io.containerd.kata.v2', tier: 'vm' });
  });

  it('carries tiers, runtime flags and the seccomp-unconfined variant', () => {
    const targets = resolveTargets(['native', 'runc', 'runc:unconfined', 'runsc'], here);
    expect(targets.map((t) => [t.id, t.dockerRuntime, t.tier])).toEqual([
      ['native', null, 'native'],
      ['runc', 'runc', 'container'],
      ['runc:unconfined', 'runc', 'container'],
      ['runsc', 'runsc', 'sandbox'],
    ]);
    expect(targets[2]?.securityOpt).toEqual(['seccomp=unconfined']);
    expect(targets[3]?.runtimeArgs).toEqual(['--network=host']);
  });

  it('accepts any other runtime registered with Docker as-is', () => {
    expect(resolveTargets(['io.containerd.runc.v2'], here)[0]).toMatchObject({ dockerRuntime: 'io.containerd.runc.v2', tier: 'container' });
    expect(tierOf('runsc-kvm')).toBe('sandbox');
  });

  it('rejects a runtime Docker lacks, naming it and the ones Docker has', () => {
    const attempt = (): unknown => resolveTargets(['runc', 'kata'], here);
    expect(attempt).toThrow(IsobenchError);
    expect(attempt).toThrow(/runtime 'kata' is not available: Docker has no Kata runtime/);
    try {
      resolveTargets(['crun'], here);
    } catch (error) {
      expect((error as IsobenchError).exitCode).toBe(2);
      expect((error as IsobenchError).hint).toContain('runc, io.containerd.runc.v2, runsc');
    }
  });

  it('drops duplicates and keeps the requested order', () => {
    expect(resolveTargets(['runsc', 'runc', 'runsc'], here).map((t) => t.id)).toEqual(['runsc', 'runc']);
  });
});
