/**
 * How a traced system call is priced: by a metric the `calls` (or `syscall`) workload measures,
 * as a share of one of its operations, or else by the median price of its class.
 *
 * A metric's value is ns per OPERATION, and some operations are several calls: mmap_munmap is
 * one mmap and one munmap (each priced at half), futex_pingpong is 2 FUTEX_WAKE + 2 FUTEX_WAIT
 * (a quarter each), a send/recv pair is half each. `minus` takes another operation off: an
 * execve is fork_execve_wait less fork_exit_wait; an openat is openat_close less a close, which
 * is priced like fstat (an fd-table operation with no copy). strace -c gives counts, not sizes
 * or socket families: reads and writes are priced at 64 bytes, sends and receives as TCP.
 */
import type { FaultKinds } from '../profile/perf-faults.js';

export type CallClass = 'cheap' | 'file' | 'memory' | 'network' | 'process';
export const CALL_CLASSES: readonly CallClass[] = ['cheap', 'file', 'memory', 'network', 'process'];

export interface MetricRef {
  readonly workload: 'calls' | 'syscall';
  readonly metric: string;
  /** calls of this kind in one operation of the metric, as a share (0.5: two calls per operation) */
  readonly share: number;
}

export interface Pricing {
  readonly cls: CallClass;
  readonly from: MetricRef;
  readonly minus?: MetricRef;
}

const calls = (metric: string, share = 1): MetricRef => ({ workload: 'calls', metric, share });
const GETPPID: MetricRef = { workload: 'syscall', metric: 'getppid', share: 1 };

