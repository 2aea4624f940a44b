import type { MeasureOutcome } from '../measure/outcome.js';
import type { FinishedTrial } from '../store/records.js';
import type { WorkloadSpec } from '../workloads/types.js';
import { parseWorkloadOutput } from '../workloads/parse.js';
import type { PlannedTrial } from './plan.js';

const STDERR_TAIL_CHARS = 2_000;

export function tail(text: string, chars = STDERR_TAIL_CHARS): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return trimmed.length <= chars ? trimmed : `…${trimmed.slice(-chars)}`;
}

/** Turns what happened to one execution into the trial record that is stored (pure). */
export function toFinishedTrial(planned: PlannedTrial, spec: WorkloadSpec, outcome: MeasureOutcome, startedAt: string): FinishedTrial {
  const base = { seq: planned.seq, target: planned.target, workload: planned.workload, repetition: planned.repetition, startedAt, durationMs: outcome.durationMs };
  const failed = (reason: string, stderr: string | null): FinishedTrial => ({ ...base, status: 'failed', reason, stderrTail: stderr, samples: [] });
  switch (outcome.kind) {
    case 'aborted':
      return { ...base, status: 'interrupted', reason: 'interrupted by a signal', stderrTail: null, samples: [] };
    case 'engine-error':
      return failed(`the engine failed: ${outcome.message}`, null);
    case 'measured': {
      const known = new Set(spec.metrics.map((m) => m.name));
      const samples = outcome.samples.filter((s) => known.has(s.metric) && Number.isFinite(s.value) && s.value > 0);
      if (samples.length === 0) return failed('the host-side measurement produced no sample', tail(outcome.stderr));
      return { ...base, status: 'ok', reason: null, stderrTail: tail(outcome.stderr), samples };
    }
    case 'timed-out':
      return failed(
        `timed out after ${(outcome.durationMs / 1000).toFixed(1)} s${outcome.phase === 'start' ? ' before the container started (the runtime hung creating it)' : ''}`,
        tail(outcome.stderr),
      );
    case 'exited': {
      if (outcome.exitCode !== 0) return failed(`exited with code ${outcome.exitCode}`, tail(outcome.stderr));
      const parsed = parseWorkloadOutput(outcome.stdout, spec);
      if (!parsed.ok) return failed(`bad output: ${parsed.reason}`, tail(outcome.stderr));
      return { ...base, status: 'ok', reason: null, stderrTail: tail(outcome.stderr), samples: parsed.samples };
    }
  }
}
