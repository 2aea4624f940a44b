/*
 * calls: per-operation cost of the system calls and events that dominate real programs, so that
 * `isobench predict` can price a program's system-call profile on each runtime. Each metric is
 * ns per operation; an operation is the call(s) its name says (src/predict/mapping.ts says how
 * each traced system call is priced from them). --dir PATH: a writable directory (tmpfs) for
 * the write and getdents64 metrics; the process also re-executes itself with --exec-child.
 */
#define _GNU_SOURCE
#include "common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define BIG (64 * 1024)
#define DIR_ENTRIES 16
#define FAULT_PAGES 256

struct ctx {
  const char *self; /* this binary: read, open, stat and execve */
  int self_fd, dir_fd, write_fd, epoll_fd, event_fd;
  int tcp[2], unix_sock[2], listen_fd;
  struct sockaddr_in listen_addr;
  pid_t sleeper;
  size_t page;
  uint64_t self_pages; /* whole pages of the binary */
  char base[4096], sub[4200], wfile[4300];
  char names[DIR_ENTRIES][4400];
  char *buf;
  char *prot_page; /* a page of its own for mprotect, never used for data */
};

static struct ctx *cleanup_ctx;

/* Async-signal-safe: kill the sleeping child, unlink the files made at start. */
static void cleanup(void) {
  struct ctx *x = cleanup_ctx;
  if (!x) return;
  if (x->sleeper > 0) kill(x->sleeper, SIGKILL);
  for (int i = 0; i < DIR_ENTRIES; i++) unlink(x->names[i]);
  unlink(x->wfile);
  rmdir(x->sub);
}

#define LOOP(...)                                  \
  uint64_t t0 = bench_now_ns();                    \
  for (uint64_t i = 0; i < n; i++) { __VA_ARGS__; } \
  return bench_now_ns() - t0;

static uint64_t read_64b(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (pread(x->self_fd, x->buf, 64, 0) != 64) bench_die_errno("pread 64 B"))
}
static uint64_t read_64k(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (pread(x->self_fd, x->buf, BIG, 0) != BIG) bench_die_errno("pread 64 KiB"))
}
static uint64_t write_64b(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (pwrite(x->write_fd, x->buf, 64, 0) != 64) bench_die_errno("pwrite 64 B"))
}
static uint64_t write_64k(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (pwrite(x->write_fd, x->buf, BIG, 0) != BIG) bench_die_errno("pwrite 64 KiB"))
}
static uint64_t openat_close(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(int fd = openat(AT_FDCWD, x->self, O_RDONLY | O_CLOEXEC); if (fd < 0 || close(fd) != 0) bench_die_errno("openat/close"))
}
static uint64_t newfstatat(void *c, uint64_t n) {
  struct ctx *x = c;
  struct stat st;
  LOOP(if (fstatat(AT_FDCWD, x->self, &st, 0) != 0) bench_die_errno("fstatat"); BENCH_KEEP(&st))
}
static uint64_t fstat_fd(void *c, uint64_t n) {
  struct ctx *x = c;
  struct stat st;
  LOOP(if (fstat(x->self_fd, &st) != 0) bench_die_errno("fstat"); BENCH_KEEP(&st))
}
static uint64_t getdents(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (lseek(x->dir_fd, 0, SEEK_SET) != 0 || syscall(SYS_getdents64, x->dir_fd, x->buf, BIG) <= 0) bench_die_errno("getdents64"))
}
static uint64_t mmap_munmap(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(void *p = mmap(NULL, x->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
       if (p == MAP_FAILED || munmap(p, x->page) != 0) bench_die_errno("mmap/munmap"))
}
/* the same with a page of a file (the binary), as a dynamic loader maps a library's segments */
static uint64_t mmap_file_munmap(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(void *p = mmap(NULL, x->page, PROT_READ, MAP_PRIVATE, x->self_fd, 0);
       if (p == MAP_FAILED || munmap(p, x->page) != 0) bench_die_errno("mmap/munmap of %s", x->self))
}
static uint64_t mprotect_page(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(if (mprotect(x->prot_page, x->page, (i & 1) ? PROT_READ | PROT_WRITE : PROT_READ) != 0) bench_die_errno("mprotect"))
}
/* one brk call per operation: grow by a page, then shrink back, in turn */
static uint64_t brk_call(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++)
    if (sbrk((i & 1) ? -(intptr_t)x->page : (intptr_t)x->page) == (void *)-1) bench_die_errno("brk");
  uint64_t ns = bench_now_ns() - t0;
  if (n & 1) sbrk(-(intptr_t)x->page);
  return ns;
}
/*
 * brk shrinking the heap by a page just written (the growing and the write untimed), as malloc trims the
 * top of its heap after a large free (sqlite on a fresh file: once a transaction). Under gVisor that takes the
 * page out of the host address space again, as an munmap of touched memory does (measured here: 143-344 us
 * against 7 natively), and the next touch of the heap grown again is a fresh allocation (page_fault_region).
 */
