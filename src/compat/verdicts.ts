/**
 * Verdicts of the qualitative claims (src/claims/builtin-compat.ts) on a compatibility matrix,
 * one per claim and target of the claim's tier: each gVisor release gets its own. Pure.
 *
 * An expectation is judged only on checks this host can answer: the target's cell is not
 * `skipped`, and for `fails` and `works` native passes the check (a failure natively says
 * nothing about the runtime). `all`: holds when every judged check meets it; `any`: when one
 * does. A claim holds when all its expectations hold, does not hold when one does not, and is
 * not measured otherwise (no target of its tier, or nothing could be judged).
 */
import type { CheckExpectation, CompatClaim } from '../claims/compat-schema.js';
import { cellLabel, cellOf, type Cell, type CompatMatrix, type MatrixTarget } from './matrix.js';

export type CompatVerdictKind = 'holds' | 'does not hold' | 'not measured';

export interface CompatVerdict {
  readonly claim: CompatClaim;
  /** null when the matrix has no target the claim is about */
  readonly target: string | null;
  readonly verdict: CompatVerdictKind;
  /** one line: why */
  readonly reason: string;
  /** per judged check: `ptrace_attach: ok` */
  readonly evidence: readonly string[];
}

const TIER_NAMES: Record<CompatClaim['tier'], string> = { sandbox: 'gVisor (sandbox)', vm: 'Kata (vm)' };

type Judged = { readonly check: string; readonly met: boolean; readonly label: string };

function meets(expected: CheckExpectation, cell: Cell, native: Cell | undefined): boolean | null {
  if (cell.result === 'skipped') return null;
  const nativePasses = native !== undefined && (native.result === 'ok' || native.result === 'differs');
  switch (expected.expected) {
    case 'fails':
      if (!nativePasses) return null;
      return cell.result === 'fails' && (expected.errno === undefined || (cell.errno !== null && expected.errno.includes(cell.errno)));
    case 'works':
      if (!nativePasses) return null;
      return cell.result === 'ok' || cell.result === 'differs';
    case 'same-as-native':
    case 'not-same-as-native': {
      if (!native || native.result === 'skipped') return null;
      const same = cellLabel(cell) === cellLabel(native);
      return expected.expected === 'same-as-native' ? same : !same;
    }
  }
}

function judge(matrix: CompatMatrix, target: string, expected: CheckExpectation): { verdict: CompatVerdictKind; judged: Judged[] } {
  const judged: Judged[] = [];
  for (const check of expected.checks) {
    const row = matrix.rows.find((r) => r.check.id === check);
    const cell = row ? cellOf(matrix, row, target) : undefined;
    if (!row || !cell) continue;
    const met = meets(expected, cell, cellOf(matrix, row, 'native'));
    if (met !== null) judged.push({ check, met, label: cellLabel(cell) });
  }
  if (judged.length === 0) return { verdict: 'not measured', judged };
  const ok = expected.quantifier === 'all' ? judged.every((j) => j.met) : judged.some((j) => j.met);
  return { verdict: ok ? 'holds' : 'does not hold', judged };
}

function verdictFor(matrix: CompatMatrix, claim: CompatClaim, target: MatrixTarget): CompatVerdict {
  if (claim.requiresFlag && !target.flags.some((f) => f.includes(claim.requiresFlag as string))) {
    return { claim, target: target.id, verdict: 'not measured', reason: `${target.id} does not run with ${claim.requiresFlag} here`, evidence: [] };
  }
  const results = claim.expect.map((e) => ({ expected: e, ...judge(matrix, target.id, e) }));
  const evidence = results.flatMap((r) => r.judged.map((j) => `${j.check}: ${j.label}${j.met ? '' : ` (expected ${r.expected.expected})`}`));
  const failed = results.find((r) => r.verdict === 'does not hold');
  if (failed) {
    const against = failed.judged.filter((j) => !j.met).map((j) => `${j.check} ${j.label}`);
    const what = failed.expected.quantifier === 'any' ? `none of ${failed.judged.length} judged checks ${failed.expected.expected}` : `expected ${failed.expected.expected}: ${against.join(', ')}`;
    return { claim, target: target.id, verdict: 'does not hold', reason: what, evidence };
  }
  if (results.some((r) => r.verdict === 'not measured')) {
    const row = matrix.rows.find((r) => r.check.id === claim.expect[0]?.checks[0]);
    const notRun = row ? cellOf(matrix, row, target.id)?.detail : undefined;
    const reason = notRun?.startsWith('the probe did not run') ? notRun : 'no check could be judged here (skipped, or native does not pass it on this host)';
    return { claim, target: target.id, verdict: 'not measured', reason, evidence };
  }
  return { claim, target: target.id, verdict: 'holds', reason: `${evidence.length} check(s) as claimed`, evidence };
}

export function judgeCompatClaims(matrix: CompatMatrix, claims: readonly CompatClaim[]): CompatVerdict[] {
  return claims.flatMap((claim) => {
    const targets = matrix.targets.filter((t) => t.tier === claim.tier);
    if (targets.length === 0) {
      return [{ claim, target: null, verdict: 'not measured' as const, reason: `no ${TIER_NAMES[claim.tier]} target in this matrix`, evidence: [] }];
    }
    return targets.map((t) => verdictFor(matrix, claim, t));
  });
}
