/*
 * compat: will a program run at all? One check per kernel interface (tracing, /proc and /sys,
 * kernel interfaces, files, ioctls, network, processes), each in a forked child with a
 * deadline so that a check that hangs or crashes cannot take the probe with it. One JSON line
 * per check on stdout (compat/probe.h). It reports what the container it runs in allows:
 * isobench runs it with least privilege (all capabilities dropped, no network).
 *
 *   compat --dir /scratch --tmpdir /tmpfs          every check
 *   compat --dir … --tmpdir … --only ptrace_attach one check, with notes on stderr
 *   compat --list                                  the ids and groups, one per line
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compat/probe.h"

struct probe_env probe = {"/scratch", "/tmpfs", 0, 0};

static const struct check *const GROUPS[] = {INTROSPECT_CHECKS, KERNEL_CHECKS, EVENT_CHECKS, SYSTEM_CHECKS, FILE_CHECKS,
                                             IOCTL_CHECKS, NET_CHECKS, DNS_CHECKS, PROCESS_CHECKS};
#define NGROUPS (sizeof GROUPS / sizeof GROUPS[0])

static void print_line(const char *id, const struct result *r) {
  char detail[1400];
  json_string(detail, sizeof detail, r->detail);
  char err[40] = "null";
  if (r->err) snprintf(err, sizeof err, "\"%s\"", errno_name(r->err));
  printf("{\"check\":\"%s\",\"result\":\"%s\",\"errno\":%s,\"detail\":%s,\"observed\":{%s}}\n", id,
         r->result, err, detail, r->observed);
  fflush(stdout);
}

/* Runs one check in a child of its own process group; its result comes back through a pipe. */
static void run_check(const struct check *c) {
  struct result r;
  memset(&r, 0, sizeof r);
  int fds[2];
  if (pipe(fds) != 0) {
    fails(&r, errno, "the probe could not make a pipe for this check");
    print_line(c->id, &r);
    return;
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    fails(&r, errno, "the probe could not fork for this check");
    print_line(c->id, &r);
    close(fds[0]);
    close(fds[1]);
    return;
  }
  if (pid == 0) {
    close(fds[0]);
    setpgid(0, 0);
    alarm((unsigned)c->timeout_s + 1);
    c->fn(&r);
    if (!r.result) skipped(&r, "the check set no result (a bug of the probe)");
    ssize_t n = write(fds[1], &r, sizeof r);
    _exit(n == (ssize_t)sizeof r ? 0 : 1);
  }
  close(fds[1]);
  setpgid(pid, pid);
  struct pollfd pfd = {fds[0], POLLIN, 0};
  int ready = poll(&pfd, 1, c->timeout_s * 1000);
  ssize_t got = ready > 0 ? read(fds[0], &r, sizeof r) : 0;
  close(fds[0]);
  if (got != (ssize_t)sizeof r) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    memset(&r, 0, sizeof r);
    if (ready == 0 || (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM))
      fails(&r, ETIMEDOUT, "hung: no result within %d s (the check's processes were killed)", c->timeout_s);
    else if (WIFSIGNALED(status))
      fails(&r, 0, "the check crashed: signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
      fails(&r, 0, "the check exited without a result (status %d)", status);
  } else {
    kill(-pid, SIGKILL); /* whatever the check left running */
    waitpid(pid, NULL, 0);
  }
  r.detail[sizeof r.detail - 1] = '\0';
  r.observed[sizeof r.observed - 1] = '\0';
  print_line(c->id, &r);
}

static const struct check *find(const char *id) {
  for (size_t g = 0; g < NGROUPS; g++)
    for (const struct check *c = GROUPS[g]; c->id; c++)
      if (strcmp(c->id, id) == 0) return c;
  return NULL;
}

static _Noreturn void usage(int code, const char *why) {
  if (why) fprintf(stderr, "compat: %s\n", why);
  fprintf(code ? stderr : stdout,
          "usage: compat [--dir PATH] [--tmpdir PATH] [--only ID] [--list]\n"
          "  --dir PATH     writable directory on the root filesystem (default /scratch)\n"
          "  --tmpdir PATH  writable directory on a tmpfs (default /tmpfs)\n"
          "  --only ID      run one check, with notes on stderr\n"
          "  --list         print the check ids and their groups\n");
  exit(code);
}

int main(int argc, char **argv) {
  const char *only = NULL;
  /* fork_exec re-executes the probe: `compat --exit-code N` exits N at once. */
  if (argc == 3 && strcmp(argv[1], "--exit-code") == 0) return atoi(argv[2]);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--help") == 0) usage(0, NULL);
    if (strcmp(a, "--list") == 0) {
      for (size_t g = 0; g < NGROUPS; g++)
        for (const struct check *c = GROUPS[g]; c->id; c++) printf("%s %s\n", c->id, c->group);
      return 0;
    }
    if (!v) usage(2, "an option without its value, or an unknown option");
    if (strcmp(a, "--dir") == 0) probe.dir = v;
    else if (strcmp(a, "--tmpdir") == 0) probe.tmpdir = v;
    else if (strcmp(a, "--only") == 0) only = v;
    else {
      fprintf(stderr, "compat: unknown option '%s'\n", a);
      usage(2, NULL);
    }
    i++;
  }
  probe.is_init = getpid() == 1;
  mkdir(probe.dir, 0755);
  mkdir(probe.tmpdir, 0755);
  signal(SIGPIPE, SIG_IGN);
  if (only) {
    const struct check *c = find(only);
    if (!c) {
      fprintf(stderr, "compat: unknown check '%s' (compat --list names them)\n", only);
      return 2;
    }
    probe.verbose = 1;
    fprintf(stderr, "%s (%s):\n", c->id, c->group);
    run_check(c);
    return 0;
  }
  for (size_t g = 0; g < NGROUPS; g++)
    for (const struct check *c = GROUPS[g]; c->id; c++) run_check(c);
  return 0;
}
