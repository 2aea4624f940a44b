/**
 * The qualitative claims of gvisor-kata-tradeoffs.md, as claims on the compatibility probe's
 * checks (src/claims/compat-schema.ts), each with its section and the quoted text. Validated
 * when this module loads. Left out: what no check in a container can see (runsc leaving sockets
 * under /tmp/runsc, `docker commit`, containerd.toml settings, max_user_namespaces for Kata).
 */
import { compatClaimSchema, type CompatClaim, type CompatClaimInput } from './compat-schema.js';
import { TRADEOFFS_DOC } from './sources.js';

const INTRO = { document: TRADEOFFS_DOC, section: 'gVisor 和 Kata Containers 到底隔离谁?' };
const TRAPS = { document: TRADEOFFS_DOC, section: 'gVisor 的性能陷阱在哪?' };
const SUMMARY = { document: TRADEOFFS_DOC, section: '(summary, before the first heading)' };
const WHEN_KATA = { document: TRADEOFFS_DOC, section: '什么时候必须选 Kata?' };

const NO_PTRACE = 'gVisor 不支持 ptraceperf、某些 ioctl 调用,调试工具和 eBPF 程序大概率失效';
const KATA_TOOLS = 'Kata 容器里能跑 systemdstrace、甚至 dockerd 自身,但每个容器独占一个 VM,冷启动常超 300ms';
const NO_PROC_SYS = '默认禁用 procsysfs 挂载——若应用硬编码读取 /proc/mounts/sys/class/net/,会直接报 No such file or directory';

export const COMPAT_CLAIM_INPUTS: readonly CompatClaimInput[] = [
  {
    id: 'tradeoffs.compat.gvisor.no-ptrace', source: INTRO, quote: NO_PTRACE, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['ptrace_traceme', 'ptrace_attach', 'ptrace_peekdata'], expected: 'fails' }],
  },
  {
    id: 'tradeoffs.compat.gvisor.no-perf', source: INTRO, quote: NO_PTRACE, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['perf_event_software', 'perf_event_hardware'], expected: 'fails' }],
    note: 'a counter the host itself lacks (no PMU in this VM) cannot be judged and is left out',
  },
  {
    id: 'tradeoffs.compat.gvisor.some-ioctls', source: INTRO, quote: NO_PTRACE, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['pty_tcgets', 'pty_tiocgwinsz', 'fionread', 'siocgifconf', 'siocgifflags', 'siocgifhwaddr', 'blkgetsize64'], expected: 'fails', quantifier: 'any' }],
    note: '"some ioctls": holds when any of the probed ioctls fails; the probe asks only these seven',
  },
  {
    id: 'tradeoffs.compat.gvisor.no-ebpf', source: INTRO, quote: NO_PTRACE, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['bpf_map_create'], expected: 'fails' }],
    note: 'under least privilege bpf() fails under runc too (no CAP_SYS_ADMIN): compare with the runc column',
  },
  {
    id: 'tradeoffs.compat.gvisor.basic-calls', source: INTRO, quote: '两者都绕不开宿主机内核:gVisor 仍依赖 clonemmap 等基础调用',
    subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['fork_exec', 'vfork', 'thread_storm', 'mmap_shared', 'memfd_create'], expected: 'works' }],
    note: 'read as: clone and mmap work under gVisor (the probe cannot see which host calls the Sentry makes)',
  },
  {
    id: 'tradeoffs.compat.gvisor.poor-compat', source: SUMMARY, quote: 'gvisor 以用户态内核拦截系统调用,轻量但兼容性差',
    subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['io_uring_setup', 'userfaultfd', 'clone3', 'keyctl', 'fanotify', 'pidfd_open', 'personality', 'copy_file_range', 'proc_sys_kernel', 'sys_class_net', 'core_pattern', 'fsync', 'proc_meminfo'], expected: 'not-same-as-native', quantifier: 'any' }],
    note: 'read as: some kernel interfaces that work natively do not, or not the same way',
  },
  {
    id: 'tradeoffs.compat.gvisor.no-proc-mounts', source: TRAPS, quote: NO_PROC_SYS, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['proc_mounts'], expected: 'fails', errno: ['ENOENT'] }],
  },
  {
    id: 'tradeoffs.compat.gvisor.no-sys-class-net', source: TRAPS, quote: NO_PROC_SYS, subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['sys_class_net'], expected: 'fails', errno: ['ENOENT'] }],
  },
  {
    id: 'tradeoffs.compat.gvisor.host-net-resolv-conf', source: TRAPS,
    quote: 'runsc--network=host 模式不等于 Docker 的 host 网络:它仍走 netstack,DNS 解析走内置 UDP 栈,/etc/resolv.conf 不生效,得用 --dns 显式指定',
    subject: 'gVisor', tier: 'sandbox', requiresFlag: '--network=host',
    expect: [{ checks: ['dns_resolv_conf'], expected: 'fails' }],
    note: "the probe points /etc/resolv.conf at its own DNS server on 127.0.0.1 and asks through libresolv",
  },
  {
    id: 'tradeoffs.compat.gvisor.go-preemption', source: TRAPS,
    quote: 'Go 应用若启用了 GODEBUG=asyncpreemptoff=1,可能触发 gVisor 的信号处理缺陷,导致 goroutine 挂起无响应',
    subject: 'gVisor', tier: 'sandbox',
    expect: [{ checks: ['sigurg_busy_thread', 'thread_signal'], expected: 'fails', quantifier: 'any' }],
    note: "the probe sends SIGURG (Go's preemption signal) and SIGUSR1 to busy and sleeping threads; it does not run Go. \"may\": a pass here does not rule out the defect elsewhere",
  },
  {
    id: 'tradeoffs.compat.kata.strace', source: INTRO, quote: KATA_TOOLS, subject: 'Kata Containers', tier: 'vm',
    expect: [{ checks: ['ptrace_traceme', 'ptrace_attach', 'ptrace_peekdata'], expected: 'works' }],
  },
  {
    id: 'tradeoffs.compat.kata.systemd-dockerd', source: INTRO, quote: KATA_TOOLS, subject: 'Kata Containers', tier: 'vm',
    expect: [{ checks: ['mount_tmpfs', 'unshare_user', 'seccomp_filter', 'prctl', 'signalfd', 'inotify'], expected: 'works' }],
    note: 'read as: what systemd and dockerd need from the kernel (namespaces and mounts, seccomp, signalfd, inotify) works',
  },
  {
    id: 'tradeoffs.compat.kata.native-syscalls', source: WHEN_KATA, quote: '当你需要容器里运行不可信二进制、或必须保证 syscall 行为与物理机一致时,Kata 是更稳妥的选择',
    subject: 'Kata Containers', tier: 'vm',
    expect: [{ checks: ['io_uring_setup', 'userfaultfd', 'clone3', 'keyctl', 'pidfd_open', 'personality', 'copy_file_range', 'proc_sys_kernel', 'sys_class_net', 'proc_mounts', 'fsync', 'ptrace_attach', 'perf_event_software'], expected: 'same-as-native' }],
    note: 'its VM has its own kernel: what a container would see natively; least privilege still applies inside',
  },
];

export const COMPAT_CLAIMS: readonly CompatClaim[] = COMPAT_CLAIM_INPUTS.map((input) => {
  const parsed = compatClaimSchema.safeParse(input);
  if (!parsed.success) throw new Error(`invalid built-in compat claim ${input.id}: ${parsed.error.message}`);
  return parsed.data;
});
