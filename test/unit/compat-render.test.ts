import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { COMPAT_CLAIMS } from '../../src/claims/builtin-compat.js';
import { buildMatrix, onlyDifferences } from '../../src/compat/matrix.js';
import { COMPAT_CSV_COLUMNS } from '../../src/compat/render-csv.js';
import { renderCompatHtml } from '../../src/compat/render-html.js';
import { COMPAT_FORMATS, renderCompat } from '../../src/compat/render.js';
import { judgeCompatClaims } from '../../src/compat/verdicts.js';
import { renderHtml } from '../../src/report/html.js';
import { REPORT_DATA } from './fixtures/report-data.js';
import { fixtureChecks } from './compat-fixtures.js';

const matrix = buildMatrix('20261201-090000-abcd', [
  { target: { id: 'native', tier: 'native', version: '6.18', flags: [] }, checks: fixtureChecks('native'), failure: null },
  { target: { id: 'runc', tier: 'container', version: 'runc 1.1.5', flags: ['seccomp=docker-default'] }, checks: fixtureChecks('runc'), failure: null },
  { target: { id: 'runsc', tier: 'sandbox', version: 'runsc 20240729', flags: ['--network=host'] }, checks: fixtureChecks('runsc-20240729'), failure: null },
  { target: { id: 'runsc-distro', tier: 'sandbox', version: 'runsc 20221219', flags: ['--network=host'] }, checks: fixtureChecks('runsc-20221219'), failure: null },
]);
const verdicts = judgeCompatClaims(matrix, COMPAT_CLAIMS);
// the native fixture names its temporary directories: saved output must not depend on them
const small = onlyDifferences({ ...matrix, rows: matrix.rows.filter((r) => ['ptrace_attach', 'pidfd_open', 'proc_meminfo', 'personality', 'vdso'].includes(r.check.id)) });

describe('compat renderers', () => {
  it.each(COMPAT_FORMATS)('%s matches the saved output', async (format) => {
    await expect(renderCompat(format, small, verdicts.slice(0, 3))).toMatchFileSnapshot(`fixtures/compat-render/matrix.${format}`);
  });

  it('csv: one record per check × target, in the documented columns', () => {
    const rows = parse(renderCompat('csv', matrix, verdicts), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...COMPAT_CSV_COLUMNS]);
    expect(rows).toHaveLength(matrix.rows.length * matrix.targets.length);
    expect(rows.find((r) => r.check === 'pidfd_open' && r.target === 'runsc')).toMatchObject({ result: 'fails', errno: 'ENOSYS', label: 'fails ENOSYS' });
  });

  it('json: every check with every target and every verdict', () => {
    const doc = JSON.parse(renderCompat('json', matrix, verdicts)) as { checks: { results: Record<string, unknown> }[]; claims: unknown[] };
    expect(doc.checks).toHaveLength(matrix.rows.length);
    expect(Object.keys(doc.checks[0]?.results ?? {})).toEqual(['native', 'runc', 'runsc', 'runsc-distro']);
    expect(doc.claims).toHaveLength(verdicts.length);
  });

  it('html: a section that escapes every text and colours cells by result', () => {
    const evil = { ...small, targets: [{ id: '<b>x</b>', tier: 'native', version: null, flags: [] }], rows: small.rows.map((r) => ({ ...r, cells: [{ result: 'fails' as const, errno: 'EPERM', detail: '"><script>', observed: {} }] })) };
    const html = renderCompatHtml(evil);
    expect(html).toMatch(/^<section class="compat" id="compat">/);
    expect(html).not.toMatch(/<script>|<b>x/);
    expect(html).toContain('<td class="fails"');
  });

  it('table: states every target with its version and lists why each cell is not ok', () => {
    const text = renderCompat('table', matrix, verdicts);
    expect(text).toMatch(/runsc-distro \(sandbox, runsc 20221219\)/);
    expect(text).toMatch(/runsc +pidfd_open +fails ENOSYS/);
    expect(text).toMatch(/does not hold +tradeoffs\.compat\.gvisor\.no-ptrace +runsc/);
  });

  it("the run report's HTML includes the section when the run had compat trials, and only then", () => {
    expect(renderHtml(REPORT_DATA)).not.toContain('class="compat"');
    const html = renderHtml({ ...REPORT_DATA, compat: { matrix: small, verdicts } });
    expect(html).toContain('<section class="compat" id="compat">');
    expect(html).toContain('tradeoffs.compat.gvisor.no-ptrace');
  });
});
