import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchmarkArgv, parseRedisCsv, redis, redisRequests, redisSamples, redisSeconds, redisWarmupRequests, serverArgv, splitCsvBlocks } from '../../src/workloads/apps/redis.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/apps/${name}`, import.meta.url), 'utf8');

describe('redis-benchmark --csv', () => {
  it('parses the SET and GET rows of a real run (7.0.15, one connection)', () => {
    const parsed = parseRedisCsv(fixture('redis-benchmark-c1.csv'));
    expect(parsed).toEqual({ ok: true, rows: [
      { test: 'SET', rps: 9074.41, p50Ms: 0.031, p99Ms: 2.623 },
      { test: 'GET', rps: 13513.51, p50Ms: 0.031, p99Ms: 1.607 },
    ] });
  });

  it('turns rows into samples named by operation, connections and placement', () => {
    const parsed = parseRedisCsv(fixture('redis-benchmark-c32.csv'));
    if (!parsed.ok) throw new Error(parsed.reason);
    const samples = redisSamples(parsed.rows, 32, 'host', 0, 20_000);
    expect(samples.map((s) => s.metric)).toEqual(['set_rps.c32.host', 'set_p50.c32.host', 'set_p99.c32.host', 'get_rps.c32.host', 'get_p50.c32.host', 'get_p99.c32.host']);
    expect(samples[0]).toEqual({ metric: 'set_rps.c32.host', unit: 'ops/s', value: 38314.18, iterations: 20_000, rep: 0 });
    const known = new Set(redis.metrics.map((m) => `${m.name} ${m.unit}`));
    for (const s of samples) expect(known.has(`${s.metric} ${s.unit}`)).toBe(true);
  });

  it('splits the concatenated output of apprun beside into one block per client run', () => {
    const blocks = splitCsvBlocks(fixture('apprun-beside-redis.csv'));
    expect(blocks).toHaveLength(4);
    for (const block of blocks) expect(parseRedisCsv(block).ok).toBe(true);
  });

  it('says why output is unusable', () => {
    expect(parseRedisCsv('')).toEqual({ ok: false, reason: expect.stringContaining('no redis-benchmark --csv header') });
    expect(parseRedisCsv('"test","rps","p50_latency_ms","p99_latency_ms"\n')).toEqual({ ok: false, reason: 'no result row' });
    expect(parseRedisCsv('"test","rps","p50_latency_ms","p99_latency_ms"\n"GET","fast","1","2"\n').ok).toBe(false);
  });

  it('builds the server and client commands (no pipelining, no persistence) and scales the run to the budget', () => {
    expect(serverArgv(7000)).toEqual(expect.arrayContaining(['--port', '7000', '--save', '', '--appendonly', 'no']));
    expect(benchmarkArgv('10.0.0.2', 7000, 32, 5000)).toEqual(expect.arrayContaining(['-h', '10.0.0.2', '-c', '32', '-n', '5000', '-P', '1', '--csv']));
    expect(redisSeconds({ repetitions: 3, repBudgetMs: 50, warmupMs: 50 })).toBe(0.5);
    expect(redisSeconds({ repetitions: 5, repBudgetMs: 200, warmupMs: 200 })).toBe(2);
    expect(redisRequests(1, 40_000, 0.5)).toBe(20_000);
    expect(redisRequests(32, 1_000, 0.5)).toBe(32 * 300); // never a few requests per connection
    expect(redisRequests(1, 100, 0.5)).toBe(300);
    expect(redisWarmupRequests(1)).toBe(200);
    expect(redisWarmupRequests(32)).toBe(1_600);
  });
});
