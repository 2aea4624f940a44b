import type { EngineFacts, EngineKind, EngineRuntime, RuntimeBinding } from '../engine/engine.js';
import { usageError } from '../errors.js';
import type { HostRuntimes } from '../host/runtimes.js';
import { flagValue, type RunscDefaults } from './gvisor.js';
import { parseTargetId, type TargetSpec } from './target-id.js';

export { parseTargetId, type TargetSpec } from './target-id.js';

export type Tier = 'native' | 'container' | 'sandbox' | 'vm';

/** A named way to run a workload: `[engine/]runtime[:variant]` (docs/ARCHITECTURE.md "Targets"). */
export interface RuntimeTarget {
  /** what the user typed or the default chose: `native`, `runc`, `runc:unconfined`, `containerd/runsc`, `kata`, … */
  readonly id: string;
  /** the engine that starts its containers; null for native */
  readonly engine: EngineKind | null;
  /** how that engine starts them; null for native */
  readonly binding: RuntimeBinding | null;
  readonly tier: Tier;
  /** the engine's default seccomp profile (false: `:unconfined`) */
  readonly seccomp: boolean;
  /** flags the runtime binary gets (Docker's runtimeArgs, or the ones isobench passes) */
  readonly runtimeArgs: readonly string[];
  /** path of the runtime binary (runc, runsc, containerd-shim-kata-v2) */
  readonly runtimePath: string | null;
  /** configuration files in force (Kata's configuration, a runsc.toml) */
  readonly configFiles: readonly string[];
  /** how an alias was resolved, e.g. "kata → containerd io.containerd.kata.v2" */
  readonly resolution: string | null;
}

export type EngineState = EngineFacts | { readonly error: string } | null;

/** What target resolution looks at: each engine's facts (or why it is absent), and the host's runtimes. */
export interface ResolveInput {
  readonly docker: EngineState;
  readonly containerd: EngineState;
  readonly host: HostRuntimes;
  /** `runsc flags` defaults per runsc binary path */
  readonly runscDefaults: ReadonlyMap<string, RunscDefaults>;
}

/** Names a Kata installation registers with Docker, most specific last. */
export const KATA_CANDIDATES = ['kata', 'kata-runtime', 'io.containerd.kata.v2', 'kata-qemu', 'kata-clh', 'kata-fc', 'kata-dragonball'];
export const GVISOR_PLATFORMS = ['systrap', 'ptrace', 'kvm'];
export const KATA_HYPERVISORS = ['qemu', 'clh', 'fc', 'dragonball'];
const KATA_SHIM = 'io.containerd.kata.v2';
const KATA_HELP = 'install Kata Containers 3 (its release tarball into /opt/kata, or kata-deploy) and use containerd/kata, or Docker >= 23 (Docker 26 needs Kata >= 3.29)';

export const NATIVE: RuntimeTarget = {
  id: 'native', engine: null, binding: null, tier: 'native', seccomp: true, runtimeArgs: [], runtimePath: null, configFiles: [], resolution: null,
};

export function tierOf(runtimeName: string): Tier {
  if (runtimeName.startsWith('runsc') || runtimeName.includes('gvisor')) return 'sandbox';
  if (runtimeName.includes('kata') || runtimeName.includes('firecracker')) return 'vm';
  return 'container';
}

const isFacts = (state: EngineState): state is EngineFacts => state !== null && !('error' in state);
/** "Docker 20.10.24 at /var/run/docker.sock"; an engine that does not answer is said to, its error is the engine check's to tell. */
const engineName = (kind: EngineKind, state: EngineState): string =>
  isFacts(state) ? `${kind === 'docker' ? 'Docker' : 'containerd'} ${state.version} at ${state.endpoint}` : `${kind === 'docker' ? 'Docker' : 'containerd'} (${state === null ? 'not asked' : 'it does not answer'})`;

/** The Kata runtime Docker registered, if any: a known name first, then any name containing "kata". */
export function resolveKata(available: readonly EngineRuntime[]): EngineRuntime | undefined {
  for (const name of KATA_CANDIDATES) {
    const found = available.find((r) => r.name === name);
    if (found) return found;
  }
  return available.find((r) => r.name.includes('kata'));
}

function dockerMajor(facts: EngineFacts): number {
  return Number(/^(\d+)/.exec(facts.version)?.[1] ?? 0);
}

/** Kata's configuration for a hypervisor variant (`configuration-qemu.toml`), or the default one. */
function kataConfig(host: HostRuntimes, hypervisor: string | null): string | null {
  const wanted = hypervisor ? `configuration-${hypervisor}.toml` : 'configuration.toml';
  return host.kataConfigs.find((p) => p.endsWith(`/${wanted}`)) ?? null;
}

