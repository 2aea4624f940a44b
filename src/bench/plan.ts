/**
 * The trial order of a run (pure). Repetitions are the outer loop; within each repetition
 * every workload runs once under every target, the targets in a seeded random order, so
 * that slow drifts of the host (thermal, noisy neighbours) spread evenly over the runtimes.
 */
export interface PlannedTrial {
  /** position in the run, from 0 */
  readonly seq: number;
  readonly target: string;
  readonly workload: string;
  /** which repetition of (target, workload) this is, from 0 */
  readonly repetition: number;
}

export interface PlanInput {
  readonly targets: readonly string[];
  readonly workloads: readonly string[];
  readonly repetitions: number;
  /** uniform random numbers in [0, 1), seeded */
  readonly random: () => number;
}

/** Fisher–Yates with an injected generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function planTrials(input: PlanInput): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  for (let repetition = 0; repetition < input.repetitions; repetition += 1) {
    for (const workload of input.workloads) {
      for (const target of shuffled(input.targets, input.random)) {
        trials.push({ seq: trials.length, target, workload, repetition });
      }
    }
  }
  return trials;
}
