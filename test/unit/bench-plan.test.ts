import { describe, expect, it } from 'vitest';
import { planTrials, shuffled } from '../../src/bench/plan.js';

/** A tiny LCG so this test does not depend on the production generator. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('planTrials', () => {
  const input = { targets: ['native', 'runc', 'runsc'], workloads: ['syscall', 'cpu'], repetitions: 4 };

  it('runs every target once per workload within each repetition (interleaved)', () => {
    const plan = planTrials({ ...input, random: lcg(1) });
    expect(plan).toHaveLength(3 * 2 * 4);
    expect(plan.map((t) => t.seq)).toEqual([...plan.keys()]);
    for (let r = 0; r < 4; r += 1) {
      for (const w of input.workloads) {
        const group = plan.filter((t) => t.repetition === r && t.workload === w).map((t) => t.target);
        expect([...group].sort()).toEqual(['native', 'runc', 'runsc']);
      }
    }
    // repetitions are the outer loop: no trial of repetition r+1 before the last of r
    const reps = plan.map((t) => t.repetition);
    expect(reps).toEqual([...reps].sort((a, b) => a - b));
  });

  it('is reproducible from the seed and varies the order between seeds', () => {
    const a = planTrials({ ...input, random: lcg(42) });
    expect(planTrials({ ...input, random: lcg(42) })).toEqual(a);
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => planTrials({ ...input, random: lcg(s) }).map((t) => t.target).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('shuffles without losing or duplicating items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items, lcg(7));
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items);
  });
});
