import type Docker from 'dockerode';
import { planTrials, type PlannedTrial } from '../../src/bench/plan.js';
import type { Executor } from '../../src/bench/executor.js';
import { prepareTargets, type PreparedTargets } from '../../src/cli/targets-setup.js';
import { connectDocker } from '../../src/engine/docker/connect.js';
import { DockerEngine } from '../../src/engine/docker/engine.js';
import type { EngineFacts } from '../../src/engine/engine.js';
import { LABEL_RUN_ID } from '../../src/engine/labels.js';
import { readHostFacts } from '../../src/host/facts.js';
import type { Store } from '../../src/store/store.js';

/**
 * The real engine the project's own scripts start (scripts/setup-host.sh). Integration
 * tests fail, not skip, without it: CI runs them after the set-up script.
 */
export async function realEngine(): Promise<{ docker: Docker; engine: DockerEngine; facts: EngineFacts }> {
  try {
    const { docker, source } = await connectDocker();
    const engine = new DockerEngine(docker, source);
    return { docker, engine, facts: await engine.facts() };
  } catch (error) {
    throw new Error(`integration tests need the Docker engine that scripts/setup-host.sh starts: ${(error as Error).message}`);
  }
}

/** Targets, executors and descriptions exactly as `isobench run --runtimes …` makes them. */
export function testTargets(ids: readonly string[]): Promise<PreparedTargets> {
  return prepareTargets(ids, readHostFacts(null).kernel);
}

/** Why Kata tests cannot run here (the resolution's own one-line answer), or null when an engine can run Kata. */
export async function kataAbsentReason(): Promise<string | null> {
  try {
    await testTargets(['kata']);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
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

/** Stores a new run of `ids` (native, runc and runsc by default) over `workloads` and returns its executors and plan. */
export async function createTestRun(store: Store, runId: string, workloads: readonly string[], repetitions: number, random: () => number, ids: readonly string[] = ['native', 'runc', 'runsc']): Promise<{ executors: ReadonlyMap<string, Executor>; plan: PlannedTrial[] }> {
  const { targets, executors, descriptions } = await testTargets(ids);
  const plan = planTrials({ targets: targets.map((t) => t.id), workloads, repetitions, random });
  store.createRun({ id: runId, startedAt: new Date().toISOString(), seed: 1, host: readHostFacts(null), config: {}, targets: descriptions });
  return { executors, plan };
}
