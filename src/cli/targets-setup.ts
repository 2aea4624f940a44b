import { ContainerExecutor } from '../bench/executors/container.js';
import { NativeExecutor } from '../bench/executors/native.js';
import type { Executor } from '../bench/executor.js';
import type { Engine, EngineFacts, EngineKind } from '../engine/engine.js';
import { connectEngines, type Connected } from '../engine/engines.js';
import { IsobenchError } from '../errors.js';
import { findHostRuntimes } from '../host/runtimes.js';
import { describeTarget, type TargetDescription } from '../runtimes/describe.js';
import { probeRunscDefaults, type RunscDefaults } from '../runtimes/gvisor.js';
import { defaultTargetIds, enginesNeeded, parseTargetId, resolveTargets, type EngineState, type ResolveInput, type RuntimeTarget } from '../runtimes/targets.js';

/** The targets of a run, each with its executor and its description (recorded with the run). */
export interface PreparedTargets {
  readonly targets: readonly RuntimeTarget[];
  readonly executors: ReadonlyMap<string, Executor>;
  readonly descriptions: readonly TargetDescription[];
  /** the engines reached, by kind */
  readonly engines: Partial<Record<EngineKind, { readonly engine: Engine; readonly facts: EngineFacts }>>;
}

const stateOf = (c: Connected | undefined): EngineState => (c === undefined ? null : 'error' in c ? { error: c.error } : c.facts);

function unavailable(kind: EngineKind, why: string): IsobenchError {
  return kind === 'docker'
    ? new IsobenchError('DOCKER_UNAVAILABLE', why, { hint: 'start one with: sudo scripts/setup-host.sh (or set DOCKER_HOST)' })
    : new IsobenchError('ENGINE_UNAVAILABLE', why, { hint: 'start one with: sudo scripts/setup-host.sh (or set CONTAINERD_ADDRESS)' });
}

/** `runsc flags` of every gVisor binary an engine or the host has, for the defaults in force. */
async function runscDefaultsOf(paths: readonly string[]): Promise<Map<string, RunscDefaults>> {
  const map = new Map<string, RunscDefaults>();
  await Promise.all([...new Set(paths)].map(async (path) => {
    const defaults = await probeRunscDefaults(path);
    if (defaults) map.set(path, defaults);
  }));
  return map;
}

/**
 * Connects to the engines the requested ids need, resolves the ids (the default list when none
 * were given) and makes one executor per target. Usage errors (an unknown or absent runtime)
 * and engine errors come before any trial.
 */
export async function prepareTargets(requested: readonly string[] | undefined, nativeVersion: string): Promise<PreparedTargets> {
  requested?.forEach(parseTargetId);
  const needed = enginesNeeded(requested);
  const connected = await connectEngines(needed);
  // An engine named by a target (or Docker, for the default list) must answer; `kata` alone may use either.
  const required = new Set<EngineKind>(requested === undefined ? ['docker'] : requested.flatMap((id) => {
    const spec = parseTargetId(id);
    if (spec.runtime === 'native') return [];
    if (spec.engine) return [spec.engine];
    return spec.runtime === 'kata' ? [] : ['docker' as const];
  }));
  for (const kind of required) {
    const c = connected[kind];
    if (c && 'error' in c) throw unavailable(kind, c.error);
  }
  const host = findHostRuntimes();
  const facts = Object.values(connected).flatMap((c) => (c && !('error' in c) ? [c.facts] : []));
  const gvisorPaths = [...facts.flatMap((f) => f.runtimes.filter((r) => r.name.includes('runsc')).map((r) => r.path)), ...host.runsc];
  const input: ResolveInput = { docker: stateOf(connected.docker), containerd: stateOf(connected.containerd), host, runscDefaults: await runscDefaultsOf(gvisorPaths) };
  const targets = resolveTargets(requested ?? defaultTargetIds(input), input);
  const engines: PreparedTargets['engines'] = {};
  for (const [kind, c] of Object.entries(connected) as [EngineKind, Connected][]) if (!('error' in c)) engines[kind] = c;
  const executors = new Map<string, Executor>();
  for (const target of targets) {
    if (target.engine === null) executors.set(target.id, new NativeExecutor());
    else {
      const reached = engines[target.engine];
      if (!reached) throw unavailable(target.engine, `the ${target.engine} engine did not answer`);
      executors.set(target.id, new ContainerExecutor(target, reached.engine));
    }
  }
  const descriptions = await Promise.all(targets.map((t) => {
    const engineFacts = t.engine ? (engines[t.engine]?.facts ?? null) : null;
    const runscPath = t.tier === 'sandbox' ? t.runtimePath : null;
    return describeTarget(t, nativeVersion, engineFacts, runscPath ? (input.runscDefaults.get(runscPath) ?? null) : null);
  }));
  return { targets, executors, descriptions, engines };
}
