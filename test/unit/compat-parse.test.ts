import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/compat/checks.js';
import { parseProbeOutput } from '../../src/compat/parse.js';
import { FIXTURES, fixtureChecks, fixtureText } from './compat-fixtures.js';

const line = (o: Record<string, unknown>): string => JSON.stringify({ check: 'vdso', result: 'ok', errno: null, detail: 'x', observed: {}, ...o });

describe('parseProbeOutput', () => {
  it.each(FIXTURES)('parses the output captured under %s: every check of the catalogue once, in catalogue order', (name) => {
    const checks = fixtureChecks(name);
    expect(checks.map((c) => c.check)).toEqual(CHECK_IDS);
  });

  it('keeps errno names, details and numeric or text readings', () => {
    const runsc = fixtureChecks('runsc-20240729');
    expect(runsc.find((c) => c.check === 'pidfd_open')).toMatchObject({ result: 'fails', errno: 'ENOSYS' });
    const meminfo = fixtureChecks('native').find((c) => c.check === 'proc_meminfo');
    expect(typeof meminfo?.observed.mem_total_kib).toBe('number');
    expect(typeof fixtureChecks('native').find((c) => c.check === 'proc_sys_kernel')?.observed.osrelease).toBe('string');
  });

  it('ignores blank lines and surrounding spaces', () => {
    expect(parseProbeOutput(`\n  ${line({})}  \n\n`)).toMatchObject({ ok: true, checks: [{ check: 'vdso' }] });
  });

  it.each([
    ['not JSON', 'vdso ok', /line 1 .*not JSON/],
    ['an unknown check', line({ check: 'teleport' }), /unknown check 'teleport'/],
    ['an unknown result', line({ result: 'maybe' }), /result:/],
    ['a malformed errno', line({ result: 'fails', errno: 'eperm' }), /errno: an errno name/],
    ['an extra key', `${line({}).slice(0, -1)},"extra":1}`, /extra/],
    ['a nested reading', line({ observed: { a: { b: 1 } } }), /observed/],
    ['a failure saying nothing', line({ result: 'fails', errno: null, detail: '' }), /neither errno nor detail/],
    ['nothing at all', '\n\n', /no checks/],
  ])('rejects %s', (_what, text, reason) => {
    const parsed = parseProbeOutput(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('rejects a check printed twice, naming the line', () => {
    const parsed = parseProbeOutput(`${line({})}\n${line({})}`);
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/^line 2 .*vdso appears twice/) as unknown as string });
  });

  it('a probe cut short still parses: the matrix says which checks are missing', () => {
    const text = fixtureText('runc').split('\n').slice(0, 10).join('\n');
    const parsed = parseProbeOutput(text);
    expect(parsed.ok && parsed.checks).toHaveLength(10);
  });
});
