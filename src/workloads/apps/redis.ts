/**
 * redis: redis-server of the host's Debian package in the target, redis-benchmark (7.0) as the
 * client, GET and SET with pipelining off, at 1 and 32 connections, with the client on the host
 * (across the target's boundary: Docker's bridge, or runsc's network stack) and beside the
 * server in the target (`apprun beside`: loopback inside). Requests per second and the p50 and
 * p99 latencies redis-benchmark reports (`--csv`). Before the measured run of each connection
 * count a short warm-up run sizes its request count to the budget, as bench_run calibrates; the
 * beside runs use the same counts, with a warm-up run of their own.
 */
import { z } from 'zod';
import type { Executor } from '../../bench/executor.js';
import type { MeasureContext } from '../../measure/measurement.js';
import type { MeasureOutcome } from '../../measure/outcome.js';
import type { Budget, MetricSpec, Sample, WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { CLIENT_CPU, SERVER_CPU, failure, runFailure, runHostClient, trialPort, waitReady } from './server.js';

const SERVER = '/usr/bin/redis-server';
const BENCHMARK = '/usr/bin/redis-benchmark';
export const REDIS_CONNECTIONS = [1, 32] as const;
export const REDIS_PLACEMENTS = ['host', 'beside'] as const;
const OPS = ['get', 'set'] as const;
const WARMUP_REQUESTS = 200;
/**
 * Requests per connection, at least, in every run: with 32 connections and a few hundred
 * requests, connecting and the first round trips weigh in and the rate reads low (half of a
 * long run's, natively here: scripts/cross-check-apps.sh caught it).
 */
const MIN_REQUESTS_PER_CONNECTION = 300;

/** Requests of a run: the budget's worth at the measured rate, never fewer than the minimum. */
export function redisRequests(connections: number, rps: number, seconds: number): number {
  return Math.round(Math.min(2_000_000, Math.max(WARMUP_REQUESTS, connections * MIN_REQUESTS_PER_CONNECTION, rps * seconds)));
}

/** Warm-up requests: enough for every connection to make a few round trips. */
export function redisWarmupRequests(connections: number): number {
  return Math.max(WARMUP_REQUESTS, connections * 50);
}
/** Measured runs per connection count and trial (after the warm-up): the trials are the repetitions. */
const MEASURED_RUNS = 1;

export interface RedisRow {
  readonly test: string;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const row = z.object({ test: z.string(), rps: z.number().positive(), p50_latency_ms: z.number().nonnegative(), p99_latency_ms: z.number().nonnegative() });

/** redis-benchmark --csv: a quoted header, then one quoted row per test. */
export function parseRedisCsv(csv: string): { ok: true; rows: RedisRow[] } | { ok: false; reason: string } {
  const lines = csv.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('"'));
  const cells = (line: string): string[] => line.split(',').map((c) => c.replace(/^"|"$/g, ''));
  const header = lines[0] === undefined ? [] : cells(lines[0]);
  if (!header.includes('rps') || !header.includes('p99_latency_ms')) return { ok: false, reason: 'no redis-benchmark --csv header (test, rps, …, p99_latency_ms)' };
  const rows: RedisRow[] = [];
  for (const line of lines.slice(1)) {
    const values = cells(line);
    const record = Object.fromEntries(header.map((h, i) => [h, h === 'test' ? values[i] : Number(values[i])]));
    const parsed = row.safeParse(record);
    if (!parsed.success) return { ok: false, reason: `bad row ${JSON.stringify(line)}` };
    rows.push({ test: parsed.data.test, rps: parsed.data.rps, p50Ms: parsed.data.p50_latency_ms, p99Ms: parsed.data.p99_latency_ms });
  }
  if (rows.length === 0) return { ok: false, reason: 'no result row' };
  return { ok: true, rows };
}

/** The samples of one measured run: rps, p50 and p99 of each test, named `get_rps.c32.host`. */
export function redisSamples(rows: readonly RedisRow[], connections: number, placement: string, rep: number, requests: number): Sample[] {
  return rows.flatMap((r) => {
    const op = r.test.toLowerCase();
    const suffix = `c${connections}.${placement}`;
    return [
      { metric: `${op}_rps.${suffix}`, unit: 'ops/s', value: r.rps, iterations: requests, rep },
      { metric: `${op}_p50.${suffix}`, unit: 'ms', value: r.p50Ms, iterations: requests, rep },
      { metric: `${op}_p99.${suffix}`, unit: 'ms', value: r.p99Ms, iterations: requests, rep },
    ];
  }).filter((s) => s.value > 0);
}

export function serverArgv(port: number): string[] {
  return [SERVER, '--port', String(port), '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no'];
}

export function benchmarkArgv(host: string, port: number, connections: number, requests: number): string[] {
  return [BENCHMARK, '-h', host, '-p', String(port), '-c', String(connections), '-n', String(requests), '-t', 'get,set', '-r', '100000', '-P', '1', '--csv'];
}

/** Seconds of each measured test: 0.5 s for --quick, 2 s for a default run. */
export function redisSeconds(budget: Budget): number {
  return Math.max(0.5, (budget.repBudgetMs * budget.repetitions) / 500);
}

const metrics: MetricSpec[] = REDIS_PLACEMENTS.flatMap((placement) => REDIS_CONNECTIONS.flatMap((c) => OPS.flatMap((op) => {
  const where = placement === 'host' ? 'client on the host' : 'client beside the server in the target (loopback)';
  const up = op.toUpperCase();
  return [
    { name: `${op}_rps.c${c}.${placement}`, unit: 'ops/s', direction: 'higher-is-better' as const, description: `${up} requests per second, ${c} connection(s), ${where}` },
    { name: `${op}_p50.c${c}.${placement}`, unit: 'ms', direction: 'lower-is-better' as const, description: `median ${up} latency, ${c} connection(s), ${where}` },
    { name: `${op}_p99.c${c}.${placement}`, unit: 'ms', direction: 'lower-is-better' as const, description: `99th percentile ${up} latency, ${c} connection(s), ${where}` },
  ];
})));

export const REDIS_PROGRAM = appProgram('redis', (files) => files.add(SERVER).add(BENCHMARK));

export const redis: WorkloadSpec = {
  id: 'redis',
  description: 'redis 7.0: GET and SET with redis-benchmark at 1 and 32 connections, client on the host and beside the server',
  binary: 'apprun',
  program: REDIS_PROGRAM,
  metrics,
  needsScratch: false,
  args: () => [],
  hostMeasured: 'redis',
  container: { network: 'bridge', readonlyRootfs: true, tmpfs: {} },
};

/** The blocks of concatenated --csv outputs (`apprun beside --repeat`), each with its header. */
export function splitCsvBlocks(stdout: string): string[] {
  return stdout.split(/^(?="test",)/m).map((b) => b.trim()).filter((b) => b.startsWith('"test",'));
}

function parseRun(csv: string): RedisRow[] | string {
  const parsed = parseRedisCsv(csv);
  return parsed.ok ? parsed.rows : `redis-benchmark output unusable: ${parsed.reason}`;
}

/**
 * Client on the host against a server started detached in the target: per connection count a
 * warm-up run sizes the request count to the budget, then one measured run. Returns
 * the request count of each connection count (the beside runs use the same).
 */
async function measureHost(executor: Executor, ctx: MeasureContext, samples: Sample[]): Promise<Map<number, number> | MeasureOutcome> {
  const port = trialPort();
  const server = await executor.start({ workload: ctx.workload, args: ['exec', ...serverArgv(port)], timeoutMs: ctx.timeoutMs, signal: ctx.signal, labels: ctx.labels, cpuset: SERVER_CPU });
  try {
    let host: string;
    try {
      host = await waitReady(server, port, ctx.signal);
    } catch (error) {
      return failure('redis-server did not come up', error instanceof Error ? error.message : String(error), 0);
    }
    const sized = new Map<number, number>();
    const run = async (connections: number, requests: number): Promise<RedisRow[] | MeasureOutcome> => {
      const result = await runHostClient(benchmarkArgv(host, port, connections, requests), ctx.timeoutMs, ctx.signal);
      if (!result.ok) {
        const output = await server.output();
        return failure('redis-benchmark on the host failed', `${result.stderr}\n--- server:\n${output.stdout}${output.stderr}`, 0);
      }
      const rows = parseRun(result.stdout);
      return typeof rows === 'string' ? failure(rows, result.stdout, 0) : rows;
    };
    for (const connections of REDIS_CONNECTIONS) {
      const warm = await run(connections, redisWarmupRequests(connections));
      if (!Array.isArray(warm)) return warm;
      const requests = redisRequests(connections, Math.min(...warm.map((r) => r.rps)), redisSeconds(ctx.budget));
      sized.set(connections, requests);
      const rows = await run(connections, requests);
      if (!Array.isArray(rows)) return rows;
      samples.push(...redisSamples(rows, connections, 'host', 0, requests));
    }
    return sized;
  } finally {
    await server.stop();
  }
}

/** Client beside the server: one execution of `apprun beside` for every connection count and repetition. */
async function measureBeside(executor: Executor, ctx: MeasureContext, sized: ReadonlyMap<number, number>, samples: Sample[]): Promise<MeasureOutcome | null> {
  const port = trialPort();
  const reps = MEASURED_RUNS;
  const clients = REDIS_CONNECTIONS.flatMap((c) => ['@', ...benchmarkArgv('127.0.0.1', port, c, sized.get(c) ?? WARMUP_REQUESTS)]);
  const args = ['beside', '--port', String(port), '--server-cpu', SERVER_CPU, '--client-cpu', CLIENT_CPU, '--repeat', String(reps + 1),
    '@', ...serverArgv(port), '--loglevel', 'warning', ...clients];
  // the workload's own bridge network: under runsc with the host's network a container without one
  // (NetworkDisabled) never saw its loopback server accept
  const outcome = await executor.run({ workload: ctx.workload, args, timeoutMs: ctx.timeoutMs, signal: ctx.signal, labels: ctx.labels });
  const failed = runFailure('redis-server with redis-benchmark beside it', outcome);
  if (failed !== null || outcome.kind !== 'exited') return failed;
  const blocks = splitCsvBlocks(outcome.stdout);
  if (blocks.length !== REDIS_CONNECTIONS.length * (reps + 1)) {
    return failure(`redis beside: ${blocks.length} redis-benchmark results, expected ${REDIS_CONNECTIONS.length * (reps + 1)}`, outcome.stdout + outcome.stderr, outcome.durationMs);
  }
  for (const [index, connections] of REDIS_CONNECTIONS.entries()) {
    for (let rep = 0; rep < reps; rep += 1) { // block 0 of each connection count is its warm-up
      const rows = parseRun(blocks[index * (reps + 1) + rep + 1] as string);
      if (typeof rows === 'string') return failure(rows, outcome.stdout, outcome.durationMs);
      samples.push(...redisSamples(rows, connections, 'beside', rep, sized.get(connections) ?? WARMUP_REQUESTS));
    }
  }
  return null;
}

export async function measureRedis(executor: Executor, ctx: MeasureContext): Promise<MeasureOutcome> {
  const t0 = Date.now();
  const samples: Sample[] = [];
  const sized = await measureHost(executor, ctx, samples);
  if (!(sized instanceof Map)) return sized;
  const failed = await measureBeside(executor, ctx, sized, samples);
  if (failed !== null) return failed;
  return { kind: 'measured', samples, stderr: '', durationMs: Date.now() - t0 };
}
