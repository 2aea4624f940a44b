import type { SampleRow } from './groups.js';

/**
 * What a comparison failed to cover (issue 13, class 3): a gate that compared nothing, or that
 * silently dropped a metric the base run had, cannot fail and so proves nothing.
 */
export interface Coverage {
  readonly compared: number;
  /** `target workload/metric` of every metric the base run has and the new run lacks */
  readonly missingInNew: readonly string[];
}

const keyOf = (row: SampleRow): string => `${row.target} ${row.workload}/${row.metric}`;

export function compareCoverage(baseRows: readonly SampleRow[], newRows: readonly SampleRow[], compared: number): Coverage {
  const inNew = new Set(newRows.map(keyOf));
  const missing = [...new Set(baseRows.map(keyOf))].filter((key) => !inNew.has(key)).sort();
  return { compared, missingInNew: missing };
}

/** The reasons the gate fails on coverage alone, one line each; empty when the comparison is whole. */
export function coverageProblems(coverage: Coverage, baseId: string, newId: string): string[] {
  const problems: string[] = [];
  if (coverage.compared === 0) problems.push(`compared nothing: no metric of run ${baseId} was measured in run ${newId}`);
  const n = coverage.missingInNew.length;
  if (n > 0 && coverage.compared > 0) {
    const shown = coverage.missingInNew.slice(0, 5).join(', ') + (n > 5 ? `, … (${n - 5} more)` : '');
    problems.push(`${n} metric(s) of run ${baseId} are missing from run ${newId}: ${shown}`);
  }
  return problems;
}
