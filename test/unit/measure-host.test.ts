import { describe, expect, it } from 'vitest';
import { cgroupModeOf, parseCpuInfo } from '../../src/host/facts.js';

describe('host facts', () => {
  it('reads the CPU model and flags from /proc/cpuinfo text', () => {
    const text = 'processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu vme hypervisor svm lm\n\nprocessor\t: 1\n';
    const { model, flags } = parseCpuInfo(text);
    expect(model).toBe('AMD EPYC 7B13');
    expect(flags.has('hypervisor')).toBe(true);
    expect(flags.has('svm')).toBe(true);
    expect(flags.has('vmx')).toBe(false);
    expect(parseCpuInfo('').model).toBe('unknown');
  });

  it('tells cgroup v1, v2 and hybrid apart', () => {
    const v1 = 'cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw 0 0\n';
    const unified = 'cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n';
    expect(cgroupModeOf('cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n')).toBe('v2');
    expect(cgroupModeOf(v1 + unified)).toBe('hybrid');
    expect(cgroupModeOf(v1)).toBe('v1');
    expect(cgroupModeOf('')).toBe('unknown');
  });
});