static uint64_t brk_shrink_written(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t ns = 0;
  for (uint64_t i = 0; i < n; i++) {
    char *p = sbrk((intptr_t)x->page);
    if (p == (void *)-1) bench_die_errno("brk");
    *(volatile char *)p = 1;
    uint64_t t0 = bench_now_ns();
    if (sbrk(-(intptr_t)x->page) == (void *)-1) bench_die_errno("brk");
    ns += bench_now_ns() - t0;
  }
  return ns;
}
static uint64_t epoll_wait_ready(void *c, uint64_t n) {
  struct ctx *x = c;
  struct epoll_event ev;
  LOOP(if (epoll_wait(x->epoll_fd, &ev, 1, 0) != 1) bench_die_errno("epoll_wait"))
}
static uint64_t poll_ready(void *c, uint64_t n) {
  struct ctx *x = c;
  struct pollfd p = {.fd = x->event_fd, .events = POLLIN};
  LOOP(if (poll(&p, 1, 0) != 1) bench_die_errno("poll"))
}
static void send_recv(int a, int b, char *buf, const char *what) {
  if (send(a, buf, 64, 0) != 64) bench_die_errno("sendto %s", what);
  size_t got = 0;
  while (got < 64) {
    ssize_t r = recv(b, buf + got, 64 - got, 0);
    if (r <= 0) bench_die_errno("recvfrom %s", what);
    got += (size_t)r;
  }
}
static uint64_t tcp_send_recv(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(send_recv(x->tcp[0], x->tcp[1], x->buf, "tcp"))
}
static uint64_t unix_send_recv(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(send_recv(x->unix_sock[0], x->unix_sock[1], x->buf, "unix"))
}
static uint64_t tcp_connect_accept(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0); struct linger rst = {1, 0};
       if (s >= 0) setsockopt(s, SOL_SOCKET, SO_LINGER, &rst, sizeof rst); /* RST on close: no TIME_WAIT pile-up */
       if (s < 0 || connect(s, (struct sockaddr *)&x->listen_addr, sizeof x->listen_addr) != 0) bench_die_errno("connect");
       int a = accept4(x->listen_fd, NULL, NULL, SOCK_CLOEXEC);
       if (a < 0) bench_die_errno("accept");
       close(s); close(a))
}
static void reap(pid_t pid, const char *what) {
  int status;
  if (pid < 0) bench_die_errno("fork (%s)", what);
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) bench_die("%s: the child failed", what);
}
static uint64_t fork_exit_wait(void *c, uint64_t n) {
  (void)c;
  LOOP(pid_t pid = fork(); if (pid == 0) _exit(0); reap(pid, "fork_exit_wait"))
}
static uint64_t fork_execve_wait(void *c, uint64_t n) {
  struct ctx *x = c;
  LOOP(pid_t pid = fork();
       if (pid == 0) { char *argv[] = {(char *)x->self, "--exec-child", NULL}; char *envp[] = {NULL}; execve(x->self, argv, envp); _exit(127); }
       reap(pid, "fork_execve_wait"))
}
static uint64_t wait4_nohang(void *c, uint64_t n) {
  struct ctx *x = c;
  int status;
  LOOP(if (wait4(x->sleeper, &status, WNOHANG, NULL) != 0) bench_die_errno("wait4 (WNOHANG)"))
}
static uint64_t page_fault(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t ns = 0;
  for (uint64_t done = 0; done < n;) {
    uint64_t pages = n - done < FAULT_PAGES ? n - done : FAULT_PAGES;
    char *p = mmap(NULL, pages * x->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) bench_die_errno("mmap for page faults");
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < pages; i++) p[i * x->page] = 1;
    ns += bench_now_ns() - t0;
    BENCH_CLOBBER();
    if (munmap(p, pages * x->page) != 0) bench_die_errno("munmap");
    done += pages;
  }
  return ns;
}

