/**
 * The calls of a profile that a runtime is known not to support (issue 11, pure): each system
 * call the compatibility probe exercises maps to its checks (src/compat/checks.ts); a call the
 * program made whose check `fails` on a runtime, in a compat matrix of the same host, is
 * listed for that runtime with the check's error. A prediction cannot price a call that fails;
 * this says the program may not run there at all.
 */
import type { CompatMatrix } from '../compat/matrix.js';
import type { Profile } from '../profile/profile.js';

/** system call → the compat checks that exercise it */
const CHECKS_OF: Readonly<Record<string, readonly string[]>> = {
  ptrace: ['ptrace_traceme', 'ptrace_attach', 'ptrace_peekdata'],
  perf_event_open: ['perf_event_software', 'perf_event_hardware'],
  bpf: ['bpf_map_create'],
  io_uring_setup: ['io_uring_setup'],
  io_uring_enter: ['io_uring_setup'],
  io_uring_register: ['io_uring_setup'],
  userfaultfd: ['userfaultfd'],
  memfd_create: ['memfd_create'],
  clone3: ['clone3'],
  unshare: ['unshare_user', 'unshare_mount', 'unshare_net'],
  mount: ['mount_tmpfs'],
  keyctl: ['keyctl'],
  add_key: ['keyctl'],
  request_key: ['keyctl'],
  name_to_handle_at: ['name_to_handle_at'],
  open_by_handle_at: ['name_to_handle_at'],
  inotify_init1: ['inotify'],
  inotify_add_watch: ['inotify'],
  fanotify_init: ['fanotify'],
  fanotify_mark: ['fanotify'],
  signalfd4: ['signalfd'],
  timerfd_create: ['timerfd'],
  eventfd2: ['eventfd'],
  pidfd_open: ['pidfd_open'],
  seccomp: ['seccomp_filter'],
  personality: ['personality'],
  getrandom: ['getrandom'],
  sched_setaffinity: ['sched_setaffinity'],
  fallocate: ['fallocate'],
  copy_file_range: ['copy_file_range'],
  splice: ['splice'],
  sendfile: ['sendfile'],
  fsync: ['fsync'],
  fdatasync: ['fdatasync'],
  setxattr: ['xattr'],
  getxattr: ['xattr'],
  fsetxattr: ['xattr'],
  fgetxattr: ['xattr'],
  lsetxattr: ['xattr'],
  lgetxattr: ['xattr'],
  flock: ['flock'],
  vfork: ['vfork'],
};

export interface UnsupportedCall {
  readonly call: string;
  readonly calls: number;
  /** the failing check and its error, e.g. `ptrace_attach: EPERM` */
  readonly because: string;
}

/** Runtime → the profiled calls whose check fails there (runtimes without any are absent). */
export function unsupportedCalls(profile: Profile, matrix: CompatMatrix): Map<string, UnsupportedCall[]> {
  const out = new Map<string, UnsupportedCall[]>();
  matrix.targets.forEach((target, column) => {
    if (target.id === 'native') return;
    const found: UnsupportedCall[] = [];
    for (const call of profile.syscalls) {
      const failing = (CHECKS_OF[call.name] ?? [])
        .map((id) => matrix.rows.find((r) => r.check.id === id))
        .flatMap((row) => {
          const cell = row?.cells[column];
          return row && cell?.result === 'fails' ? [`${row.check.id}: ${cell.errno ?? cell.detail}`] : [];
        });
      if (failing.length > 0) found.push({ call: call.name, calls: call.calls, because: failing.join('; ') });
    }
    if (found.length > 0) out.set(target.id, found);
  });
  return out;
}

/** The system calls the compat probe exercises (for tests and documentation). */
export const PROBED_CALLS: readonly string[] = Object.keys(CHECKS_OF);
