import { describe, expect, it } from 'vitest';
import { runConfig, trialTimeoutFor } from '../../src/cli/run-config.js';
import { WORKLOADS, workloadById } from '../../src/workloads/catalogue.js';
import type { WorkloadSpec } from '../../src/workloads/types.js';

describe('run configuration', () => {
  it('uses shorter budgets and fewer repetitions with --quick, and explicit flags over both', () => {
    expect(runConfig({ quick: false }, WORKLOADS)).toMatchObject({ repetitions: 5, budget: { repetitions: 5, repBudgetMs: 200, warmupMs: 200 } });
    expect(runConfig({ quick: true }, WORKLOADS)).toMatchObject({ repetitions: 3, budget: { repetitions: 3, repBudgetMs: 50, warmupMs: 50 } });
    expect(runConfig({ quick: true, repetitions: 7, budgetMs: 10, trialTimeout: 9 }, WORKLOADS)).toMatchObject({ repetitions: 7, budget: { repBudgetMs: 10 }, trialTimeoutMs: 9_000 });
  });

  it('gives every trial more time than its budgets need, scaled by metrics and warm-up', () => {
    const budget = { repetitions: 5, repBudgetMs: 200, warmupMs: 200 };
    const syscall = workloadById('syscall') as WorkloadSpec;
    const clock = workloadById('clock') as WorkloadSpec;
    const needed = (w: WorkloadSpec): number => w.metrics.length * (Math.max(budget.warmupMs, w.minWarmupMs ?? 0) + (2 + budget.repetitions) * budget.repBudgetMs);
    expect(trialTimeoutFor([syscall], budget)).toBeGreaterThan(2 * needed(syscall));
    // clock's 2 s minimum warm-up counts even when --warmup-ms is smaller
    expect(trialTimeoutFor([clock], budget)).toBeGreaterThan(2 * clock.metrics.length * 2_000);
    expect(trialTimeoutFor([syscall, clock], budget)).toBe(Math.max(trialTimeoutFor([syscall], budget), trialTimeoutFor([clock], budget)));
  });

  it("gives a workload without metrics (compat) at least its own minimum trial timeout, whatever the budget", () => {
    const compat = workloadById('compat') as WorkloadSpec;
    const tiny = { repetitions: 1, repBudgetMs: 1, warmupMs: 0 };
    expect(trialTimeoutFor([compat], tiny)).toBe(compat.minTrialTimeoutMs);
    const syscall = workloadById('syscall') as WorkloadSpec;
    expect(trialTimeoutFor([syscall, compat], tiny)).toBe(Math.max(trialTimeoutFor([syscall], tiny), compat.minTrialTimeoutMs ?? 0));
  });
});
