/*
 * net: TCP over IPv4, timed from the client side with CLOCK_MONOTONIC. Three modes:
 *
 *   --mode loopback (default)  forks a server on 127.0.0.1 (ephemeral ports) and measures it
 *                              from the parent: metrics with the suffix `.loopback`;
 *   --mode serve --port P      the server only, on --host (default 0.0.0.0): echo on port P, and
 *                              accept-and-close on --close-port (default P + 1; with P = 0 both are
 *                              ephemeral). Prints "listening on ADDR:P echo, ADDR:Q close" on
 *                              stdout once it accepts, then serves until SIGTERM/SIGINT (exit 0)
 *                              or --lifetime-ms;
 *   --mode client --host H --port P [--close-port Q]   the client only, against a server in serve
 *                              mode elsewhere: metrics with the suffix `.bridge`.
 *
 * Metrics, all in `us` (microseconds), one JSON line per repetition (DESIGN.md):
 *   tcp_rtt_64b.S      mean round trip of one 64-byte message echoed back, over a count of
 *                      exchanges calibrated to --budget-ms, on one connection with TCP_NODELAY;
 *   tcp_rtt_64b_p50.S  median (nearest rank) of the same exchanges, each timed alone;
 *   tcp_rtt_64b_p99.S  99th percentile (nearest rank) of the same exchanges;
 *   connect_close.S    socket + connect + wait for the server to accept and close (EOF) + close:
 *                      one whole short connection, the server's accept included. The server
 *                      closes first, so TIME_WAIT stays on its side, never on the client's
 *                      ephemeral ports; and as each connection waits for its accept, a slow
 *                      (sandboxed) server cannot let the accept queue overflow into SYN drops.
 * Placement (--placement): the round trip of a client/server pair depends above all on whether
 * both ends share a CPU. On a 2-vCPU VM a run lands in one state or the other by chance and stays
 * there: ~16 us on one CPU, ~65 us across two (the wake-up IPI exits to the hypervisor). So the
 * client pins itself to the first CPU it may use and the server to the second (`split`, the
 * default; one CPU only: both on it), `same` pins both to the first, `free` leaves it to the
 * scheduler. In serve and client modes each side pins itself the same way, so a server in a
 * container and a client on the host end up as in loopback mode. (gVisor only records the mask:
 * its sentry's threads stay where the host scheduler puts them.)
 *
 * Nothing can hang: the echo connection has 5 s send and receive timeouts and the client modes an
 * overall deadline (SIGALRM) sized from the options. Errors go to stderr, exit 1 (2: bad usage).
 */
#define _GNU_SOURCE
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MSG_BYTES 64
#define IO_TIMEOUT_S 5
#define MAX_CONNS 256
#define MAX_EXCHANGES (1u << 22) /* per repetition: 32 MiB of individual timings */
#define MAX_CONNECTS 100000000ull
#define MAX_GROWTH 100.0
#define NS_PER_MS 1000000ull

enum mode { MODE_LOOPBACK, MODE_SERVE, MODE_CLIENT };
enum placement { PLACE_SPLIT, PLACE_SAME, PLACE_FREE };
enum side { SIDE_CLIENT, SIDE_SERVER };

struct options {
  enum mode mode;
  const char *host; /* client: server address; serve: bind address */
  long port;        /* echo port, -1 when not given */
  long close_port;  /* accept-and-close port, -1: port + 1 (0 when port is 0) */
  long lifetime_ms; /* serve: exit 0 after this long */
  enum placement placement;
};

struct client {
  struct sockaddr_in server; /* echo */
  struct sockaddr_in closer; /* accept-and-close */
  int echo_fd;
  unsigned char out[MSG_BYTES], in[MSG_BYTES];
  uint64_t *times; /* ns of each exchange of the last run_rtt() */
  uint64_t capacity;
};

static volatile pid_t server_pid;
static volatile sig_atomic_t stop;

static void kill_server(void) {
  if (server_pid > 0) kill(server_pid, SIGKILL);
}

/* Pins the calling process to the CPU its side gets under the placement (see the header). */
static void place(enum placement placement, enum side side) {
  if (placement == PLACE_FREE) return;
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) bench_die_errno("sched_getaffinity");
  int first = -1, second = -1;
  for (int cpu = 0; cpu < CPU_SETSIZE && second < 0; cpu++) {
    if (!CPU_ISSET(cpu, &allowed)) continue;
    if (first < 0) first = cpu;
    else second = cpu;
  }
  if (first < 0) bench_die("no CPU in this process's affinity mask");
  int cpu = placement == PLACE_SPLIT && side == SIDE_SERVER && second >= 0 ? second : first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) bench_die_errno("sched_setaffinity to CPU %d", cpu);
}

