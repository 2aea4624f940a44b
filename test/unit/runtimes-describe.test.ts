import { describe, expect, it } from 'vitest';
import { effectiveFlags } from '../../src/runtimes/describe.js';
import { NATIVE, resolveTargets } from '../../src/runtimes/targets.js';

const runtimes = [
  { name: 'runc', path: 'runc', runtimeArgs: [] },
  { name: 'runsc', path: '/usr/bin/runsc', runtimeArgs: ['--network=host'] },
  { name: 'runsc-kvm', path: '/usr/bin/runsc', runtimeArgs: ['--platform=kvm', '--overlay'] },
];

describe('effective runtime flags', () => {
  it("makes gVisor's defaults explicit and keeps the flags Docker passes", () => {
    const [runsc, kvm] = resolveTargets(['runsc', 'runsc-kvm'], runtimes);
    expect(effectiveFlags(runsc!)).toEqual(['--network=host', 'platform=ptrace (default)', expect.stringMatching(/^overlay=off/)]);
    expect(effectiveFlags(kvm!)).toEqual(['--platform=kvm', '--overlay', 'network=sandbox (default)']);
  });

  it('names the seccomp profile of runc targets', () => {
    const [runc, unconfined] = resolveTargets(['runc', 'runc:unconfined'], runtimes);
    expect(effectiveFlags(runc!)).toEqual(['seccomp=docker-default']);
    expect(effectiveFlags(unconfined!)).toEqual(['security-opt seccomp=unconfined']);
    expect(effectiveFlags(NATIVE)).toEqual([]);
  });
});
