import { describe, expect, it } from 'vitest';
import { cgroupWrites } from '../../src/engine/containerd/cgroups.js';
import { runtimeNameOfShim } from '../../src/engine/containerd/facts.js';
import { candidateAddresses, ISOBENCH_SOCKET, SYSTEM_SOCKET } from '../../src/engine/containerd/endpoint.js';

describe('containerd facts and endpoints', () => {
  it('names runtimes after their shim binaries', () => {
    expect(runtimeNameOfShim('containerd-shim-runc-v2')).toBe('io.containerd.runc.v2');
    expect(runtimeNameOfShim('containerd-shim-kata-qemu-v2')).toBe('io.containerd.kata-qemu.v2');
    expect(runtimeNameOfShim('containerd-shim-runsc-v1')).toBe('io.containerd.runsc.v1');
    expect(runtimeNameOfShim('containerd')).toBeNull();
  });

  it('tries CONTAINERD_ADDRESS alone, else the system socket then isobench\'s, never Docker\'s', () => {
    expect(candidateAddresses({ CONTAINERD_ADDRESS: 'unix:///x.sock' })).toEqual([{ source: 'CONTAINERD_ADDRESS=unix:///x.sock', address: '/x.sock' }]);
    const addresses = candidateAddresses({}).map((c) => c.address);
    expect(addresses).toEqual([SYSTEM_SOCKET, ISOBENCH_SOCKET]);
    expect(addresses.some((a) => a.includes('docker'))).toBe(false);
  });

  it('writes the pids limit and cpuset into the container\'s cgroups (v2, and v1 with its parent cpuset)', () => {
    expect(cgroupWrites('c1', { pidsMax: 256, cpuset: '1' }, true, '/cg')).toEqual([
      { dir: '/cg/isobench/c1', files: [['pids.max', '256'], ['cpuset.cpus', '1']] },
    ]);
    const v1 = cgroupWrites('c1', { pidsMax: 256 }, false, '/nonexistent');
    expect(v1).toEqual([{ dir: '/nonexistent/pids/isobench/c1', files: [['pids.max', '256']] }]);
    const pinned = cgroupWrites('c1', { pidsMax: 256, cpuset: '0-1' }, false, '/nonexistent').map((w) => w.dir);
    expect(pinned).toEqual(['/nonexistent/pids/isobench/c1', '/nonexistent/cpuset/isobench', '/nonexistent/cpuset/isobench/c1']);
  });
});
