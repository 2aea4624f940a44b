/*
 * cpu: pure user-space compute, FNV-1a 64 over a 4 KiB buffer. No system calls in the timed
 * loop, so isolation should cost nothing here; a difference points at CPU sharing, frequency
 * or the measurement itself. Higher is better (ops/s).
 */
#define _GNU_SOURCE
#include "common.h"

#include <stddef.h>

#define BUF_BYTES 4096

static unsigned char buf[BUF_BYTES];
static volatile uint64_t sink;

static uint64_t fnv1a64(const unsigned char *p, size_t len) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

static uint64_t run_hash(void *c, uint64_t n) {
  (void)c;
  uint64_t acc = 0;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    BENCH_KEEP(buf); /* the buffer may have changed: hash it again, every time */
    acc ^= fnv1a64(buf, BUF_BYTES);
  }
  uint64_t ns = bench_now_ns() - t0;
  sink = acc;
  return ns;
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  bench_init(argc, argv, &opts, "", NULL, NULL);
  uint64_t x = 0x9e3779b97f4a7c15ULL; /* xorshift64: fixed, non-trivial contents */
  for (size_t i = 0; i < BUF_BYTES; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    buf[i] = (unsigned char)x;
  }
  bench_run(&opts, "hash_4k", BENCH_OPS_PER_S, run_hash, NULL);
  bench_serve(&opts);
  return 0;
}
