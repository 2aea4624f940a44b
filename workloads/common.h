/*
 * Shared harness of the isobench workload binaries (DESIGN.md, "Workload protocol").
 *
 * A workload parses its options with bench_init(), then calls bench_run() once per metric.
 * bench_run() warms the operation up, calibrates an iteration count to the per-repetition
 * budget (like Go's b.N), and prints one JSON line per repetition on stdout:
 *   {"metric":"getppid","unit":"ns/op","value":152.31,"iterations":1234567,"rep":0}
 * Every figure comes from CLOCK_MONOTONIC read inside the process, around the timed work.
 *
 * With --serve, bench_run() only warms up and calibrates (untimed, once), and bench_serve()
 * then answers commands on stdin, one per line, so that an orchestrator can ask several
 * long-lived processes in turn for short timed batches (paired interleaving, issue 15):
 *   batch METRIC [BUDGET_MS]  one timed batch, one JSON line as above (rep counts batches), with
 *                             the batch's wall_ns and cpu_ns (CLOCK_PROCESS_CPUTIME_ID) added
 *   quit (or end of input)    exit 0
 * Once every metric is calibrated it prints {"ready":true,"metrics":["getppid",...]}; a bad
 * command gets {"error":"..."} and the process keeps serving.
 * --cpu N pins the process to CPU N (sched_setaffinity) before anything is measured.
 */
#ifndef ISOBENCH_COMMON_H
#define ISOBENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

enum bench_unit { BENCH_NS_PER_OP, BENCH_OPS_PER_S };

struct bench_opts {
  long reps;          /* --reps, timed repetitions per metric (default 5) */
  long budget_ms;     /* --budget-ms, time budget of one repetition (default 200) */
  long warmup_ms;     /* --warmup-ms, warm-up of each metric before calibration (default 200) */
  long iterations;    /* --iterations, a fixed count per repetition instead of calibrating to
                         the budget (0: calibrate). For external timing: scripts/cross-check-*.sh */
  long min_start_ms;  /* set by the workload, not an option: the first measurement starts no
                         earlier than this long after process start (clock: gVisor's timekeeper) */
};

/*
 * Performs n operations and returns the nanoseconds spent in the timed part. Simple
 * workloads time the whole loop; fileio leaves its set-up and clean-up out of the timing.
 */
typedef uint64_t (*bench_fn)(void *ctx, uint64_t n);

/*
 * Called for each option the common parser does not know (name without the leading "--").
 * Returns 1 when it took the option, 0 when the option is unknown. A bad value is reported
 * with bench_usage_error().
 */
typedef int (*bench_opt_fn)(const char *name, const char *value, void *ctx);

/* Program name for messages (basename of argv[0]). */
extern const char *bench_prog;

/* Parses --reps, --budget-ms, --warmup-ms, --iterations, --serve (no value), --cpu N and the workload's own options (all take a value,
 * as "--name value" or "--name=value"); --help prints usage and exits 0. */
void bench_init(int argc, char **argv, struct bench_opts *opts, const char *usage,
                bench_opt_fn extra, void *ctx);

/* Warm-up, calibration and the timed repetitions of one metric; prints one line per rep.
 * With --serve: warm-up and calibration only; the metric is then served by bench_serve(). */
void bench_run(const struct bench_opts *opts, const char *metric, enum bench_unit unit,
               bench_fn fn, void *ctx);

/* With --serve: answers batch commands on stdin until quit or end of input; otherwise returns at once.
 * Call it after the last bench_run() and before the workload's own clean-up. */
void bench_serve(const struct bench_opts *opts);

/*
 * --only LIST: whether `name` is selected by a comma-separated list (NULL selects everything).
 * bench_only_check() exits 2 naming the first entry of the list that is not one of `names`.
 */
int bench_only_has(const char *only, const char *name);
void bench_only_check(const char *only, const char *const *names, size_t count);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);

/* Parses a whole decimal integer in [min, max] or exits 2 naming the option and the value. */
long bench_parse_long(const char *name, const char *value, long min, long max);

/* One line on stderr, exit 2 (bad usage). */
_Noreturn void bench_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr, clean-up, exit 1. */
_Noreturn void bench_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Same, with ": strerror(errno)" appended. */
_Noreturn void bench_die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Registers the clean-up run by bench_die() and by SIGINT/SIGTERM/SIGHUP/SIGPIPE handlers.
 * It must only use async-signal-safe calls (unlink, rmdir on precomputed paths). */
void bench_set_cleanup(void (*cleanup)(void));

/* Compiler barriers: the measured work cannot be removed, hoisted or merged. */
#define BENCH_CLOBBER() __asm__ __volatile__("" ::: "memory")
#define BENCH_KEEP(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")

#endif
