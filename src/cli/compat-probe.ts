import { randomBytes } from 'node:crypto';
import type { Executor } from '../bench/executor.js';
import { parseProbeOutput } from '../compat/parse.js';
import type { ExecutionOutcome } from '../engine/engine.js';
import { LABEL_RUN_ID } from '../engine/labels.js';
import { compat } from '../workloads/compat-spec.js';
import type { Budget } from '../workloads/types.js';

const NO_BUDGET: Budget = { repetitions: 1, repBudgetMs: 1, warmupMs: 0 };
const PROBE_TIMEOUT_MS = 60_000;

function describe(outcome: ExecutionOutcome): string[] {
  if (outcome.kind === 'aborted') return ['interrupted'];
  if (outcome.kind === 'engine-error') return [`the engine failed: ${outcome.message}`];
  const notes = outcome.stderr.trim().split('\n').filter((l) => l !== '').map((l) => `  ${l}`);
  if (outcome.kind === 'timed-out') return [`timed out after ${(outcome.durationMs / 1000).toFixed(1)} s`, ...notes];
  if (outcome.exitCode !== 0) return [`the probe exited with code ${outcome.exitCode}`, ...notes];
  const parsed = parseProbeOutput(outcome.stdout);
  if (!parsed.ok) return [`bad output: ${parsed.reason}`, ...notes];
  return parsed.checks.flatMap((c) => [
    `${c.result}${c.errno ? ` ${c.errno}` : ''}: ${c.detail}`,
    ...(Object.keys(c.observed).length ? [`  observed: ${JSON.stringify(c.observed)}`] : []),
    ...notes,
  ]);
}

async function runOn(executor: Executor, check: string, runId: string): Promise<ExecutionOutcome> {
  await executor.prepare([compat]);
  const scratch = await executor.scratch();
  try {
    const args = [...compat.args(NO_BUDGET, scratch.dirs), '--only', check];
    return await executor.run({ workload: compat, args, labels: { [LABEL_RUN_ID]: runId }, timeoutMs: PROBE_TIMEOUT_MS });
  } finally {
    await scratch.remove();
  }
}

/** `isobench compat --probe ID`: the one check, with the probe's notes, on each target; nothing stored. */
export async function probeOneCheck(executors: ReadonlyMap<string, Executor>, check: string): Promise<number> {
  const runId = `compat-probe-${randomBytes(3).toString('hex')}`;
  try {
    for (const [id, executor] of executors) {
      process.stderr.write(`probing ${check} on ${id}…\n`);
      process.stdout.write(`${id}: ${describe(await runOn(executor, check, runId)).join('\n')}\n`);
    }
  } finally {
    for (const executor of executors.values()) await executor.sweep(runId).catch(() => undefined);
  }
  return 0;
}
