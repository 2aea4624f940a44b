/* Shared harness of the workload binaries: options, warm-up, calibration, JSON lines. */
#define _GNU_SOURCE
#include "common.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NS_PER_MS 1000000ULL
/* Like Go's testing.B: never more than 1e9 iterations, never grow more than 100x per step. */
#define MAX_ITERATIONS 1000000000ULL
#define MAX_GROWTH 100.0
/* Calibration times batches up to this share of the budget, then scales up (see calibrate()). */
#define CALIBRATION_SHARE 10ULL
/* A batch or repetition whose untimed set-up dominates lasts at most about this many times its
 * timed target in wall time (see calibrate()). */
#define WALL_LIMIT 3ULL
/* Warm-up runs batches that double until one lasts this long, then checks the clock. */
#define WARMUP_BATCH_NS (1 * NS_PER_MS)

/* --serve: metrics calibrated by bench_run() and served by bench_serve(). */
#define MAX_SERVED 64
#define SERVE_LINE 256

const char *bench_prog = "workload";
static int serve_mode;
static struct served {
  char *metric;
  enum bench_unit unit;
  bench_fn fn;
  void *ctx;
  uint64_t n;     /* calibrated to opts->budget_ms */
  long batches;   /* timed batches so far: the `rep` of the next one */
} served[MAX_SERVED];
static size_t served_count;
static uint64_t process_start_ns;
static int measured_once;
static void (*cleanup_fn)(void);

uint64_t bench_now_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
    /* Cannot happen on Linux; a broken clock makes every figure meaningless. */
    fprintf(stderr, "%s: clock_gettime(CLOCK_MONOTONIC) failed: %s\n", bench_prog, strerror(errno));
    _exit(1);
  }
  return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void vmessage(const char *fmt, va_list ap, const char *suffix) {
  fprintf(stderr, "%s: ", bench_prog);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "%s%s\n", suffix[0] ? ": " : "", suffix);
}

void bench_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(fmt, ap, "");
  va_end(ap);
  exit(2);
}

void bench_die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmessage(fmt, ap, "");
  va_end(ap);
  if (cleanup_fn) cleanup_fn();
  exit(1);
}

void bench_die_errno(const char *fmt, ...) {
  const char *reason = strerror(errno);
  va_list ap;
  va_start(ap, fmt);
  vmessage(fmt, ap, reason);
  va_end(ap);
  if (cleanup_fn) cleanup_fn();
  exit(1);
}

static void on_signal(int sig) {
  if (cleanup_fn) cleanup_fn();
  signal(sig, SIG_DFL);
  raise(sig);
}

void bench_set_cleanup(void (*cleanup)(void)) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
  cleanup_fn = cleanup;
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sigaction(sigs[i], &sa, NULL);
  }
}

long bench_parse_long(const char *name, const char *value, long min, long max) {
  char *end = NULL;
  errno = 0;
  long v = strtol(value, &end, 10);
  if (value[0] == '\0' || *end != '\0' || errno == ERANGE || v < min || v > max)
    bench_usage_error("invalid value for --%s: '%s' (expected an integer from %ld to %ld)", name,
                      value, min, max);
  return v;
}

/* Whether the comma list `only` names `name` exactly. */
int bench_only_has(const char *only, const char *name) {
  if (only == NULL) return 1;
  size_t want = strlen(name);
  for (const char *p = only;;) {
    size_t len = strcspn(p, ",");
    if (len == want && strncmp(p, name, len) == 0) return 1;
    if (p[len] == '\0') return 0;
    p += len + 1;
  }
}

void bench_only_check(const char *only, const char *const *names, size_t count) {
  if (only == NULL) return;
  for (const char *p = only;;) {
    size_t len = strcspn(p, ",");
    size_t m = 0;
    while (m < count && !(strlen(names[m]) == len && strncmp(names[m], p, len) == 0)) m++;
    if (m == count) bench_usage_error("invalid value for --only: '%.*s' is not a metric of this workload", (int)len, p);
    if (p[len] == '\0') return;
    p += len + 1;
  }
}