/*
 * First touch of a fresh 2 MiB-aligned region of a large anonymous mapping, as a growing heap or stack
 * makes them. gVisor gives private memory out in 2 MiB-aligned chunks (its privateAllocUnit), each clipped
 * to its mapping, and maps an anonymous mmap of up to 2 MiB whole at the mmap itself: page_fault, on
 * 1 MiB mappings, never finds a fresh chunk under gVisor, and a program's heap and stacks do. Measured
 * here: runsc 73-105 us on one host and 150-275 us on another, natively 2-3 and 20 us. Each operation
 * touches one page in the next region of a mapping of REGION_COUNT + 1 regions; mapping and unmapping are
 * untimed.
 */
#define REGION_BYTES (2u << 20)
#define REGION_COUNT 16
static uint64_t page_fault_region(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t ns = 0;
  for (uint64_t done = 0; done < n;) {
    uint64_t regions = n - done < REGION_COUNT ? n - done : REGION_COUNT;
    size_t len = (size_t)(regions + 1) * REGION_BYTES;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) bench_die_errno("mmap for region faults");
    volatile char *first = (char *)(((uintptr_t)p + REGION_BYTES - 1) & ~(uintptr_t)(REGION_BYTES - 1));
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < regions; i++) first[i * REGION_BYTES + x->page] = 1;
    ns += bench_now_ns() - t0;
    BENCH_CLOBBER();
    if (munmap(p, len) != 0) bench_die_errno("munmap");
    done += regions;
  }
  return ns;
}

/*
 * First touch of a private mapping of this binary (in the page cache, on the root filesystem like
 * a program's libraries), one operation per fault natively. A read, as of code and read-only
 * data: file_fault_read_first reads one page of a fresh mapping, file_fault_read one page in every
 * 64 KiB after an untimed first read (Linux maps the 16 pages around a read fault at once, so each
 * read is a fault of its own; gVisor maps much more at the first). A write is a copy on write, as
 * the dynamic loader makes of each library's data and GOT: file_fault_write_first writes the page of
 * a fresh one-page mapping, file_fault_write_first_64k the first page of a fresh 16-page one (gVisor
 * does far more than copy the page at the first write to a mapping: 0.5-3.5 ms here, growing with
 * the mapping; natively 5 us), file_fault_cow_apart one page in every 64 KiB, file_fault_cow the
 * pages after an untimed first write in turn (gVisor copies more than a page at a time, so the two
 * differ there). Each mapping covers the binary unless it says; mapping and unmapping are untimed.
 */
