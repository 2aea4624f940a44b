import { describe, expect, it } from 'vitest';
import { buildMatrix, cellLabel, cellOf, columnCounts, onlyDifferences, type MatrixTarget, type TargetColumn } from '../../src/compat/matrix.js';
import type { ProbeCheck } from '../../src/compat/parse.js';
import { fixtureChecks } from './compat-fixtures.js';

const target = (id: string, tier = id === 'native' ? 'native' : 'container'): MatrixTarget => ({ id, tier, version: null, flags: [] });
const column = (id: string, checks: ProbeCheck[] | null, tier?: string): TargetColumn => ({ target: target(id, tier), checks, failure: checks ? null : 'trial failed: timed out after 90.0 s' });

function fixtureMatrix() {
  return buildMatrix('run-1', [
    column('native', fixtureChecks('native')),
    column('runc', fixtureChecks('runc')),
    column('runsc', fixtureChecks('runsc-20240729'), 'sandbox'),
  ]);
}

function cell(matrix: ReturnType<typeof fixtureMatrix>, check: string, targetId: string) {
  const row = matrix.rows.find((r) => r.check.id === check);
  if (!row) throw new Error(check);
  return cellOf(matrix, row, targetId);
}

describe('buildMatrix on captured output', () => {
  it('has one row per check and one cell per target', () => {
    const m = fixtureMatrix();
    expect(m.rows.length).toBeGreaterThanOrEqual(40);
    expect(m.rows.every((r) => r.cells.length === 3)).toBe(true);
  });

  it('native never fails or differs here: what it cannot do is skipped with a reason', () => {
    const m = fixtureMatrix();
    const counts = columnCounts(m, 'native');
    expect(counts.fails + counts.differs).toBe(0);
    for (const row of m.rows) {
      const c = cellOf(m, row, 'native');
      if (c?.result === 'skipped') expect(c.detail).toMatch(/cannot be judged|no /);
    }
  });

  it('a reading different from native makes an ok into differs, saying both values', () => {
    const m = fixtureMatrix();
    const meminfo = cell(m, 'proc_meminfo', 'runsc');
    expect(meminfo?.result).toBe('differs');
    expect(meminfo?.detail).toMatch(/^mem_total_kib \d+ here, \d+ natively/);
    // runc shows the host's MemTotal: the same as native, so ok
    expect(cell(m, 'proc_meminfo', 'runc')?.result).toBe('ok');
  });

  it('a failure keeps its errno, labelled with it', () => {
    const c = cell(fixtureMatrix(), 'personality', 'runc');
    expect(c && cellLabel(c)).toBe('fails EPERM');
  });

  it('without a native column nothing is compared: no differs is made up', () => {
    const m = buildMatrix(null, [column('runsc', fixtureChecks('runsc-20240729'), 'sandbox')]);
    expect(cellOf(m, m.rows.find((r) => r.check.id === 'proc_meminfo') as never, 'runsc')?.result).toBe('ok');
  });

  it('a target whose probe did not run is skipped everywhere, with the reason', () => {
    const m = buildMatrix(null, [column('native', fixtureChecks('native')), column('runsc-kvm', null, 'sandbox')]);
    expect(columnCounts(m, 'runsc-kvm').skipped).toBe(m.rows.length);
    expect(m.rows[0]?.cells[1]?.detail).toMatch(/did not run on this target: trial failed: timed out/);
  });

  it('a check missing from the output is skipped, not guessed', () => {
    const m = buildMatrix(null, [column('native', fixtureChecks('native').filter((c) => c.check !== 'vdso'))]);
    const vdso = m.rows.find((r) => r.check.id === 'vdso');
    expect(vdso?.cells[0]).toMatchObject({ result: 'skipped', detail: 'the probe printed no result for this check' });
  });

  it('onlyDifferences keeps the rows whose labels are not all the same', () => {
    const m = fixtureMatrix();
    const diff = onlyDifferences(m);
    expect(diff.rows.length).toBeLessThan(m.rows.length);
    expect(diff.rows.map((r) => r.check.id)).toContain('pidfd_open');
    expect(diff.rows.map((r) => r.check.id)).not.toContain('eventfd');
    for (const row of diff.rows) expect(new Set(row.cells.map(cellLabel)).size).toBeGreaterThan(1);
  });
});
