import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FILE_BYTES, nginx, nginxConf, nginxSamples, nginxServerArgs, parseWrk, wrkArgv, wrkSeconds } from '../../src/workloads/apps/nginx.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/apps/${name}`, import.meta.url), 'utf8');

describe('wrk --latency summary', () => {
  it('parses requests/s and p50/p99 of a real run, in ms whatever unit wrk chose', () => {
    expect(parseWrk(fixture('wrk-c1.txt'))).toEqual({ ok: true, summary: { rps: 1383.05, p50Ms: 0.626, p99Ms: 9.84, requests: 1402 } });
    expect(parseWrk(fixture('wrk-c32.txt'))).toEqual({ ok: true, summary: { rps: 3439.82, p50Ms: 8.78, p99Ms: 22.17, requests: 3538 } });
  });

  it('rejects a run with errors or without a summary', () => {
    const withErrors = `${fixture('wrk-c32.txt')}  Non-2xx or 3xx responses: 12\n`;
    expect(parseWrk(withErrors)).toEqual({ ok: false, reason: 'wrk saw errors: Non-2xx or 3xx responses: 12' });
    expect(parseWrk('unable to connect to 10.0.0.2:80 Connection refused').ok).toBe(false);
  });

  it('names samples by connections, in the units the spec declares', () => {
    const samples = nginxSamples({ rps: 100, p50Ms: 1, p99Ms: 2, requests: 100 }, 32, 0);
    const known = new Set(nginx.metrics.map((m) => `${m.name} ${m.unit}`));
    expect(samples.map((s) => s.metric)).toEqual(['rps.c32', 'p50.c32', 'p99.c32']);
    for (const s of samples) expect(known.has(`${s.metric} ${s.unit}`)).toBe(true);
  });
});

describe('nginx server', () => {
  it('keeps every path it writes under the scratch directory and serves a 4 KiB file', () => {
    const conf = nginxConf('/tmpfs', 18080);
    expect(conf).toContain('listen 18080;');
    expect(conf).toContain('master_process off;');
    const paths = conf.match(/(?<=\s)\/\S+;/g) ?? [];
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(path.startsWith('/tmpfs/')).toBe(true);
    const args = nginxServerArgs('/tmpfs', 18080);
    expect(args[args.indexOf('/tmpfs/www/4k.bin') + 1]).toHaveLength(FILE_BYTES);
    expect(args.slice(args.indexOf('--') + 1)).toEqual(['/usr/sbin/nginx', '-e', 'stderr', '-p', '/tmpfs', '-c', '/tmpfs/nginx.conf']);
  });

  it('runs wrk for whole seconds scaled by the budget', () => {
    expect(wrkSeconds({ repetitions: 3, repBudgetMs: 50, warmupMs: 50 })).toBe(1);
    expect(wrkSeconds({ repetitions: 5, repBudgetMs: 200, warmupMs: 200 })).toBe(2);
    expect(wrkArgv('172.17.0.2', 8080, 1, 2)).toEqual(['wrk', '-t1', '-c1', '-d2s', '--timeout', '10s', '--latency', 'http://172.17.0.2:8080/4k.bin']);
  });
});
