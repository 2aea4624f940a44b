import { predictsHang } from '../doctor/checks.js';
import type { HostFacts } from '../store/records.js';
import { defaultTargetIds, tierOf, type ResolveInput } from '../runtimes/targets.js';

/**
 * Targets `isobench compat` runs by default: the default targets of a run (native, runc,
 * runc:unconfined, the newest gVisor and the distribution's, Kata where an engine can run it),
 * every other gVisor runtime Docker has (each release or platform its own column) except one
 * known to hang on this host (runsc on the KVM platform where no usable KVM is), and
 * containerd's runc and runsc when containerd answers.
 */
export function compatTargetIds(input: ResolveInput, host: Pick<HostFacts, 'virtualised' | 'hardwareVirtualisation'> & { readonly kvmModule: string | null }): string[] {
  const ids = defaultTargetIds(input);
  const docker = input.docker && 'runtimes' in input.docker ? input.docker.runtimes : [];
  for (const r of docker) {
    if (ids.includes(r.name) || tierOf(r.name) !== 'sandbox') continue;
    if (!predictsHang(r.runtimeArgs, host)) ids.push(r.name);
  }
  if (input.containerd && 'runtimes' in input.containerd) ids.push('containerd/runc', 'containerd/runsc');
  return ids;
}
