import type { Budget, MetricSpec, WorkloadSpec } from './types.js';

function nsPerOp(name: string, description: string): MetricSpec {
  return { name, unit: 'ns/op', direction: 'lower-is-better', description };
}

/** The calls of workloads/calls.c, each priced per operation; src/predict/mapping.ts maps traced system calls onto them. */
export const CALLS_METRICS: readonly MetricSpec[] = [
  nsPerOp('read_64b', 'pread of 64 bytes from a file (the binary itself, in the page cache)'),
  nsPerOp('read_64k', 'pread of 64 KiB from the same file'),
  nsPerOp('write_64b', 'pwrite of 64 bytes to a file on tmpfs'),
  nsPerOp('write_64k', 'pwrite of 64 KiB to a file on tmpfs'),
  nsPerOp('openat_close', 'openat + close of an existing file (the binary)'),
  nsPerOp('newfstatat', 'fstatat of an existing file by path (the binary)'),
  nsPerOp('fstat', 'fstat of an open file descriptor'),
  nsPerOp('getdents64', 'lseek to 0 + getdents64 of a tmpfs directory of 16 entries'),
  nsPerOp('mmap_munmap', 'mmap + munmap of one anonymous page, never touched'),
  nsPerOp('mmap_file_munmap', 'mmap + munmap of one page of a file (the binary, private, read-only), never touched'),
  nsPerOp('mprotect', 'mprotect of one page, read-only and back in turn'),
  nsPerOp('brk', 'one brk call, growing and shrinking the heap by a page in turn'),
  nsPerOp('brk_shrink_written', 'brk shrinking the heap by a page just written (as malloc trims its heap)'),
  nsPerOp('futex_pingpong', 'futex round trip between two threads on one CPU: 2 FUTEX_WAKE + 2 FUTEX_WAIT'),
  nsPerOp('epoll_wait', 'epoll_wait with timeout 0 on an epoll set whose one eventfd is ready'),
  nsPerOp('poll', 'poll with timeout 0 of one ready eventfd'),
  nsPerOp('tcp_send_recv_64b', 'send + recv of 64 bytes over a connected TCP socket on 127.0.0.1 (TCP_NODELAY), one thread'),
  nsPerOp('unix_send_recv_64b', 'send + recv of 64 bytes over a Unix stream socket pair, one thread'),
  nsPerOp('tcp_connect_accept', 'socket + connect + accept4 + close of both ends on 127.0.0.1 (RST close, no TIME_WAIT)'),
  nsPerOp('fork_exit_wait', 'fork (clone) + the child exiting + waitpid'),
  nsPerOp('fork_execve_wait', 'fork + execve of the binary itself (exits at once) + waitpid'),
  nsPerOp('wait4_nohang', 'wait4 with WNOHANG on a child that keeps running'),
  nsPerOp('pipe_rtt', 'round trip of one byte through two pipes to a thread on the same CPU (2 writes, 2 reads)'),
  nsPerOp('page_fault', 'first write to a fresh anonymous page (mmap and munmap of 256-page blocks untimed)'),
  nsPerOp('page_fault_region', 'first write to a fresh 2 MiB region of a large anonymous mapping (mapping untimed)'),
  nsPerOp('file_fault_read_first', 'first read of a fresh private mapping of the binary (in the page cache)'),
  nsPerOp('file_fault_read', 'first read of a page of a private file mapping, one per 64 KiB, after the first'),
  nsPerOp('file_fault_write_first', 'first write to a fresh private one-page mapping of the binary: a copy on write'),
  nsPerOp('file_fault_write_first_64k', 'first write to a fresh private 16-page (64 KiB) mapping of the binary'),
  nsPerOp('file_fault_cow', 'copy on write of each page in turn of a private file mapping, after the first'),
  nsPerOp('file_fault_cow_apart', 'first write to a private file mapping, one page per 64 KiB: a copy on write'),
  nsPerOp('mmap_over_touched', 'mmap (MAP_FIXED) of a page of a file over a private mapping of it, one page read'),
  nsPerOp('mprotect_written', 'mprotect read-only of a written page of a private file mapping (a loader\'s relro)'),
  nsPerOp('munmap_touched', 'munmap of a private file mapping (the binary) one page of which was read'),
  nsPerOp('getppid_after_idle', 'getppid after 50 µs in user space (spin untimed): a call finding the runtime idle'),
  nsPerOp('getppid_after_long_idle', 'getppid after 500 µs in user space (spin untimed): the runtime asleep longer'),
];

/**
 * `calls`: the system calls that dominate real programs, priced per operation on each target so
 * that a profile can be priced (isobench predict). Least privilege: a read-only root, a tmpfs
 * for the write metrics, and network 'bridge' only because the TCP metrics need a loopback
 * interface that runsc with --network=host gives a container only on a network (like `net`).
 */
export function callsWorkload(budgetArgs: (budget: Budget) => string[]): WorkloadSpec {
  return {
    id: 'calls',
    description: 'per-operation cost of the calls that dominate real programs (read/write, open, stat, mmap, futex,'
      + ' sockets, fork/exec, page faults of memory and files)',
    binary: 'calls',
    metrics: CALLS_METRICS,
    needsScratch: true,
    args: (budget, scratch) => [...budgetArgs(budget), '--dir', scratch.tmpfs],
    container: { network: 'bridge', readonlyRootfs: true, tmpfs: { '/tmpfs': 'rw,size=16m' } },
  };
}
