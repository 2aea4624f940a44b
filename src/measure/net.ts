import { connect } from 'node:net';
import type { Started } from '../bench/executor.js';
import { runOnHost } from '../host/spawn.js';
import type { ExecutionOutcome } from '../engine/engine.js';
import { describeCause } from '../errors.js';
import { sleep } from '../sleep.js';
import { parseWorkloadOutput } from '../workloads/parse.js';
import { programOf } from '../workloads/program.js';
import { CONTAINER_SCRATCH, type Sample, type WorkloadSpec } from '../workloads/types.js';
import type { Measurement } from './measurement.js';
import type { MeasureOutcome } from './outcome.js';

/** How long a server may take to accept its first connection (a runsc sandbox boots in ~0.5 s). */
const SERVER_READY_MS = 20_000;
const POLL_MS = 50;
/** The server outlives the trial by this much at most, should every clean-up fail. */
const SERVER_LIFETIME_SLACK_MS = 60_000;

/** One execution of the binary and which path it measured (`loopback`, `bridge client`…). */
export interface NetPart {
  readonly label: string;
  readonly outcome: ExecutionOutcome;
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

function isSuccess(outcome: ExecutionOutcome): boolean {
  return outcome.kind === 'exited' && outcome.exitCode === 0;
}

/** Polls what the server printed until its `listening on` line appears; null at the deadline or on abort. */
async function waitForPorts(server: Started, waitMs: number, signal?: AbortSignal): Promise<NetPorts | null> {
  const until = performance.now() + waitMs;
  while (performance.now() < until && !signal?.aborted) {
    const line = (await server.output()).stdout.split('\n').find((l) => l.startsWith('listening on'));
    const ports = line === undefined ? null : listeningPorts(line);
    if (ports) return ports;
    await sleep(POLL_MS, signal);
  }
  return null;
}

/**
 * Both paths of a target. Loopback: the binary's loopback mode on the target, its server and
 * client talking over the target's own lo. Across the boundary: the binary as a server on the
 * target (a container on the engine's bridge; natively a process on 127.0.0.1), on ports it
 * picks and prints, and the same binary run on the host as its client. The server is stopped
 * whatever happens.
 */
export const measureNet: Measurement = async (executor, ctx) => {
  const began = performance.now();
  const left = (): number => Math.max(1, Math.floor(began + ctx.timeoutMs - performance.now())); // AbortSignal.timeout wants an integer
  const elapsed = (): number => performance.now() - began;
  const signal = ctx.signal;
  const where = executor.target.id;
  const args = ctx.workload.args(ctx.budget, CONTAINER_SCRATCH);
  // On the bridge, not `none`: with no network runsc (--network=host) gets a namespace whose lo
  // does not work ("Network is unreachable"); runc is fine either way. Loopback traffic stays on lo.
  const needs = { network: 'bridge' as const };
  const common = { workload: ctx.workload, labels: ctx.labels, needs, ...(signal ? { signal } : {}) };
  const loopback: NetPart = { label: 'loopback', outcome: await executor.run({ ...common, args: withMode(args, 'loopback'), timeoutMs: left() }) };
  if (!isSuccess(loopback.outcome)) return mergeNetParts([loopback], ctx.workload, elapsed());
  const bind = executor.target.engine === null ? ['--host', '127.0.0.1'] : [];
  const serveArgs = withMode(args, 'serve', [...bind, '--port', '0', '--lifetime-ms', String(Math.ceil(ctx.timeoutMs + SERVER_LIFETIME_SLACK_MS))]);
  let server: Started | undefined;
  try {
    server = await executor.start({ ...common, args: serveArgs, timeoutMs: left() });
    const ports = await waitForPorts(server, Math.min(SERVER_READY_MS, left()), signal);
    if (signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
    if (ports === null) return { kind: 'engine-error', message: `the net server (${where}) did not report its ports within ${SERVER_READY_MS / 1000} s; its output: ${await serverOutput(server)}`, durationMs: elapsed() };
    const ip = await server.address();
    if (ip === null) return { kind: 'engine-error', message: `the net server (${where}) has no IPv4 address the host can reach`, durationMs: elapsed() };
    if (!(await waitUntilAccepting(ip, ports.echo, Math.min(SERVER_READY_MS, left()), signal))) {
      if (signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
      return { kind: 'engine-error', message: `the net server (${where}) accepted no connection on ${ip}:${ports.echo} within ${SERVER_READY_MS / 1000} s; its output: ${await serverOutput(server)}`, durationMs: elapsed() };
    }
    const program = programOf(ctx.workload).nativePath();
    const client: NetPart = { label: 'bridge client', outcome: await runOnHost(program, clientArgs(args, ip, ports), { timeoutMs: left(), ...(signal ? { signal } : {}) }) };
    return mergeNetParts([loopback, client], ctx.workload, elapsed());
  } catch (error) {
    if (signal?.aborted) return { kind: 'aborted', durationMs: elapsed() };
    return { kind: 'engine-error', message: `net server (${where}): ${describeCause(error)}`, durationMs: elapsed() };
  } finally {
    await server?.stop();
  }
};

async function serverOutput(server: Started): Promise<string> {
  try {
    const { stdout, stderr } = await server.output();
    return `${stdout}${stderr}`.trim() || '(empty)';
  } catch (error) {
    return `(unreadable: ${describeCause(error)})`;
  }
}
