/**
 * The limits `ctr run` (containerd 1.6) has no flag for: a pids limit and a cpuset. ctr puts a
 * container in the cgroup `/<namespace>/<id>`; isobench makes that cgroup first with the
 * limits written, and runc (or runsc) joins it, writing only what the spec sets and keeping the
 * rest. Removed after the container (the runtime usually removes it first).
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESPACE } from './ctr.js';

export const PIDS_LIMIT = 256;
const ROOT = '/sys/fs/cgroup';

export interface CgroupLimits {
  readonly pidsMax: number;
  readonly cpuset?: string;
}

/** Each controller directory and the files to write in it, for cgroup v1 (hybrid) or v2. */
export function cgroupWrites(id: string, limits: CgroupLimits, v2: boolean, root = ROOT): { dir: string; files: [string, string][] }[] {
  const rel = join(NAMESPACE, id);
  if (v2) {
    const files: [string, string][] = [['pids.max', String(limits.pidsMax)]];
    if (limits.cpuset) files.push(['cpuset.cpus', limits.cpuset]);
    return [{ dir: join(root, rel), files }];
  }
  const out = [{ dir: join(root, 'pids', rel), files: [['pids.max', String(limits.pidsMax)]] as [string, string][] }];
  if (limits.cpuset) {
    // A v1 cpuset cgroup takes no task until both cpus and mems are set; mems as its parent's.
    const mems = readFirst([join(root, 'cpuset', NAMESPACE, 'cpuset.mems'), join(root, 'cpuset', 'cpuset.mems')]) ?? '0';
    const parentCpus = readFirst([join(root, 'cpuset', 'cpuset.cpus')]) ?? limits.cpuset;
    out.push({ dir: join(root, 'cpuset', NAMESPACE), files: [['cpuset.cpus', parentCpus], ['cpuset.mems', mems]] });
    out.push({ dir: join(root, 'cpuset', rel), files: [['cpuset.cpus', limits.cpuset], ['cpuset.mems', mems]] });
  }
  return out;
}

function readFirst(paths: readonly string[]): string | null {
  for (const path of paths) {
    try {
      const text = readFileSync(path, 'utf8').trim();
      if (text !== '') return text;
    } catch {
      // not there
    }
  }
  return null;
}

export const isCgroupV2 = (): boolean => existsSync(join(ROOT, 'cgroup.controllers'));

/** Makes the container's cgroups with the limits in force; throws naming the file that refused. */
export function prepareCgroups(id: string, limits: CgroupLimits): void {
  for (const { dir, files } of cgroupWrites(id, limits, isCgroupV2())) {
    mkdirSync(dir, { recursive: true });
    for (const [file, value] of files) {
      const path = join(dir, file);
      if (readFirst([path]) === value) continue;
      try {
        writeFileSync(path, value);
      } catch (error) {
        throw new Error(`cannot write ${value} to ${path}: ${(error as Error).message}`, { cause: error });
      }
    }
  }
}

/** Removes the container's cgroups if the runtime left them (empty ones only; never throws). */
export function removeCgroups(id: string): void {
  for (const { dir } of cgroupWrites(id, { pidsMax: PIDS_LIMIT, cpuset: '0' }, isCgroupV2()).reverse()) {
    if (!dir.endsWith(id)) continue;
    try {
      rmdirSync(dir);
    } catch {
      // gone already, or still has a process (the reaper kills it first)
    }
  }
}
