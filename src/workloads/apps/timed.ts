/**
 * Applications timed inside the target by the launcher (`apprun time`, workloads/apprun.c): each
 * metric is one command run to its exit, warmed up, then run as many times as fit in a
 * repetition's budget (at least once), reported as ms per run or operations per second in the
 * workload protocol, so the default measurement (run and parse) serves them on every target.
 */
import type { Budget, ContainerNeeds, MetricSpec } from '../types.js';

/** One timed command: `@ METRIC UNIT OPS ARGV...`. */
export interface TimedCommand {
  readonly metric: string;
  readonly unit: 'ms' | 'ops/s';
  /** operations one run does (for ops/s) */
  readonly ops: number;
  readonly argv: readonly string[];
}

/** At most one warm-up run: a slow runtime must not spend a trial warming up an application. */
const MAX_WARMUP_MS = 200;

export function timedArgs(budget: Budget, commands: readonly TimedCommand[], options: readonly string[] = []): string[] {
  const head = ['time', '--reps', String(budget.repetitions), '--budget-ms', String(budget.repBudgetMs),
    '--warmup-ms', String(Math.min(budget.warmupMs, MAX_WARMUP_MS)), ...options];
  return [...head, ...commands.flatMap((c) => ['@', c.metric, c.unit, String(c.ops), ...c.argv])];
}

export function msMetric(name: string, description: string): MetricSpec {
  return { name, unit: 'ms', direction: 'lower-is-better', description };
}

export function opsMetric(name: string, description: string): MetricSpec {
  return { name, unit: 'ops/s', direction: 'higher-is-better', description };
}

/** No network; the root filesystem writable (scratch), and a tmpfs. */
export const APP_NEEDS: ContainerNeeds = { network: 'none', readonlyRootfs: false, tmpfs: { '/tmpfs': 'rw,size=256m' } };

/** The work of one timed command, once: what a native profile of that metric runs (issue 11's validation). */
export interface OneRun {
  readonly metric: string;
  /** `apprun time` arguments that run this command exactly once, after the same set-up options */
  readonly args: readonly string[];
}

/** No warm-up, one repetition, the smallest budget: `apprun time` runs each command once. */
export const ONE_RUN: Budget = { repetitions: 1, repBudgetMs: 0, warmupMs: 0 };

/**
 * Splits the `apprun time` arguments of a workload into one argument list per command, each
 * running that command once after the workload's set-up options (a generated tree, a TMPDIR):
 * give it `workload.args(ONE_RUN, scratch)`. Null for arguments that are not `apprun time`
 * (servers, memaccess): those workloads have no single command to profile.
 */
export function oneRunEach(args: readonly string[]): OneRun[] | null {
  if (args[0] !== 'time') return null;
  const first = args.indexOf('@');
  if (first < 0) return null;
  const head = args.slice(0, first);
  const runs: OneRun[] = [];
  for (let i = first; i < args.length;) {
    let end = args.indexOf('@', i + 1);
    if (end < 0) end = args.length;
    const group = args.slice(i, end);
    runs.push({ metric: group[1] ?? '', args: [...head, ...group] });
    i = end;
  }
  return runs;
}