const TABLE: readonly (readonly [names: readonly string[], pricing: Pricing])[] = [
  [['read', 'pread64', 'readv', 'preadv', 'preadv2'], { cls: 'file', from: calls('read_64b') }],
  [['write', 'pwrite64', 'writev', 'pwritev', 'pwritev2'], { cls: 'file', from: calls('write_64b') }],
  [['openat', 'open', 'openat2', 'creat'], { cls: 'file', from: calls('openat_close'), minus: calls('fstat') }],
  [['close'], { cls: 'file', from: calls('fstat') }],
  [['newfstatat', 'stat', 'lstat', 'statx', 'access', 'faccessat', 'faccessat2', 'readlink', 'readlinkat'], { cls: 'file', from: calls('newfstatat') }],
  [['fstat'], { cls: 'file', from: calls('fstat') }],
  [['getdents64', 'getdents'], { cls: 'file', from: calls('getdents64') }],
  [['mmap', 'munmap'], { cls: 'memory', from: calls('mmap_munmap', 0.5) }],
  [['mprotect'], { cls: 'memory', from: calls('mprotect') }],
  [['brk'], { cls: 'memory', from: calls('brk') }],
  [['futex'], { cls: 'process', from: calls('futex_pingpong', 0.25) }],
  [['epoll_wait', 'epoll_pwait', 'epoll_pwait2'], { cls: 'network', from: calls('epoll_wait') }],
  [['poll', 'ppoll', 'select', 'pselect6'], { cls: 'network', from: calls('poll') }],
  [['sendto', 'recvfrom', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg'], { cls: 'network', from: calls('tcp_send_recv_64b', 0.5) }],
  [['accept', 'accept4', 'connect'], { cls: 'network', from: calls('tcp_connect_accept', 0.5) }],
  [['clone', 'clone3', 'fork', 'vfork'], { cls: 'process', from: calls('fork_exit_wait') }],
  [['execve', 'execveat'], { cls: 'process', from: calls('fork_execve_wait'), minus: calls('fork_exit_wait') }],
  [['wait4', 'waitid'], { cls: 'process', from: calls('wait4_nohang') }],
  [
    ['getppid', 'getpid', 'gettid', 'getuid', 'geteuid', 'getgid', 'getegid', 'getpgrp', 'getpgid', 'getsid', 'sched_yield', 'rt_sigprocmask', 'rt_sigaction', 'set_tid_address', 'set_robust_list', 'rseq', 'arch_prctl', 'prlimit64', 'getrlimit', 'umask', 'uname', 'sysinfo', 'getrandom', 'rt_sigreturn', 'sched_getaffinity', 'capget', 'getcwd', 'time', 'gettimeofday', 'clock_gettime', 'clock_getres'],
    { cls: 'cheap', from: GETPPID },
  ],
];

/** Classes of calls with no metric of their own (anything not named here is `cheap`). */
const CLASS_OF: Readonly<Record<string, CallClass>> = Object.fromEntries([
  ...['lseek', 'ioctl', 'fcntl', 'dup', 'dup2', 'dup3', 'pipe', 'pipe2', 'unlink', 'unlinkat', 'rename', 'renameat', 'renameat2', 'mkdir', 'mkdirat', 'rmdir', 'chdir', 'fchdir', 'fsync', 'fdatasync', 'ftruncate', 'truncate', 'chmod', 'fchmod', 'fchmodat', 'chown', 'fchown', 'fchownat', 'utimensat', 'statfs', 'fstatfs', 'flock', 'fadvise64', 'sendfile', 'copy_file_range', 'splice', 'symlink', 'symlinkat', 'link', 'linkat', 'inotify_add_watch', 'eventfd2', 'memfd_create', 'getxattr', 'lgetxattr', 'fgetxattr', 'listxattr'].map((n) => [n, 'file' as const]),
  ...['madvise', 'mremap', 'msync', 'mlock', 'munlock', 'mincore', 'membarrier', 'shmat', 'shmdt', 'shmget'].map((n) => [n, 'memory' as const]),
  ...['socket', 'socketpair', 'bind', 'listen', 'setsockopt', 'getsockopt', 'getsockname', 'getpeername', 'shutdown', 'epoll_create1', 'epoll_create', 'epoll_ctl'].map((n) => [n, 'network' as const]),
  // No call falls into the process class by default: its members (fork, execve, a futex round trip) cost
  // a process's creation or a context switch, which kill, prctl, setsid or exit_group do not (an exit is
  // in fork_exit_wait already); those, and sleeps (whose time is waiting, not the call), are cheap.
]);

const PRICED: ReadonlyMap<string, Pricing> = new Map(TABLE.flatMap(([names, pricing]) => names.map((n) => [n, pricing] as const)));

/** Every distinct pricing of the table (the members whose prices make up each class's median). */
export const PRICINGS: readonly Pricing[] = TABLE.map(([, pricing]) => pricing);

export type Priced = { readonly kind: 'metric'; readonly pricing: Pricing } | { readonly kind: 'class'; readonly cls: CallClass };

/** How one system call by its strace name is priced. */
export function pricingOf(name: string): Priced {
  const pricing = PRICED.get(name);
  if (pricing) return { kind: 'metric', pricing };
  return { kind: 'class', cls: CLASS_OF[name] ?? 'cheap' };
}

/**
 * A file's mmap (a library's segment, a data file), where the profile tells mmaps apart
 * (src/profile/perf-mmaps.ts): half of mapping and unmapping a page of a file. The table's `mmap`
 * (half of an anonymous page's) prices the anonymous ones, and every mmap of a profile that does
 * not tell them apart; a munmap says nothing of what it unmaps and stays priced as anonymous.
 */
export const MMAP_FILE: Pricing = { cls: 'memory', from: calls('mmap_file_munmap', 0.5) };

/**
 * The address-space changes over touched memory, where the profile counts them (src/profile/perf-remaps.ts):
 * each priced by the calls metric that makes one; the rest of the calls keep the table's price
 * (an untouched page's mmap, mprotect or munmap).
 */
export const MMAP_OVER_TOUCHED: Pricing = { cls: 'memory', from: calls('mmap_over_touched') };
export const MPROTECT_WRITTEN: Pricing = { cls: 'memory', from: calls('mprotect_written') };
export const MUNMAP_TOUCHED: Pricing = { cls: 'memory', from: calls('munmap_touched') };
export const BRK_SHRINK_WRITTEN: Pricing = { cls: 'memory', from: calls('brk_shrink_written') };

/**
 * A call made after a stretch in user space, where the profile counts them (src/profile/perf-idle.ts): the
 * wake-up it pays beside its own price, a getppid after 50 µs of user work less one back to back.
 */
export const AFTER_IDLE: Pricing = { cls: 'cheap', from: calls('getppid_after_idle'), minus: GETPPID };

/** A call after a long stretch (perf-idle.ts, LONG_IDLE_GAP_US): a getppid after 500 µs of user work, less one. */
export const AFTER_LONG_IDLE: Pricing = { cls: 'cheap', from: calls('getppid_after_long_idle'), minus: GETPPID };

/** The metric page faults are priced by (first touch of a fresh anonymous page). */
export const PAGE_FAULT: MetricRef = calls('page_fault');

/** Each kind of page fault a profile tells apart (src/profile/perf-faults.ts) and the metric that prices it. */
export interface FaultPrice {
  readonly kind: keyof FaultKinds;
  readonly name: string;
  readonly ref: MetricRef;
}
export const FAULT_PRICES: readonly FaultPrice[] = [
  { kind: 'anonymous', name: 'page faults (anonymous)', ref: PAGE_FAULT },
  {
    kind: 'anonymousRegion',
    name: 'page faults (anonymous, first in a 2 MiB region)',
    ref: calls('page_fault_region'),
  },
  { kind: 'fileReadFirst', name: 'page faults (file read, first)', ref: calls('file_fault_read_first') },
  { kind: 'fileRead', name: 'page faults (file read)', ref: calls('file_fault_read') },
  { kind: 'fileWriteFirst', name: 'page faults (file write, first)', ref: calls('file_fault_write_first') },
  {
    kind: 'fileWriteFirst64k',
    name: 'page faults (file write, first, 64 KiB)',
    ref: calls('file_fault_write_first_64k'),
  },
  { kind: 'fileWrite', name: 'page faults (file write, next)', ref: calls('file_fault_cow') },
  { kind: 'fileWriteApart', name: 'page faults (file write, apart)', ref: calls('file_fault_cow_apart') },
];
