/*
 * clock: reading the time. All three calls are served by the vDSO natively and under runc;
 * gVisor has its own vDSO whose timekeeper calibrates for about a second after start, so the
 * first measurement starts at least CLOCK_MIN_START_MS after process start whatever
 * --warmup-ms says (the catalogue's minWarmupMs states the same figure).
 */
#define _GNU_SOURCE
#include "common.h"

#include <sys/time.h>
#include <time.h>

#define CLOCK_MIN_START_MS 2000

static uint64_t run_gettimeofday(void *c, uint64_t n) {
  (void)c;
  struct timeval tv;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    gettimeofday(&tv, NULL);
    BENCH_KEEP(&tv);
  }
  return bench_now_ns() - t0;
}

static uint64_t run_clock_gettime(clockid_t id, uint64_t n) {
  struct timespec ts;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    clock_gettime(id, &ts);
    BENCH_KEEP(&ts);
  }
  return bench_now_ns() - t0;
}

static uint64_t run_monotonic(void *c, uint64_t n) {
  (void)c;
  return run_clock_gettime(CLOCK_MONOTONIC, n);
}

static uint64_t run_realtime(void *c, uint64_t n) {
  (void)c;
  return run_clock_gettime(CLOCK_REALTIME, n);
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  opts.min_start_ms = CLOCK_MIN_START_MS;
  bench_init(argc, argv, &opts, "", NULL, NULL);
  bench_run(&opts, "gettimeofday", BENCH_NS_PER_OP, run_gettimeofday, NULL);
  bench_run(&opts, "clock_gettime_monotonic", BENCH_NS_PER_OP, run_monotonic, NULL);
  bench_run(&opts, "clock_gettime_realtime", BENCH_NS_PER_OP, run_realtime, NULL);
  bench_serve(&opts);
  return 0;
}