#define FAULT_APART_BYTES (64 * 1024)
struct fault_pattern {
  int write;
  int apart;         /* touches 64 KiB apart, else on every page in turn */
  int untimed_first; /* touch page 0 first, untimed */
  int one_per_map;   /* one timed touch per fresh mapping */
  uint64_t pages;    /* pages mapped (0: the whole binary) */
};
static uint64_t file_faults(struct ctx *x, uint64_t n, struct fault_pattern f) {
  uint64_t ns = 0;
  uint64_t stride = f.apart ? FAULT_APART_BYTES / x->page : 1;
  uint64_t first = f.untimed_first ? 1 : 0;
  uint64_t most = f.one_per_map ? 1 : x->self_pages / stride - first; /* timed touches per mapping */
  if (x->self_pages <= stride || x->self_pages < f.pages) bench_die("%s is too small to map for page faults", x->self);
  size_t len = (f.pages ? f.pages : x->self_pages) * x->page;
  for (uint64_t done = 0; done < n;) {
    uint64_t touches = n - done < most ? n - done : most;
    char *p = mmap(NULL, len, PROT_READ | (f.write ? PROT_WRITE : 0), MAP_PRIVATE, x->self_fd, 0);
    if (p == MAP_FAILED) bench_die_errno("mmap of %s for page faults", x->self);
    volatile char *v = p;
    char sink = 0;
    if (first) {
      if (f.write) v[0] = 1;
      else sink = v[0];
      v += stride * x->page;
    }
    uint64_t t0 = bench_now_ns();
    if (!f.write) {
      for (uint64_t i = 0; i < touches; i++) sink = (char)(sink + v[i * stride * x->page]);
    } else {
      for (uint64_t i = 0; i < touches; i++) v[i * stride * x->page] = 1;
    }
    ns += bench_now_ns() - t0;
    BENCH_KEEP(&sink);
    if (munmap(p, len) != 0) bench_die_errno("munmap");
    done += touches;
  }
  return ns;
}
/* {write, apart, untimed_first, one_per_map, pages} */
static const struct fault_pattern READ_FIRST = {0, 1, 0, 1, 0}, READ = {0, 1, 1, 0, 0};
static const struct fault_pattern WRITE_FIRST = {1, 1, 0, 1, 1};
static const struct fault_pattern WRITE_FIRST_64K = {1, 1, 0, 1, FAULT_APART_BYTES / 4096}; /* 16 pages of 4 KiB */
static const struct fault_pattern COW = {1, 0, 1, 0, 0}, COW_APART = {1, 1, 0, 0, 0};
static uint64_t file_fault_read_first(void *c, uint64_t n) { return file_faults(c, n, READ_FIRST); }
static uint64_t file_fault_read(void *c, uint64_t n) { return file_faults(c, n, READ); }
static uint64_t file_fault_write_first(void *c, uint64_t n) { return file_faults(c, n, WRITE_FIRST); }
static uint64_t file_fault_write_first_64k(void *c, uint64_t n) { return file_faults(c, n, WRITE_FIRST_64K); }
static uint64_t file_fault_cow(void *c, uint64_t n) { return file_faults(c, n, COW); }
static uint64_t file_fault_cow_apart(void *c, uint64_t n) { return file_faults(c, n, COW_APART); }

/*
 * A change of the address space over memory the program has touched, as a dynamic loader makes
 * them: it maps each library whole, reads its header, maps the segments over it (MAP_FIXED),
 * writes the relocations and makes them read-only (relro mprotect). gVisor must then take what it
 * had mapped into the host address space out again (measured here: 80-190 us for a MAP_FIXED mmap
 * anywhere in a mapping one page of which was read, 90-120 us for an mprotect of a written page,
 * 170-580 us for a munmap; 10-70 us untouched, natively 4-10 us either way). Each operation maps
 * the binary private, touches page 0 untimed (read; written for the mprotect), then times one
 * change: mmap_over_touched maps page 1 over (MAP_FIXED), mprotect_written makes page 0 read-only,
 * munmap_touched unmaps the whole mapping. The rest of the unmapping is untimed.
 */
