/*
 * The compatibility probe (workloads/compat.c): one check per kernel interface, each run in a
 * forked child with a deadline, each printing one JSON line on stdout:
 *   {"check":"ptrace_traceme","result":"ok","errno":null,"detail":"...","observed":{...}}
 * result: ok (works), fails (with the errno name), differs (works, but not as natively: the
 * probe says so only when it can tell by itself), skipped (cannot be judged here: why).
 * `observed` holds raw readings (CPU count, MemTotal, ...) that the TypeScript side compares
 * with the native column (src/compat/).
 */
#ifndef ISOBENCH_PROBE_H
#define ISOBENCH_PROBE_H

#include <stddef.h>

struct result {
  const char *result; /* "ok", "fails", "differs", "skipped" */
  int err;            /* errno of a failure, 0 when none */
  char detail[600];
  char observed[1200]; /* JSON members without braces: "k":1,"s":"v" */
};

struct probe_env {
  const char *dir;    /* writable directory on the root filesystem (disk natively) */
  const char *tmpdir; /* writable directory on a tmpfs */
  int verbose;        /* --only: notes on stderr */
  int is_init;        /* the probe is PID 1: it runs as a container's init */
};

extern struct probe_env probe;

typedef void (*check_fn)(struct result *r);

struct check {
  const char *id;
  const char *group;
  check_fn fn;
  int timeout_s;
};

void ok(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void differs(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fails with errno `err` (0 for a wrong result without an errno) */
void fails(struct result *r, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void skipped(struct result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void observe_num(struct result *r, const char *key, double value);
void observe_str(struct result *r, const char *key, const char *value);
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole small file into buf (NUL-terminated); returns its length or -1 (errno set). */
long read_file(const char *path, char *buf, size_t size);
/* Writes a JSON string literal of s into out (at most size bytes, NUL-terminated). */
void json_string(char *out, size_t size, const char *s);
const char *errno_name(int err);
/* A fresh file path in dir: dir/isobench-compat-<pid>-<tag> */
void scratch_path(char *out, size_t size, const char *dir, const char *tag);
/* " (lo is down …)" when the loopback interface is down, else "": for network failures. */
const char *loopback_note(void);
/* waitpid with a deadline in ms; kills the child after it. Returns the status or -1 on timeout. */
int wait_child(int pid, int timeout_ms);
/* The checks of each group, each list ended by an entry with a NULL id. */
extern const struct check INTROSPECT_CHECKS[], KERNEL_CHECKS[], EVENT_CHECKS[], SYSTEM_CHECKS[], FILE_CHECKS[],
    IOCTL_CHECKS[], DNS_CHECKS[],
    NET_CHECKS[], PROCESS_CHECKS[];

#endif
