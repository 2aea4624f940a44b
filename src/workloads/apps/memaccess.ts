/**
 * memaccess: ns per dependent load of a pointer chase (workloads/memaccess.c), over a buffer
 * far larger than the last-level cache on 4 KiB pages (TLB-, and in a VM EPT/NPT-bound) and over
 * an L1-resident one. A static binary, measured by the default run-and-parse path.
 */
import type { WorkloadSpec } from '../types.js';

export const memaccess: WorkloadSpec = {
  id: 'memaccess',
  description: 'memory access latency: a dependent pointer chase over 256 MiB (4 KiB pages) and over 16 KiB',
  binary: 'memaccess',
  metrics: [
    { name: 'chase_large', unit: 'ns/op', direction: 'lower-is-better', description: 'one dependent load, random lines of a 256 MiB buffer on 4 KiB pages (cache and TLB misses)' },
    { name: 'chase_cached', unit: 'ns/op', direction: 'lower-is-better', description: 'one dependent load, random lines of a 16 KiB (L1-resident) buffer' },
  ],
  needsScratch: false,
  args: (budget) => ['--reps', String(budget.repetitions), '--budget-ms', String(budget.repBudgetMs), '--warmup-ms', String(budget.warmupMs)],
  container: { network: 'none', readonlyRootfs: true, tmpfs: {} },
};