enum touched_change { OVER_TOUCHED, PROTECT_WRITTEN, UNMAP_TOUCHED };
static uint64_t touched_changes(struct ctx *x, uint64_t n, enum touched_change c) {
  uint64_t ns = 0;
  size_t len = x->self_pages * x->page;
  if (x->self_pages < 2) bench_die("%s is too small to map for address-space changes", x->self);
  for (uint64_t i = 0; i < n; i++) {
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, x->self_fd, 0);
    if (p == MAP_FAILED) bench_die_errno("mmap of %s", x->self);
    volatile char *v = p;
    char sink = 0;
    if (c == PROTECT_WRITTEN) v[0] = 1;
    else sink = v[0];
    BENCH_KEEP(&sink);
    int failed;
    uint64_t t0 = bench_now_ns();
    if (c == OVER_TOUCHED)
      failed = mmap(p + x->page, x->page, PROT_READ, MAP_PRIVATE | MAP_FIXED, x->self_fd, 0) == MAP_FAILED;
    else if (c == PROTECT_WRITTEN) failed = mprotect(p, x->page, PROT_READ) != 0;
    else failed = munmap(p, len) != 0;
    ns += bench_now_ns() - t0;
    if (failed) bench_die_errno("address-space change over a touched mapping of %s", x->self);
    if (c != UNMAP_TOUCHED && munmap(p, len) != 0) bench_die_errno("munmap");
  }
  return ns;
}
static uint64_t mmap_over_touched(void *c, uint64_t n) { return touched_changes(c, n, OVER_TOUCHED); }
static uint64_t mprotect_written(void *c, uint64_t n) { return touched_changes(c, n, PROTECT_WRITTEN); }
static uint64_t munmap_touched(void *c, uint64_t n) { return touched_changes(c, n, UNMAP_TOUCHED); }

/*
 * A system call made after a stretch in user space, as a program makes most of its calls: under gVisor
 * (systrap) the Sentry and the stub thread spin a while for the next trap and then sleep, and a call
 * that finds them asleep pays their wake-up (measured here, getppid in a fresh runsc container on two
 * CPUs: 6-8 us after 0-10 us of user work, 15-21 us after 20-50 us, 19-28 us after 100-200 us; natively
 * 0.25 us at any). Each operation spins IDLE_NS in user space (reading the clock, which no runtime
 * here traps), then times one getppid alone; the spins are untimed.
 */
#define IDLE_NS 50000
#define LONG_IDLE_NS 500000
static uint64_t getppid_after(uint64_t n, uint64_t idle_ns) {
  uint64_t ns = 0;
  for (uint64_t i = 0; i < n; i++) {
    uint64_t until = bench_now_ns() + idle_ns;
    while (bench_now_ns() < until) {
    }
    uint64_t t0 = bench_now_ns();
    syscall(SYS_getppid);
    ns += bench_now_ns() - t0;
  }
  return ns;
}
static uint64_t getppid_after_idle(void *c, uint64_t n) {
  (void)c;
  return getppid_after(n, IDLE_NS);
}
/*
 * The same after 500 us: after a longer stretch the Sentry's threads sleep deeper (measured on a 2-vCPU PVM
 * guest: getppid 25-32 us after 10-150 us of user work, 66-69 after 200 us, 76 after 400 us, 79-106 after
 * 1 ms; an earlier host showed the step at 1-2 ms instead). Profiles count the calls after 200 us apart.
 */
static uint64_t getppid_after_long_idle(void *c, uint64_t n) {
  (void)c;
  return getppid_after(n, LONG_IDLE_NS);
}

/* Partner threads, pinned with the main thread to one CPU: a round trip is two context switches. */
static _Atomic uint32_t turn;
static int to_partner[2], from_partner[2];

static long futex(_Atomic uint32_t *word, int op, uint32_t val) {
  return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}
static void *futex_partner(void *arg) {
  (void)arg;
  for (;;) {
    while (atomic_load(&turn) == 0) futex(&turn, FUTEX_WAIT_PRIVATE, 0);
    atomic_store(&turn, 0);
    futex(&turn, FUTEX_WAKE_PRIVATE, 1);
  }
  return NULL;
}
/* one round trip: each side wakes the other and waits (2 FUTEX_WAKE + 2 FUTEX_WAIT) */
static uint64_t futex_pingpong(void *c, uint64_t n) {
  (void)c;
  LOOP(atomic_store(&turn, 1);
       if (futex(&turn, FUTEX_WAKE_PRIVATE, 1) < 0) bench_die_errno("futex wake");
       while (atomic_load(&turn) == 1) futex(&turn, FUTEX_WAIT_PRIVATE, 1))
}
static void *pipe_partner(void *arg) {
  (void)arg;
  char b;
  while (read(to_partner[0], &b, 1) == 1)
    if (write(from_partner[1], &b, 1) != 1) break;
  return NULL;
}
/* one round trip of a byte through two pipes (2 writes, 2 reads) */
static uint64_t pipe_rtt(void *c, uint64_t n) {
  (void)c;
  char b = 'x';
  LOOP(if (write(to_partner[1], &b, 1) != 1 || read(from_partner[0], &b, 1) != 1) bench_die_errno("pipe round trip"))
}

