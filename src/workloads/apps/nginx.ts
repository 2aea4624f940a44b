/**
 * nginx: the host's nginx (Debian's nginx-light) in the target serving one 4 KiB static file,
 * wrk on the host as the client, at 1 and 32 connections (one wrk thread, keep-alive), for a
 * duration scaled by the budget, after a 1 s warm-up (one measured run per connection count and
 * trial: a wrk run lasts whole seconds, and the trials are the repetitions). Requests per second and the p50 and p99 latencies of wrk's
 * `--latency` distribution. The configuration and the file are written by the launcher
 * (`apprun exec --write`) into the target's tmpfs, so the root filesystem stays read-only and
 * native runs the same command with a directory under /dev/shm.
 */
import type { Executor } from '../../bench/executor.js';
import type { MeasureContext } from '../../measure/measurement.js';
import type { MeasureOutcome } from '../../measure/outcome.js';
import type { Budget, MetricSpec, Sample, WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { SERVER_CPU, failure, runHostClient, trialPort, waitReady } from './server.js';

const NGINX = '/usr/sbin/nginx';
export const NGINX_CONNECTIONS = [1, 32] as const;
export const FILE_BYTES = 4096;

export interface WrkSummary {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

const TO_MS: Readonly<Record<string, number>> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3 };

function durationMs(text: string): number | null {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  return m ? Number(m[1]) * (TO_MS[m[2] as string] as number) : null;
}

/** wrk's summary with --latency: `Requests/sec:`, the `50%` and `99%` lines, `N requests in`. */
export function parseWrk(output: string): { ok: true; summary: WrkSummary } | { ok: false; reason: string } {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  const p50 = /^\s+50%\s+(\S+)/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)/m.exec(output);
  const requests = /^\s+(\d+) requests in /m.exec(output);
  if (!rps || !p50 || !p99 || !requests) return { ok: false, reason: 'no wrk --latency summary (Requests/sec, 50%, 99%, requests in)' };
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(output);
  if (errors) return { ok: false, reason: `wrk saw errors: ${errors[0]}` };
  const p50Ms = durationMs(p50[1] as string);
  const p99Ms = durationMs(p99[1] as string);
  if (p50Ms === null || p99Ms === null) return { ok: false, reason: `bad latency ${p50[1]} / ${p99[1]}` };
  return { ok: true, summary: { rps: Number(rps[1]), p50Ms, p99Ms, requests: Number(requests[1]) } };
}

export function nginxSamples(s: WrkSummary, connections: number, rep: number): Sample[] {
  const iterations = Math.max(1, s.requests);
  return [
    { metric: `rps.c${connections}`, unit: 'ops/s', value: s.rps, iterations, rep },
    { metric: `p50.c${connections}`, unit: 'ms', value: s.p50Ms, iterations, rep },
    { metric: `p99.c${connections}`, unit: 'ms', value: s.p99Ms, iterations, rep },
  ].filter((x) => x.value > 0);
}

/** The server's configuration: one process, no logs, temporary paths and the document root under dir. */
export function nginxConf(dir: string, port: number): string {
  return [
    // user root: nginx chowns its temporary directories to its user, and the container has no CAP_CHOWN
    `user root root; daemon off; master_process off; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr warn;`,
    'events { worker_connections 1024; }',
    `http { access_log off; client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;`,
    `  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi; types { application/octet-stream bin; }`,
    '  default_type application/octet-stream; sendfile on; keepalive_requests 1000000;',
    `  server { listen ${port}; root ${dir}/www; } }`,
    '',
  ].join('\n');
}

export function nginxServerArgs(dir: string, port: number): string[] {
  return ['exec', '--write', `${dir}/nginx.conf`, nginxConf(dir, port), '--write', `${dir}/www/4k.bin`, 'x'.repeat(FILE_BYTES),
    '--', NGINX, '-e', 'stderr', '-p', dir, '-c', `${dir}/nginx.conf`];
}

/** Whole seconds of each measured wrk run (wrk's resolution): 1 s for --quick, 2 s for a default run. */
export function wrkSeconds(budget: Budget): number {
  return Math.max(1, Math.round((budget.repBudgetMs * budget.repetitions) / 500));
}

export function wrkArgv(host: string, port: number, connections: number, seconds: number): string[] {
  // a 10 s request timeout (wrk's default 2 s counts a slow sandbox's stall as a socket error)
  return ['wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', `http://${host}:${port}/4k.bin`];
}

const metrics: MetricSpec[] = NGINX_CONNECTIONS.flatMap((c) => [
  { name: `rps.c${c}`, unit: 'ops/s', direction: 'higher-is-better' as const, description: `requests per second for a 4 KiB file, ${c} connection(s), wrk on the host` },
  { name: `p50.c${c}`, unit: 'ms', direction: 'lower-is-better' as const, description: `median latency, ${c} connection(s)` },
  { name: `p99.c${c}`, unit: 'ms', direction: 'lower-is-better' as const, description: `99th percentile latency, ${c} connection(s)` },
]);

export const NGINX_PROGRAM = appProgram('nginx', (files) => files.add(NGINX));

export const nginx: WorkloadSpec = {
  id: 'nginx',
  description: 'nginx 1.22: a 4 KiB static file to wrk on the host at 1 and 32 connections',
  binary: 'apprun',
  program: NGINX_PROGRAM,
  metrics,
  needsScratch: true,
  args: () => [],
  hostMeasured: 'nginx',
  container: { network: 'bridge', readonlyRootfs: true, tmpfs: { '/tmpfs': 'rw,size=16m' } },
};

export async function measureNginx(executor: Executor, ctx: MeasureContext): Promise<MeasureOutcome> {
  const t0 = Date.now();
  const port = trialPort();
  const scratch = await executor.scratch();
  try {
    const server = await executor.start({ workload: ctx.workload, args: nginxServerArgs(scratch.dirs.tmpfs, port), timeoutMs: ctx.timeoutMs, signal: ctx.signal, labels: ctx.labels, cpuset: SERVER_CPU });
    try {
      let host: string;
      try {
        host = await waitReady(server, port, ctx.signal);
      } catch (error) {
        return failure('nginx did not come up', error instanceof Error ? error.message : String(error), Date.now() - t0);
      }
      const samples: Sample[] = [];
      const seconds = wrkSeconds(ctx.budget);
      for (const connections of NGINX_CONNECTIONS) {
        for (let rep = -1; rep < 1; rep += 1) { // rep -1: a 1 s warm-up; one measured run per trial
          const result = await runHostClient(wrkArgv(host, port, connections, rep < 0 ? 1 : seconds), ctx.timeoutMs, ctx.signal);
          const parsed = parseWrk(result.stdout);
          if (!result.ok || !parsed.ok) {
            const output = await server.output();
            const why = parsed.ok ? 'wrk failed' : `wrk output unusable: ${parsed.reason}`;
            return failure(why, `${result.stdout}\n${result.stderr}\n--- server:\n${output.stderr}`, Date.now() - t0);
          }
          if (rep >= 0) samples.push(...nginxSamples(parsed.summary, connections, rep));
        }
      }
      return { kind: 'measured', samples, stderr: '', durationMs: Date.now() - t0 };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.remove();
  }
}
