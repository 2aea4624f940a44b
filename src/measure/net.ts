import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { removeContainer, runContainer, startDetached, type ContainerOutcome, type ContainerRunRequest } from '../engine/container.js';
import { demuxDockerStream } from '../engine/demux.js';
import { describeCause } from '../errors.js';
import { sleep } from '../sleep.js';
import { workloadById } from '../workloads/catalogue.js';
import { parseWorkloadOutput } from '../workloads/parse.js';
import { CONTAINER_SCRATCH, type Sample, type WorkloadSpec } from '../workloads/types.js';
import type { MeasureOutcome } from './outcome.js';

/** The ports the server container listens on (echo; accept-and-close), in its own network namespace. */
export const NET_SERVER_PORTS: NetPorts = { echo: 7007, close: 7008 };
/** How long a server may take to accept its first connection (a runsc sandbox boots in ~0.5 s). */
const SERVER_READY_MS = 20_000;
const POLL_MS = 50;
/** The server outlives the trial by this much at most, should every clean-up fail. */
const SERVER_LIFETIME_SLACK_MS = 60_000;
const API_TIMEOUT_MS = 30_000;

/** One execution of the binary and which path it measured (`loopback`, `bridge client`…). */
export interface NetPart {
  readonly label: string;
  readonly outcome: ContainerOutcome;
}

/** The arguments with `--mode` (and its value) replaced: `--mode MODE` and `extra` appended. */
export function withMode(args: readonly string[], mode: 'loopback' | 'serve' | 'client', extra: readonly string[] = []): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--mode') i += 1;
    else if (!arg.startsWith('--mode=')) kept.push(arg);
  }
  return [...kept, '--mode', mode, ...extra];
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * A container's IPv4 address from `docker inspect`: on the `bridge` network first, then on any
 * network, then the legacy top-level field. null when it has none (no network, or not running).
 */
export function containerIpv4(info: { readonly NetworkSettings?: unknown }): string | null {
  const settings = (info.NetworkSettings ?? {}) as { Networks?: Record<string, { IPAddress?: string } | null>; IPAddress?: string };
  const networks = settings.Networks ?? {};
  const candidates = [networks.bridge?.IPAddress, ...Object.values(networks).map((n) => n?.IPAddress), settings.IPAddress];
  return candidates.find((ip): ip is string => typeof ip === 'string' && IPV4.test(ip)) ?? null;
}

/** The server's two ports: echo, and accept-and-close (for connect_close). */
export interface NetPorts {
  readonly echo: number;
  readonly close: number;
}

/** The ports from the server's first line, `listening on ADDR:P echo, ADDR:Q close`; null for anything else. */
export function listeningPorts(line: string): NetPorts | null {
  const match = /^listening on [\d.]+:(\d{1,5}) echo, [\d.]+:(\d{1,5}) close$/.exec(line.trim());
  const [echo, close] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  const valid = (port: number): boolean => port >= 1 && port <= 65_535;
  return valid(echo) && valid(close) ? { echo, close } : null;
}

/** The client's arguments for a server at host with these ports. */
function clientArgs(args: readonly string[], host: string, ports: NetPorts): string[] {
  return withMode(args, 'client', ['--host', host, '--port', String(ports.echo), '--close-port', String(ports.close)]);
}

function labelled(label: string, text: string): string {
  return text.trim() === '' ? '' : `${label}: ${text.trim()}`;
}

/**
 * Merges the executions of one trial (pure). The first that failed is returned as it is, its
 * stderr (or message) prefixed with its label, so the trial fails with that reason; an output
 * that does not parse comes back as that execution's outcome, for the orchestrator to reject
 * with its parse error. Otherwise every sample, in order, as one measured outcome.
 */
export function mergeNetParts(parts: readonly NetPart[], spec: WorkloadSpec, durationMs: number): MeasureOutcome {
  const samples: Sample[] = [];
  const stderr: string[] = [];
  for (const { label, outcome } of parts) {
    switch (outcome.kind) {
      case 'aborted':
        return { ...outcome, durationMs };
      case 'engine-error':
        return { ...outcome, message: `${label}: ${outcome.message}`, durationMs };
      case 'timed-out':
        return { ...outcome, stderr: labelled(label, outcome.stderr), durationMs };
      case 'exited': {
        const failed = { ...outcome, stderr: labelled(label, outcome.stderr), durationMs };
        if (outcome.exitCode !== 0) return failed;
        const parsed = parseWorkloadOutput(outcome.stdout, spec);
        if (!parsed.ok) return failed;
        samples.push(...parsed.samples);
        stderr.push(labelled(label, outcome.stderr));
      }
    }
  }
  return { kind: 'measured', samples, stderr: stderr.filter((s) => s !== '').join('\n'), durationMs };
}

