import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trialTimeoutFor } from '../../src/cli/run-config.js';
import { WORKLOADS } from '../../src/workloads/catalogue.js';
import { LIMITS, MAX_TIMER_MS, MAX_TRIAL_TIMEOUT_MS } from '../../src/workloads/limits.js';

/** The limits common.c's parser applies to `--name`, read from its source. */
function cLimit(name: string): { min: number; max: number } {
  const source = readFileSync('workloads/common.c', 'utf8');
  const match = new RegExp(`strcmp\\(name, "${name}"\\) == 0\\) o->\\w+ = bench_parse_long\\(name, value, (\\d+), (\\d+)\\)`).exec(source);
  if (!match) throw new Error(`common.c does not parse --${name} with bench_parse_long`);
  return { min: Number(match[1]), max: Number(match[2]) };
}

describe('one set of limits', () => {
  it('common.c accepts exactly what the CLI accepts', () => {
    expect(cLimit('reps')).toEqual(LIMITS.samples);
    expect(cLimit('budget-ms')).toEqual(LIMITS.budgetMs);
    expect(cLimit('warmup-ms')).toEqual(LIMITS.warmupMs);
  });

  it('the longest trial stays inside Node timers', () => {
    expect(MAX_TRIAL_TIMEOUT_MS).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('the largest budgets give a trial timeout above the longest trial (so run-config must reject them)', () => {
    const budget = { repetitions: LIMITS.samples.max, repBudgetMs: LIMITS.budgetMs.max, warmupMs: LIMITS.warmupMs.max };
    expect(trialTimeoutFor(WORKLOADS, budget)).toBeGreaterThan(MAX_TRIAL_TIMEOUT_MS);
  });
});
