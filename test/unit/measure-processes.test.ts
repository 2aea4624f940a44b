import { describe, expect, it } from 'vitest';
import { containerProcesses, parsePssBytes, parseStat, withDescendants, type HostProcess } from '../../src/host/processes.js';
import { summedPss } from '../../src/measure/memory.js';
import { startupSamples } from '../../src/measure/startup.js';

const id = 'a'.repeat(64);
const procs: HostProcess[] = [
  { pid: 1, ppid: 0, comm: 'init', cmdline: '/sbin/init', state: 'S' },
  { pid: 100, ppid: 1, comm: 'containerd-shim', cmdline: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${id} -address /run/containerd/containerd.sock`, state: 'S' },
  { pid: 101, ppid: 100, comm: 'runsc-sandbox', cmdline: 'runsc-sandbox --root=/var/run/docker/runtime-runc/moby boot', state: 'S' },
  { pid: 102, ppid: 100, comm: 'runsc-gofer', cmdline: 'runsc-gofer gofer', state: 'S' },
  { pid: 103, ppid: 101, comm: 'exe', cmdline: '', state: 'S' },
  { pid: 200, ppid: 1, comm: 'containerd-shim', cmdline: `/usr/bin/containerd-shim-runc-v2 -namespace moby -id ${'b'.repeat(64)}`, state: 'S' },
  { pid: 201, ppid: 200, comm: 'idle', cmdline: '/idle', state: 'S' },
];

describe('host processes', () => {
  it('parses /proc/PID/stat even when the command name holds spaces and parentheses', () => {
    expect(parseStat('4242 (runsc-sandbox) S 100 4242 1 0 -1')).toEqual({ comm: 'runsc-sandbox', ppid: 100, state: 'S' });
    expect(parseStat('7 (a (b) c) Z 3 7 7 0')).toEqual({ comm: 'a (b) c', ppid: 3, state: 'Z' });
    expect(parseStat('garbage')).toBeNull();
  });

  it('reads PSS from smaps_rollup in bytes', () => {
    expect(parsePssBytes('Rss:                1000 kB\nPss:                 512 kB\nPss_Anon:   10 kB\n')).toBe(512 * 1024);
    expect(parsePssBytes('Rss: 1 kB\n')).toBeNull();
  });

  it("finds a container's shim and everything below it, and nothing of other containers", () => {
    expect(containerProcesses(procs, id).map((p) => p.pid)).toEqual([100, 101, 102, 103]);
    expect(withDescendants(procs, 200).map((p) => p.pid)).toEqual([200, 201]);
    expect(containerProcesses(procs, 'c'.repeat(64))).toEqual([]);
  });

  it('sums PSS, skipping processes that vanished', () => {
    expect(summedPss([1, 2, 3], (pid) => (pid === 2 ? null : pid * 1000))).toBe(4000);
  });
});

describe('start-up samples', () => {
  it('splits the client-side time into create, runtime start and run-to-exit, and takes the engine split', () => {
    const samples = startupSamples(
      { kind: 'exited', exitCode: 0, stdout: '', stderr: '', durationMs: 400, phases: { createdMs: 20, startedMs: 320, exitedMs: 400 }, timestamps: { createdMs: 1_000, startedMs: 1_290, finishedMs: 1_300 } },
      2,
    );
    expect(Object.fromEntries(samples.map((s) => [s.metric, s.value]))).toEqual({
      startup_total: 400, startup_docker_create: 20, startup_runtime_start: 300, startup_run_to_exit: 80, startup_engine_created_to_started: 290,
    });
    expect(samples.every((s) => s.unit === 'ms' && s.rep === 2)).toBe(true);
    // parts add up to the total
    const part = (m: string): number => samples.find((s) => s.metric === m)?.value ?? 0;
    expect(part('startup_docker_create') + part('startup_runtime_start') + part('startup_run_to_exit')).toBe(part('startup_total'));
  });
});

describe('processes of a removed container', () => {
  it('finds every process naming the container id, with its descendants, once', async () => {
    const { processesOfContainer } = await import('../../src/engine/reap.js');
    const gofer = { pid: 300, ppid: 1, comm: 'runsc-gofer', cmdline: `runsc-gofer --log=/run/docker/containerd/daemon/io.containerd.runtime.v2.task/moby/${id}/log.json gofer`, state: 'S' };
    const found = processesOfContainer([...procs, gofer], id).map((p) => p.pid).sort((a, b) => a - b);
    expect(found).toEqual([100, 101, 102, 103, 300]);
    expect(processesOfContainer(procs, 'f'.repeat(64))).toEqual([]);
  });
});
