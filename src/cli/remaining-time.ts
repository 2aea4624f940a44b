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

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

/** Milliseconds left for `remaining`; null before any trial has finished. `wallMs`: time since the first trial began. */
export function remainingMs(done: readonly DoneTrial[], remaining: readonly TrialKind[], wallMs: number): number | null {
  const overall = mean(done.map((t) => t.durationMs));
  if (overall === null) return null;
  const expected = (kind: TrialKind): number =>
    mean(done.filter((t) => t.target === kind.target && t.workload === kind.workload).map((t) => t.durationMs)) ??
    mean(done.filter((t) => t.workload === kind.workload).map((t) => t.durationMs)) ??
    overall;
  const trialMs = done.reduce((sum, t) => sum + t.durationMs, 0);
  const overhead = trialMs > 0 ? Math.max(1, wallMs / trialMs) : 1;
  return remaining.reduce((sum, kind) => sum + expected(kind), 0) * overhead;
}
