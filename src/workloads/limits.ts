/**
 * One set of limits for every count and duration isobench accepts or computes (issue 13,
 * class 1): the CLI's flags, the C workloads' own parser (workloads/common.c, checked against
 * these by test/unit/workloads-limits.test.ts) and the trial timeout derived from them. The
 * longest trial, 24 h, is far inside Node's timer limit (2^31 − 1 ms, about 24.8 days: a
 * longer timer fires after 1 ms) and SQLite's integers.
 */
export const LIMITS = {
  /** timed repetitions inside one trial (`--samples`, the workloads' `--reps`) */
  samples: { min: 1, max: 1000 },
  /** trials per runtime and workload */
  repetitions: { min: 1, max: 1000 },
  /** one timed repetition (`--budget-ms`) */
  budgetMs: { min: 1, max: 600_000 },
  /** warm-up before timing (`--warmup-ms`) */
  warmupMs: { min: 0, max: 600_000 },
  /** a trial's timeout, given (`--trial-timeout`, in s) or computed from the budgets */
  trialTimeoutS: { min: 1, max: 86_400 },
} as const;

/** Node's largest timer delay: setTimeout and AbortSignal.timeout fire after 1 ms beyond it. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const MAX_TRIAL_TIMEOUT_MS = LIMITS.trialTimeoutS.max * 1000;
