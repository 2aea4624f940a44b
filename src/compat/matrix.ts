/**
 * The compatibility matrix: check × target, judged against the native column. Pure.
 *
 * A cell is what the probe said, except that
 *   - a target whose probe did not run (its trial failed) has every cell `skipped`, with why;
 *   - a check the probe printed nothing for is `skipped` (never guessed);
 *   - an `ok` whose readings named by the catalogue's `compare` differ from native's `ok`
 *     readings becomes `differs`, saying how.
 */
import { COMPAT_CHECKS, type CompatCheck } from './checks.js';
import type { CheckResultKind, ProbeCheck } from './parse.js';

export interface MatrixTarget {
  readonly id: string;
  readonly tier: string;
  /** runtime version as recorded with the run, null for native or when unknown */
  readonly version: string | null;
  /** runtime flags in force (e.g. runsc's --network=host) */
  readonly flags: readonly string[];
}

export interface TargetColumn {
  readonly target: MatrixTarget;
  /** the probe's checks, or null when it did not run */
  readonly checks: readonly ProbeCheck[] | null;
  /** why the probe did not run (the trial's reason) */
  readonly failure: string | null;
}

export interface Cell {
  readonly result: CheckResultKind;
  readonly errno: string | null;
  readonly detail: string;
  readonly observed: Readonly<Record<string, string | number>>;
}

export interface MatrixRow {
  readonly check: CompatCheck;
  /** one per target, in the matrix's target order */
  readonly cells: readonly Cell[];
}

export interface CompatMatrix {
  readonly runId: string | null;
  readonly targets: readonly MatrixTarget[];
  readonly rows: readonly MatrixRow[];
}

const NATIVE = 'native';

function differences(check: CompatCheck, cell: ProbeCheck, native: ProbeCheck | undefined): string[] {
  if (!check.compare || !native || native.result !== 'ok') return [];
  return check.compare
    .filter((key) => cell.observed[key] !== undefined && native.observed[key] !== undefined && cell.observed[key] !== native.observed[key])
    .map((key) => `${key} ${String(cell.observed[key])} here, ${String(native.observed[key])} natively`);
}

function cellFor(check: CompatCheck, column: TargetColumn, native: ProbeCheck | undefined): Cell {
  if (column.checks === null) {
    return { result: 'skipped', errno: null, detail: `the probe did not run on this target: ${column.failure ?? 'no trial'}`, observed: {} };
  }
  const found = column.checks.find((c) => c.check === check.id);
  if (!found) return { result: 'skipped', errno: null, detail: 'the probe printed no result for this check', observed: {} };
  const base: Cell = { result: found.result, errno: found.errno, detail: found.detail, observed: found.observed };
  if (found.result !== 'ok' || column.target.id === NATIVE) return base;
  const diffs = differences(check, found, native);
  return diffs.length === 0 ? base : { ...base, result: 'differs', detail: `${diffs.join('; ')} (${found.detail})` };
}

export function buildMatrix(runId: string | null, columns: readonly TargetColumn[]): CompatMatrix {
  const native = columns.find((c) => c.target.id === NATIVE)?.checks ?? [];
  const rows = COMPAT_CHECKS.map((check) => {
    const nativeCheck = native.find((c) => c.check === check.id);
    return { check, cells: columns.map((column) => cellFor(check, column, nativeCheck)) };
  });
  return { runId, targets: columns.map((c) => c.target), rows };
}

/** A cell's short label: ok, differs, skipped, or the errno of a failure (`fails EPERM`). */
export function cellLabel(cell: Cell): string {
  if (cell.result !== 'fails') return cell.result;
  return cell.errno ? `fails ${cell.errno}` : 'fails';
}

/** Rows whose cells do not all say the same (result and errno). */
export function onlyDifferences(matrix: CompatMatrix): CompatMatrix {
  return { ...matrix, rows: matrix.rows.filter((row) => new Set(row.cells.map(cellLabel)).size > 1) };
}

/** The cell of a target in a row, or undefined when the matrix has no such target. */
export function cellOf(matrix: CompatMatrix, row: MatrixRow, target: string): Cell | undefined {
  const index = matrix.targets.findIndex((t) => t.id === target);
  return index < 0 ? undefined : row.cells[index];
}

/** Counts of each result in a target's column. */
export function columnCounts(matrix: CompatMatrix, target: string): Record<CheckResultKind, number> {
  const counts: Record<CheckResultKind, number> = { ok: 0, fails: 0, differs: 0, skipped: 0 };
  for (const row of matrix.rows) {
    const cell = cellOf(matrix, row, target);
    if (cell) counts[cell.result] += 1;
  }
  return counts;
}
