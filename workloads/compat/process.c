/* Processes: fork/exec, vfork, a thread storm, signals to threads, rlimits, core dumps. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

static void fork_exec(struct result *r) {
  pid_t pid = fork();
  if (pid < 0) return fails(r, errno, "fork");
  if (pid == 0) {
    char *argv[] = {"compat", "--exit-code", "7", NULL};
    execv("/proc/self/exe", argv);
    _exit(100 + errno);
  }
  int status = wait_child(pid, 3000);
  if (status == -1 || !WIFEXITED(status)) return fails(r, 0, "the exec'd child did not exit");
  if (WEXITSTATUS(status) >= 100) return fails(r, WEXITSTATUS(status) - 100, "execv of /proc/self/exe in a forked child");
  if (WEXITSTATUS(status) != 7) return fails(r, 0, "the exec'd child exited %d, not 7", WEXITSTATUS(status));
  ok(r, "fork, then execv of the probe itself, which exited with the code asked for");
}

static void vfork_check(struct result *r) {
  pid_t pid = vfork();
  if (pid < 0) return fails(r, errno, "vfork");
  if (pid == 0) {
    char *argv[] = {"compat", "--exit-code", "9", NULL};
    execv("/proc/self/exe", argv);
    _exit(100 + errno);
  }
  int status = wait_child(pid, 3000);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 9) return fails(r, 0, "the vfork'd child did not exec and exit 9 (status %#x)", status);
  ok(r, "vfork + execv, the child exited with the code asked for");
}

#define STORM 100
static atomic_int ran;

static void *storm_thread(void *arg) {
  (void)arg;
  atomic_fetch_add(&ran, 1);
  return NULL;
}

static void thread_storm(struct result *r) {
  pthread_t t[STORM];
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 << 10);
  int made = 0;
  for (; made < STORM; made++) {
    int err = pthread_create(&t[made], &attr, storm_thread, NULL);
    if (err) {
      for (int i = 0; i < made; i++) pthread_join(t[i], NULL);
      return fails(r, err, "pthread_create of thread %d of %d (the container's pids limit counts threads)", made + 1, STORM);
    }
  }
  for (int i = 0; i < made; i++) pthread_join(t[i], NULL);
  if (atomic_load(&ran) != STORM) return fails(r, 0, "%d of %d threads ran", atomic_load(&ran), STORM);
  ok(r, "%d threads created at once, all ran and were joined", STORM);
}

static atomic_int usr1_tid, urg_count;
static atomic_int stop_busy;

static void on_usr1(int sig) {
  (void)sig;
  atomic_store(&usr1_tid, (int)gettid());
}

static void on_urg(int sig) {
  (void)sig;
  atomic_fetch_add(&urg_count, 1);
}

static atomic_int busy_tid;

/* Spins in user space without a system call, as a Go goroutine in a tight loop does. */
static void *busy(void *arg) {
  (void)arg;
  atomic_store(&busy_tid, (int)gettid());
  volatile unsigned long x = 0;
  while (!atomic_load_explicit(&stop_busy, memory_order_relaxed)) x++;
  return NULL;
}

static void *sleeper(void *arg) {
  (void)arg;
  atomic_store(&busy_tid, (int)gettid());
  while (!atomic_load(&stop_busy)) usleep(1000);
  return NULL;
}

static void thread_signal(struct result *r) {
  signal(SIGUSR1, on_usr1);
  pthread_t t;
  if (pthread_create(&t, NULL, sleeper, NULL) != 0) return fails(r, errno, "pthread_create");
  while (!atomic_load(&busy_tid)) usleep(100);
  int target = atomic_load(&busy_tid);
  if (syscall(SYS_tgkill, getpid(), target, SIGUSR1) != 0) return fails(r, errno, "tgkill SIGUSR1 to a thread");
  for (int i = 0; i < 2000 && !atomic_load(&usr1_tid); i++) usleep(1000);
  atomic_store(&stop_busy, 1);
  pthread_join(t, NULL);
  int got = atomic_load(&usr1_tid);
  if (!got) return fails(r, 0, "SIGUSR1 sent with tgkill was not handled within 2 s");
  if (got != target) return differs(r, "SIGUSR1 sent to thread %d was handled on thread %d", target, got);
  ok(r, "SIGUSR1 sent with tgkill was handled on the very thread it was sent to");
}

