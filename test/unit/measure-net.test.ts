import { describe, expect, it } from 'vitest';
import { toFinishedTrial } from '../../src/bench/outcome.js';
import { containerIpv4 } from '../../src/engine/docker/network.js';
import type { ExecutionOutcome } from '../../src/engine/engine.js';
import { listeningPorts, mergeNetParts, withMode, type NetPart } from '../../src/measure/net.js';
import { WORKLOADS, workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';

const net = workloadById('net') as WorkloadSpec;

const exited = (stdout: string, exitCode = 0, stderr = ''): ExecutionOutcome => ({ kind: 'exited', exitCode, stdout, stderr, durationMs: 5, phases: null, timestamps: null });
const line = (metric: string, value: number, rep = 0): string => JSON.stringify({ metric, unit: 'us', value, iterations: 100, rep });
const loopbackOut = [line('tcp_rtt_64b.loopback', 16), line('tcp_rtt_64b_p50.loopback', 15), line('tcp_rtt_64b_p99.loopback', 22), line('connect_close.loopback', 40)].join('\n');
const bridgeOut = [line('tcp_rtt_64b.bridge', 60), line('tcp_rtt_64b_p50.bridge', 58), line('tcp_rtt_64b_p99.bridge', 95), line('connect_close.bridge', 45)].join('\n');
const planned = { seq: 1, target: 'runc', workload: 'net', repetition: 0 };

describe('net catalogue entry', () => {
  it('is a networked workload (so are compat, calls and the servers), from the host, µs, lower-is-better', () => {
    const networked = WORKLOADS.filter((w) => w.container.network !== 'none').map((w) => w.id);
    expect(networked).toEqual(['net', 'compat', 'calls', 'redis', 'nginx']);
    expect(net.hostMeasured).toBe('net');
    expect(net.container).toEqual({ network: 'bridge', readonlyRootfs: true, tmpfs: {} });
    expect(net.metrics.map((m) => m.name)).toEqual([
      'tcp_rtt_64b.loopback', 'tcp_rtt_64b_p50.loopback', 'tcp_rtt_64b_p99.loopback', 'connect_close.loopback',
      'tcp_rtt_64b.bridge', 'tcp_rtt_64b_p50.bridge', 'tcp_rtt_64b_p99.bridge', 'connect_close.bridge',
    ]);
    expect(net.metrics.every((m) => m.unit === 'us' && m.direction === 'lower-is-better')).toBe(true);
  });

  it('passes the budget and the loopback mode to the binary', () => {
    expect(net.args({ repetitions: 3, repBudgetMs: 50, warmupMs: 7 }, { rootfs: '/x', tmpfs: '/y' })).toEqual(['--reps', '3', '--budget-ms', '50', '--warmup-ms', '7', '--mode', 'loopback', '--placement', 'split']);
  });
});

describe('net measurement helpers', () => {
  it('replaces the mode, in either spelling, and appends the extra arguments', () => {
    expect(withMode(['--reps', '2', '--mode', 'loopback'], 'client', ['--host', '10.0.0.2', '--port', '7007'])).toEqual(['--reps', '2', '--mode', 'client', '--host', '10.0.0.2', '--port', '7007']);
    expect(withMode(['--mode=loopback', '--budget-ms', '5', '--placement', 'same'], 'serve')).toEqual(['--budget-ms', '5', '--placement', 'same', '--mode', 'serve']);
    expect(withMode([], 'loopback')).toEqual(['--mode', 'loopback']);
  });

  it("finds a container's IPv4 address: bridge network first, then any network, then the legacy field", () => {
    expect(containerIpv4({ NetworkSettings: { IPAddress: '172.17.0.9', Networks: { other: { IPAddress: '10.1.0.2' }, bridge: { IPAddress: '172.17.0.3' } } } })).toBe('172.17.0.3');
    expect(containerIpv4({ NetworkSettings: { IPAddress: '', Networks: { mynet: { IPAddress: '10.1.0.2' } } } })).toBe('10.1.0.2');
    expect(containerIpv4({ NetworkSettings: { IPAddress: '172.17.0.4', Networks: { bridge: { IPAddress: '' } } } })).toBe('172.17.0.4');
  });

  it('has no address for a container without a network, or with garbage in the fields', () => {
    expect(containerIpv4({ NetworkSettings: { IPAddress: '', Networks: { none: { IPAddress: '' } } } })).toBeNull();
    expect(containerIpv4({ NetworkSettings: { IPAddress: '256.1.1.1', Networks: { bridge: null } } })).toBeNull();
    expect(containerIpv4({})).toBeNull();
  });

  it("reads both ports from the server's first line and nothing else", () => {
    expect(listeningPorts('listening on 127.0.0.1:34993 echo, 127.0.0.1:40001 close')).toEqual({ echo: 34993, close: 40001 });
    expect(listeningPorts('listening on 0.0.0.0:7007 echo, 0.0.0.0:7008 close\n')).toEqual({ echo: 7007, close: 7008 });
    expect(listeningPorts('listening on 127.0.0.1:0 echo, 127.0.0.1:5 close')).toBeNull();
    expect(listeningPorts('listening on 127.0.0.1:70000 echo, 127.0.0.1:5 close')).toBeNull();
    expect(listeningPorts('listening on 127.0.0.1:34993')).toBeNull();
    expect(listeningPorts('net: cannot bind')).toBeNull();
  });
});

describe('mergeNetParts', () => {
  it('merges both outputs into one measured outcome, loopback first, stderr labelled', () => {
    const parts: NetPart[] = [{ label: 'loopback', outcome: exited(loopbackOut) }, { label: 'bridge client', outcome: exited(bridgeOut, 0, 'note\n') }];
    const merged = mergeNetParts(parts, net, 42);
    expect(merged).toMatchObject({ kind: 'measured', stderr: 'bridge client: note', durationMs: 42 });
    if (merged.kind !== 'measured') return;
    expect(merged.samples.map((s) => s.metric)).toEqual(net.metrics.map((m) => m.name));
    expect(toFinishedTrial(planned, net, merged, 'now')).toMatchObject({ status: 'ok', samples: merged.samples });
  });

  it('fails the trial with the first failing part, naming it', () => {
    const parts: NetPart[] = [{ label: 'loopback', outcome: exited(loopbackOut) }, { label: 'bridge client', outcome: exited('', 1, 'net: cannot connect to the echo server: Connection refused\n') }];
    const merged = mergeNetParts(parts, net, 42);
    expect(merged).toMatchObject({ kind: 'exited', exitCode: 1, stderr: 'bridge client: net: cannot connect to the echo server: Connection refused', durationMs: 42 });
    expect(toFinishedTrial(planned, net, merged, 'now')).toMatchObject({ status: 'failed', reason: 'exited with code 1', stderrTail: expect.stringContaining('bridge client: net: cannot connect') });
  });

  it('hands an unparsable output back for the orchestrator to reject with its parse error', () => {
    const merged = mergeNetParts([{ label: 'loopback', outcome: exited('{"metric":"nope","unit":"us","value":1,"iterations":1,"rep":0}') }], net, 1);
    expect(toFinishedTrial(planned, net, merged, 'now')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^bad output: .*unknown metric 'nope'/) });
  });

  it('keeps timeouts, aborts and engine errors, with the total duration and the part named', () => {
    expect(mergeNetParts([{ label: 'loopback', outcome: { kind: 'timed-out', stdout: '', stderr: 'slow', durationMs: 1 } }], net, 9)).toEqual({ kind: 'timed-out', stdout: '', stderr: 'loopback: slow', durationMs: 9 });
    expect(mergeNetParts([{ label: 'loopback', outcome: { kind: 'aborted', durationMs: 1 } }], net, 9)).toEqual({ kind: 'aborted', durationMs: 9 });
    expect(mergeNetParts([{ label: 'loopback', outcome: { kind: 'engine-error', message: 'gone', durationMs: 1 } }], net, 9)).toEqual({ kind: 'engine-error', message: 'loopback: gone', durationMs: 9 });
  });
});