/* ---- server ---- */

static void on_stop(int sig) { (void)sig; stop = 1; }

static void set_timeouts(int fd) {
  struct timeval tv = {IO_TIMEOUT_S, 0};
  if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0)
    bench_die_errno("setsockopt(SO_RCVTIMEO/SO_SNDTIMEO)");
}

static void set_nodelay(int fd) {
  int one = 1;
  if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) bench_die_errno("setsockopt(TCP_NODELAY)");
}

static int listen_on(const char *host, long port, struct sockaddr_in *bound) {
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) bench_usage_error("invalid value for --host: '%s' (expected an IPv4 address)", host);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0); /* accept never blocks */
  if (fd < 0) bench_die_errno("socket");
  int one = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0) bench_die_errno("setsockopt(SO_REUSEADDR)");
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) bench_die_errno("cannot bind %s:%ld", host, port);
  if (listen(fd, 4096) != 0) bench_die_errno("listen");
  socklen_t len = sizeof *bound;
  if (getsockname(fd, (struct sockaddr *)bound, &len) != 0) bench_die_errno("getsockname");
  return fd;
}

/*
 * One thread, poll(): echoes whatever a connection to echo_fd sends (closing it on EOF or error),
 * and closes every connection to close_fd as soon as it is accepted.
 */
static void serve(int echo_fd, int close_fd) {
  static struct pollfd fds[2 + MAX_CONNS];
  static char buf[4096];
  nfds_t count = 2;
  fds[0] = (struct pollfd){.fd = echo_fd, .events = POLLIN};
  fds[1] = (struct pollfd){.fd = close_fd, .events = POLLIN};
  while (!stop) {
    int ready = poll(fds, count, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) bench_die_errno("poll");
    for (nfds_t i = count; i-- > 2;) {
      if (!fds[i].revents) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      ssize_t sent = got > 0 ? send(fds[i].fd, buf, (size_t)got, MSG_NOSIGNAL) : -1;
      if (got <= 0 || sent != got) { /* EOF, or a dead peer */
        close(fds[i].fd);
        fds[i] = fds[--count];
      }
    }
    for (int l = 0; l < 2; l++) {
      if (!fds[l].revents) continue;
      int fd = accept4(fds[l].fd, NULL, NULL, SOCK_CLOEXEC);
      if (fd < 0 && (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN)) continue;
      if (fd < 0) bench_die_errno("accept");
      if (l == 1 || count == 2 + MAX_CONNS) { /* accept-and-close, or full: close at once */
        close(fd);
        continue;
      }
      set_nodelay(fd);
      set_timeouts(fd);
      fds[count++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
  }
}

static void run_serve(const struct options *o) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop; /* no SA_RESTART: poll() returns EINTR */
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGALRM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  const char *host = o->host ? o->host : "0.0.0.0";
  struct sockaddr_in echo, closer;
  int echo_fd = listen_on(host, o->port, &echo);
  int close_fd = listen_on(host, o->close_port, &closer);
  char addr[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &echo.sin_addr, addr, sizeof addr);
  printf("listening on %s:%u echo, %s:%u close\n", addr, ntohs(echo.sin_port), addr, ntohs(closer.sin_port));
  if (fflush(stdout) != 0) bench_die_errno("cannot write to stdout");
  alarm((unsigned)((o->lifetime_ms + 999) / 1000));
  place(o->placement, SIDE_SERVER);
  serve(echo_fd, close_fd);
}

/* ---- client ---- */

static int connect_echo(const struct sockaddr_in *server) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) bench_die_errno("socket");
  set_timeouts(fd); /* on Linux SO_SNDTIMEO bounds connect() too */
  set_nodelay(fd);
  if (connect(fd, (const struct sockaddr *)server, sizeof *server) != 0) bench_die_errno("cannot connect to the echo server");
  return fd;
}

static void exchange(struct client *c, uint64_t i) {
  c->out[0] = (unsigned char)i;
  c->out[MSG_BYTES - 1] = (unsigned char)(i >> 8);
  if (send(c->echo_fd, c->out, MSG_BYTES, MSG_NOSIGNAL) != MSG_BYTES) bench_die_errno("send of %d bytes", MSG_BYTES);
  size_t got = 0;
  while (got < MSG_BYTES) {
    ssize_t r = recv(c->echo_fd, c->in + got, MSG_BYTES - got, 0);
    if (r == 0) bench_die("the echo server closed the connection");
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) bench_die_errno("recv of the echo (timeout %d s)", IO_TIMEOUT_S);
    got += (size_t)r;
  }
  if (memcmp(c->in, c->out, MSG_BYTES) != 0) bench_die("the echo differs from the message sent");
}

