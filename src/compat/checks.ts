/**
 * The catalogue of the compatibility probe's checks (workloads/compat.c and workloads/compat/):
 * id, group, what it does and what "works" means. `compare` names readings of `observed`
 * that must equal the native column's for the check to count as working the same: a target
 * whose reading differs gets `differs` (src/compat/matrix.ts). Pure data.
 */
export const CHECK_GROUPS = ['tracing', 'introspection', 'kernel', 'files', 'ioctls', 'network', 'process'] as const;
export type CheckGroup = (typeof CHECK_GROUPS)[number];

export interface CompatCheck {
  readonly id: string;
  readonly group: CheckGroup;
  readonly description: string;
  /** what the probe requires to say `ok` */
  readonly works: string;
  /** readings compared with native's; a different reading is `differs` */
  readonly compare?: readonly string[];
}

type Row = readonly [id: string, description: string, works: string, compare?: readonly string[]];

function group(name: CheckGroup, rows: readonly Row[]): CompatCheck[] {
  return rows.map(([id, description, works, compare]) => ({ id, group: name, description, works, ...(compare ? { compare } : {}) }));
}

export const COMPAT_CHECKS: readonly CompatCheck[] = [
  ...group('tracing', [
    ['ptrace_traceme', 'a child asks to be traced (PTRACE_TRACEME), as strace and gdb launch programs', 'the child stops under its parent and continues'],
    ['ptrace_attach', 'PTRACE_ATTACH to a running child, as strace -p and gdb -p do', 'the child stops and the attach is seen'],
    ['ptrace_peekdata', "PTRACE_PEEKDATA of a known word in an attached child's memory", 'the word read equals the child\'s'],
    ['perf_event_software', 'perf_event_open of the task-clock software counter on the probe itself', 'the counter counts a busy loop'],
    ['perf_event_hardware', 'perf_event_open of the instructions hardware counter', 'the counter counts a busy loop (skipped where the CPU has no such counter)'],
    ['bpf_map_create', 'bpf(BPF_MAP_CREATE) of an array map, the first step of every eBPF tool', 'a map descriptor is returned'],
  ]),
  ...group('introspection', [
    ['proc_self_maps', '/proc/self/maps', 'readable, with a [stack] line'],
    ['proc_self_status', '/proc/self/status', 'readable, with Pid and CapEff'],
    ['proc_self_mountinfo', '/proc/self/mountinfo', 'readable, with the root mount'],
    ['proc_mounts', '/proc/mounts, which programs read to find filesystems', 'readable, with the root mount'],
    ['proc_cpuinfo', '/proc/cpuinfo: the CPU count a program sees (beside its affinity mask and the cgroup CPU limit)', 'readable, lists processors; differs when the count is not native\'s', ['cpus']],
    ['proc_meminfo', "/proc/meminfo: the MemTotal a program sees (beside the cgroup's memory limit)", 'readable, has MemTotal; differs when MemTotal is not native\'s (virtualised)', ['mem_total_kib']],
    ['proc_sys_kernel', '/proc/sys/kernel/osrelease and pid_max', 'readable; differs when the kernel release is not the host\'s', ['osrelease']],
    ['sys_class_net', '/sys/class/net, which programs list to find network interfaces', 'the directory lists at least one interface'],
    ['sys_fs_cgroup', '/sys/fs/cgroup', 'the directory lists at least one entry'],
  ]),
  ...group('kernel', [
    ['io_uring_setup', 'io_uring_setup of a 4-entry ring', 'a ring descriptor is returned'],
    ['userfaultfd', 'userfaultfd (user-mode-only) and its UFFDIO_API handshake', 'both succeed'],
    ['memfd_create', 'memfd_create, write, read back, F_SEAL_WRITE', 'all succeed'],
    ['clone3', 'clone3 of a plain child (glibc 2.34+ tries it first)', 'the child runs and exits'],
    ['unshare_user', 'unshare(CLONE_NEWUSER) in a child (rootless tools, sandboxes inside)', 'succeeds'],
    ['unshare_mount', 'unshare(CLONE_NEWNS) in a child', 'succeeds'],
    ['unshare_net', 'unshare(CLONE_NEWNET) in a child', 'succeeds'],
    ['mount_tmpfs', 'a tmpfs mounted in a private mount namespace (with a user namespace if need be)', 'the mount succeeds'],
    ['keyctl', 'add_key and KEYCTL_READ of a user key', 'the key is read back'],
    ['name_to_handle_at', 'name_to_handle_at of the scratch directory (NFS servers, fanotify users)', 'a handle is returned'],
    ['inotify', 'inotify watch of a directory, then a file created in it', 'an IN_CREATE event arrives'],
    ['fanotify', 'fanotify_init and a FAN_OPEN mark', 'both succeed'],
    ['signalfd', 'a blocked SIGUSR1 read through a signalfd', 'the signal is read'],
    ['timerfd', 'a 5 ms CLOCK_MONOTONIC timerfd', 'it fires within 2 s'],
    ['eventfd', 'an eventfd counter written and read', 'the value comes back'],
    ['pidfd_open', 'pidfd_open of a child, polled for its exit', 'readable when the child exits'],
    ['seccomp_filter', 'a seccomp filter installed inside (as Chrome, systemd and sandboxes do)', 'the filter makes getppid fail with the chosen errno'],
    ['prctl', 'PR_SET_NAME/PR_GET_NAME, PR_SET_CHILD_SUBREAPER, PR_SET_PDEATHSIG', 'all succeed'],
    ['personality', 'personality(ADDR_NO_RANDOMIZE), as setarch -R and gdb use', 'the flag is set and read back'],
    ['getrandom', 'getrandom of 32 bytes, non-blocking', '32 bytes, not all zero'],
    ['sched_setaffinity', 'pinning to one CPU of the affinity mask', 'the process runs on that CPU'],
    ['map_hugetlb', 'mmap of 2 MiB with MAP_HUGETLB', 'mapped and touched (skipped where no huge pages are reserved)'],
    ['madvise_hugepage', 'madvise(MADV_HUGEPAGE) of an aligned 2 MiB range', 'accepted'],
    ['vdso', 'the vDSO (AT_SYSINFO_EHDR in the auxiliary vector)', 'present and an ELF image'],
  ]),
  ...group('files', [
    ['o_direct', 'O_DIRECT write and read of an aligned 4 KiB block on the root filesystem', 'the block comes back'],
    ['fallocate', 'fallocate of 1 MiB', 'the file is 1 MiB'],
    ['copy_file_range', 'copy_file_range of 64 KiB', 'the copy is intact'],
    ['splice', 'splice from a pipe into a file', 'the bytes arrive'],
    ['sendfile', 'sendfile of 64 KiB file to file', 'the copy is intact'],
    ['fsync', 'fsync of 4 KiB writes on the root filesystem against tmpfs (median of 16)', 'it succeeds; differs when it reaches the device natively but not here (it takes no longer than on tmpfs)', ['reaches_device']],
    ['fdatasync', 'fdatasync, timed the same way', 'as fsync', ['reaches_device']],
    ['xattr', 'a user.* extended attribute set and read', 'the value comes back'],
    ['flock', 'flock LOCK_EX held, another process tries', 'the other process is refused'],
    ['fcntl_lock', 'a fcntl write lock held, another process asks F_GETLK', 'it names the holder'],
    ['mmap_shared', 'a MAP_SHARED file mapping written by another process', 'the write is seen through the mapping and by read()'],
  ]),
  ...group('ioctls', [
    ['pty_tcgets', 'TCGETS and TCSETS on a pty slave', 'both succeed'],
    ['pty_tiocgwinsz', 'TIOCSWINSZ on a pty master, TIOCGWINSZ on its slave', 'the size set is read back'],
    ['fionread', 'FIONREAD on a pipe with 5 bytes waiting', 'it says 5'],
    ['siocgifconf', 'SIOCGIFCONF: interfaces with an IPv4 address', 'at least one'],
    ['siocgifflags', 'SIOCGIFFLAGS of lo', 'IFF_LOOPBACK set'],
    ['siocgifhwaddr', 'SIOCGIFHWADDR of lo', 'family ARPHRD_LOOPBACK'],
    ['blkgetsize64', 'BLKGETSIZE64 of a block device that /proc/partitions names', 'its size agrees (skipped where no block device can be opened)'],
  ]),
  ...group('network', [
    ['netlink_route', 'an RTM_GETLINK dump over AF_NETLINK (ip link, every network manager)', 'at least one link listed'],
    ['af_packet', 'socket(AF_PACKET, SOCK_RAW), as tcpdump opens', 'the socket opens'],
    ['raw_icmp', 'a raw ICMP socket, as ping opens', 'the socket opens'],
    ['so_reuseport', 'two UDP sockets on one port with SO_REUSEPORT', 'both bind'],
    ['ipv6_loopback', 'TCP over [::1]', 'connects and carries 4 bytes'],
    ['tcp_info', 'TCP_INFO of an established loopback connection', 'state ESTABLISHED'],
    ['udp_loopback', 'a UDP datagram over 127.0.0.1', 'it arrives'],
    ['unix_scm_rights', 'a descriptor passed over a Unix socket (SCM_RIGHTS)', 'the passed descriptor works'],
    ['unix_scm_credentials', 'SCM_CREDENTIALS with SO_PASSCRED', "the sender's pid comes through"],
    ['dns_resolv_conf', "name resolution through /etc/resolv.conf, pointed at the probe's own DNS server on 127.0.0.1", "the probe's server answers the A query"],
  ]),
  ...group('process', [
    ['fork_exec', 'fork, then exec of the probe itself', 'the child exits with the code asked for'],
    ['vfork', 'vfork + exec', 'the child exits with the code asked for'],
    ['thread_storm', '100 threads at once', 'all run and are joined'],
    ['thread_signal', 'SIGUSR1 to one thread with tgkill', 'handled on that very thread'],
    ['sigurg_busy_thread', "50 SIGURG to a thread spinning in user space: Go's asynchronous preemption", 'each handled within 100 ms, nothing hangs'],
    ['setrlimit', 'RLIMIT_NOFILE lowered to 32, then descriptors opened', 'EMFILE after descriptor 31'],
    ['core_pattern', '/proc/sys/kernel/core_pattern, where core dumps go', 'readable; differs when not the host\'s', ['pattern']],
  ]),
];

export const CHECK_IDS: readonly string[] = COMPAT_CHECKS.map((c) => c.id);

export function checkById(id: string): CompatCheck | undefined {
  return COMPAT_CHECKS.find((c) => c.id === id);
}
