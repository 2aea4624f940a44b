import { existsSync } from 'node:fs';
import { IsobenchError } from '../../errors.js';
import { ctr, ctrError } from './ctr.js';

/** A system containerd, where Kata's installation guides put it. */
export const SYSTEM_SOCKET = '/run/containerd/containerd.sock';
/** isobench's own containerd, started by scripts/setup-host.sh when there is no system one. */
export const ISOBENCH_SOCKET = '/run/isobench/containerd/containerd.sock';
const VERSION_TIMEOUT_MS = 5_000;

/**
 * Where to look, in order: $CONTAINERD_ADDRESS alone when set, else the system socket, then
 * isobench's. Never Docker's own containerd (/var/run/docker/containerd/containerd.sock): it
 * belongs to dockerd, and what isobench does to its containerd must not take Docker down.
 */
export function candidateAddresses(env: NodeJS.ProcessEnv): { source: string; address: string }[] {
  const set = env.CONTAINERD_ADDRESS?.trim();
  if (set) return [{ source: `CONTAINERD_ADDRESS=${set}`, address: set.replace(/^unix:\/\//, '') }];
  return [SYSTEM_SOCKET, ISOBENCH_SOCKET].map((address) => ({ source: address, address }));
}

/** The server's version in `ctr version`'s output, or null (the client part alone is printed when none answers). */
export function parseServerVersion(stdout: string): string | null {
  return /Server:\s*\n\s*Version:\s*(\S+)/.exec(stdout)?.[1] ?? null;
}

/** `ctr version`'s server version, or why nothing answers there in time. */
export async function serverVersion(address: string, timeoutMs = VERSION_TIMEOUT_MS): Promise<string | { error: string }> {
  const result = await ctr(address, ['version'], { timeoutMs });
  const version = parseServerVersion(result.stdout);
  if (result.exitCode === 0 && version) return version;
  return { error: ctrError(result) };
}

/** The first containerd that answers `ctr version`, or CONTAINERD_UNAVAILABLE naming what was tried. */
export async function findContainerd(env: NodeJS.ProcessEnv = process.env): Promise<{ address: string; version: string }> {
  const failures: string[] = [];
  for (const { source, address } of candidateAddresses(env)) {
    if (!existsSync(address)) {
      failures.push(`${source}: no socket`);
      continue;
    }
    const version = await serverVersion(address);
    if (typeof version === 'string') return { address, version };
    failures.push(`${source}: ${version.error}`);
  }
  throw new IsobenchError('CONTAINERD_UNAVAILABLE', `no containerd answers (${failures.join('; ')})`, {
    hint: 'start isobench\'s own with: sudo scripts/setup-host.sh (or set CONTAINERD_ADDRESS)',
  });
}
