import { execa } from 'execa';
import type { EngineFacts } from '../engine/engine.js';
import { gvisorFlagsInForce, type RunscDefaults } from './gvisor.js';
import type { RuntimeTarget } from './targets.js';

/** What is recorded with a run for each target: engine, runtime binary and version, every flag and config file in force. */
export interface TargetDescription {
  readonly target: string;
  /** `docker`, `containerd`, or null for native */
  readonly engine: string | null;
  readonly engineVersion: string | null;
  /** the engine's name for the runtime (Docker runtime, containerd shim) */
  readonly engineRuntime: string | null;
  readonly runtimeBinary: string | null;
  readonly tier: string;
  readonly version: string | null;
  readonly flags: readonly string[];
  readonly configFiles: readonly string[];
}

const VERSION_TIMEOUT_MS = 5_000;

/** `runsc --version` prints "runsc version 0.0~20221219.0\nspec: 1.0.2-dev": keep the first line. */
export async function probeVersion(binary: string): Promise<string | null> {
  try {
    const { stdout, exitCode } = await execa(binary, ['--version'], { timeout: VERSION_TIMEOUT_MS, reject: false });
    if (exitCode !== 0) return null;
    const first = String(stdout).split('\n')[0]?.trim();
    return first ? first : null;
  } catch {
    return null;
  }
}

/**
 * The flags that change a runtime's results: the runtime's own flags, the seccomp profile, for
 * gVisor every default of its release made explicit (platform, network, overlay, directfs), and
 * the pinning.
 */
export function effectiveFlags(target: RuntimeTarget, runscDefaults: RunscDefaults | null = null): string[] {
  const flags = target.tier === 'sandbox' ? gvisorFlagsInForce(target.runtimeArgs, runscDefaults) : [...target.runtimeArgs];
  if (target.engine !== null) flags.push(target.seccomp ? `seccomp=${target.engine}-default` : 'seccomp=unconfined');
  if (target.binding?.binary) flags.push(`runtime binary ${target.binding.binary} through ${target.binding.name}`);
  return flags;
}

export async function describeTarget(target: RuntimeTarget, nativeVersion: string, engine: EngineFacts | null, runscDefaults: RunscDefaults | null): Promise<TargetDescription> {
  const version = target.runtimePath === null ? nativeVersion : await probeVersion(target.runtimePath);
  return {
    target: target.id,
    engine: target.engine,
    engineVersion: engine?.version ?? null,
    engineRuntime: target.binding?.name ?? null,
    runtimeBinary: target.runtimePath,
    tier: target.tier,
    version,
    flags: [...effectiveFlags(target, runscDefaults), ...(target.resolution ? [target.resolution] : [])],
    configFiles: target.configFiles,
  };
}
