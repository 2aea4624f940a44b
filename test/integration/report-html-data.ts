/**
 * A wide report for the layout test: every workload family, five runtimes with long flags, an
 * application workload, values spanning four decades. The medians are typed in (shapes like a
 * run on the development VM), the comparisons derived from them here.
 */
import type { MetricSummary } from '../../src/analysis/summary.js';
import { buildAnswer } from '../../src/report/answer.js';
import type { ReportData } from '../../src/report/model.js';
import { CLAIM_RESULTS, HISTORY } from '../unit/fixtures/claim-results.js';
import { META, RUN } from '../unit/fixtures/report-data.js';

const TARGETS = ['native', 'runc', 'runc:unconfined', 'runsc', 'kata'] as const;
const TIERS: Record<string, string> = { native: 'native', runc: 'container', 'runc:unconfined': 'container', runsc: 'sandbox', kata: 'vm' };

/** workload, metric, unit, higher-is-better, then one median per target (null: not measured). */
const ROWS: readonly [string, string, string, boolean, readonly (number | null)[]][] = [
  ['syscall', 'getppid', 'ns/op', false, [210, 240, 212, 24_500, 1_900]],
  ['syscall', 'open_close', 'ns/op', false, [1_900, 2_100, 1_950, 61_000, 5_200]],
  ['fileio', 'create_write_close.rootfs', 'ns/op', false, [9_800, 21_000, 20_500, 240_000, 60_000]],
  ['fileio', 'stat.tmpfs', 'ns/op', false, [820, 900, 850, 14_000, 2_500]],
  ['net', 'tcp_rtt_64b_p50.loopback', 'us', false, [18, 19, 18.5, 160, 40]],
  ['startup', 'startup_total', 'ms', false, [1.2, 210, 205, 420, 900]],
  ['memory', 'pss_per_sandbox', 'MiB', false, [null, 5.5, 5.4, 21, 140]],
  ['cpu', 'hash_4k', 'ops/s', true, [1_250_000, 1_248_000, 1_249_000, 1_245_000, 1_190_000]],
  ['clock', 'clock_gettime_monotonic', 'ns/op', false, [24, 24.3, 24.1, 31, 26]],
  ['redis', 'get_rps_c32', 'req/s', true, [98_000, 91_000, 92_000, 41_000, 70_000]],
];

function summaries(baseline: string): MetricSummary[] {
  return ROWS.flatMap(([workload, metric, unit, higher, medians]) => {
    const base = medians[TARGETS.indexOf(baseline as (typeof TARGETS)[number])] ?? null;
    return TARGETS.flatMap((target, i) => {
      const median = medians[i] ?? null;
      if (median === null) return [];
      const compared = target !== baseline && base !== null;
      const ratio = compared ? median / base : 1;
      const overhead = (r: number): number => (higher ? (1 - r) * 100 : (r - 1) * 100);
      return [{
        target, tier: TIERS[target] ?? 'container', workload, metric, unit, direction: higher ? 'higher-is-better' : 'lower-is-better',
        n: 25, trials: 5, median, mean: median, sd: median * 0.03, cv: 0.03, p5: median * 0.96, p95: median * 1.05, p99: median * 1.08,
        ciLow: median * 0.97, ciHigh: median * 1.03, confidence: 0.95,
        baseline: compared ? baseline : null, baselineMedian: compared ? base : null,
        deltaAbs: compared ? median - base : null, deltaCiLow: compared ? median * 0.97 - base : null, deltaCiHigh: compared ? median * 1.03 - base : null,
        overheadPct: compared ? overhead(ratio) : null,
        overheadCiLow: compared ? Math.min(overhead(ratio * 0.95), overhead(ratio * 1.05)) : null,
        overheadCiHigh: compared ? Math.max(overhead(ratio * 0.95), overhead(ratio * 1.05)) : null,
      } satisfies MetricSummary];
    });
  });
}

const vsNative = summaries('native');

export const WIDE_REPORT_DATA: ReportData = {
  run: {
    ...RUN,
    meta: { ...META, workloads: [...new Set(ROWS.map((r) => r[0]))] },
    runtimes: TARGETS.map((target) => ({
      target, engineRuntime: target === 'native' ? null : target.replace(':unconfined', ''), tier: TIERS[target] ?? 'container', version: target === 'native' ? null : '1.1.5+ds1',
      flags: target === 'runsc' ? ['--network=host', 'platform=ptrace (default)', 'overlay=off (default of this release: gofer-backed root filesystem)'] : [],
    })),
  },
  baseline: 'native',
  summaries: vsNative,
  claims: CLAIM_RESULTS,
  history: HISTORY,
  applications: ['redis'],
  answer: buildAnswer({ byReference: new Map([['native', vsNative], ['runc', summaries('runc')]]), applications: new Set(['redis']) }),
};
