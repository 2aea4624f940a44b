import { existsSync, readFileSync } from 'node:fs';
import { cpus, hostname, release, totalmem, type } from 'node:os';
import type { HostFacts } from '../store/records.js';

/** Parses the facts that change results out of /proc/cpuinfo's text (pure, for tests). */
export function parseCpuInfo(text: string): { model: string; flags: Set<string> } {
  const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? 'unknown';
  const flags = new Set((/^flags\s*:\s*(.+)$/m.exec(text)?.[1] ?? '').trim().split(/\s+/).filter(Boolean));
  return { model, flags };
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** cgroup v1, v2 or hybrid (v1 controllers with a v2 `unified` mount), from /proc/mounts. */
export function cgroupModeOf(mounts: string): string {
  const lines = mounts.split('\n');
  const v2Root = lines.some((l) => / \/sys\/fs\/cgroup cgroup2 /.test(l));
  const v2Unified = lines.some((l) => / \/sys\/fs\/cgroup\/unified cgroup2 /.test(l));
  const v1 = lines.some((l) => / \/sys\/fs\/cgroup\/\S+ cgroup /.test(l));
  if (v2Root) return 'v2';
  if (v1 && v2Unified) return 'hybrid';
  if (v1) return 'v1';
  return 'unknown';
}

function osName(): string {
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readOr('/etc/os-release', ''))?.[1];
  return pretty ?? type();
}

export function readHostFacts(docker: { version: string; apiVersion: string } | null): HostFacts {
  const cpu = parseCpuInfo(readOr('/proc/cpuinfo', ''));
  return {
    hostname: hostname(),
    kernel: release(),
    os: osName(),
    cpuModel: cpu.model !== 'unknown' ? cpu.model : (cpus()[0]?.model ?? 'unknown'),
    cpus: cpus().length,
    memTotalBytes: totalmem(),
    virtualised: cpu.flags.has('hypervisor'),
    hardwareVirtualisation: cpu.flags.has('vmx') || cpu.flags.has('svm'),
    kvmDevice: existsSync('/dev/kvm'),
    dockerVersion: docker?.version ?? null,
    dockerApiVersion: docker?.apiVersion ?? null,
    cgroup: cgroupModeOf(readOr('/proc/mounts', '')),
  };
}
