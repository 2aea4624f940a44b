import { describe, expect, it } from 'vitest';
import { compareCoverage, coverageProblems } from '../../src/analysis/compare-coverage.js';
import type { SampleRow } from '../../src/analysis/groups.js';

const row = (target: string, workload: string, metric: string): SampleRow => ({ trialId: 1, target, tier: 'container', workload, metric, unit: 'ns/op', value: 1, direction: 'lower-is-better' });

describe('what a comparison covers', () => {
  it('is whole when the new run has every metric of the base', () => {
    const base = [row('runc', 'syscall', 'getppid')];
    expect(coverageProblems(compareCoverage(base, [...base, row('runsc', 'syscall', 'getppid')], 1), 'A', 'B')).toEqual([]);
  });

  it('names the base metrics missing from the new run', () => {
    const base = [row('runc', 'syscall', 'getppid'), row('runc', 'cpu', 'hash_4k'), row('runsc', 'cpu', 'hash_4k')];
    const coverage = compareCoverage(base, [row('runc', 'syscall', 'getppid')], 1);
    expect(coverage.missingInNew).toEqual(['runc cpu/hash_4k', 'runsc cpu/hash_4k']);
    expect(coverageProblems(coverage, 'A', 'B')).toEqual(['2 metric(s) of run A are missing from run B: runc cpu/hash_4k, runsc cpu/hash_4k']);
  });

  it('fails a comparison of nothing', () => {
    expect(coverageProblems(compareCoverage([row('runc', 'cpu', 'hash_4k')], [], 0), 'A', 'B')).toEqual(['compared nothing: no metric of run A was measured in run B']);
  });
});
