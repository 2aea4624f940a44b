/* Tracing and introspection: ptrace, perf_event_open, bpf, /proc and /sys. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static volatile long peek_target = 0x15ab3c4d5e6f7081L;

static void ptrace_traceme(struct result *r) {
  pid_t pid = fork();
  if (pid == 0) {
    if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) _exit(10 + errno);
    raise(SIGSTOP);
    _exit(0);
  }
  int status = wait_child(pid, 3000);
  if (status == -1) return fails(r, ETIMEDOUT, "the traced child neither stopped nor exited");
  if (WIFEXITED(status)) return fails(r, WEXITSTATUS(status) - 10, "PTRACE_TRACEME failed in the child");
  if (!WIFSTOPPED(status)) return fails(r, 0, "the child did not stop under its tracer (status %#x)", status);
  ptrace(PTRACE_CONT, pid, NULL, NULL);
  status = wait_child(pid, 3000);
  if (status == -1 || !WIFEXITED(status)) return fails(r, 0, "the traced child did not run on after PTRACE_CONT");
  ok(r, "a child called PTRACE_TRACEME, stopped, was seen stopped by its parent and continued");
}

/* Attaches to a child that sleeps; with `peek`, reads a word of its memory. */
static void attach(struct result *r, int peek) {
  pid_t pid = fork();
  if (pid == 0) {
    peek_target ^= 0; /* the same value in the child */
    for (;;) pause();
  }
  if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) != 0) {
    int err = errno;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return fails(r, err, "PTRACE_ATTACH to a child of the probe");
  }
  int status;
  if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status)) {
    kill(pid, SIGKILL);
    return fails(r, 0, "the attached child never stopped");
  }
  if (!peek) {
    ptrace(PTRACE_DETACH, pid, NULL, NULL);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return ok(r, "attached to a running child and saw it stop");
  }
  errno = 0;
  long word = ptrace(PTRACE_PEEKDATA, pid, (void *)&peek_target, NULL);
  int err = errno;
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  if (err) return fails(r, err, "PTRACE_PEEKDATA of the attached child");
  if (word != peek_target) return fails(r, 0, "PTRACE_PEEKDATA read %#lx, the child holds %#lx", word, peek_target);
  ok(r, "read a known word of the attached child's memory with PTRACE_PEEKDATA");
}

static void ptrace_attach(struct result *r) { attach(r, 0); }
static void ptrace_peekdata(struct result *r) { attach(r, 1); }

static void perf_event(struct result *r, uint32_t type, uint64_t config, const char *what) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = type;
  attr.config = config;
  attr.disabled = 1;
  attr.exclude_kernel = 1;
  attr.exclude_hv = 1;
  char paranoid[32] = "?";
  if (read_file("/proc/sys/kernel/perf_event_paranoid", paranoid, sizeof paranoid) > 0) paranoid[strcspn(paranoid, "\n")] = 0;
  observe_str(r, "perf_event_paranoid", paranoid);
  int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  if (fd < 0) {
    int err = errno;
    if (type == PERF_TYPE_HARDWARE && (err == ENOENT || err == EOPNOTSUPP))
      return skipped(r, "perf_event_open of %s: %s: the (virtual) CPU has no hardware counter for it, so it cannot be judged here", what, errno_name(err));
    return fails(r, err, "perf_event_open of %s on the probe itself (perf_event_paranoid %s)", what, paranoid);
  }
  ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
  volatile uint64_t x = 0;
  for (int i = 0; i < 2000000; i++) x += (uint64_t)i;
  ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
  uint64_t count = 0;
  if (read(fd, &count, sizeof count) != sizeof count) return fails(r, errno, "read of the %s counter", what);
  observe_num(r, "count", (double)count);
  if (count == 0) return fails(r, 0, "the %s counter read 0 after 2 million loop iterations", what);
  ok(r, "counted %s of a busy loop: %llu", what, (unsigned long long)count);
}

