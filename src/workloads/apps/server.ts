/**
 * What the server applications (redis, nginx) share: a server started detached through the
 * executor on one CPU, waited for until its port accepts from the host, clients run on the
 * host pinned to another CPU (taskset, as `net` pins its client and server apart), and a
 * failure turned into an outcome that names what broke with the tail of its output.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { execa } from 'execa';
import type { Started } from '../../bench/executor.js';
import type { ExecutionOutcome } from '../../engine/engine.js';
import type { MeasureOutcome } from '../../measure/outcome.js';
import { sleep } from '../../sleep.js';

/** CPUs of this 2-core host: the server on one, its client on the other. */
export const SERVER_CPU = '1';
export const CLIENT_CPU = '0';
const READY_MS = 20_000;
const POLL_MS = 50;
const TAIL_CHARS = 1_500;

/** Linux's default first ephemeral port (net.ipv4.ip_local_port_range). */
const EPHEMERAL_LOW = 32_768;

/** The first port the kernel hands to clients' sockets; the default when it cannot be read. */
export function ephemeralLow(path = '/proc/sys/net/ipv4/ip_local_port_range'): number {
  try {
    const low = Number(readFileSync(path, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : EPHEMERAL_LOW;
  } catch {
    return EPHEMERAL_LOW;
  }
}

/**
 * A port for one trial: natively and under runsc with the host's network, servers share the
 * host's ports. Drawn below the ephemeral range, where no client's socket (the engine's, wrk's,
 * redis-benchmark's) can hold it: a listen there fails with EADDRINUSE at random.
 */
export function trialPort(random: () => number = Math.random, below: number = ephemeralLow()): number {
  const high = Math.min(40_000, below);
  const low = high - 20_000 >= 4_000 ? 20_000 : 10_000;
  return low + Math.floor(random() * Math.max(1, high - low));
}

function tryConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

/** The host address of a started server once its port accepts; throws with its output if it never does. */
export async function waitReady(server: Started, port: number, signal?: AbortSignal): Promise<string> {
  const host = (await server.address()) ?? '127.0.0.1';
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline) {
    if (signal?.aborted === true) throw new Error('interrupted');
    if (await tryConnect(host, port)) return host;
    await sleep(POLL_MS);
  }
  const output = await server.output();
  throw new Error(`the server did not accept on ${host}:${port} within ${READY_MS / 1000} s\n${tailOf(output.stderr + output.stdout)}`);
}

export interface ClientResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client program of the host on CLIENT_CPU. */
export async function runHostClient(argv: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<ClientResult> {
  const result = await execa('taskset', ['-c', CLIENT_CPU, ...argv], {
    reject: false, timeout: timeoutMs, cancelSignal: signal, stdin: 'ignore', env: { LC_ALL: 'C' },
  });
  return { ok: result.exitCode === 0 && result.timedOut !== true, stdout: result.stdout, stderr: `${result.stderr}` };
}

export function tailOf(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= TAIL_CHARS ? trimmed : `…${trimmed.slice(-TAIL_CHARS)}`;
}

/** A failed trial: what broke, then the tail of the output that shows why. */
export function failure(what: string, output: string, durationMs: number): MeasureOutcome {
  return { kind: 'exited', exitCode: 1, stdout: '', stderr: `${what}\n${tailOf(output)}`, durationMs, phases: null, timestamps: null };
}

/** The outcome of a program run through the executor, as a failure unless it exited 0. */
export function runFailure(what: string, outcome: ExecutionOutcome): MeasureOutcome | null {
  if (outcome.kind === 'exited' && outcome.exitCode === 0) return null;
  if (outcome.kind === 'exited') return failure(`${what} exited with code ${outcome.exitCode}`, outcome.stderr + outcome.stdout, outcome.durationMs);
  return outcome;
}
