/*
 * fileio: small-file operations on each directory given as --dir PATH:LABEL (rootfs, tmpfs).
 * Metrics per label: create_write_close, open_read_close, stat, unlink of a 4 KiB file (ns/op).
 * Files live in a unique subdirectory, at most SLOTS + 1 of them at a time (about 4 MiB), and
 * are removed before exit, on errors and on SIGINT/SIGTERM too. Set-up and clean-up are never
 * timed.
 */
#define _GNU_SOURCE
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SLOTS 1000
#define FILE_BYTES 4096
#define MAX_DIRS 8
#define MAX_LABEL 32

struct dir {
  const char *base;
  char label[MAX_LABEL];
  int created_base;
  char *sub;            /* base/isobench-fileio-XXXXXX, NULL until made */
  char *existing;       /* sub/existing: a FILE_BYTES file for open_read_close and stat */
  char *slot[SLOTS];    /* sub/s0 .. sub/s999: files created and removed in batches */
  volatile int used;    /* slots that may exist (high-water mark), for the clean-up */
};

static struct dir dirs[MAX_DIRS];
static volatile int dir_count;
static char data[FILE_BYTES];
static const char *only; /* --only: comma list of operations, NULL for all */

/* Async-signal-safe: only unlink and rmdir on paths computed before any file existed. */
static void cleanup(void) {
  for (int d = 0; d < dir_count; d++) {
    struct dir *x = &dirs[d];
    if (x->sub == NULL) continue;
    for (int i = 0; i < x->used; i++) unlink(x->slot[i]);
    unlink(x->existing);
    rmdir(x->sub);
    if (x->created_base) rmdir(x->base);
  }
}

static char *join(const char *a, const char *b) {
  size_t len = strlen(a) + 1 + strlen(b) + 1;
  char *s = malloc(len);
  if (s == NULL) bench_die("out of memory");
  snprintf(s, len, "%s/%s", a, b);
  return s;
}

static void create_file(const char *path, size_t bytes) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) bench_die_errno("cannot create %s", path);
  if (bytes > 0 && write(fd, data, bytes) != (ssize_t)bytes) bench_die_errno("cannot write %s", path);
  if (close(fd) != 0) bench_die_errno("cannot close %s", path);
}

static void unlink_slots(struct dir *x, uint64_t k) {
  for (uint64_t i = 0; i < k; i++)
    if (unlink(x->slot[i]) != 0) bench_die_errno("cannot unlink %s", x->slot[i]);
}

static uint64_t run_create_write_close(void *c, uint64_t n) {
  struct dir *x = c;
  uint64_t timed = 0;
  for (uint64_t done = 0; done < n;) {
    uint64_t k = n - done < SLOTS ? n - done : SLOTS;
    if ((int)k > x->used) x->used = (int)k;
    uint64_t t0 = bench_now_ns();
    for (uint64_t i = 0; i < k; i++) {
      int fd = open(x->slot[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd < 0) bench_die_errno("cannot create %s", x->slot[i]);
      if (write(fd, data, FILE_BYTES) != FILE_BYTES) bench_die_errno("cannot write %s", x->slot[i]);
      if (close(fd) != 0) bench_die_errno("cannot close %s", x->slot[i]);
    }
    timed += bench_now_ns() - t0;
    unlink_slots(x, k); /* untimed */
    done += k;
  }
  return timed;
}

static uint64_t run_open_read_close(void *c, uint64_t n) {
  struct dir *x = c;
  static char in[FILE_BYTES];
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    int fd = open(x->existing, O_RDONLY | O_CLOEXEC);
    if (fd < 0) bench_die_errno("cannot open %s", x->existing);
    if (read(fd, in, FILE_BYTES) != FILE_BYTES) bench_die_errno("short read of %s", x->existing);
    if (close(fd) != 0) bench_die_errno("cannot close %s", x->existing);
  }
  BENCH_KEEP(in);
  return bench_now_ns() - t0;
}

static uint64_t run_stat(void *c, uint64_t n) {
  struct dir *x = c;
  struct stat st;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    if (stat(x->existing, &st) != 0) bench_die_errno("cannot stat %s", x->existing);
    BENCH_KEEP(&st);
  }
  return bench_now_ns() - t0;
}