static void perf_software(struct result *r) { perf_event(r, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK, "task-clock (software)"); }
static void perf_hardware(struct result *r) { perf_event(r, PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, "instructions (hardware)"); }

static void bpf_map(struct result *r) {
  union bpf_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.map_type = BPF_MAP_TYPE_ARRAY;
  attr.key_size = 4;
  attr.value_size = 8;
  attr.max_entries = 1;
  int fd = (int)syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof attr);
  if (fd < 0) return fails(r, errno, "bpf(BPF_MAP_CREATE) of a one-entry array map");
  ok(r, "bpf(BPF_MAP_CREATE) made an array map (eBPF tools need at least this)");
}

/* Reads a file and checks that it contains `needle`. */
static void proc_file(struct result *r, const char *path, const char *needle) {
  static char buf[1 << 16];
  long n = read_file(path, buf, sizeof buf);
  if (n < 0) return fails(r, errno, "open/read %s", path);
  int lines = 0;
  for (long i = 0; i < n; i++) lines += buf[i] == '\n';
  observe_num(r, "lines", lines);
  if (!strstr(buf, needle)) return fails(r, 0, "%s has %d lines but no '%s'", path, lines, needle);
  note("%s: %d lines, first: %.*s", path, lines, (int)strcspn(buf, "\n"), buf);
  ok(r, "%s read: %d lines, '%s' present", path, lines, needle);
}

static void proc_self_maps(struct result *r) { proc_file(r, "/proc/self/maps", "[stack]"); }
static void proc_self_mountinfo(struct result *r) { proc_file(r, "/proc/self/mountinfo", " / "); }
static void proc_mounts(struct result *r) { proc_file(r, "/proc/mounts", " / "); }

static void proc_self_status(struct result *r) {
  char buf[8192];
  if (read_file("/proc/self/status", buf, sizeof buf) < 0) return fails(r, errno, "open/read /proc/self/status");
  char *cap = strstr(buf, "CapEff:");
  char *pid = strstr(buf, "\nPid:");
  if (!cap || !pid) return fails(r, 0, "/proc/self/status lacks Pid: or CapEff:");
  char capeff[32] = "";
  sscanf(cap, "CapEff: %31s", capeff);
  observe_str(r, "cap_eff", capeff);
  ok(r, "/proc/self/status has Pid and CapEff (%s: the capabilities this probe holds)", capeff);
}

/* The CPU limit of the cgroup (v2 cpu.max or v1 cfs quota), in CPUs; 0 when unlimited or unknown. */
static double cgroup_cpus(void) {
  char buf[128];
  long quota = 0, period = 0;
  if (read_file("/sys/fs/cgroup/cpu.max", buf, sizeof buf) > 0 && sscanf(buf, "%ld %ld", &quota, &period) == 2)
    return period > 0 ? (double)quota / (double)period : 0;
  if (read_file("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", buf, sizeof buf) > 0) quota = atol(buf);
  if (read_file("/sys/fs/cgroup/cpu/cpu.cfs_period_us", buf, sizeof buf) > 0) period = atol(buf);
  return quota > 0 && period > 0 ? (double)quota / (double)period : 0;
}

static void proc_cpuinfo(struct result *r) {
  static char buf[1 << 18];
  if (read_file("/proc/cpuinfo", buf, sizeof buf) < 0) return fails(r, errno, "open/read /proc/cpuinfo");
  int cpus = 0;
  for (char *p = buf; (p = strstr(p, "processor")) != NULL; p++)
    if (p == buf || p[-1] == '\n') cpus++;
  cpu_set_t set;
  int affinity = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
  observe_num(r, "cpus", cpus);
  observe_num(r, "cpus_affinity", affinity);
  observe_num(r, "cpus_online", (double)sysconf(_SC_NPROCESSORS_ONLN));
  double limit = cgroup_cpus();
  observe_num(r, "cgroup_cpus", limit);
  if (cpus == 0) return fails(r, 0, "/proc/cpuinfo lists no processor");
  ok(r, "/proc/cpuinfo lists %d CPUs; affinity mask %d; cgroup CPU limit %s", cpus, affinity, limit > 0 ? "set" : "none");
}