type Resolved = RuntimeTarget | { readonly missing: string };

function base(id: string, engine: EngineKind, binding: RuntimeBinding, path: string | null, args: readonly string[]): RuntimeTarget {
  return { id, engine, binding, tier: tierOf(binding.binary ?? binding.name), seccomp: true, runtimeArgs: args, runtimePath: path, configFiles: [], resolution: null };
}

function kataTarget(id: string, engine: EngineKind, binding: RuntimeBinding, input: ResolveInput, hypervisor: string | null): RuntimeTarget {
  const config = kataConfig(input.host, hypervisor);
  return {
    ...base(id, engine, { ...binding, ...(config && hypervisor ? { configPath: config } : {}) }, input.host.kataShim, []),
    tier: 'vm',
    configFiles: config ? [config] : [],
    resolution: `kata → ${engine} ${binding.name}`,
  };
}

function resolveDockerKata(id: string, spec: TargetSpec, input: ResolveInput): Resolved {
  const docker = input.docker;
  if (!isFacts(docker)) return { missing: `${engineName('docker', docker)} cannot be asked` };
  const registered = spec.variant ? docker.runtimes.find((r) => r.name === `kata-${spec.variant}`) : resolveKata(docker.runtimes);
  if (registered) return { ...kataTarget(id, 'docker', { name: registered.name }, input, spec.variant), runtimePath: registered.path, runtimeArgs: registered.runtimeArgs };
  if (dockerMajor(docker) >= 23 && input.host.kataShim) return kataTarget(id, 'docker', { name: KATA_SHIM }, input, spec.variant);
  if (dockerMajor(docker) < 23) return { missing: `${engineName('docker', docker)} cannot run Kata 2/3 (shim v2 runtimes need Docker >= 23) and has no Kata runtime registered` };
  return { missing: `${engineName('docker', docker)} has no Kata runtime registered and containerd-shim-kata-v2 is not on PATH or in /opt/kata/bin` };
}

function resolveContainerdKata(id: string, spec: TargetSpec, input: ResolveInput): Resolved {
  if (!isFacts(input.containerd)) return { missing: `${engineName('containerd', input.containerd)} cannot be asked` };
  if (!input.host.kataShim) return { missing: `${engineName('containerd', input.containerd)}: no Kata shim (looked for containerd-shim-kata-v2 on PATH and in /opt/kata/bin)` };
  return kataTarget(id, 'containerd', { name: KATA_SHIM }, input, spec.variant);
}

function gvisorPlatform(runtime: EngineRuntime, input: ResolveInput): string | null {
  return flagValue(runtime.runtimeArgs, 'platform') ?? input.runscDefaults.get(runtime.path)?.platform ?? null;
}

function resolveDocker(id: string, spec: TargetSpec, input: ResolveInput): Resolved {
  const docker = input.docker;
  if (!isFacts(docker)) return { missing: `${engineName('docker', docker)} cannot be asked` };
  const named = (name: string): EngineRuntime | undefined => docker.runtimes.find((r) => r.name === name);
  let runtime = named(spec.runtime);
  if (runtime && spec.variant && GVISOR_PLATFORMS.includes(spec.variant) && gvisorPlatform(runtime, input) !== spec.variant) {
    runtime = named(`${spec.runtime}-${spec.variant}`);
    if (!runtime) return { missing: `Docker has no runtime '${spec.runtime}-${spec.variant}' (${spec.runtime} with --platform=${spec.variant}; Docker passes flags per registered runtime)` };
  }
  if (!runtime) return { missing: `Docker has no runtime '${spec.runtime}' (it has ${docker.runtimes.map((r) => r.name).join(', ') || 'none'})` };
  const target = base(id, 'docker', { name: runtime.name }, runtime.path, runtime.runtimeArgs);
  return { ...target, tier: tierOf(runtime.name), seccomp: spec.variant !== 'unconfined' };
}

/** The runsc flags a containerd target passes: Docker's network flag for runsc when there is one (the same host limits), and the platform. */
function containerdRunscArgs(spec: TargetSpec, input: ResolveInput): string[] {
  const dockerRunsc = isFacts(input.docker) ? input.docker.runtimes.find((r) => r.name === 'runsc') : undefined;
  const network = dockerRunsc ? flagValue(dockerRunsc.runtimeArgs, 'network') : 'host';
  return [...(network ? [`--network=${network}`] : []), ...(spec.variant && GVISOR_PLATFORMS.includes(spec.variant) ? [`--platform=${spec.variant}`] : [])];
}

