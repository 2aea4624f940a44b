import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ownedByAnotherLiveProcess } from '../../src/engine/labels.js';
import { orphanedAmong, programOf } from '../../src/engine/orphans.js';
import { runtimeProcessesOfContainer } from '../../src/engine/reap.js';
import type { HostProcess } from '../../src/host/processes.js';

const live = 'a'.repeat(64);
const gone = 'b'.repeat(64);
const shim = (pid: number, id: string): HostProcess => ({ pid, ppid: 1, comm: 'containerd-shim', cmdline: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${id} -address /run/c.sock`, state: 'S' });
// runsc re-executes itself: its comm is `exe`, its argv[0] says what it is
const runsc = (pid: number, ppid: number, role: string, id: string, state = 'S'): HostProcess => ({ pid, ppid, comm: 'exe', cmdline: `runsc-${role} --root=/var/run/docker/runtime-runc/moby --log=/x/${id}/log.json`, state });
const procs: HostProcess[] = [
  { pid: 1, ppid: 0, comm: 'init', cmdline: '/sbin/init', state: 'S' },
  shim(100, live), runsc(101, 100, 'sandbox', live), runsc(102, 100, 'gofer', live),
  { pid: 103, ppid: 100, comm: 'syscall', cmdline: '/syscall --reps 3', state: 'R' },
  shim(200, gone), runsc(201, 200, 'sandbox', gone), runsc(202, 1, 'gofer', gone), runsc(203, 1, 'sandbox', gone, 'Z'),
  { pid: 300, ppid: 1, comm: 'runsc-kvm', cmdline: `/bin/sh /var/lib/docker/runtimes/runsc-kvm --root /r create ${gone}`, state: 'S' },
];

describe('leftover runtime processes', () => {
  it('names runsc processes by their argv[0], not their comm', () => {
    expect(programOf(runsc(1, 0, 'gofer', live))).toBe('runsc-gofer');
    expect(programOf(shim(1, live))).toBe('containerd-shim-runc-v2');
    expect(programOf({ pid: 1, ppid: 0, comm: 'kthreadd', cmdline: '', state: 'S' })).toBe('kthreadd');
  });

  it('finds the runtime processes that serve no running container, sparing those that do and zombies', () => {
    expect(orphanedAmong(procs, [live]).map((p) => p.pid)).toEqual([200, 201, 202]);
    expect(orphanedAmong(procs, [live, gone]).map((p) => p.pid)).toEqual([]);
  });

  it("kills a stuck container's runtime processes but spares its shim", () => {
    expect(runtimeProcessesOfContainer(procs, gone).map((p) => p.pid).sort()).toEqual([201, 202, 300]);
    expect(runtimeProcessesOfContainer(procs, live).map((p) => p.pid).sort()).toEqual([101, 102, 103]);
  });

  it('leaves alone only the containers of another live isobench on this host', () => {
    expect(ownedByAnotherLiveProcess({ 'isobench.owner': `${hostname()}:${process.ppid}` })).toBe(true);
    expect(ownedByAnotherLiveProcess({ 'isobench.owner': `${hostname()}:${process.pid}` })).toBe(false);
    expect(ownedByAnotherLiveProcess({ 'isobench.owner': `other-host:${process.ppid}` })).toBe(false);
    expect(ownedByAnotherLiveProcess({ 'isobench.owner': `${hostname()}:999999999` })).toBe(false);
    expect(ownedByAnotherLiveProcess({})).toBe(false);
    expect(ownedByAnotherLiveProcess(undefined)).toBe(false);
  });
});
