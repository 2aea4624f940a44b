import { constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type Docker from 'dockerode';
import { connectDocker } from '../engine/connect.js';
import { runContainer } from '../engine/container.js';
import { ensureWorkloadImage } from '../engine/image.js';
import { orphanedRuntimeProcesses } from '../engine/orphans.js';
import { readEngineInfo, type EngineInfo } from '../engine/info.js';
import { LABEL_RUN_ID } from '../engine/labels.js';
import { describeCause } from '../errors.js';
import { readHostFacts } from '../measure/host.js';
import { probeVersion } from '../runtimes/describe.js';
import { resolveKata } from '../runtimes/targets.js';
import { binaryPath } from '../workloads/binaries.js';
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

/** A tiny trial per runtime: the syscall workload for a few milliseconds, with the runtime's own error text on failure. */
async function smoke(docker: Docker, info: EngineInfo, host: DoctorFacts['host']): Promise<SmokeResult[]> {
  const spec = workloadById('syscall') as WorkloadSpec;
  let image: string;
  try {
    image = (await ensureWorkloadImage(docker, binaryPath(spec))).tag;
  } catch (error) {
    return [{ target: 'all', ok: false, detail: `cannot build the smoke image: ${describeCause(error)}` }];
  }
  const results: SmokeResult[] = [];
  for (const runtime of info.runtimes.filter((r) => !isRuncAlias(r.name))) {
    const began = Date.now();
    const expectHang = predictsHang(runtime.runtimeArgs, host);
    const timeoutMs = expectHang ? PREDICTED_HANG_TIMEOUT_MS : SMOKE_TIMEOUT_MS;
    const outcome = await runContainer(docker, {
      image, runtime: runtime.name, cmd: [...spec.args({ repetitions: 1, repBudgetMs: 5, warmupMs: 0 }, CONTAINER_SCRATCH), '--only', 'getppid'],
      labels: { [LABEL_RUN_ID]: 'doctor' }, needs: spec.container, securityOpt: [], timeoutMs,
    });
    const secs = `${((Date.now() - began) / 1000).toFixed(1)} s`;
    if (outcome.kind === 'exited' && outcome.exitCode === 0 && parseWorkloadOutput(outcome.stdout, spec).ok) results.push({ target: runtime.name, ok: true, detail: `a container ran and exited in ${secs}` });
    else if (outcome.kind === 'timed-out') {
      const where = outcome.phase === 'start' ? 'the container never started' : 'it started but did not exit';
      const why = expectHang ? "gVisor's KVM platform on a nested VM, as expected" : 'nested KVM?';
      results.push({ target: runtime.name, ok: false, detail: `hung: ${where} within ${timeoutMs / 1000} s (${why}); removed it and its sandbox processes` });
    }
    else if (outcome.kind === 'engine-error') results.push({ target: runtime.name, ok: false, detail: outcome.message.split('\n')[0] ?? outcome.message });
    else if (outcome.kind === 'exited') results.push({ target: runtime.name, ok: false, detail: `exited ${outcome.exitCode}: ${outcome.stderr.trim().split('\n').pop() ?? ''}` });
  }
  return results;
}

export async function gatherDoctorFacts(options: { smoke: boolean }): Promise<DoctorFacts> {
  const host = readHostFacts(null);
  const hostFacts = {
    virtualised: host.virtualised,
    hardwareVirtualisation: host.hardwareVirtualisation,
    kvmDevice: await kvmState(),
    maxUserNamespaces: readNumber('/proc/sys/user/max_user_namespaces'),
    cgroup: host.cgroup,
    memAvailableBytes: memAvailable(),
  };
  const leftovers = {
    containers: 0,
    orphans: [] as string[],
    runscStateEntries: countEntries(['/tmp/runsc', '/var/run/runsc', '/run/runsc']),
    kataStateEntries: countEntries(['/run/vc/sbs', '/run/kata-containers']),
  };
  let endpoint;
  let info: EngineInfo;
  try {
    endpoint = await connectDocker();
    info = await readEngineInfo(endpoint.docker);
  } catch (error) {
    return { engine: { error: describeCause(error) }, runtimes: [], kataResolvesTo: null, host: hostFacts, leftovers, smoke: [] };
  }
  const containers = await endpoint.docker.listContainers({ all: true, filters: { label: [LABEL_RUN_ID] } });
  const orphans = await orphanedRuntimeProcesses(endpoint.docker);
  const runtimes = await Promise.all(info.runtimes.map(async (r) => ({ ...r, version: await probeVersion(r.path) })));
  return {
    engine: { source: endpoint.source, version: info.serverVersion, apiVersion: info.apiVersion },
    runtimes,
    kataResolvesTo: resolveKata(info.runtimes)?.name ?? null,
    host: hostFacts,
    leftovers: { ...leftovers, containers: containers.length, orphans },
    smoke: options.smoke ? await smoke(endpoint.docker, info, hostFacts) : [],
  };
}
