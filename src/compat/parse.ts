import { z } from 'zod';
import { checkById } from './checks.js';

export const CHECK_RESULTS = ['ok', 'fails', 'differs', 'skipped'] as const;
export type CheckResultKind = (typeof CHECK_RESULTS)[number];

/** One check as the probe printed it (workloads/compat/probe.h). */
export interface ProbeCheck {
  readonly check: string;
  readonly result: CheckResultKind;
  /** errno name of a failure, e.g. EPERM; null when none */
  readonly errno: string | null;
  readonly detail: string;
  /** raw readings (CPU count, MemTotal, …) that the matrix compares with native's */
  readonly observed: Readonly<Record<string, string | number>>;
}

const probeLine = z.strictObject({
  check: z.string().min(1),
  result: z.enum(CHECK_RESULTS),
  errno: z.string().regex(/^E[A-Z0-9]+$/, { message: 'an errno name such as EPERM' }).nullable(),
  detail: z.string(),
  observed: z.record(z.string(), z.union([z.string(), z.number()])),
});

export type ProbeParse = { readonly ok: true; readonly checks: ProbeCheck[] } | { readonly ok: false; readonly reason: string };

function excerpt(line: string): string {
  return line.length <= 80 ? line : `${line.slice(0, 80)}…`;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Parses the probe's stdout: every non-empty line one check of the catalogue, each at most
 * once. Checks may be missing (a probe killed part-way); the matrix says so. Pure.
 */
export function parseProbeOutput(stdout: string): ProbeParse {
  const checks: ProbeCheck[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of stdout.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const where = `line ${index + 1} (${JSON.stringify(excerpt(line))})`;
    const value = json(line);
    if (value === undefined) return { ok: false, reason: `${where}: not JSON` };
    const parsed = probeLine.safeParse(value);
    if (!parsed.success) {
      return { ok: false, reason: `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}` };
    }
    const check = parsed.data;
    if (!checkById(check.check)) return { ok: false, reason: `${where}: unknown check '${check.check}'` };
    if (seen.has(check.check)) return { ok: false, reason: `${where}: check ${check.check} appears twice` };
    if (check.result === 'fails' && check.errno === null && check.detail === '') return { ok: false, reason: `${where}: a failure with neither errno nor detail` };
    seen.add(check.check);
    checks.push(check);
  }
  if (checks.length === 0) return { ok: false, reason: 'no checks' };
  return { ok: true, checks };
}
