import { constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { ContainerExecutor } from '../bench/executors/container.js';
import type { Engine, EngineKind } from '../engine/engine.js';
import { connectEngines, type Connected } from '../engine/engines.js';
import { orphanedRuntimeProcesses } from '../engine/orphans.js';
import { LABEL_RUN_ID } from '../engine/labels.js';
import { describeCause } from '../errors.js';
import { readHostFacts } from '../host/facts.js';
import { findHostRuntimes } from '../host/runtimes.js';
import { probeVersion } from '../runtimes/describe.js';
import { probeRunscDefaults, type RunscDefaults } from '../runtimes/gvisor.js';
import { resolveTargets, type ResolveInput, type RuntimeTarget } from '../runtimes/targets.js';
import { workloadById } from '../workloads/catalogue.js';
import { parseWorkloadOutput } from '../workloads/parse.js';
import { CONTAINER_SCRATCH, type WorkloadSpec } from '../workloads/types.js';
import { isRuncAlias, predictsHang, type DoctorFacts, type SmokeResult } from './checks.js';

const SMOKE_TIMEOUT_MS = 30_000;
/** For a runtime already expected to hang here: long enough to show it, short enough not to keep the user waiting. */
const PREDICTED_HANG_TIMEOUT_MS = 10_000;

function readNumber(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

function memAvailable(): number | null {
  try {
    const kib = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : null;
  } catch {
    return null;
  }
}

async function kvmState(): Promise<'absent' | 'openable' | 'not-openable'> {
  if (!existsSync('/dev/kvm')) return 'absent';
  try {
    await (await open('/dev/kvm', constants.O_RDWR)).close();
    return 'openable';
  } catch {
    return 'not-openable';
  }
}

function countEntries(dirs: readonly string[]): number {
  return dirs.reduce((sum, dir) => {
    try {
      return sum + readdirSync(dir).length;
    } catch {
      return sum;
    }
  }, 0);
}

/** A tiny trial per target: the syscall workload for a few milliseconds, with the runtime's own error text on failure. */
async function smoke(targets: readonly RuntimeTarget[], engines: Partial<Record<EngineKind, Engine>>, host: DoctorFacts['host']): Promise<SmokeResult[]> {
  const spec = workloadById('syscall') as WorkloadSpec;
  const results: SmokeResult[] = [];
  for (const target of targets) {
    const engine = target.engine ? engines[target.engine] : undefined;
    if (!engine) continue;
    const executor = new ContainerExecutor(target, engine);
    try {
      await executor.prepare([spec]);
    } catch (error) {
      results.push({ target: target.id, ok: false, detail: `cannot make the smoke image: ${describeCause(error)}` });
      continue;
    }
    const began = Date.now();
    const expectHang = predictsHang(target.runtimeArgs, host);
    const timeoutMs = expectHang ? PREDICTED_HANG_TIMEOUT_MS : SMOKE_TIMEOUT_MS;
    const args = [...spec.args({ repetitions: 1, repBudgetMs: 5, warmupMs: 0 }, CONTAINER_SCRATCH), '--only', 'getppid'];
    const outcome = await executor.run({ workload: spec, args, labels: { [LABEL_RUN_ID]: 'doctor' }, timeoutMs });
    const secs = `${((Date.now() - began) / 1000).toFixed(1)} s`;
    if (outcome.kind === 'exited' && outcome.exitCode === 0 && parseWorkloadOutput(outcome.stdout, spec).ok) results.push({ target: target.id, ok: true, detail: `a container ran and exited in ${secs}` });
    else if (outcome.kind === 'timed-out') {
      const where = outcome.phase === 'start' ? 'the container never started' : 'it started but did not exit';
      const kvm = target.runtimeArgs.includes('--platform=kvm');
      const why = expectHang ? "gVisor's KVM platform where no usable KVM is, as expected"
        : kvm ? 'a KVM that cannot boot a guest?' : 'the runtime never answered';
      results.push({ target: target.id, ok: false, detail: `hung: ${where} within ${timeoutMs / 1000} s (${why}); removed it and its sandbox processes` });
    } else if (outcome.kind === 'engine-error') results.push({ target: target.id, ok: false, detail: outcome.message.split('\n')[0] ?? outcome.message });
    else if (outcome.kind === 'exited') results.push({ target: target.id, ok: false, detail: `exited ${outcome.exitCode}: ${outcome.stderr.trim().split('\n').pop() ?? ''}` });
    else results.push({ target: target.id, ok: false, detail: 'interrupted' });
  }
  return results;
}

/** The module serving /dev/kvm, from /sys/module. */
function kvmModule(): string | null {
  return ['kvm_pvm', 'kvm_intel', 'kvm_amd'].find((m) => existsSync(`/sys/module/${m}`)) ?? null;
}

function isRunning(c: Connected | undefined): c is Extract<Connected, { engine: Engine }> {
  return c !== undefined && !('error' in c);
}

export async function gatherDoctorFacts(options: { smoke: boolean }): Promise<DoctorFacts> {
  const host = readHostFacts(null);
  const hostFacts = {
    virtualised: host.virtualised,
    hardwareVirtualisation: host.hardwareVirtualisation,
    kvmDevice: await kvmState(),
    kvmModule: kvmModule(),
    maxUserNamespaces: readNumber('/proc/sys/user/max_user_namespaces'),
    cgroup: host.cgroup,
    memAvailableBytes: memAvailable(),
  };
  const connected = await connectEngines(new Set<EngineKind>(['docker', 'containerd']));
  const installedRuntimes = findHostRuntimes();
  const engines: Partial<Record<EngineKind, Engine>> = {};
  if (isRunning(connected.docker)) engines.docker = connected.docker.engine;
  if (isRunning(connected.containerd)) engines.containerd = connected.containerd.engine;
  const dockerFacts = isRunning(connected.docker) ? connected.docker.facts : null;
  const containerdFacts = isRunning(connected.containerd) ? connected.containerd.facts : null;
  const gvisorPaths = [...new Set([...installedRuntimes.runsc, ...(dockerFacts?.runtimes.filter((r) => r.name.includes('runsc')).map((r) => r.path) ?? [])])];
  const runscDefaults = new Map<string, RunscDefaults>();
  for (const path of gvisorPaths) {
    const d = await probeRunscDefaults(path);
    if (d) runscDefaults.set(path, d);
  }
  const input: ResolveInput = {
    docker: dockerFacts ?? (connected.docker && 'error' in connected.docker ? { error: connected.docker.error } : null),
    containerd: containerdFacts ?? (connected.containerd && 'error' in connected.containerd ? { error: connected.containerd.error } : null),
    host: installedRuntimes,
    runscDefaults,
  };
  let kataResolvesTo: string | null = null;
  let kataWhyNot: string | null = null;
  try {
    kataResolvesTo = resolveTargets(['kata'], input)[0]?.resolution?.replace(/^kata → /, '') ?? null;
  } catch (error) {
    kataWhyNot = describeCause(error).replace(/^runtime 'kata' is not available: /, '');
  }
  const leftovers = {
    containers: 0,
    orphans: [] as string[],
    runscStateEntries: countEntries(['/tmp/runsc', '/var/run/runsc', '/run/runsc']),
    kataStateEntries: countEntries(['/run/vc/sbs', '/run/kata-containers']),
  };
  const installed = {
    kataShim: installedRuntimes.kataShim,
    kataConfigs: installedRuntimes.kataConfigs,
    gvisor: await Promise.all(installedRuntimes.runsc.map(async (path) => ({ path, version: await probeVersion(path) }))),
  };
  const containerd: DoctorFacts['containerd'] = containerdFacts
    ? { endpoint: containerdFacts.endpoint, version: containerdFacts.version, runtimes: containerdFacts.runtimes.map((r) => r.name) }
    : { error: connected.containerd && 'error' in connected.containerd ? connected.containerd.error : 'not asked' };
  const base = { containerd, installed, kataResolvesTo, kataWhyNot, host: hostFacts };
  if (!dockerFacts) {
    const error = connected.docker && 'error' in connected.docker ? connected.docker.error : 'not asked';
    const orphans = await orphanedRuntimeProcesses(Object.values(engines)).catch(() => []);
    return { ...base, engine: { error }, runtimes: [], leftovers: { ...leftovers, orphans }, smoke: options.smoke ? await smokeAll(input, engines, hostFacts) : [] };
  }
  const containers = await countLabelled(engines);
  const orphans = await orphanedRuntimeProcesses(Object.values(engines));
  const runtimes = await Promise.all(dockerFacts.runtimes.map(async (r) => ({ ...r, version: await probeVersion(r.path) })));
  return {
    ...base,
    engine: { source: dockerFacts.endpoint, version: dockerFacts.version, apiVersion: dockerFacts.apiVersion ?? '' },
    runtimes,
    leftovers: { ...leftovers, containers, orphans },
    smoke: options.smoke ? await smokeAll(input, engines, hostFacts) : [],
  };
}

/** Every Docker runtime (but its built-in runc aliases) and containerd's runc and runsc, one smoke trial each. */
async function smokeAll(input: ResolveInput, engines: Partial<Record<EngineKind, Engine>>, host: DoctorFacts['host']): Promise<SmokeResult[]> {
  const ids = [
    ...(input.docker && 'runtimes' in input.docker ? input.docker.runtimes.map((r) => r.name).filter((n) => !isRuncAlias(n)) : []),
    ...(engines.containerd ? ['containerd/runc', 'containerd/runsc'] : []),
  ];
  const targets: RuntimeTarget[] = [];
  for (const id of ids) {
    try {
      targets.push(...resolveTargets([id], input));
    } catch {
      // not resolvable here: the runtime checks say why
    }
  }
  return smoke(targets, engines, host);
}

/** isobench's containers on every engine (any run, any owner). */
async function countLabelled(engines: Partial<Record<EngineKind, Engine>>): Promise<number> {
  let count = 0;
  for (const engine of Object.values(engines)) count += (await engine.labelledContainers().catch(() => [])).length;
  return count;
}
