/*
 * memaccess: the latency of one dependent load (lmbench's lat_mem_rd in miniature). A buffer
 * holds one pointer per 64-byte cache line, linked in a random cyclic order (Sattolo's
 * shuffle), and the timed loop follows the chain: every load needs the previous one's result,
 * so neither the prefetcher nor out-of-order execution can hide its latency.
 *
 *   chase_large   a 256 MiB buffer (8x this host's 32 MiB LLC) on 4 KiB pages (transparent
 *                 huge pages refused with MADV_NOHUGEPAGE): nearly every load misses every cache
 *                 and the TLB, so it pays a page walk (a nested, EPT/NPT walk in a VM)
 *   chase_cached  a 16 KiB buffer: L1-resident, the load-to-use latency itself
 *
 * Every page is touched before the first timed load, so page faults (expensive in a sandbox)
 * stay out of the timing. --large-mib changes the large buffer's size, --only picks metrics.
 * Lower is better (ns/op).
 */
#define _GNU_SOURCE
#include "common.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define LINE_BYTES 64
#define CACHED_BYTES (16 * 1024)

struct chain {
  void **head;
};

static volatile uintptr_t sink;

static uint64_t xorshift(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* Links the lines of buf into one random cycle and returns its first element. */
static void **build_chain(size_t bytes) {
  void *mem = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) bench_die_errno("mmap of %zu bytes", bytes);
#ifdef MADV_NOHUGEPAGE
  (void)madvise(mem, bytes, MADV_NOHUGEPAGE); /* 4 KiB pages; refused where THP is off: fine */
#endif
  memset(mem, 0, bytes); /* fault every page in before timing */
  size_t lines = bytes / LINE_BYTES;
  size_t *order = malloc(lines * sizeof *order);
  if (order == NULL) bench_die("out of memory for %zu lines", lines);
  for (size_t i = 0; i < lines; i++) order[i] = i;
  uint64_t seed = 0x2545f4914f6cdd1dULL;
  for (size_t i = lines - 1; i > 0; i--) { /* Sattolo: one cycle through every line */
    size_t j = (size_t)(xorshift(&seed) % i);
    size_t t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  char *base = mem;
  for (size_t i = 0; i < lines; i++) {
    *(void **)(base + order[i] * LINE_BYTES) = base + order[(i + 1) % lines] * LINE_BYTES;
  }
  void **head = (void **)(base + order[0] * LINE_BYTES);
  free(order);
  return head;
}

static uint64_t run_chase(void *c, uint64_t n) {
  struct chain *ch = c;
  void **p = ch->head;
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) p = (void **)*p;
  uint64_t ns = bench_now_ns() - t0;
  ch->head = p; /* continue where this repetition stopped: no line is re-read warm */
  sink = (uintptr_t)p;
  return ns;
}

struct options {
  long large_mib;
  const char *only; /* comma list, NULL for all */
};

static int take_option(const char *name, const char *value, void *ctx) {
  struct options *o = ctx;
  if (strcmp(name, "large-mib") == 0) {
    o->large_mib = bench_parse_long("--large-mib", value, 1, 65536);
    return 1;
  }
  if (strcmp(name, "only") == 0) {
    o->only = value;
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  struct options o = {.large_mib = 256, .only = NULL};
  static const char *const names[] = {"chase_large", "chase_cached"};
  bench_init(argc, argv, &opts,
             "  --large-mib N   size of the large buffer in MiB (default 256)\n"
             "  --only LIST     comma-separated metrics (default: all)\n",
             take_option, &o);
  bench_only_check(o.only, names, 2);
  if (bench_only_has(o.only, "chase_large")) {
    struct chain large = {build_chain((size_t)o.large_mib * 1024 * 1024)};
    bench_run(&opts, "chase_large", BENCH_NS_PER_OP, run_chase, &large);
  }
  if (bench_only_has(o.only, "chase_cached")) {
    struct chain cached = {build_chain(CACHED_BYTES)};
    bench_run(&opts, "chase_cached", BENCH_NS_PER_OP, run_chase, &cached);
  }
  return 0;
}
