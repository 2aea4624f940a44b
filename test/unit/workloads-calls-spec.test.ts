import { describe, expect, it } from 'vitest';
import { CALLS_METRICS, callsWorkload } from '../../src/workloads/calls-spec.js';

describe('calls workload spec', () => {
  const spec = callsWorkload((b) => ['--reps', String(b.repetitions)]);

  it('passes the budget and the tmpfs scratch directory, never the root filesystem one', () => {
    expect(spec.args({ repetitions: 3, repBudgetMs: 50, warmupMs: 50 }, { rootfs: '/tmp/a', tmpfs: '/dev/shm/b' })).toEqual(['--reps', '3', '--dir', '/dev/shm/b']);
  });

  it('asks for a read-only root, a tmpfs and a network only for loopback', () => {
    expect(spec.container).toEqual({ network: 'bridge', readonlyRootfs: true, tmpfs: { '/tmpfs': 'rw,size=16m' } });
  });

  it('names every metric the brief lists, each in ns/op', () => {
    const names = CALLS_METRICS.map((m) => m.name);
    const brief = [
      'read_64b', 'read_64k', 'write_64b', 'write_64k', 'openat_close', 'newfstatat', 'fstat', 'getdents64',
      'mmap_munmap', 'mprotect', 'brk', 'futex_pingpong', 'epoll_wait', 'poll', 'tcp_send_recv_64b',
      'unix_send_recv_64b', 'tcp_connect_accept', 'fork_exit_wait', 'fork_execve_wait', 'wait4_nohang', 'pipe_rtt',
      'page_fault',
      'file_fault_read_first', 'file_fault_read', 'file_fault_cow', 'file_fault_cow_apart',
    ];
    for (const n of brief) {
      expect(names).toContain(n);
    }
    expect(new Set(CALLS_METRICS.map((m) => m.unit))).toEqual(new Set(['ns/op']));
  });
});
