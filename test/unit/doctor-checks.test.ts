import { describe, expect, it } from 'vitest';
import { evaluateDoctor, isRuncAlias, predictsHang, renderChecks, type DoctorFacts } from '../../src/doctor/checks.js';

const healthy: DoctorFacts = {
  engine: { source: '/var/run/docker.sock', version: '20.10.24', apiVersion: '1.41' },
  runtimes: [
    { name: 'runc', path: 'runc', runtimeArgs: [], version: 'runc version 1.1.5' },
    { name: 'runsc', path: '/usr/bin/runsc', runtimeArgs: ['--network=host'], version: 'runsc version 0.0~20221219.0' },
  ],
  containerd: { endpoint: '/run/containerd/containerd.sock', version: '1.6.20', runtimes: ['io.containerd.runc.v2'] },
  installed: { kataShim: null, kataConfigs: [], gvisor: [{ path: '/usr/bin/runsc', version: 'runsc version 0.0~20221219.0' }] },
  kataResolvesTo: null,
  kataWhyNot: 'containerd 1.6.20 at /run/containerd/containerd.sock: no Kata shim (looked for containerd-shim-kata-v2 on PATH and in /opt/kata/bin)',
  host: { virtualised: false, hardwareVirtualisation: true, kvmDevice: 'openable', kvmModule: 'kvm_intel', maxUserNamespaces: 15000, cgroup: 'v2', memAvailableBytes: 20 * 1024 ** 3 },
  leftovers: { containers: 0, orphans: [], runscStateEntries: 0, kataStateEntries: 0 },
  smoke: [{ target: 'runc', ok: true, detail: 'ran' }],
};

const level = (facts: DoctorFacts, id: string): string | undefined => evaluateDoctor(facts).find((c) => c.id === id)?.level;

describe('doctor checks', () => {
  it('passes a healthy bare-metal host, warning only that Kata is absent', () => {
    const checks = evaluateDoctor(healthy);
    expect(checks.filter((c) => c.level !== 'ok').map((c) => c.id)).toEqual(['runtime kata']);
    expect(checks.find((c) => c.id === 'runtime runsc')?.detail).toContain('--network=host');
  });

  it('fails without an engine and says how to start one', () => {
    const checks = evaluateDoctor({ ...healthy, engine: { error: 'connect ENOENT /var/run/docker.sock' } });
    expect(checks[0]).toMatchObject({ id: 'engine docker', level: 'fail' });
    expect(checks[0]?.hint).toMatch(/setup-host/);
  });

  it('warns about the pitfalls of our development VMs: nested, no vmx, hybrid cgroups, runsc on KVM', () => {
    const nested: DoctorFacts = {
      ...healthy,
      runtimes: [{ name: 'runsc-kvm', path: '/usr/bin/runsc', runtimeArgs: ['--platform=kvm'], version: null }],
      host: { ...healthy.host, virtualised: true, hardwareVirtualisation: false, cgroup: 'hybrid', maxUserNamespaces: 0, memAvailableBytes: 1024 ** 3 },
    };
    expect(level(nested, 'nested')).toBe('warn');
    expect(level(nested, 'kvm')).toBe('warn');
    expect(level(nested, 'cgroup')).toBe('warn');
    expect(level(nested, 'user namespaces')).toBe('warn');
    expect(level(nested, 'memory')).toBe('warn');
    expect(level(nested, 'runtime runsc-kvm')).toBe('warn');
    expect(level(nested, 'runtime runsc')).toBe('warn');
  });

  it('reports leftovers and failed smoke trials with the runtime error', () => {
    const dirty: DoctorFacts = { ...healthy, leftovers: { containers: 2, orphans: ['runsc-sandbox (pid 4242)'], runscStateEntries: 500, kataStateEntries: 0 }, smoke: [{ target: 'runsc', ok: false, detail: 'OCI runtime start failed: boom' }] };
    const checks = evaluateDoctor(dirty);
    expect(checks.find((c) => c.id === 'leftover containers')).toMatchObject({ level: 'warn', hint: 'isobench clean' });
    expect(level(dirty, 'leftover sandboxes')).toBe('warn');
    expect(level(dirty, 'runsc state')).toBe('warn');
    expect(checks.find((c) => c.id === 'smoke runsc')).toMatchObject({ level: 'fail', detail: 'OCI runtime start failed: boom' });
    expect(renderChecks(checks)).toMatch(/^fail {2}smoke runsc\s+OCI runtime start failed: boom\n\s+→ /m);
  });

  it("predicts that gVisor's KVM platform hangs on a nested VM or without vmx/svm, and only there", () => {
    const nested = { virtualised: true, hardwareVirtualisation: false };
    const bare = { virtualised: false, hardwareVirtualisation: true };
    expect(predictsHang(['--network=host', '--platform=kvm'], nested)).toBe(true);
    expect(predictsHang(['--platform=kvm'], { virtualised: false, hardwareVirtualisation: false })).toBe(true);
    expect(predictsHang(['--platform=kvm'], bare)).toBe(false);
    expect(predictsHang(['--platform=ptrace'], nested)).toBe(false);
    expect(predictsHang([], nested)).toBe(false);
  });

  it("knows Docker's own names for runc, which need no smoke trial of their own", () => {
    expect(isRuncAlias('io.containerd.runc.v2')).toBe(true);
    expect(isRuncAlias('io.containerd.runtime.v1.linux')).toBe(true);
    expect(isRuncAlias('runc')).toBe(false);
    expect(isRuncAlias('runsc')).toBe(false);
  });
});
