import { describe, expect, it } from 'vitest';
import { COMPAT_CLAIMS } from '../../src/claims/builtin-compat.js';
import { compatClaimSchema, type CompatClaimInput } from '../../src/claims/compat-schema.js';
import { buildMatrix, type TargetColumn } from '../../src/compat/matrix.js';
import type { ProbeCheck } from '../../src/compat/parse.js';
import { judgeCompatClaims } from '../../src/compat/verdicts.js';
import { fixtureChecks } from './compat-fixtures.js';

const pc = (check: string, result: ProbeCheck['result'], errno: string | null = null): ProbeCheck => ({ check, result, errno, detail: 'd', observed: {} });
const col = (id: string, tier: string, checks: ProbeCheck[], flags: string[] = []): TargetColumn => ({ target: { id, tier, version: null, flags }, checks, failure: null });
const claim = (over: Partial<CompatClaimInput>) =>
  compatClaimSchema.parse({ id: 'x.y', source: { document: 'd.md', section: 's' }, quote: 'q', subject: 'gVisor', tier: 'sandbox', expect: [{ checks: ['ptrace_attach'], expected: 'fails' }], ...over });

describe('judgeCompatClaims', () => {
  it('gives one verdict per target of the tier: each gVisor release its own', () => {
    const m = buildMatrix(null, [
      col('native', 'native', [pc('ptrace_attach', 'ok')]),
      col('runsc', 'sandbox', [pc('ptrace_attach', 'fails', 'ENOSYS')]),
      col('runsc-2024', 'sandbox', [pc('ptrace_attach', 'ok')]),
    ]);
    const v = judgeCompatClaims(m, [claim({})]);
    expect(v.map((x) => [x.target, x.verdict])).toEqual([['runsc', 'holds'], ['runsc-2024', 'does not hold']]);
    expect(v[1]?.reason).toBe('expected fails: ptrace_attach ok');
  });

  it('a failure where native fails too is not evidence: not measured', () => {
    const m = buildMatrix(null, [col('native', 'native', [pc('ptrace_attach', 'skipped')]), col('runsc', 'sandbox', [pc('ptrace_attach', 'fails', 'EPERM')])]);
    expect(judgeCompatClaims(m, [claim({})])[0]?.verdict).toBe('not measured');
  });

  it('errno lists narrow what counts as the claimed failure', () => {
    const m = buildMatrix(null, [col('native', 'native', [pc('proc_mounts', 'ok')]), col('runsc', 'sandbox', [pc('proc_mounts', 'fails', 'EACCES')])]);
    const v = judgeCompatClaims(m, [claim({ expect: [{ checks: ['proc_mounts'], expected: 'fails', errno: ['ENOENT'] }] })]);
    expect(v[0]?.verdict).toBe('does not hold');
  });

  it('any: one check meeting it is enough; none meeting it does not hold', () => {
    const base = [pc('fionread', 'ok'), pc('pty_tcgets', 'ok')];
    const any = claim({ expect: [{ checks: ['fionread', 'pty_tcgets'], expected: 'fails', quantifier: 'any' }] });
    const one = buildMatrix(null, [col('native', 'native', base), col('runsc', 'sandbox', [pc('fionread', 'ok'), pc('pty_tcgets', 'fails', 'ENOTTY')])]);
    const none = buildMatrix(null, [col('native', 'native', base), col('runsc', 'sandbox', base)]);
    expect(judgeCompatClaims(one, [any])[0]?.verdict).toBe('holds');
    expect(judgeCompatClaims(none, [any])[0]?.verdict).toBe('does not hold');
  });

  it('same-as-native compares labels, errno included', () => {
    const same = claim({ tier: 'vm', expect: [{ checks: ['keyctl'], expected: 'same-as-native' }] });
    const m = buildMatrix(null, [col('native', 'native', [pc('keyctl', 'ok')]), col('kata', 'vm', [pc('keyctl', 'fails', 'EPERM')])]);
    expect(judgeCompatClaims(m, [same])[0]?.verdict).toBe('does not hold');
  });

  it('a claim about a flag is not measured on a target without it', () => {
    const m = buildMatrix(null, [col('native', 'native', [pc('dns_resolv_conf', 'ok')]), col('runsc', 'sandbox', [pc('dns_resolv_conf', 'fails', 'ECONNREFUSED')], ['--network=sandbox'])]);
    const v = judgeCompatClaims(m, [claim({ requiresFlag: '--network=host', expect: [{ checks: ['dns_resolv_conf'], expected: 'fails' }] })]);
    expect(v[0]).toMatchObject({ verdict: 'not measured', reason: 'runsc does not run with --network=host here' });
  });

  it('a target whose probe did not run is not measured, saying so', () => {
    const m = buildMatrix(null, [col('native', 'native', [pc('ptrace_attach', 'ok')]), { target: { id: 'runsc-kvm', tier: 'sandbox', version: null, flags: [] }, checks: null, failure: 'trial failed: timed out' }]);
    expect(judgeCompatClaims(m, [claim({})])[0]).toMatchObject({ verdict: 'not measured', reason: 'the probe did not run on this target: trial failed: timed out' });
  });

  it('no target of the tier: one not-measured verdict (Kata is absent here)', () => {
    const m = buildMatrix(null, [col('native', 'native', fixtureChecks('native'))]);
    const kata = judgeCompatClaims(m, COMPAT_CLAIMS).filter((v) => v.claim.tier === 'vm');
    expect(kata.length).toBeGreaterThan(0);
    expect(kata.every((v) => v.verdict === 'not measured' && v.target === null)).toBe(true);
  });

  it('on the captured gVisor output: ptrace works (the claim does not hold), perf_event_open does not (it holds)', () => {
    const m = buildMatrix(null, [
      col('native', 'native', fixtureChecks('native')),
      col('runsc-distro', 'sandbox', fixtureChecks('runsc-20221219'), ['--network=host']),
      col('runsc', 'sandbox', fixtureChecks('runsc-20240729'), ['--network=host']),
    ]);
    const v = judgeCompatClaims(m, COMPAT_CLAIMS);
    const of = (id: string) => v.filter((x) => x.claim.id === id).map((x) => x.verdict);
    expect(of('tradeoffs.compat.gvisor.no-ptrace')).toEqual(['does not hold', 'does not hold']);
    expect(of('tradeoffs.compat.gvisor.no-perf')).toEqual(['holds', 'holds']);
    // the releases disagree on /sys/class/net
    expect(new Set(of('tradeoffs.compat.gvisor.no-sys-class-net')).size).toBe(2);
  });
});