static void print_usage(const char *usage) {
  printf("usage: %s [--reps N] [--budget-ms MS] [--warmup-ms MS] [--iterations N]%s\n"
         "  --reps N        timed repetitions per metric (default 5)\n"
         "  --budget-ms MS  time budget of one repetition (default 200)\n"
         "  --warmup-ms MS  warm-up of each metric before calibration (default 200)\n"
         "  --iterations N  a fixed count per repetition, no calibration (for timing from outside)\n"
         "  --serve         calibrate once, then answer 'batch METRIC [BUDGET_MS]' and 'quit' on stdin\n"
         "  --cpu N         pin the process to CPU N\n",
         bench_prog, usage[0] ? " ..." : "");
  if (usage[0]) printf("%s", usage);
  printf("Prints one JSON object per repetition and metric on stdout.\n");
}

void bench_init(int argc, char **argv, struct bench_opts *o, const char *usage,
                bench_opt_fn extra, void *ctx) {
  process_start_ns = bench_now_ns();
  if (argc > 0 && argv[0] && argv[0][0]) {
    const char *slash = strrchr(argv[0], '/');
    bench_prog = slash ? slash + 1 : argv[0];
  }
  if (o->reps == 0) o->reps = 5;
  if (o->budget_ms == 0) o->budget_ms = 200;
  if (o->warmup_ms == 0) o->warmup_ms = 200;
  long cpu = -1;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
      print_usage(usage);
      exit(0);
    }
    if (strcmp(arg, "--serve") == 0) {
      serve_mode = 1;
      continue;
    }
    if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') bench_usage_error("unexpected argument '%s'", arg);
    char name[64];
    const char *value;
    const char *eq = strchr(arg + 2, '=');
    size_t len = eq ? (size_t)(eq - (arg + 2)) : strlen(arg + 2);
    if (len >= sizeof name) bench_usage_error("unknown option '%s'", arg);
    memcpy(name, arg + 2, len);
    name[len] = '\0';
    if (eq) {
      value = eq + 1;
    } else {
      if (i + 1 >= argc) bench_usage_error("option --%s needs a value", name);
      value = argv[++i];
    }
    /* limits: the same as src/workloads/limits.ts (test/unit/workloads-limits.test.ts checks) */
    if (strcmp(name, "reps") == 0) o->reps = bench_parse_long(name, value, 1, 1000);
    else if (strcmp(name, "budget-ms") == 0) o->budget_ms = bench_parse_long(name, value, 1, 600000);
    else if (strcmp(name, "warmup-ms") == 0) o->warmup_ms = bench_parse_long(name, value, 0, 600000);
    else if (strcmp(name, "iterations") == 0) o->iterations = bench_parse_long(name, value, 1, (long)MAX_ITERATIONS);
    else if (strcmp(name, "cpu") == 0) cpu = bench_parse_long(name, value, 0, CPU_SETSIZE - 1);
    else if (!extra || !extra(name, value, ctx)) bench_usage_error("unknown option '--%s'", name);
  }
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int)cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) bench_die_errno("cannot pin to CPU %ld (--cpu)", cpu);
  }
}

/* Runs the operation for at least warmup_ms (wall time), in batches that grow to ~1 ms. */
static void warm_up(const struct bench_opts *o, bench_fn fn, void *ctx) {
  uint64_t now = bench_now_ns();
  uint64_t until = now + (uint64_t)o->warmup_ms * NS_PER_MS;
  if (!measured_once) {
    uint64_t floor = process_start_ns + (uint64_t)o->min_start_ms * NS_PER_MS;
    if (floor > until) until = floor;
  }
  uint64_t batch = 1;
  while (now < until) {
    uint64_t began = now;
    fn(ctx, batch);
    now = bench_now_ns();
    if (now - began < WARMUP_BATCH_NS && batch < MAX_ITERATIONS / 2) batch *= 2;
  }
}