static void proc_meminfo(struct result *r) {
  char buf[8192];
  if (read_file("/proc/meminfo", buf, sizeof buf) < 0) return fails(r, errno, "open/read /proc/meminfo");
  long total = 0;
  char *p = strstr(buf, "MemTotal:");
  if (!p || sscanf(p, "MemTotal: %ld", &total) != 1) return fails(r, 0, "/proc/meminfo has no MemTotal");
  observe_num(r, "mem_total_kib", (double)total);
  char lim[64] = "";
  long long limit = 0;
  if (read_file("/sys/fs/cgroup/memory.max", lim, sizeof lim) > 0 || read_file("/sys/fs/cgroup/memory/memory.limit_in_bytes", lim, sizeof lim) > 0)
    limit = atoll(lim);
  if (limit > 0 && limit < (1LL << 60)) observe_num(r, "cgroup_limit_kib", (double)(limit / 1024));
  ok(r, "MemTotal %ld KiB; cgroup memory limit %s", total, limit > 0 && limit < (1LL << 60) ? lim : "none seen");
  r->detail[strcspn(r->detail, "\n")] = 0;
}

static void proc_sys_kernel(struct result *r) {
  char release[128], pidmax[32];
  if (read_file("/proc/sys/kernel/osrelease", release, sizeof release) < 0) return fails(r, errno, "read /proc/sys/kernel/osrelease");
  release[strcspn(release, "\n")] = 0;
  observe_str(r, "osrelease", release);
  if (read_file("/proc/sys/kernel/pid_max", pidmax, sizeof pidmax) < 0) return fails(r, errno, "read /proc/sys/kernel/pid_max");
  pidmax[strcspn(pidmax, "\n")] = 0;
  ok(r, "/proc/sys/kernel/osrelease says %s, pid_max %s", release, pidmax);
}

static void list_dir(struct result *r, const char *path) {
  DIR *d = opendir(path);
  if (!d) return fails(r, errno, "opendir %s", path);
  char names[300] = "";
  int count = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    count++;
    if (strlen(names) + strlen(e->d_name) + 2 < sizeof names) {
      if (names[0]) strcat(names, " ");
      strcat(names, e->d_name);
    }
  }
  closedir(d);
  observe_num(r, "entries", count);
  if (count == 0) return fails(r, 0, "%s is empty", path);
  ok(r, "%s lists %d entries: %s", path, count, names);
}

static void sys_class_net(struct result *r) { list_dir(r, "/sys/class/net"); }
static void sys_fs_cgroup(struct result *r) { list_dir(r, "/sys/fs/cgroup"); }

const struct check INTROSPECT_CHECKS[] = {
    {"ptrace_traceme", "tracing", ptrace_traceme, 5},
    {"ptrace_attach", "tracing", ptrace_attach, 5},
    {"ptrace_peekdata", "tracing", ptrace_peekdata, 5},
    {"perf_event_software", "tracing", perf_software, 5},
    {"perf_event_hardware", "tracing", perf_hardware, 5},
    {"bpf_map_create", "tracing", bpf_map, 5},
    {"proc_self_maps", "introspection", proc_self_maps, 5},
    {"proc_self_status", "introspection", proc_self_status, 5},
    {"proc_self_mountinfo", "introspection", proc_self_mountinfo, 5},
    {"proc_mounts", "introspection", proc_mounts, 5},
    {"proc_cpuinfo", "introspection", proc_cpuinfo, 5},
    {"proc_meminfo", "introspection", proc_meminfo, 5},
    {"proc_sys_kernel", "introspection", proc_sys_kernel, 5},
    {"sys_class_net", "introspection", sys_class_net, 5},
    {"sys_fs_cgroup", "introspection", sys_fs_cgroup, 5},
    {NULL, NULL, NULL, 0},
};