/* n exchanges, each timed (c->times); returns their total in ns. */
static uint64_t run_rtt(struct client *c, uint64_t n) {
  if (n > c->capacity) {
    free(c->times);
    c->times = malloc(n * sizeof *c->times);
    if (c->times == NULL) bench_die("out of memory for %" PRIu64 " timings", n);
    c->capacity = n;
  }
  uint64_t t0 = bench_now_ns(), prev = t0;
  for (uint64_t i = 0; i < n; i++) {
    exchange(c, i);
    uint64_t t = bench_now_ns();
    c->times[i] = t - prev;
    prev = t;
  }
  return prev - t0;
}

static uint64_t run_connect_close(struct client *c, uint64_t n) {
  uint64_t t0 = bench_now_ns();
  for (uint64_t i = 0; i < n; i++) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) bench_die_errno("socket");
    if (connect(fd, (const struct sockaddr *)&c->closer, sizeof c->closer) != 0) bench_die_errno("connect to the accept-and-close port");
    char byte;
    ssize_t r = recv(fd, &byte, 1, 0); /* the server's close; the deadline bounds the wait */
    if (r != 0) {
      if (r > 0) bench_die("the accept-and-close port sent data (is it an echo server?)");
      bench_die_errno("recv of the server's close");
    }
    if (close(fd) != 0) bench_die_errno("close");
  }
  return bench_now_ns() - t0;
}

typedef uint64_t (*op_fn)(struct client *c, uint64_t n);

/* Warm-up for warmup_ms, then Go's b.N: grow the count (x1.2 the prediction, at most x100) until
 * one batch reaches the budget. */
static uint64_t calibrate(const struct bench_opts *o, op_fn fn, struct client *c, uint64_t max_n) {
  const uint64_t budget = (uint64_t)o->budget_ms * NS_PER_MS;
  for (uint64_t until = bench_now_ns() + (uint64_t)o->warmup_ms * NS_PER_MS, b = 1; bench_now_ns() < until;)
    if (fn(c, b) < NS_PER_MS && b < max_n / 2) b *= 2;
  uint64_t n = 1, ns = fn(c, n);
  while (ns < budget && n < max_n) {
    double predicted = 1.2 * (double)budget * (double)n / (double)(ns ? ns : 1);
    if (predicted > MAX_GROWTH * (double)n) predicted = MAX_GROWTH * (double)n;
    uint64_t next = predicted > (double)max_n ? max_n : (uint64_t)predicted;
    n = next > n ? next : n + 1;
    ns = fn(c, n);
  }
  return n;
}

static void emit(const char *metric, const char *suffix, double us, uint64_t n, long rep) {
  printf("{\"metric\":\"%s.%s\",\"unit\":\"us\",\"value\":%.9g,\"iterations\":%" PRIu64 ",\"rep\":%ld}\n",
         metric, suffix, us > 0 ? us : 0.001, n, rep);
  if (fflush(stdout) != 0 || ferror(stdout)) bench_die_errno("cannot write to stdout");
}

static int by_value(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static void measure(const struct bench_opts *o, struct client *c, const char *suffix) {
  c->echo_fd = connect_echo(&c->server);
  memset(c->out, 'x', MSG_BYTES);
  uint64_t n = calibrate(o, run_rtt, c, MAX_EXCHANGES);
  for (long rep = 0; rep < o->reps; rep++) {
    uint64_t ns = run_rtt(c, n);
    qsort(c->times, n, sizeof *c->times, by_value);
    uint64_t p50 = (n + 1) / 2;           /* nearest rank: ceil(0.5 n) */
    uint64_t p99 = (99 * n + 99) / 100;   /* nearest rank: ceil(0.99 n) */
    emit("tcp_rtt_64b", suffix, (double)ns / (double)n / 1e3, n, rep);
    emit("tcp_rtt_64b_p50", suffix, (double)c->times[p50 - 1] / 1e3, n, rep);
    emit("tcp_rtt_64b_p99", suffix, (double)c->times[p99 - 1] / 1e3, n, rep);
  }
  close(c->echo_fd);
  n = calibrate(o, run_connect_close, c, MAX_CONNECTS);
  for (long rep = 0; rep < o->reps; rep++) emit("connect_close", suffix, (double)run_connect_close(c, n) / (double)n / 1e3, n, rep);
  free(c->times);
}

static void on_deadline(int sig) {
  (void)sig;
  static const char msg[] = "net: deadline reached (the server stopped answering?)\n";
  if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) { /* nothing else to do */ }
  kill_server();
  _exit(1);
}