/** The run's default budget, for a native trial whose context carries no arguments. */
const NATIVE_FALLBACK_BUDGET = { repBudgetMs: 200, warmupMs: 200 } as const;

/** The native trial's arguments: the trial's own when the orchestrator passes them, else `count` repetitions of the default budget. */
export function netNativeArgs(count: number, args?: readonly string[]): readonly string[] {
  return args ?? netSpec().args({ repetitions: count, ...NATIVE_FALLBACK_BUDGET }, CONTAINER_SCRATCH);
}

function netSpec(): WorkloadSpec {
  const spec = workloadById('net');
  if (!spec) throw new Error('the catalogue has no net workload');
  return spec;
}

/** Whether a TCP connection to host:port succeeds within timeoutMs (closed with an RST at once). */
function accepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (ok) socket.resetAndDestroy();
      else socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until host:port accepts a connection; false at the deadline or on abort. */
async function waitUntilAccepting(host: string, port: number, waitMs: number, signal?: AbortSignal): Promise<boolean> {
  const until = performance.now() + waitMs;
  while (performance.now() < until && !signal?.aborted) {
    if (await accepts(host, port, 1_000)) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** Runs the binary on the host, bounded by a timeout and the abort signal. */
async function runBinary(binary: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<ContainerOutcome> {
  const began = performance.now();
  const result = await execa(binary, [...args], {
    timeout: timeoutMs, reject: false, stdin: 'ignore', forceKillAfterDelay: 2_000, env: {}, extendEnv: false,
    ...(signal ? { cancelSignal: signal } : {}),
  });
  const durationMs = performance.now() - began;
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.isCanceled) return { kind: 'aborted', durationMs };
  if (result.timedOut) return { kind: 'timed-out', stdout, stderr, durationMs };
  return { kind: 'exited', exitCode: result.exitCode ?? 128, stdout, stderr: result.exitCode === undefined ? `${stderr}\n${result.shortMessage}`.trim() : stderr, durationMs, phases: null, timestamps: null };
}

/** The first line of a stream, or null if it ends or the time runs out first. */
function firstLine(stream: Readable, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (line: string | null): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      resolve(line);
    };
    const onData = (chunk: Buffer | string): void => {
      text += String(chunk);
      const end = text.indexOf('\n');
      if (end >= 0) finish(text.slice(0, end));
    };
    const onEnd = (): void => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    stream.on('data', onData);
    stream.once('end', onEnd);
  });
}

/**
 * The native baseline: the loopback mode run directly, then a server process on 127.0.0.1 (on
 * ephemeral ports it reports) measured by a client process; the `.bridge` figures natively are
 * thus a plain client/server pair over loopback. The server is stopped whatever happens.
 */