static const struct metric {
  const char *name;
  bench_fn fn;
} METRICS[] = {
    {"read_64b", read_64b},         {"read_64k", read_64k},
    {"write_64b", write_64b},       {"write_64k", write_64k},
    {"openat_close", openat_close}, {"newfstatat", newfstatat},
    {"fstat", fstat_fd},            {"getdents64", getdents},
    {"mmap_munmap", mmap_munmap},   {"mmap_file_munmap", mmap_file_munmap},
    {"mprotect", mprotect_page},    {"brk", brk_call},
    {"brk_shrink_written", brk_shrink_written},
    {"futex_pingpong", futex_pingpong},
    {"epoll_wait", epoll_wait_ready}, {"poll", poll_ready},
    {"tcp_send_recv_64b", tcp_send_recv}, {"unix_send_recv_64b", unix_send_recv},
    {"tcp_connect_accept", tcp_connect_accept}, {"fork_exit_wait", fork_exit_wait},
    {"fork_execve_wait", fork_execve_wait}, {"wait4_nohang", wait4_nohang},
    {"pipe_rtt", pipe_rtt},         {"page_fault", page_fault},
    {"page_fault_region", page_fault_region},
    {"file_fault_read_first", file_fault_read_first}, {"file_fault_read", file_fault_read},
    {"file_fault_cow", file_fault_cow}, {"file_fault_cow_apart", file_fault_cow_apart},
    {"file_fault_write_first", file_fault_write_first}, {"file_fault_write_first_64k", file_fault_write_first_64k},
    {"mmap_over_touched", mmap_over_touched}, {"mprotect_written", mprotect_written},
    {"munmap_touched", munmap_touched}, {"getppid_after_idle", getppid_after_idle},
    {"getppid_after_long_idle", getppid_after_long_idle},
};
#define METRIC_COUNT (sizeof METRICS / sizeof METRICS[0])

struct options {
  const char *dir;
  const char *only;
};

static int on_option(const char *name, const char *value, void *p) {
  struct options *o = p;
  if (strcmp(name, "dir") == 0) {
    if (!value[0]) bench_usage_error("invalid value for --dir: '' (expected a writable directory)");
    o->dir = value;
  } else if (strcmp(name, "only") == 0) {
    o->only = value;
  } else {
    return 0;
  }
  return 1;
}