/* Warm-up, calibration (a few budgets) and the repetitions of two metric groups, x4, plus 30 s. */
static void arm_deadline(const struct bench_opts *o) {
  uint64_t ms = 30000 + 4 * 2 * ((uint64_t)o->warmup_ms + ((uint64_t)o->reps + 6) * (uint64_t)o->budget_ms);
  signal(SIGALRM, on_deadline);
  alarm((unsigned)(ms / 1000 > 86400 ? 86400 : ms / 1000 + 1));
}

static void run_loopback(const struct bench_opts *o, enum placement placement, struct client *c) {
  struct sockaddr_in echo, closer;
  int echo_fd = listen_on("127.0.0.1", 0, &echo);
  int close_fd = listen_on("127.0.0.1", 0, &closer);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) bench_die_errno("fork");
  if (pid == 0) {
    bench_set_cleanup(NULL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    place(placement, SIDE_SERVER);
    serve(echo_fd, close_fd);
    _exit(0);
  }
  server_pid = pid;
  close(echo_fd);
  close(close_fd);
  c->server = echo;
  c->closer = closer;
  place(placement, SIDE_CLIENT);
  measure(o, c, "loopback");
  kill_server();
  waitpid(pid, NULL, 0);
  server_pid = 0;
}

static int on_option(const char *name, const char *value, void *p) {
  struct options *o = p;
  if (strcmp(name, "mode") == 0) {
    if (strcmp(value, "loopback") == 0) o->mode = MODE_LOOPBACK;
    else if (strcmp(value, "serve") == 0) o->mode = MODE_SERVE;
    else if (strcmp(value, "client") == 0) o->mode = MODE_CLIENT;
    else bench_usage_error("invalid value for --mode: '%s' (expected loopback, serve or client)", value);
  } else if (strcmp(name, "host") == 0) {
    o->host = value;
  } else if (strcmp(name, "port") == 0) {
    o->port = bench_parse_long(name, value, 0, 65535);
  } else if (strcmp(name, "close-port") == 0) {
    o->close_port = bench_parse_long(name, value, 0, 65535);
  } else if (strcmp(name, "placement") == 0) {
    if (strcmp(value, "split") == 0) o->placement = PLACE_SPLIT;
    else if (strcmp(value, "same") == 0) o->placement = PLACE_SAME;
    else if (strcmp(value, "free") == 0) o->placement = PLACE_FREE;
    else bench_usage_error("invalid value for --placement: '%s' (expected split, same or free)", value);
  } else if (strcmp(name, "lifetime-ms") == 0) {
    o->lifetime_ms = bench_parse_long(name, value, 1, 86400000);
  } else {
    return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  struct bench_opts opts = {0};
  struct options o = {MODE_LOOPBACK, NULL, -1, -1, 3600000, PLACE_SPLIT};
  bench_init(argc, argv, &opts,
             "  --mode MODE      loopback (default: server and client in this process tree),\n"
             "                   serve (echo server only) or client (against --host/--port)\n"
             "  --host ADDR      IPv4 address: of the server (client), to bind (serve, default 0.0.0.0)\n"
             "  --port PORT      echo port of the server (serve: 0 picks one; printed on stdout)\n"
             "  --close-port Q   accept-and-close port of the server (default PORT + 1)\n"
             "  --placement P    split (default: client on the first allowed CPU, server on the\n"
             "                   second), same (both on the first) or free (not pinned)\n"
             "  --lifetime-ms MS serve: exit 0 after this long (default 3600000)\n",
             on_option, &o);
  if (o.close_port < 0 && o.port >= 0) o.close_port = o.port == 0 ? 0 : o.port + 1;
  if (o.close_port > 65535) bench_usage_error("--close-port defaults to --port + 1, which is beyond 65535: give it");
  if (o.mode == MODE_SERVE) {
    if (o.port < 0) bench_usage_error("--mode serve needs --port");
    run_serve(&o);
    return 0;
  }
  struct client c;
  memset(&c, 0, sizeof c);
  bench_set_cleanup(kill_server);
  arm_deadline(&opts);
  if (o.mode == MODE_LOOPBACK) {
    run_loopback(&opts, o.placement, &c);
    return 0;
  }
  if (o.host == NULL || o.port <= 0 || o.close_port <= 0) bench_usage_error("--mode client needs --host ADDR and --port PORT");
  c.server = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons((uint16_t)o.port)};
  if (inet_pton(AF_INET, o.host, &c.server.sin_addr) != 1) bench_usage_error("invalid value for --host: '%s' (expected an IPv4 address)", o.host);
  c.closer = c.server;
  c.closer.sin_port = htons((uint16_t)o.close_port);
  place(o.placement, SIDE_CLIENT);
  measure(&opts, &c, "bridge");
  return 0;
}
