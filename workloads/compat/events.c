/* Kernel interfaces that deliver events through file descriptors. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static int readable(int fd, int timeout_ms) {
  struct pollfd p = {fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) == 1;
}

static void inotify(struct result *r) {
  int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd < 0) return fails(r, errno, "inotify_init1");
  if (inotify_add_watch(fd, probe.dir, IN_CREATE) < 0) return fails(r, errno, "inotify_add_watch on %s", probe.dir);
  char path[300];
  scratch_path(path, sizeof path, probe.dir, "inotify");
  int f = open(path, O_CREAT | O_WRONLY, 0600);
  if (f < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  close(f);
  unlink(path);
  if (!readable(fd, 2000)) return fails(r, 0, "no IN_CREATE event within 2 s of creating a file in the watched directory");
  ok(r, "an IN_CREATE event arrived for a file created in %s", probe.dir);
}

static void fanotify(struct result *r) {
  int fd = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC, O_RDONLY);
  if (fd < 0) return fails(r, errno, "fanotify_init(FAN_CLASS_NOTIF)");
  if (fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, probe.dir) != 0) return fails(r, errno, "fanotify_mark of %s", probe.dir);
  ok(r, "fanotify_init and a FAN_OPEN mark on %s", probe.dir);
}

static void signalfd_check(struct result *r) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, NULL);
  int fd = signalfd(-1, &set, SFD_CLOEXEC);
  if (fd < 0) return fails(r, errno, "signalfd for SIGUSR1");
  raise(SIGUSR1);
  struct signalfd_siginfo info;
  if (!readable(fd, 2000) || read(fd, &info, sizeof info) != sizeof info) return fails(r, errno, "no SIGUSR1 read from the signalfd");
  if (info.ssi_signo != SIGUSR1) return fails(r, 0, "the signalfd gave signal %u, not SIGUSR1", info.ssi_signo);
  ok(r, "a blocked SIGUSR1 was read from a signalfd");
}

static void timerfd(struct result *r) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (fd < 0) return fails(r, errno, "timerfd_create(CLOCK_MONOTONIC)");
  struct itimerspec spec = {{0, 0}, {0, 5 * 1000 * 1000}};
  if (timerfd_settime(fd, 0, &spec, NULL) != 0) return fails(r, errno, "timerfd_settime of 5 ms");
  uint64_t expirations = 0;
  if (!readable(fd, 2000) || read(fd, &expirations, sizeof expirations) != sizeof expirations) return fails(r, errno, "a 5 ms timerfd did not fire within 2 s");
  ok(r, "a 5 ms timerfd fired (%llu expiration)", (unsigned long long)expirations);
}

static void eventfd_check(struct result *r) {
  int fd = eventfd(0, EFD_CLOEXEC);
  if (fd < 0) return fails(r, errno, "eventfd");
  uint64_t v = 3;
  if (write(fd, &v, sizeof v) != sizeof v) return fails(r, errno, "write to an eventfd");
  v = 0;
  if (read(fd, &v, sizeof v) != sizeof v || v != 3) return fails(r, errno, "read back 3 from an eventfd");
  ok(r, "eventfd counted 3 and read it back");
}

static void pidfd(struct result *r) {
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20 * 1000);
    _exit(0);
  }
  int fd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) {
    int err = errno;
    waitpid(pid, NULL, 0);
    return fails(r, err, "pidfd_open of a child");
  }
  int ready = readable(fd, 3000);
  waitpid(pid, NULL, 0);
  if (!ready) return fails(r, 0, "the pidfd did not become readable when the child exited");
  ok(r, "pidfd_open of a child, readable when it exited");
}

const struct check EVENT_CHECKS[] = {
    {"inotify", "kernel", inotify, 5},
    {"fanotify", "kernel", fanotify, 5},
    {"signalfd", "kernel", signalfd_check, 5},
    {"timerfd", "kernel", timerfd, 5},
    {"eventfd", "kernel", eventfd_check, 5},
    {"pidfd_open", "kernel", pidfd, 5},
    {NULL, NULL, NULL, 0},
};