function resolveContainerd(id: string, spec: TargetSpec, input: ResolveInput): Resolved {
  const containerd = input.containerd;
  if (!isFacts(containerd)) return { missing: `${engineName('containerd', containerd)} cannot be asked` };
  const seccomp = spec.variant !== 'unconfined';
  if (spec.runtime === 'runc') return { ...base(id, 'containerd', { name: 'io.containerd.runc.v2' }, 'runc', []), seccomp };
  if (spec.runtime === 'runsc') {
    const binary = input.host.runsc[0];
    if (!binary) return { missing: `no runsc binary on this host (looked in /usr/local/lib/isobench/gvisor and on PATH) for ${engineName('containerd', containerd)}` };
    const args = containerdRunscArgs(spec, input);
    const binding: RuntimeBinding = input.host.runscShim ? { name: 'io.containerd.runsc.v1', binary, args } : { name: 'io.containerd.runc.v2', binary, args };
    return { ...base(id, 'containerd', binding, binary, args), tier: 'sandbox', seccomp };
  }
  const shim = containerd.runtimes.find((r) => r.name === spec.runtime);
  if (!shim) return { missing: `${engineName('containerd', containerd)} has no runtime '${spec.runtime}' (it has runc, runsc${containerd.runtimes.map((r) => `, ${r.name}`).join('')})` };
  return { ...base(id, 'containerd', { name: shim.name }, shim.path, shim.runtimeArgs), seccomp };
}

function resolveOne(id: string, input: ResolveInput): RuntimeTarget {
  const spec = parseTargetId(id);
  if (spec.runtime === 'native') return NATIVE;
  let resolved: Resolved;
  if (spec.runtime === 'kata') {
    if (spec.engine === 'docker') resolved = resolveDockerKata(id, spec, input);
    else if (spec.engine === 'containerd') resolved = resolveContainerdKata(id, spec, input);
    else {
      const viaDocker = resolveDockerKata(id, spec, input);
      const viaContainerd = 'missing' in viaDocker ? resolveContainerdKata(id, spec, input) : viaDocker;
      resolved = 'missing' in viaDocker && 'missing' in viaContainerd ? { missing: `${viaDocker.missing}; ${viaContainerd.missing}` } : 'missing' in viaDocker ? viaContainerd : viaDocker;
    }
    if ('missing' in resolved) throw usageError(`runtime '${id}' is not available: ${resolved.missing}`, KATA_HELP);
    return resolved;
  }
  resolved = spec.engine === 'containerd' ? resolveContainerd(id, spec, input) : resolveDocker(id, spec, input);
  if ('missing' in resolved) {
    throw usageError(`runtime '${id}' is not available: ${resolved.missing}`, 'accepted: native, [docker/|containerd/]runtime[:variant], e.g. runc, runc:unconfined, runsc, runsc:ptrace, containerd/runsc, kata (isobench doctor lists them)');
  }
  return resolved;
}

/**
 * Turns requested target ids into targets, checked against what each engine has. Throws a
 * usage error naming what was looked for, on which engine, before any trial starts.
 */
export function resolveTargets(requested: readonly string[], input: ResolveInput): RuntimeTarget[] {
  const ids = [...new Set(requested)];
  if (ids.length === 0) throw usageError('no runtime requested', 'accepted: native, runc, runc:unconfined, runsc, runsc:ptrace, containerd/runc, containerd/runsc, kata');
  return ids.map((id) => resolveOne(id, input));
}

/**
 * The default targets: native, runc and runc:unconfined, the newest gVisor (`runsc`) and the
 * distribution's (`runsc-distro`, when setup-host registered it), and Kata when an engine can run it.
 */
export function defaultTargetIds(input: ResolveInput): string[] {
  const docker = isFacts(input.docker) ? input.docker.runtimes.map((r) => r.name) : [];
  const ids = ['native'];
  if (docker.includes('runc')) ids.push('runc', 'runc:unconfined');
  if (docker.includes('runsc')) ids.push('runsc');
  if (docker.includes('runsc-distro')) ids.push('runsc-distro');
  const kata = resolveDockerKata('kata', { engine: null, runtime: 'kata', variant: null }, input);
  if (!('missing' in kata) || !('missing' in resolveContainerdKata('kata', { engine: null, runtime: 'kata', variant: null }, input))) ids.push('kata');
  return ids;
}

/** Which engines the requested ids need asked (the default list needs Docker; `kata` may need either). */
export function enginesNeeded(requested: readonly string[] | undefined): Set<EngineKind> {
  if (requested === undefined) return new Set(['docker', 'containerd']);
  const needed = new Set<EngineKind>();
  for (const id of requested) {
    const spec = parseTargetId(id);
    if (spec.runtime === 'native') continue;
    if (spec.engine) needed.add(spec.engine);
    else if (spec.runtime === 'kata') needed.add('docker').add('containerd');
    else needed.add('docker');
  }
  return needed;
}
