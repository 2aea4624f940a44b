import type { Budget, WorkloadSpec } from '../workloads/types.js';

export interface RunOptionsInput {
  readonly quick: boolean;
  readonly repetitions?: number;
  readonly samples?: number;
  readonly budgetMs?: number;
  readonly warmupMs?: number;
  readonly trialTimeout?: number;
}

export interface RunConfig {
  /** trials per target × workload, interleaved */
  readonly repetitions: number;
  readonly budget: Budget;
  readonly trialTimeoutMs: number;
}

const FULL = { repetitions: 5, samples: 5, budgetMs: 200, warmupMs: 200 };
const QUICK = { repetitions: 3, samples: 3, budgetMs: 50, warmupMs: 50 };
/** Container creation and start-up, and Docker's own calls, on top of the workload's own time. */
const START_SLACK_MS = 30_000;

/**
 * The time one execution of a workload may take before it counts as hung: per metric,
 * warm-up, calibration (a fraction of a budget, counted as two) and the timed repetitions,
 * times four for a slow runtime or a slow disk (fileio's untimed file set-up on a
 * `discard`-mounted ext4 once took over twice the estimate here), plus start-up slack.
 */
export function trialTimeoutFor(workloads: readonly WorkloadSpec[], budget: Budget): number {
  const perWorkload = workloads.map((w) => {
    const warmup = Math.max(budget.warmupMs, w.minWarmupMs ?? 0);
    return w.metrics.length * (warmup + (2 + budget.repetitions) * budget.repBudgetMs);
  });
  return Math.max(4 * Math.max(0, ...perWorkload) + START_SLACK_MS, ...workloads.map((w) => w.minTrialTimeoutMs ?? 0));
}

export function runConfig(input: RunOptionsInput, workloads: readonly WorkloadSpec[]): RunConfig {
  const defaults = input.quick ? QUICK : FULL;
  const budget: Budget = {
    repetitions: input.samples ?? defaults.samples,
    repBudgetMs: input.budgetMs ?? defaults.budgetMs,
    warmupMs: input.warmupMs ?? defaults.warmupMs,
  };
  return {
    repetitions: input.repetitions ?? defaults.repetitions,
    budget,
    trialTimeoutMs: input.trialTimeout !== undefined ? input.trialTimeout * 1000 : trialTimeoutFor(workloads, budget),
  };
}