export async function measureNativeNet(binary: string, args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<MeasureOutcome> {
  const began = performance.now();
  const left = (): number => Math.max(1, Math.floor(began + timeoutMs - performance.now()));
  const spec = netSpec();
  const loopback: NetPart = { label: 'loopback', outcome: await runBinary(binary, withMode(args, 'loopback'), left(), signal) };
  if (!isSuccess(loopback.outcome)) return mergeNetParts([loopback], spec, performance.now() - began);
  const lifetime = String(Math.ceil(timeoutMs + SERVER_LIFETIME_SLACK_MS));
  const server = execa(binary, withMode(args, 'serve', ['--host', '127.0.0.1', '--port', '0', '--lifetime-ms', lifetime]), {
    reject: false, stdin: 'ignore', forceKillAfterDelay: 2_000, env: {}, extendEnv: false, ...(signal ? { cancelSignal: signal } : {}),
  });
  try {
    const ports = listeningPorts((await firstLine(server.stdout, Math.min(SERVER_READY_MS, left()))) ?? '');
    if (ports === null) {
      server.kill('SIGKILL');
      const ended = await server;
      if (signal?.aborted) return { kind: 'aborted', durationMs: performance.now() - began };
      const why = `${String(ended.stderr ?? '')} ${ended.shortMessage ?? ''}`.trim();
      return { kind: 'exited', exitCode: ended.exitCode ?? 1, stdout: '', stderr: `bridge server: did not report its port (${why})`, durationMs: performance.now() - began, phases: null, timestamps: null };
    }
    const client: NetPart = { label: 'bridge client', outcome: await runBinary(binary, clientArgs(args, '127.0.0.1', ports), left(), signal) };
    return mergeNetParts([loopback, client], spec, performance.now() - began);
  } finally {
    server.kill('SIGTERM');
    await server;
  }
}

function isSuccess(outcome: ContainerOutcome): boolean {
  return outcome.kind === 'exited' && outcome.exitCode === 0;
}

async function serverLogs(container: Docker.Container): Promise<string> {
  try {
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false, abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) })) as unknown as Buffer;
    const { stdout, stderr } = demuxDockerStream(raw);
    return `${stdout}${stderr}`.trim() || '(empty)';
  } catch (error) {
    return `(unreadable: ${describeCause(error)})`;
  }
}

/**
 * Both paths of a container runtime. Loopback: the binary's loopback mode in a container, its
 * server and client talking over the container's own lo. Across the boundary: a server container on Docker's
 * bridge, and the binary run on the host as a client of its bridge address. The server
 * container is removed whatever happens.
 */
export async function measureContainerNet(docker: Docker, request: ContainerRunRequest, binary: string, timeoutMs: number): Promise<MeasureOutcome> {
  const began = performance.now();
  const left = (): number => Math.max(1, Math.floor(began + timeoutMs - performance.now())); // AbortSignal.timeout wants an integer
  const elapsed = (): number => performance.now() - began;
  const spec = netSpec();
  // On the bridge too, not `none`: containerCreateOptions sets NetworkDisabled for `none`, and
  // runsc (runtimeArgs --network=host) then gets a namespace whose lo does not work ("Network is
  // unreachable"); runc is fine either way. The loopback traffic stays on lo whatever is attached.
  const loopbackRequest = { ...request, cmd: withMode(request.cmd, 'loopback'), needs: { ...request.needs, network: 'bridge' as const }, timeoutMs: left() };
  const loopback: NetPart = { label: 'loopback', outcome: await runContainer(docker, loopbackRequest) };
  if (!isSuccess(loopback.outcome)) return mergeNetParts([loopback], spec, elapsed());
  const serveArgs = ['--port', String(NET_SERVER_PORTS.echo), '--close-port', String(NET_SERVER_PORTS.close), '--lifetime-ms', String(Math.ceil(timeoutMs + SERVER_LIFETIME_SLACK_MS))];
  const serverRequest = { ...request, cmd: withMode(request.cmd, 'serve', serveArgs), needs: { ...request.needs, network: 'bridge' as const }, timeoutMs: left() };
  let server: Docker.Container | undefined;
  try {
    server = await startDetached(docker, serverRequest);
    const ip = containerIpv4(await server.inspect({ abortSignal: AbortSignal.timeout(API_TIMEOUT_MS) }));
    if (ip === null) return { kind: 'engine-error', message: `the net server container (${request.runtime}) has no IPv4 address on the bridge network`, durationMs: elapsed() };
    if (!(await waitUntilAccepting(ip, NET_SERVER_PORTS.echo, Math.min(SERVER_READY_MS, left()), request.signal))) {
      if (request.signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
      const logs = await serverLogs(server);
      return { kind: 'engine-error', message: `the net server container (${request.runtime}) accepted no connection on ${ip}:${NET_SERVER_PORTS.echo} within ${SERVER_READY_MS / 1000} s; its output: ${logs}`, durationMs: elapsed() };
    }
    const client: NetPart = { label: 'bridge client', outcome: await runBinary(binary, clientArgs(request.cmd, ip, NET_SERVER_PORTS), left(), request.signal) };
    return mergeNetParts([loopback, client], spec, elapsed());
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
    return { kind: 'engine-error', message: `net server container (${request.runtime}): ${describeCause(error)}`, durationMs: elapsed() };
  } finally {
    if (server) await removeContainer(server);
  }
}
