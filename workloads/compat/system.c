/* Kernel interfaces that change the process itself: seccomp, prctl, personality, affinity, memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "probe.h"

static void seccomp_filter(struct result *r) {
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (ENOTTY & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {sizeof code / sizeof code[0], code};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return fails(r, errno, "PR_SET_NO_NEW_PRIVS");
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) return fails(r, errno, "PR_SET_SECCOMP with a filter");
  errno = 0;
  long got = syscall(SYS_getppid);
  if (got != -1 || errno != ENOTTY) return fails(r, 0, "the installed filter did not make getppid fail with ENOTTY (got %ld)", got);
  ok(r, "a seccomp filter installed inside made getppid fail with the chosen errno");
}

static void prctl_check(struct result *r) {
  char name[16] = {0};
  if (prctl(PR_SET_NAME, "isobench-probe", 0, 0, 0) != 0) return fails(r, errno, "PR_SET_NAME");
  if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0 || strcmp(name, "isobench-probe") != 0) return fails(r, errno, "PR_GET_NAME did not give the name back");
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) return fails(r, errno, "PR_SET_CHILD_SUBREAPER");
  if (prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0) != 0) return fails(r, errno, "PR_SET_PDEATHSIG");
  ok(r, "PR_SET_NAME/PR_GET_NAME round trip, PR_SET_CHILD_SUBREAPER, PR_SET_PDEATHSIG");
}

static void personality_check(struct result *r) {
  int current = personality(0xffffffff);
  if (current < 0) return fails(r, errno, "personality query");
  if (personality(current | ADDR_NO_RANDOMIZE) < 0) return fails(r, errno, "personality(ADDR_NO_RANDOMIZE) (what setarch -R and gdb do)");
  int now = personality(0xffffffff);
  if (!(now & ADDR_NO_RANDOMIZE)) return fails(r, 0, "ADDR_NO_RANDOMIZE did not stick (personality %#x)", now);
  ok(r, "personality(ADDR_NO_RANDOMIZE) set and read back");
}

static void getrandom_check(struct result *r) {
  unsigned char buf[32];
  ssize_t n = getrandom(buf, sizeof buf, GRND_NONBLOCK);
  if (n != (ssize_t)sizeof buf) return fails(r, errno, "getrandom of 32 bytes, non-blocking");
  int zero = 1;
  for (size_t i = 0; i < sizeof buf; i++) zero &= buf[i] == 0;
  if (zero) return fails(r, 0, "getrandom gave 32 zero bytes");
  ok(r, "getrandom gave 32 bytes without blocking");
}

static void affinity(struct result *r) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return fails(r, errno, "sched_getaffinity");
  int last = -1;
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET(c, &set)) last = c;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(last, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) return fails(r, errno, "sched_setaffinity to CPU %d", last);
  for (int i = 0; i < 10; i++) sched_yield();
  int on = sched_getcpu();
  observe_num(r, "cpu", on);
  if (on != last) return differs(r, "pinned to CPU %d, sched_getcpu says %d", last, on);
  ok(r, "pinned to CPU %d and ran there", last);
}

static void hugetlb(struct result *r) {
  char buf[32] = "?";
  long reserved = read_file("/proc/sys/vm/nr_hugepages", buf, sizeof buf) > 0 ? atol(buf) : -1;
  observe_num(r, "nr_hugepages", (double)reserved);
  size_t size = 2 << 20;
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
  if (p == MAP_FAILED) {
    int err = errno;
    if (err == ENOMEM && reserved == 0) return skipped(r, "no huge pages are reserved on this host (vm.nr_hugepages = 0): MAP_HUGETLB cannot be judged");
    return fails(r, err, "mmap of 2 MiB with MAP_HUGETLB (vm.nr_hugepages %ld)", reserved);
  }
  memset(p, 1, size);
  ok(r, "mmap of 2 MiB with MAP_HUGETLB, touched");
}

static void madvise_huge(struct result *r) {
  size_t size = 4 << 20;
  char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return fails(r, errno, "mmap of 4 MiB");
  char *aligned = (char *)(((unsigned long)p + (2 << 20) - 1) & ~((2UL << 20) - 1));
  if (madvise(aligned, 2 << 20, MADV_HUGEPAGE) != 0) return fails(r, errno, "madvise(MADV_HUGEPAGE) of an aligned 2 MiB range");
  ok(r, "madvise(MADV_HUGEPAGE) accepted");
}

static void vdso(struct result *r) {
  unsigned long base = getauxval(AT_SYSINFO_EHDR);
  observe_num(r, "present", base != 0);
  if (!base) return fails(r, 0, "no AT_SYSINFO_EHDR in the auxiliary vector: no vDSO, every clock read is a system call");
  if (memcmp((void *)base, "\177ELF", 4) != 0) return fails(r, 0, "AT_SYSINFO_EHDR does not point at an ELF image");
  ok(r, "the vDSO is mapped (AT_SYSINFO_EHDR points at an ELF image)");
}

const struct check SYSTEM_CHECKS[] = {
    {"seccomp_filter", "kernel", seccomp_filter, 5},
    {"prctl", "kernel", prctl_check, 5},
    {"personality", "kernel", personality_check, 5},
    {"getrandom", "kernel", getrandom_check, 5},
    {"sched_setaffinity", "kernel", affinity, 5},
    {"map_hugetlb", "kernel", hugetlb, 5},
    {"madvise_hugepage", "kernel", madvise_huge, 5},
    {"vdso", "kernel", vdso, 5},
    {NULL, NULL, NULL, 0},
};
