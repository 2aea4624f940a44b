import type Docker from 'dockerode';
import { connectDocker } from '../../src/engine/connect.js';
import { readEngineInfo, type EngineInfo } from '../../src/engine/info.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { planTrials, type PlannedTrial } from '../../src/bench/plan.js';
import { readHostFacts } from '../../src/measure/host.js';
import { resolveKata, resolveTargets, type RuntimeTarget } from '../../src/runtimes/targets.js';
import type { Store } from '../../src/store/store.js';

/**
 * The real engine the project's own scripts start (scripts/setup-host.sh). Integration
 * tests fail, not skip, without it: CI runs them after the set-up script.
 */
export async function realEngine(): Promise<{ docker: Docker; info: EngineInfo }> {
  try {
    const { docker } = await connectDocker();
    return { docker, info: await readEngineInfo(docker) };
  } catch (error) {
    throw new Error(`integration tests need the Docker engine that scripts/setup-host.sh starts: ${(error as Error).message}`);
  }
}

/** Why Kata tests cannot run here, or null when Docker has a Kata runtime. */
export function kataAbsentReason(info: EngineInfo): string | null {
  return resolveKata(info.runtimes) ? null : `Docker has no Kata runtime (it has ${info.runtimes.map((r) => r.name).join(', ')}); Kata cannot be installed on this host`;
}

export async function containersOfRun(docker: Docker, runId: string): Promise<number> {
  return (await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN_ID}=${runId}`] } })).length;
}

/** runsc sandbox and gofer processes on the host (they outlive a container when clean-up fails). */
export async function runscProcesses(): Promise<number> {
  const { execa } = await import('execa');
  const { stdout } = await execa('pgrep', ['-c', '-f', 'runsc-(sandbox|gofer)'], { reject: false });
  return Number(String(stdout).trim() || '0');
}

/** Stores a new run of native, runc and runsc over `workloads` and returns its targets and plan. */
export function createTestRun(store: Store, info: EngineInfo, runId: string, workloads: readonly string[], repetitions: number, random: () => number): { targets: RuntimeTarget[]; plan: PlannedTrial[] } {
  const targets = resolveTargets(['native', 'runc', 'runsc'], info.runtimes);
  const plan = planTrials({ targets: targets.map((t) => t.id), workloads, repetitions, random });
  store.createRun({
    id: runId, startedAt: new Date().toISOString(), seed: 1, host: readHostFacts(null), config: {},
    targets: targets.map((t) => ({ target: t.id, dockerRuntime: t.dockerRuntime, tier: t.tier, version: null, flags: [] })),
  });
  return { targets, plan };
}