/*
 * Go's b.N, made cheaper: grow the count by the predicted factor x1.2 (at most 100x, at least
 * +1) until one timed batch lasts a tenth of the budget (CALIBRATION_SHARE), then scale that
 * batch's count up to a whole budget. Time-based, so a 70 us syscall under gVisor works too.
 * Every repetition still reports its own timed nanoseconds over its own count: the scaling
 * only sets how long a repetition lasts. Unlike Go, a batch whose untimed set-up dominates
 * (fileio's unlink: creating the files costs up to 100x the unlinks on some disks) also stops
 * at WALL_LIMIT times its target in wall time, and the count is scaled so that a repetition
 * takes at most about WALL_LIMIT budgets of wall time, whatever the file system.
 */
static uint64_t calibrate(const struct bench_opts *o, bench_fn fn, void *ctx) {
  const uint64_t budget_ns = (uint64_t)o->budget_ms * NS_PER_MS;
  const uint64_t target_ns = budget_ns / CALIBRATION_SHARE;
  const uint64_t wall_target_ns = WALL_LIMIT * target_ns;
  uint64_t n = 1;
  uint64_t began = bench_now_ns();
  uint64_t ns = fn(ctx, n);
  uint64_t wall = bench_now_ns() - began;
  while (ns < target_ns && wall < wall_target_ns && n < MAX_ITERATIONS) {
    uint64_t last = n;
    double by_timed = (double)target_ns * (double)last / (double)(ns ? ns : 1);
    double by_wall = (double)wall_target_ns * (double)last / (double)(wall ? wall : 1);
    double predicted = by_timed < by_wall ? by_timed : by_wall;
    predicted += predicted / 5.0;
    if (predicted > MAX_GROWTH * (double)last) predicted = MAX_GROWTH * (double)last;
    if (predicted > (double)MAX_ITERATIONS) predicted = (double)MAX_ITERATIONS;
    n = (uint64_t)predicted;
    if (n < last + 1) n = last + 1;
    began = bench_now_ns();
    ns = fn(ctx, n);
    wall = bench_now_ns() - began;
  }
  double by_timed = (double)budget_ns * (double)n / (double)(ns ? ns : 1);
  double by_wall = (double)(WALL_LIMIT * budget_ns) * (double)n / (double)(wall ? wall : 1);
  double scaled = by_timed < by_wall ? by_timed : by_wall;
  if (scaled > (double)MAX_ITERATIONS) scaled = (double)MAX_ITERATIONS;
  return scaled < 1.0 ? 1 : (uint64_t)scaled;
}

static void emit(const char *metric, enum bench_unit unit, double value, uint64_t n, long rep) {
  const char *unit_name = unit == BENCH_OPS_PER_S ? "ops/s" : "ns/op";
  printf("{\"metric\":\"%s\",\"unit\":\"%s\",\"value\":%.9g,\"iterations\":%" PRIu64 ",\"rep\":%ld}\n",
         metric, unit_name, value, n, rep);
  if (fflush(stdout) != 0 || ferror(stdout)) bench_die_errno("cannot write to stdout");
}

void bench_run(const struct bench_opts *o, const char *metric, enum bench_unit unit, bench_fn fn,
               void *ctx) {
  warm_up(o, fn, ctx);
  measured_once = 1;
  uint64_t n = o->iterations > 0 ? (uint64_t)o->iterations : calibrate(o, fn, ctx);
  if (serve_mode) {
    if (served_count == MAX_SERVED) bench_die("too many metrics to serve (at most %d)", MAX_SERVED);
    char *name = strdup(metric); /* the caller's buffer may be reused (fileio builds names in one) */
    if (name == NULL) bench_die("out of memory");
    served[served_count++] = (struct served){name, unit, fn, ctx, n, 0};
    return;
  }
  for (long rep = 0; rep < o->reps; rep++) {
    uint64_t ns = fn(ctx, n);
    if (ns == 0) ns = 1; /* below clock resolution: report an upper bound, never zero */
    double value = unit == BENCH_OPS_PER_S ? (double)n * 1e9 / (double)ns : (double)ns / (double)n;
    emit(metric, unit, value, n, rep);
  }
}

/* CPU time of the whole process (all threads), in nanoseconds. */
static uint64_t process_cpu_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
  return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* {"error":"..."} with the offending text made JSON-safe; the process keeps serving. */
