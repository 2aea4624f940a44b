/*
 * syscall: the cost of entering the kernel. Headline metric `getppid` (a raw syscall that does
 * almost nothing); extended metrics exercise /dev/zero, path lookup, futex and mmap.
 */
#define _GNU_SOURCE
#include "common.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct ctx {
  const char *file; /* an existing file: the binary itself unless --file says otherwise */
  int devzero;      /* /dev/zero, opened once */
  size_t page;
};

static uint32_t futex_word;

static uint64_t run_getppid(void *c, uint64_t n) {
  (void)c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) syscall(SYS_getppid);
  return bench_now_ns() - t0;
}

static uint64_t run_read_devzero(void *c, uint64_t n) {
  struct ctx *x = c;
  char byte;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++)
    if (read(x->devzero, &byte, 1) != 1) bench_die_errno("read /dev/zero");
  return bench_now_ns() - t0;
}

static uint64_t run_open_close(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    int fd = open(x->file, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || close(fd) != 0) bench_die_errno("open/close %s", x->file);
  }
  return bench_now_ns() - t0;
}

static uint64_t run_stat(void *c, uint64_t n) {
  struct ctx *x = c;
  struct stat st;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    if (stat(x->file, &st) != 0) bench_die_errno("stat %s", x->file);
    BENCH_KEEP(&st);
  }
  return bench_now_ns() - t0;
}

static uint64_t run_futex_wake(void *c, uint64_t n) {
  (void)c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++)
    if (syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) < 0)
      bench_die_errno("futex(FUTEX_WAKE_PRIVATE)");
  return bench_now_ns() - t0;
}

static uint64_t run_mmap_munmap(void *c, uint64_t n) {
  struct ctx *x = c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    void *p = mmap(NULL, x->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || munmap(p, x->page) != 0) bench_die_errno("mmap/munmap of one page");
  }
  return bench_now_ns() - t0;
}

#if defined(__x86_64__)
static uint64_t run_getpid_inline(void *c, uint64_t n) {
  (void)c;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    long ret;
    __asm__ __volatile__("syscall" : "=a"(ret) : "0"((long)SYS_getpid) : "rcx", "r11", "memory");
    BENCH_KEEP(ret);
  }
  return bench_now_ns() - t0;
}
#define GETPID_INLINE run_getpid_inline
#else
#define GETPID_INLINE NULL /* needs an x86_64 `syscall` instruction: skipped elsewhere */
#endif

static const struct metric {
  const char *name;
  bench_fn fn;
} METRICS[] = {
    {"getppid", run_getppid},           {"read_devzero_1b", run_read_devzero},
    {"open_close", run_open_close},     {"stat", run_stat},
    {"futex_wake", run_futex_wake},     {"mmap_munmap", run_mmap_munmap},
    {"getpid_inline", GETPID_INLINE},
};
#define METRIC_COUNT (sizeof METRICS / sizeof METRICS[0])

struct options {
  const char *file;
  const char *only; /* comma list, NULL for all */
};

static int on_option(const char *name, const char *value, void *p) {
  struct options *o = p;
  if (strcmp(name, "file") == 0) {
    if (!value[0]) bench_usage_error("invalid value for --file: '' (expected a path)");
    o->file = value;
  } else if (strcmp(name, "only") == 0) {
    o->only = value;
  } else {
    return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  struct options o = {NULL, NULL};
  bench_init(argc, argv, &opts, "  --file PATH     existing file for open_close and stat (default: this binary)\n"
                                "  --only LIST     comma-separated metrics (default: all)\n",
             on_option, &o);
  const char *names[METRIC_COUNT];
  for (size_t m = 0; m < METRIC_COUNT; m++) names[m] = METRICS[m].name;
  bench_only_check(o.only, names, METRIC_COUNT);

  struct ctx x;
  x.file = o.file ? o.file : (argc > 0 && strchr(argv[0], '/') ? argv[0] : "/proc/self/exe");
  x.page = (size_t)sysconf(_SC_PAGESIZE);
  x.devzero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
  if (x.devzero < 0) bench_die_errno("cannot open /dev/zero");
  struct stat st;
  if (stat(x.file, &st) != 0) bench_die_errno("cannot stat %s (use --file PATH)", x.file);

  for (size_t m = 0; m < METRIC_COUNT; m++) {
    if (!bench_only_has(o.only, METRICS[m].name)) continue;
    if (METRICS[m].fn == NULL) continue;
    bench_run(&opts, METRICS[m].name, BENCH_NS_PER_OP, METRICS[m].fn, &x);
  }
  bench_serve(&opts);
  close(x.devzero);
  return 0;
}
