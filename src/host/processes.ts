import { readdirSync, readFileSync } from 'node:fs';

/** A host process as /proc shows it. */
export interface HostProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly cmdline: string;
  /** R, S, D, Z (zombie), … */
  readonly state: string;
}

/** `/proc/PID/stat`: the comm is in parentheses and may itself hold spaces and parentheses. */
export function parseStat(stat: string): { comm: string; ppid: number; state: string } | null {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const rest = stat.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  return Number.isInteger(ppid) ? { comm: stat.slice(open + 1, close), ppid, state: rest[0] ?? '?' } : null;
}

/** The `Pss:` line of /proc/PID/smaps_rollup, in bytes. */
export function parsePssBytes(smapsRollup: string): number | null {
  const kib = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup)?.[1];
  return kib === undefined ? null : Number(kib) * 1024;
}

export function listProcesses(): HostProcess[] {
  const processes: HostProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (!stat) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      processes.push({ pid: Number(entry), ppid: stat.ppid, comm: stat.comm, cmdline, state: stat.state });
    } catch {
      // the process exited while we looked
    }
  }
  return processes;
}

/** A process and all its descendants (pure, on a snapshot). */
export function withDescendants(all: readonly HostProcess[], rootPid: number): HostProcess[] {
  const children = new Map<number, HostProcess[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const root = all.find((p) => p.pid === rootPid);
  const out: HostProcess[] = root ? [root] : [];
  for (let i = 0; i < out.length; i += 1) out.push(...(children.get((out[i] as HostProcess).pid) ?? []));
  return out;
}

/**
 * The host processes that serve one container: its containerd shim (found by the container
 * id on its command line) and everything below it — for runc the container's process, for
 * gVisor runsc-sandbox and runsc-gofer, for Kata the VMM and virtiofsd.
 */
export function containerProcesses(all: readonly HostProcess[], containerId: string): HostProcess[] {
  const shim = all.find((p) => p.comm.startsWith('containerd-shim') && p.cmdline.includes(containerId));
  if (shim) return withDescendants(all, shim.pid);
  // Shims shared by several containers (Kata's shim v2 groups by sandbox) name the id elsewhere.
  return all.filter((p) => p.cmdline.includes(containerId)).flatMap((p) => withDescendants(all, p.pid));
}

export function pssBytesOf(pid: number): number | null {
  try {
    return parsePssBytes(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {
    return null;
  }
}

export function memAvailableBytes(): number {
  const kib = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  return Number(kib ?? Number.NaN) * 1024;
}
