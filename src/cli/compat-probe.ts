import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { makeNativeScratch, runNative } from '../bench/native.js';
import { parseProbeOutput } from '../compat/parse.js';
import { runContainer, type ContainerOutcome } from '../engine/container.js';
import { ensureWorkloadImage } from '../engine/image.js';
import { LABEL_RUN_ID } from '../engine/labels.js';
import { sweepContainers } from '../engine/sweep.js';
import type { RuntimeTarget } from '../runtimes/targets.js';
import { assertBinaryExists, binaryPath } from '../workloads/binaries.js';
import { compat } from '../workloads/compat-spec.js';
import { CONTAINER_SCRATCH, type Budget } from '../workloads/types.js';

const NO_BUDGET: Budget = { repetitions: 1, repBudgetMs: 1, warmupMs: 0 };
const PROBE_TIMEOUT_MS = 60_000;

function describe(outcome: ContainerOutcome): string[] {
  if (outcome.kind === 'aborted') return ['interrupted'];
  if (outcome.kind === 'engine-error') return [`the Docker engine failed: ${outcome.message}`];
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

async function runOn(docker: Docker | null, target: RuntimeTarget, args: readonly string[], runId: string, image: string | null): Promise<ContainerOutcome> {
  if (target.dockerRuntime === null) {
    const scratch = await makeNativeScratch();
    try {
      return await runNative(binaryPath(compat), [...compat.args(NO_BUDGET, scratch.dirs), ...args], PROBE_TIMEOUT_MS);
    } finally {
      await scratch.remove();
    }
  }
  if (!docker || !image) throw new Error('no engine for a container target');
  return runContainer(docker, {
    image,
    cmd: [...compat.args(NO_BUDGET, CONTAINER_SCRATCH), ...args],
    runtime: target.dockerRuntime,
    labels: { [LABEL_RUN_ID]: runId },
    needs: compat.container,
    securityOpt: target.securityOpt,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
}

/** `isobench compat --probe ID`: the one check, with the probe's notes, on each target; nothing stored. */
export async function probeOneCheck(docker: Docker | null, targets: readonly RuntimeTarget[], check: string): Promise<number> {
  assertBinaryExists(compat);
  const runId = `compat-probe-${randomBytes(3).toString('hex')}`;
  const image = docker && targets.some((t) => t.dockerRuntime !== null) ? (await ensureWorkloadImage(docker, binaryPath(compat))).tag : null;
  try {
    for (const target of targets) {
      process.stderr.write(`probing ${check} on ${target.id}…\n`);
      const lines = describe(await runOn(docker, target, ['--only', check], runId, image));
      process.stdout.write(`${target.id}: ${lines.join('\n')}\n`);
    }
  } finally {
    if (docker) await sweepContainers(docker, runId).catch(() => undefined);
  }
  return 0;
}
