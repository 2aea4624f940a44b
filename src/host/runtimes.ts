import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Runtimes installed on the host that an engine could use, found without asking any engine. */
export interface HostRuntimes {
  /** `containerd-shim-kata-v2`, when on PATH or in /opt/kata/bin */
  readonly kataShim: string | null;
  /** Kata configuration files found, e.g. /opt/kata/share/defaults/kata-containers/configuration-qemu.toml */
  readonly kataConfigs: readonly string[];
  /** `containerd-shim-runsc-v1`, when on PATH */
  readonly runscShim: string | null;
  /** runsc binaries, newest gVisor release first (isobench's own install, then PATH) */
  readonly runsc: readonly string[];
}

export const KATA_BIN_DIRS = ['/opt/kata/bin'];
export const KATA_CONFIG_DIRS = ['/etc/kata-containers', '/opt/kata/share/defaults/kata-containers', '/usr/share/defaults/kata-containers'];
/** Where scripts/setup-host.sh puts the newest gVisor: one folder per release date. */
export const GVISOR_DIR = '/usr/local/lib/isobench/gvisor';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable of this name on PATH or in the extra folders. */
export function findExecutable(name: string, extraDirs: readonly string[] = [], path = process.env.PATH ?? ''): string | null {
  for (const dir of [...path.split(delimiter).filter(Boolean), ...extraDirs]) {
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function findHostRuntimes(): HostRuntimes {
  const kataConfigs = KATA_CONFIG_DIRS.flatMap((dir) => listDir(dir).filter((f) => /^configuration.*\.toml$/.test(f)).map((f) => join(dir, f)));
  const own = listDir(GVISOR_DIR).filter((d) => /^\d{8}$/.test(d)).sort().reverse().map((d) => join(GVISOR_DIR, d, 'runsc')).filter(existsSync);
  const onPath = findExecutable('runsc');
  return {
    kataShim: findExecutable('containerd-shim-kata-v2', KATA_BIN_DIRS),
    kataConfigs,
    runscShim: findExecutable('containerd-shim-runsc-v1'),
    runsc: [...own, ...(onPath && !own.includes(onPath) ? [onPath] : [])],
  };
}
