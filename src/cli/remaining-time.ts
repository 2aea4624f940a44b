/**
 * How long the rest of a run will take (pure), for the progress line. Trials differ by two
 * orders of magnitude (a syscall trial takes seconds, a memory trial starts several sandboxes),
 * so one mean over all trials done misleads: each remaining trial is expected to take the mean of
 * the trials done of its kind (target and workload), else of its workload, else of all. The sum
 * is scaled by the wall time spent per trial-second so far, which covers the work between trials.
 */
export interface TrialKind {
  readonly target: string;
  readonly workload: string;
}

export interface DoneTrial extends TrialKind {
  readonly durationMs: number;
}

/** Mean duration per key over the trials done. */
function meansBy(done: readonly DoneTrial[], key: (t: TrialKind) => string): Map<string, number> {
  const sums = new Map<string, { total: number; n: number }>();
  for (const t of done) {
    const s = sums.get(key(t)) ?? { total: 0, n: 0 };
    sums.set(key(t), { total: s.total + t.durationMs, n: s.n + 1 });
  }
  return new Map([...sums].map(([k, s]) => [k, s.total / s.n]));
}

const kindKey = (t: TrialKind): string => `${t.target}\u0000${t.workload}`;

/** Milliseconds left for `remaining`; null before any trial has finished. `wallMs`: time since the first trial began. */
export function remainingMs(done: readonly DoneTrial[], remaining: readonly TrialKind[], wallMs: number): number | null {
  if (done.length === 0) return null;
  const trialMs = done.reduce((sum, t) => sum + t.durationMs, 0);
  const byKind = meansBy(done, kindKey);
  const byWorkload = meansBy(done, (t) => t.workload);
  const expected = (kind: TrialKind): number => byKind.get(kindKey(kind)) ?? byWorkload.get(kind.workload) ?? trialMs / done.length;
  const overhead = trialMs > 0 ? Math.max(1, wallMs / trialMs) : 1;
  return remaining.reduce((sum, kind) => sum + expected(kind), 0) * overhead;
}
