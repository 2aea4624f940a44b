/**
 * The `ctr run` argv of a container: the same least privilege as Docker's containerCreateOptions
 * (src/engine/container.ts): read-only root filesystem when asked, tmpfs mounts (nosuid, nodev,
 * noexec as Docker adds them), every capability of containerd's default set dropped,
 * no-new-privileges (containerd's default spec sets it; `--allow-new-privs` is never passed),
 * seccomp's default profile unless unconfined, 512 MiB of memory, no network (ctr gives the
 * container an empty network namespace). The pids limit and cpuset go through cgroups.ts.
 */
import type { ContainerRequest } from '../engine.js';
import { LABEL_OWNER, ownerLabelValue } from '../labels.js';

export const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;

/** containerd 1.6's default capability set (oci.populateDefaultUnixSpec), all of which are dropped. */
export const DEFAULT_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
] as const;

const TMPFS_DEFAULTS = ['nosuid', 'nodev', 'noexec'];

/** Docker's `Tmpfs` options (`rw,size=64m`) as a ctr mount (`options` are `:`-separated there). */
export function tmpfsMount(path: string, options: string): string {
  const given = options.split(',').map((o) => o.trim()).filter((o) => o !== '');
  const all = [...given, ...TMPFS_DEFAULTS.filter((d) => !given.includes(d) && !given.includes(d.replace(/^no/, '')))];
  return `type=tmpfs,src=tmpfs,dst=${path},options=${all.join(':')}`;
}

export interface RunArgvInput {
  readonly request: ContainerRequest;
  readonly id: string;
  readonly runtimeArgs: readonly string[];
  readonly pidFile: string;
  /** the image's entrypoint: ctr's COMMAND replaces the process's whole argv, entrypoint included */
  readonly entrypoint: readonly string[];
}

/** `ctr run` flags, image, id and command (after ctr's global flags). */
export function runArgv({ request, id, runtimeArgs, pidFile, entrypoint }: RunArgvInput): string[] {
  const labels = { ...request.labels, [LABEL_OWNER]: ownerLabelValue() };
  const argv = ['run', '--rm', '--pid-file', pidFile, ...runtimeArgs];
  for (const [key, value] of Object.entries(labels)) argv.push('--label', `${key}=${value}`);
  if (request.needs.readonlyRootfs) argv.push('--read-only');
  for (const [path, options] of Object.entries(request.needs.tmpfs)) argv.push('--mount', tmpfsMount(path, options));
  for (const cap of DEFAULT_CAPABILITIES) argv.push('--cap-drop', cap);
  if (request.seccomp) argv.push('--seccomp');
  argv.push('--memory-limit', String(MEMORY_LIMIT_BYTES));
  argv.push(request.image, id, ...(request.cmd.length > 0 ? [...entrypoint, ...request.cmd] : []));
  return argv;
}
