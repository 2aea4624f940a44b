/**
 * `isobench doctor`: pure verdicts from facts gathered by facts.ts. Each check is ok, warn or
 * fail, with a one-line detail and, when not ok, a one-line fix hint.
 */
export type CheckLevel = 'ok' | 'warn' | 'fail';

export interface Check {
  readonly id: string;
  readonly level: CheckLevel;
  readonly detail: string;
  readonly hint?: string;
}

export interface SmokeResult {
  readonly target: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DoctorFacts {
  readonly engine: { readonly source: string; readonly version: string; readonly apiVersion: string } | { readonly error: string };
  readonly runtimes: readonly { readonly name: string; readonly path: string; readonly runtimeArgs: readonly string[]; readonly version: string | null }[];
  /** containerd: where it answers, its version and the shim runtimes it could use; or why it does not answer */
  readonly containerd: { readonly endpoint: string; readonly version: string; readonly runtimes: readonly string[] } | { readonly error: string };
  /** runtimes installed on the host whatever the engines registered */
  readonly installed: {
    readonly kataShim: string | null;
    readonly kataConfigs: readonly string[];
    readonly gvisor: readonly { readonly path: string; readonly version: string | null }[];
  };
  /** e.g. "containerd io.containerd.kata.v2"; null with the reason in kataWhyNot */
  readonly kataResolvesTo: string | null;
  readonly kataWhyNot: string | null;
  readonly host: {
    readonly virtualised: boolean;
    readonly hardwareVirtualisation: boolean;
    readonly kvmDevice: 'absent' | 'openable' | 'not-openable';
    /** the KVM module that serves /dev/kvm: kvm_intel, kvm_amd, kvm_pvm (Pagetable-based Virtual Machine), or null */
    readonly kvmModule: string | null;
    readonly maxUserNamespaces: number | null;
    readonly cgroup: string | null;
    readonly memAvailableBytes: number | null;
  };
  readonly leftovers: {
    readonly containers: number;
    /** runtime processes serving no running container, e.g. "runsc-sandbox (pid 4242)" */
    readonly orphans: readonly string[];
    readonly runscStateEntries: number;
    readonly kataStateEntries: number;
  };
  readonly smoke: readonly SmokeResult[];
}

const GiB = 1024 ** 3;

/** gVisor's KVM platform without usable hardware virtualisation (a nested VM): it hangs (HOST-NOTES.md). */
export function predictsHang(runtimeArgs: readonly string[], host: Pick<DoctorFacts['host'], 'virtualised' | 'hardwareVirtualisation'> & { readonly kvmModule?: string | null }): boolean {
  const platform = runtimeArgs.find((a) => a.startsWith('--platform='))?.slice('--platform='.length);
  return platform === 'kvm' && (host.virtualised || !host.hardwareVirtualisation || host.kvmModule === 'kvm_pvm');
}

/** Docker's built-in names for runc (`io.containerd.runc.v2`, `io.containerd.runtime.v1.linux`): no runtime of their own. */
export function isRuncAlias(name: string): boolean {
  return name.startsWith('io.containerd.');
}

function engineChecks(facts: DoctorFacts): Check[] {
  const docker: Check = 'error' in facts.engine
    ? { id: 'engine docker', level: 'fail', detail: facts.engine.error, hint: 'run sudo scripts/setup-host.sh, or set DOCKER_HOST' }
    : { id: 'engine docker', level: 'ok', detail: `Docker ${facts.engine.version} (API ${facts.engine.apiVersion}) at ${facts.engine.source}` };
  const c = facts.containerd;
  const containerd: Check = 'error' in c
    ? { id: 'engine containerd', level: 'warn', detail: `no containerd answers: ${c.error}`, hint: 'containerd/… targets (and Kata) need it: run sudo scripts/setup-host.sh, or set CONTAINERD_ADDRESS' }
    : { id: 'engine containerd', level: 'ok', detail: `containerd ${c.version} at ${c.endpoint}; shims: ${c.runtimes.join(', ') || 'none'}` };
  return [docker, containerd];
}

/** Kata 2/3 through the engines of today: containerd's shim v2, Docker >= 23, Kubernetes RuntimeClasses; never Docker 20.10. */
function kataCheck(facts: DoctorFacts): Check {
  if (facts.kataResolvesTo) return { id: 'runtime kata', level: 'ok', detail: `kata resolves to ${facts.kataResolvesTo}` };
  const dockerMajor = 'error' in facts.engine ? null : Number(/^(\d+)/.exec(facts.engine.version)?.[1] ?? 0);
  const dockerNote = dockerMajor !== null && dockerMajor < 23 ? `; Docker ${('version' in facts.engine) ? facts.engine.version : ''} cannot run Kata 2/3 at all (shim v2 runtimes need Docker >= 23)` : '';
  return {
    id: 'runtime kata',
    level: 'warn',
    detail: `${facts.kataWhyNot ?? 'no engine can run Kata'}${dockerNote}`,
    hint: 'install Kata Containers 3 (release tarball into /opt/kata, or kata-deploy) and run containerd/kata; or Docker >= 23 with --runtime io.containerd.kata.v2 (Docker 26 needs Kata >= 3.29). Kata needs a KVM that boots a stock guest kernel',
  };
}

function runtimeChecks(facts: DoctorFacts): Check[] {
  if ('error' in facts.engine) return [kataCheck(facts)];
  const checks: Check[] = facts.runtimes.map((r) => {
    const flags = r.runtimeArgs.length > 0 ? ` ${r.runtimeArgs.join(' ')}` : '';
    const base = { id: `runtime ${r.name}`, detail: `${r.version ?? 'version unknown'} at ${r.path}${flags}` };
    if (predictsHang(r.runtimeArgs, facts.host)) {
      return { ...base, level: 'warn' as const, hint: "gVisor's KVM platform hangs under nested virtualisation: register runsc with --platform=ptrace or systrap" };
    }
    return { ...base, level: 'ok' as const };
  });
  const names = facts.runtimes.map((r) => r.name);
  if (!names.includes('runsc')) checks.push({ id: 'runtime runsc', level: 'warn', detail: 'runsc (gVisor) is not registered with Docker', hint: 'run sudo scripts/setup-host.sh' });
  for (const g of facts.installed.gvisor) checks.push({ id: 'gvisor binary', level: 'ok', detail: `${g.path}: ${g.version ?? 'version unknown'}` });
  checks.push(kataCheck(facts));
  return checks;
}

function hostChecks(facts: DoctorFacts): Check[] {
  const h = facts.host;
  const checks: Check[] = [];
  if (h.kvmDevice === 'openable' && h.kvmModule === 'kvm_pvm') {
    checks.push({
      id: 'kvm', level: 'warn', detail: '/dev/kvm answers, but it is served by kvm_pvm (Pagetable-based Virtual Machine): only PVM-aware guest kernels boot',
      hint: 'a stock guest kernel hangs at entry here (QEMU q35 and microvm tried), so Kata and runsc --platform=kvm cannot work on this host; use runsc on systrap or ptrace',
    });
  } else if (h.kvmDevice === 'openable') checks.push({ id: 'kvm', level: h.hardwareVirtualisation ? 'ok' : 'warn', detail: `/dev/kvm openable; CPU flags ${h.hardwareVirtualisation ? 'have' : 'lack'} vmx/svm`, ...(h.hardwareVirtualisation ? {} : { hint: 'nested KVM without vmx/svm: Kata and runsc --platform=kvm hang or crawl here' }) });
  else checks.push({ id: 'kvm', level: 'warn', detail: h.kvmDevice === 'absent' ? '/dev/kvm is absent' : '/dev/kvm cannot be opened', hint: 'Kata and gVisor --platform=kvm need KVM: enable virtualisation in the BIOS or the hypervisor, load kvm_intel/kvm_amd' });
  checks.push(h.virtualised
    ? { id: 'nested', level: 'warn', detail: 'this host is itself a VM (hypervisor CPU flag)', hint: 'figures include the outer hypervisor; VM-based runtimes run nested and are slower than on bare metal' }
    : { id: 'nested', level: 'ok', detail: 'bare metal (no hypervisor CPU flag)' });
  if (h.maxUserNamespaces === 0) checks.push({ id: 'user namespaces', level: 'warn', detail: '/proc/sys/user/max_user_namespaces is 0', hint: 'Kata needs user namespaces: sysctl -w user.max_user_namespaces=15000' });
  else if (h.maxUserNamespaces !== null) checks.push({ id: 'user namespaces', level: 'ok', detail: `max_user_namespaces ${h.maxUserNamespaces}` });
  checks.push(h.cgroup === 'hybrid'
    ? { id: 'cgroup', level: 'warn', detail: 'cgroup hybrid mode (v1 controllers with a v2 unified mount)', hint: 'crun fails in hybrid mode; boot with systemd.unified_cgroup_hierarchy=1 for v2' }
    : { id: 'cgroup', level: 'ok', detail: `cgroup ${h.cgroup ?? 'unknown'}` });
  if (h.memAvailableBytes !== null) {
    const gib = h.memAvailableBytes / GiB;
    checks.push(gib < 2
      ? { id: 'memory', level: 'warn', detail: `${gib.toFixed(1)} GiB available`, hint: 'each Kata/Firecracker VM keeps 120–200 MB resident: free memory or run fewer in parallel' }
      : { id: 'memory', level: 'ok', detail: `${gib.toFixed(1)} GiB available` });
  }
  return checks;
}

function leftoverChecks(facts: DoctorFacts): Check[] {
  const l = facts.leftovers;
  const checks: Check[] = [];
  checks.push(l.containers > 0
    ? { id: 'leftover containers', level: 'warn', detail: `${l.containers} container(s) labelled isobench.run-id`, hint: 'isobench clean' }
    : { id: 'leftover containers', level: 'ok', detail: 'no isobench containers' });
  checks.push(l.orphans.length > 0
    ? { id: 'leftover sandboxes', level: 'warn', detail: `runtime processes serving no running container: ${l.orphans.join(', ')}`, hint: 'orphans of containers that are gone: stop them with kill -9 PID' }
    : { id: 'leftover sandboxes', level: 'ok', detail: 'no orphaned runtime processes' });
  if (l.runscStateEntries > 100) checks.push({ id: 'runsc state', level: 'warn', detail: `${l.runscStateEntries} entries under /tmp/runsc and /var/run/runsc`, hint: 'stale gVisor sockets pile up until "too many open files": remove those of containers that no longer exist' });
  if (l.kataStateEntries > 0 && !facts.kataResolvesTo) checks.push({ id: 'kata state', level: 'warn', detail: `${l.kataStateEntries} Kata sandbox state entries but no Kata runtime registered`, hint: 'remove /run/vc/sbs/* of sandboxes that no longer exist' });
  return checks;
}

function smokeChecks(facts: DoctorFacts): Check[] {
  return facts.smoke.map((s) => (s.ok
    ? { id: `smoke ${s.target}`, level: 'ok' as const, detail: s.detail }
    : { id: `smoke ${s.target}`, level: 'fail' as const, detail: s.detail, hint: `isobench run --runtimes ${s.target} will fail the same way; see the runtime's error above` }));
}

export function evaluateDoctor(facts: DoctorFacts): Check[] {
  return [...engineChecks(facts), ...runtimeChecks(facts), ...hostChecks(facts), ...leftoverChecks(facts), ...smokeChecks(facts)];
}

export function renderChecks(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.id.length));
  return checks
    .map((c) => `${c.level.padEnd(4)}  ${c.id.padEnd(width)}  ${c.detail}${c.hint ? `\n${' '.repeat(width + 8)}→ ${c.hint}` : ''}`)
    .join('\n') + '\n';
}