static void serve_error(const char *what, const char *text) {
  char safe[SERVE_LINE];
  size_t i = 0;
  for (; text[i] && i < sizeof safe - 1; i++) {
    unsigned char c = (unsigned char)text[i];
    safe[i] = (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) ? '?' : (char)c;
  }
  safe[i] = '\0';
  printf("{\"error\":\"%s: '%s'\"}\n", what, safe);
  if (fflush(stdout) != 0 || ferror(stdout)) bench_die_errno("cannot write to stdout");
}

static void serve_batch(const struct bench_opts *o, char *args) {
  char *metric = strtok(args, " \t");
  char *budget = strtok(NULL, " \t");
  if (metric == NULL) return serve_error("batch needs a metric", "");
  if (strtok(NULL, " \t") != NULL) return serve_error("batch takes METRIC [BUDGET_MS]", args);
  struct served *s = NULL;
  for (size_t m = 0; m < served_count && s == NULL; m++)
    if (strcmp(served[m].metric, metric) == 0) s = &served[m];
  if (s == NULL) return serve_error("not a served metric", metric);
  uint64_t n = s->n;
  if (budget != NULL) {
    char *end = NULL;
    errno = 0;
    long ms = strtol(budget, &end, 10);
    if (budget[0] == '\0' || *end != '\0' || errno == ERANGE || ms < 1 || ms > 3600000)
      return serve_error("invalid BUDGET_MS (expected an integer from 1 to 3600000)", budget);
    if (o->iterations == 0) {
      double scaled = (double)s->n * (double)ms / (double)o->budget_ms;
      if (scaled > (double)MAX_ITERATIONS) scaled = (double)MAX_ITERATIONS;
      n = scaled < 1.0 ? 1 : (uint64_t)scaled;
    }
  }
  uint64_t cpu0 = process_cpu_ns();
  uint64_t wall0 = bench_now_ns();
  uint64_t ns = s->fn(s->ctx, n);
  uint64_t wall = bench_now_ns() - wall0;
  uint64_t cpu = process_cpu_ns() - cpu0;
  if (ns == 0) ns = 1;
  double value = s->unit == BENCH_OPS_PER_S ? (double)n * 1e9 / (double)ns : (double)ns / (double)n;
  /* The sample line, plus the batch's wall and CPU time: a batch that got the CPU for only part of its
   * wall time was slowed by the host, not by the runtime (the orchestrator reports the share). */
  const char *unit_name = s->unit == BENCH_OPS_PER_S ? "ops/s" : "ns/op";
  printf("{\"metric\":\"%s\",\"unit\":\"%s\",\"value\":%.9g,\"iterations\":%" PRIu64 ",\"rep\":%ld,"
         "\"wall_ns\":%" PRIu64 ",\"cpu_ns\":%" PRIu64 "}\n", s->metric, unit_name, value, n, s->batches++, wall, cpu);
  if (fflush(stdout) != 0 || ferror(stdout)) bench_die_errno("cannot write to stdout");
}

void bench_serve(const struct bench_opts *o) {
  if (!serve_mode) return;
  printf("{\"ready\":true,\"metrics\":[");
  for (size_t m = 0; m < served_count; m++) printf("%s\"%s\"", m ? "," : "", served[m].metric);
  printf("]}\n");
  if (fflush(stdout) != 0 || ferror(stdout)) bench_die_errno("cannot write to stdout");
  char line[SERVE_LINE];
  while (fgets(line, sizeof line, stdin) != NULL) {
    size_t len = strlen(line);
    if (len == sizeof line - 1 && line[len - 1] != '\n') {
      int c;
      while ((c = getchar()) != EOF && c != '\n') continue;
      serve_error("command too long", "");
      continue;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ')) line[--len] = '\0';
    if (len == 0) continue;
    if (strcmp(line, "quit") == 0) return;
    if (strncmp(line, "batch", 5) == 0 && (line[5] == ' ' || line[5] == '\0')) serve_batch(o, line + 5);
    else serve_error("unknown command (expected batch METRIC [BUDGET_MS] or quit)", line);
  }
  if (ferror(stdin)) bench_die_errno("cannot read stdin");
}
