import { execa } from 'execa';
import type { RuntimeTarget } from './targets.js';

/** What is recorded with a run for each target: its version and every flag that changes results. */
export interface TargetDescription {
  readonly target: string;
  readonly dockerRuntime: string | null;
  readonly tier: string;
  readonly version: string | null;
  readonly flags: readonly string[];
}

const VERSION_TIMEOUT_MS = 5_000;

/** `runsc --version` prints "runsc version 0.0~20221219.0\nspec: 1.0.2-dev": keep the first line. */
export async function probeVersion(binary: string): Promise<string | null> {
  try {
    const { stdout, exitCode } = await execa(binary, ['--version'], { timeout: VERSION_TIMEOUT_MS, reject: false });
    if (exitCode !== 0) return null;
    const first = stdout.split('\n')[0]?.trim();
    return first ? first : null;
  } catch {
    return null;
  }
}

/**
 * The flags that change a runtime's results: Docker's runtimeArgs, the container's security
 * options, and for gVisor the platform and network mode, with the defaults made explicit.
 */
export function effectiveFlags(target: RuntimeTarget): string[] {
  const flags = [...target.runtimeArgs, ...target.securityOpt.map((o) => `security-opt ${o}`)];
  if (target.tier === 'sandbox') {
    if (!target.runtimeArgs.some((a) => a.startsWith('--platform'))) flags.push('platform=ptrace (default)');
    if (!target.runtimeArgs.some((a) => a.startsWith('--network'))) flags.push('network=sandbox (default)');
    if (!target.runtimeArgs.some((a) => a.startsWith('--overlay'))) flags.push('overlay=off (default of this release: gofer-backed root filesystem)');
  }
  if (target.tier === 'container' && !target.securityOpt.some((o) => o.startsWith('seccomp'))) flags.push('seccomp=docker-default');
  return flags;
}

export async function describeTarget(target: RuntimeTarget, nativeVersion: string): Promise<TargetDescription> {
  const version = target.runtimePath === null ? nativeVersion : await probeVersion(target.runtimePath);
  return { target: target.id, dockerRuntime: target.dockerRuntime, tier: target.tier, version, flags: effectiveFlags(target) };
}