/*
 * Go's asynchronous preemption: SIGURG to a thread busy in user space. 50 signals, 2 ms apart;
 * each must be handled while the thread spins (the seed's GODEBUG=asyncpreemptoff case).
 */
static void sigurg_busy(struct result *r) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_urg;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGURG, &sa, NULL);
  pthread_t t;
  if (pthread_create(&t, NULL, busy, NULL) != 0) return fails(r, errno, "pthread_create");
  while (!atomic_load(&busy_tid)) usleep(100);
  int target = atomic_load(&busy_tid);
  int sent = 0;
  for (; sent < 50; sent++) {
    int before = atomic_load(&urg_count);
    if (syscall(SYS_tgkill, getpid(), target, SIGURG) != 0) break;
    for (int w = 0; w < 1000 && atomic_load(&urg_count) == before; w++) usleep(100);
    if (atomic_load(&urg_count) == before) break;
  }
  atomic_store(&stop_busy, 1);
  pthread_join(t, NULL);
  int handled = atomic_load(&urg_count);
  observe_num(r, "handled", handled);
  if (handled < 50) return fails(r, 0, "SIGURG to a thread spinning in user space: %d of %d handled within 100 ms each", handled, sent + 1 > 50 ? 50 : sent + 1);
  ok(r, "50 SIGURG sent one by one to a thread spinning in user space, each handled at once");
}

static void setrlimit_check(struct result *r) {
  struct rlimit lim = {32, 32};
  if (setrlimit(RLIMIT_NOFILE, &lim) != 0) return fails(r, errno, "setrlimit RLIMIT_NOFILE to 32");
  int highest = -1, err = 0;
  for (int i = 0; i < 64; i++) {
    int fd = dup(2);
    if (fd < 0) {
      err = errno;
      break;
    }
    highest = fd;
  }
  observe_num(r, "highest_fd", highest);
  if (err != EMFILE) return fails(r, err, "dup up to the limit did not end with EMFILE (highest fd %d)", highest);
  if (highest != 31) return differs(r, "with RLIMIT_NOFILE 32 the highest descriptor was %d, natively 31", highest);
  ok(r, "RLIMIT_NOFILE 32 enforced: descriptors up to 31, then EMFILE");
}

static void core_pattern(struct result *r) {
  char pattern[256];
  if (read_file("/proc/sys/kernel/core_pattern", pattern, sizeof pattern) < 0) return fails(r, errno, "read /proc/sys/kernel/core_pattern");
  pattern[strcspn(pattern, "\n")] = 0;
  observe_str(r, "pattern", pattern);
  struct rlimit lim;
  getrlimit(RLIMIT_CORE, &lim);
  observe_num(r, "rlimit_core_soft", lim.rlim_cur == RLIM_INFINITY ? -1 : (double)lim.rlim_cur);
  ok(r, "core_pattern is '%s'%s", pattern, pattern[0] == '|' ? " (a pipe to a host program)" : "");
}

const struct check PROCESS_CHECKS[] = {
    {"fork_exec", "process", fork_exec, 5},
    {"vfork", "process", vfork_check, 5},
    {"thread_storm", "process", thread_storm, 10},
    {"thread_signal", "process", thread_signal, 5},
    {"sigurg_busy_thread", "process", sigurg_busy, 10},
    {"setrlimit", "process", setrlimit_check, 5},
    {"core_pattern", "process", core_pattern, 5},
    {NULL, NULL, NULL, 0},
};