static void make_files(struct ctx *x, const char *dir) {
  snprintf(x->base, sizeof x->base, "%s", dir);
  snprintf(x->sub, sizeof x->sub, "%s/calls-%d", x->base, (int)getpid());
  if (mkdir(x->sub, 0700) != 0) bench_die_errno("cannot create %s (use --dir PATH)", x->sub);
  snprintf(x->wfile, sizeof x->wfile, "%s/w", x->sub);
  for (int i = 0; i < DIR_ENTRIES; i++) snprintf(x->names[i], sizeof x->names[i], "%s/entry-%02d", x->sub, i);
  for (int i = 0; i < DIR_ENTRIES; i++) {
    int fd = open(x->names[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || close(fd) != 0) bench_die_errno("cannot create %s", x->names[i]);
  }
  x->write_fd = open(x->wfile, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  x->dir_fd = open(x->sub, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (x->write_fd < 0 || x->dir_fd < 0) bench_die_errno("cannot open files in %s", x->sub);
}

static void make_sockets(struct ctx *x) {
  int one = 1;
  x->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  memset(&x->listen_addr, 0, sizeof x->listen_addr);
  x->listen_addr.sin_family = AF_INET;
  x->listen_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof x->listen_addr;
  if (x->listen_fd < 0 || bind(x->listen_fd, (struct sockaddr *)&x->listen_addr, len) != 0 || listen(x->listen_fd, 128) != 0 ||
      getsockname(x->listen_fd, (struct sockaddr *)&x->listen_addr, &len) != 0)
    bench_die_errno("cannot listen on 127.0.0.1 (the container needs a loopback interface)");
  x->tcp[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (x->tcp[0] < 0 || connect(x->tcp[0], (struct sockaddr *)&x->listen_addr, len) != 0) bench_die_errno("connect to 127.0.0.1");
  x->tcp[1] = accept4(x->listen_fd, NULL, NULL, SOCK_CLOEXEC);
  if (x->tcp[1] < 0) bench_die_errno("accept");
  setsockopt(x->tcp[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(x->tcp[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, x->unix_sock) != 0) bench_die_errno("socketpair(AF_UNIX)");
}

static void start_partners(void) {
  cpu_set_t one;
  CPU_ZERO(&one);
  int cpu = sched_getcpu();
  CPU_SET(cpu < 0 ? 0 : cpu, &one);
  sched_setaffinity(0, sizeof one, &one); /* best effort: a runtime may ignore it */
  if (pipe2(to_partner, O_CLOEXEC) != 0 || pipe2(from_partner, O_CLOEXEC) != 0) bench_die_errno("pipe");
  pthread_t t;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setaffinity_np(&attr, sizeof one, &one);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  if (pthread_create(&t, &attr, futex_partner, NULL) != 0 || pthread_create(&t, &attr, pipe_partner, NULL) != 0)
    bench_die("cannot start the partner threads");
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--exec-child") == 0) return 0; /* fork_execve_wait's child */
  struct bench_opts opts = {0};
  struct options o = {NULL, NULL};
  bench_init(argc, argv, &opts,
             "  --dir PATH      writable directory (tmpfs) for the write and getdents64 metrics (default /tmp)\n"
             "  --only LIST     comma-separated metrics (default: all)\n",
             on_option, &o);
  const char *names[METRIC_COUNT];
  for (size_t m = 0; m < METRIC_COUNT; m++) names[m] = METRICS[m].name;
  bench_only_check(o.only, names, METRIC_COUNT);

  static struct ctx x;
  x.self = argc > 0 && strchr(argv[0], '/') ? argv[0] : "/proc/self/exe";
  x.page = (size_t)sysconf(_SC_PAGESIZE);
  x.buf = aligned_alloc(x.page, BIG);
  if (!x.buf) bench_die("out of memory");
  memset(x.buf, 'x', BIG);
  x.prot_page = mmap(NULL, x.page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (x.prot_page == MAP_FAILED) bench_die_errno("mmap");
  x.self_fd = open(x.self, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (x.self_fd < 0 || fstat(x.self_fd, &st) != 0) bench_die_errno("cannot open %s", x.self);
  if (st.st_size < BIG) bench_die("%s is smaller than 64 KiB", x.self);
  x.self_pages = (uint64_t)st.st_size / x.page;
  cleanup_ctx = &x;
  bench_set_cleanup(cleanup);
  make_files(&x, o.dir ? o.dir : "/tmp");
  make_sockets(&x);
  x.event_fd = eventfd(1, EFD_CLOEXEC);
  x.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data = {.fd = x.event_fd}};
  if (x.event_fd < 0 || x.epoll_fd < 0 || epoll_ctl(x.epoll_fd, EPOLL_CTL_ADD, x.event_fd, &ev) != 0) bench_die_errno("epoll");
  x.sleeper = fork();
  if (x.sleeper < 0) bench_die_errno("fork");
  if (x.sleeper == 0) {
    for (;;) pause();
  }
  start_partners();

  for (size_t m = 0; m < METRIC_COUNT; m++)
    if (bench_only_has(o.only, METRICS[m].name)) bench_run(&opts, METRICS[m].name, BENCH_NS_PER_OP, METRICS[m].fn, &x);
  cleanup();
  waitpid(x.sleeper, NULL, 0);
  return 0;
}
