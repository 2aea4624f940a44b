import type { RegisteredRuntime } from '../engine/info.js';
import { usageError } from '../errors.js';

export type Tier = 'native' | 'container' | 'sandbox' | 'vm';

/** A named way to run a workload (DESIGN.md "Runtime target"). */
export interface RuntimeTarget {
  /** what the user typed or the default chose: `native`, `runc`, `runc:unconfined`, `runsc`, `kata`, … */
  readonly id: string;
  /** the Docker runtime name, null for native */
  readonly dockerRuntime: string | null;
  readonly tier: Tier;
  /** `--security-opt` values for the container, e.g. `seccomp=unconfined` */
  readonly securityOpt: readonly string[];
  /** runtimeArgs Docker passes to the runtime (from `docker info`) */
  readonly runtimeArgs: readonly string[];
  /** path of the runtime binary as Docker knows it */
  readonly runtimePath: string | null;
}

/** Names a Kata installation registers with Docker, most specific last. */
export const KATA_CANDIDATES = ['kata', 'kata-runtime', 'io.containerd.kata.v2', 'kata-qemu', 'kata-clh', 'kata-fc', 'kata-dragonball'];

const VARIANTS: Record<string, { base: string; securityOpt: string[] }> = {
  'runc:unconfined': { base: 'runc', securityOpt: ['seccomp=unconfined'] },
};

export function tierOf(runtimeName: string): Tier {
  if (runtimeName === 'runsc' || runtimeName.startsWith('runsc') || runtimeName.includes('gvisor')) return 'sandbox';
  if (runtimeName.includes('kata') || runtimeName.includes('firecracker')) return 'vm';
  return 'container';
}

/** The Kata runtime Docker has, if any: a known name first, then any name containing "kata". */
export function resolveKata(available: readonly RegisteredRuntime[]): RegisteredRuntime | undefined {
  for (const name of KATA_CANDIDATES) {
    const found = available.find((r) => r.name === name);
    if (found) return found;
  }
  return available.find((r) => r.name.includes('kata'));
}

function targetFor(id: string, runtime: RegisteredRuntime, securityOpt: readonly string[]): RuntimeTarget {
  return { id, dockerRuntime: runtime.name, tier: tierOf(runtime.name), securityOpt, runtimeArgs: runtime.runtimeArgs, runtimePath: runtime.path };
}

export const NATIVE: RuntimeTarget = { id: 'native', dockerRuntime: null, tier: 'native', securityOpt: [], runtimeArgs: [], runtimePath: null };

/**
 * Turns requested names into targets, checked against what Docker has. Throws a usage
 * error naming the missing runtime and the ones Docker has, before any trial starts.
 */
export function resolveTargets(requested: readonly string[], available: readonly RegisteredRuntime[]): RuntimeTarget[] {
  const names = available.map((r) => r.name);
  const accepted = `native, kata, runc:unconfined, or one Docker has: ${names.join(', ') || 'none'}`;
  const seen = new Set<string>();
  const targets: RuntimeTarget[] = [];
  for (const id of requested) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (id === 'native') {
      targets.push(NATIVE);
      continue;
    }
    const variant = VARIANTS[id];
    const lookup = variant?.base ?? id;
    const runtime = lookup === 'kata' ? resolveKata(available) : available.find((r) => r.name === lookup);
    if (!runtime) {
      const what = lookup === 'kata' ? `no Kata runtime (tried ${KATA_CANDIDATES.join(', ')})` : `no runtime '${lookup}'`;
      throw usageError(`runtime '${id}' is not available: Docker has ${what}`, `accepted: ${accepted}`);
    }
    targets.push(targetFor(id, runtime, variant?.securityOpt ?? []));
  }
  if (targets.length === 0) throw usageError('no runtime requested', `accepted: ${accepted}`);
  return targets;
}

/** native plus each of runc, runsc and kata that Docker has. */
export function defaultTargetIds(available: readonly RegisteredRuntime[]): string[] {
  const ids = ['native'];
  if (available.some((r) => r.name === 'runc')) ids.push('runc');
  if (available.some((r) => r.name === 'runsc')) ids.push('runsc');
  if (resolveKata(available)) ids.push('kata');
  return ids;
}