static uint64_t run_unlink(void *c, uint64_t n) {
  struct dir *x = c;
  uint64_t timed = 0;
  for (uint64_t done = 0; done < n;) {
    uint64_t k = n - done < SLOTS ? n - done : SLOTS;
    if ((int)k > x->used) x->used = (int)k;
    for (uint64_t i = 0; i < k; i++) create_file(x->slot[i], FILE_BYTES); /* untimed */
    uint64_t t0 = bench_now_ns();
    unlink_slots(x, k);
    timed += bench_now_ns() - t0;
    done += k;
  }
  return timed;
}

static int valid_label(const char *s) {
  size_t len = strlen(s);
  if (len == 0 || len >= MAX_LABEL) return 0;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return 0;
  return 1;
}

static int on_option(const char *name, const char *value, void *p) {
  (void)p;
  if (strcmp(name, "only") == 0) {
    only = value;
    return 1;
  }
  if (strcmp(name, "dir") != 0) return 0;
  const char *colon = strrchr(value, ':');
  if (colon == NULL || colon == value || !valid_label(colon + 1))
    bench_usage_error("invalid value for --dir: '%s' (expected PATH:LABEL, label of [A-Za-z0-9_-])", value);
  if (dir_count == MAX_DIRS) bench_usage_error("too many --dir options (at most %d)", MAX_DIRS);
  for (int d = 0; d < dir_count; d++)
    if (strcmp(dirs[d].label, colon + 1) == 0) bench_usage_error("invalid value for --dir: '%s' (label used twice)", value);
  struct dir *x = &dirs[dir_count];
  x->base = strndup(value, (size_t)(colon - value));
  if (x->base == NULL) bench_die("out of memory");
  snprintf(x->label, sizeof x->label, "%s", colon + 1);
  dir_count++;
  return 1;
}

/* mkdir of the last component if missing, then a unique subdirectory and the fixed paths. */
static void prepare(struct dir *x) {
  if (mkdir(x->base, 0755) == 0) x->created_base = 1;
  else if (errno != EEXIST) bench_die_errno("cannot create directory %s", x->base);
  char *sub = join(x->base, "isobench-fileio-XXXXXX");
  if (mkdtemp(sub) == NULL) bench_die_errno("cannot create a directory under %s", x->base);
  x->existing = join(sub, "existing");
  for (int i = 0; i < SLOTS; i++) {
    char name[16];
    snprintf(name, sizeof name, "s%d", i);
    x->slot[i] = join(sub, name);
  }
  x->sub = sub; /* from here on the clean-up handles this directory */
  create_file(x->existing, FILE_BYTES);
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  bench_init(argc, argv, &opts,
             "  --dir PATH:LABEL  directory to work in, repeatable (e.g. /scratch:rootfs)\n"
             "  --only LIST       comma-separated operations (create_write_close, open_read_close, stat,\n"
             "                    unlink; default: all)\n",
             on_option, NULL);
  if (dir_count == 0) bench_usage_error("at least one --dir PATH:LABEL is needed");
  static const char *const OP_NAMES[] = {"create_write_close", "open_read_close", "stat", "unlink"};
  bench_only_check(only, OP_NAMES, sizeof OP_NAMES / sizeof OP_NAMES[0]);
  memset(data, 'x', sizeof data);
  bench_set_cleanup(cleanup);
  for (int d = 0; d < dir_count; d++) prepare(&dirs[d]);

  static const struct { const char *op; bench_fn fn; } OPS[] = {
      {"create_write_close", run_create_write_close}, {"open_read_close", run_open_read_close},
      {"stat", run_stat}, {"unlink", run_unlink}};
  for (int d = 0; d < dir_count; d++) {
    for (size_t o = 0; o < sizeof OPS / sizeof OPS[0]; o++) {
      if (!bench_only_has(only, OPS[o].op)) continue;
      char metric[64];
      snprintf(metric, sizeof metric, "%s.%s", OPS[o].op, dirs[d].label);
      bench_run(&opts, metric, BENCH_NS_PER_OP, OPS[o].fn, &dirs[d]);
    }
  }
  bench_serve(&opts);
  cleanup();
  for (int d = 0; d < dir_count; d++)
    if (access(dirs[d].sub, F_OK) == 0) bench_die("could not remove %s", dirs[d].sub);
  return 0;
}
