/*
 * apprun: the static entrypoint of the application images (src/workloads/apps/). It runs the
 * application's own binaries, the same on the host (native) and in a container, and speaks the
 * workload protocol (one JSON sample per line on stdout) for the applications timed from inside
 * the target.
 *
 *   apprun time [--reps N] [--budget-ms MS] [--warmup-ms MS] [--tmpdir DIR] [--gen-tree DIR:N]
 *               @ METRIC UNIT OPS ARGV... [@ METRIC UNIT OPS ARGV...]...
 *       For each metric: runs ARGV (absolute path) to its exit for the warm-up (none with
 *       --warmup-ms 0: a profile of one run is one run), then per repetition as many times as fit in the budget (at least once), and prints the
 *       mean wall time per run (UNIT ms) or OPS x runs / seconds (UNIT ops/s). A run that does
 *       not exit 0 stops everything with exit 1; its output (sent to stderr) is the tail to show.
 *       --gen-tree DIR:N writes a C source tree of N modules to DIR first (the build workload).
 *   apprun exec [--write PATH CONTENT]... [--] ARGV...
 *       Writes each file (a server's configuration, the file it serves; parents made), then
 *       replaces itself with ARGV (a server started detached).
 *   apprun beside --port P [--server-cpu C] [--client-cpu C] [--repeat N] @ SERVER... @ CLIENT...
 *                 [@ CLIENT...]...
 *       Starts SERVER, waits until 127.0.0.1:P accepts, runs each CLIENT N times in turn with its
 *       stdout passed through, and stops SERVER (clients beside the server). Exit 1 as soon as a
 *       client fails.
 */
#define _GNU_SOURCE
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *child_env[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/", NULL, NULL};

static void set_tmpdir(const char *dir) {
  static char buf[4096];
  snprintf(buf, sizeof buf, "TMPDIR=%s", dir);
  child_env[3] = buf;
}

static void pin(long cpu) {
  if (cpu < 0) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET((int)cpu, &set);
  (void)sched_setaffinity(0, sizeof set, &set); /* best effort: a cpuset may not hold that CPU */
}

/* Starts argv; its stdout goes to stderr unless keep_stdout. */
static pid_t spawn(char **argv, int keep_stdout, long cpu) {
  pid_t pid = fork();
  if (pid < 0) bench_die_errno("fork");
  if (pid == 0) {
    if (!keep_stdout) dup2(2, 1);
    pin(cpu);
    execve(argv[0], argv, child_env);
    fprintf(stderr, "apprun: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  return pid;
}

static int wait_status(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) bench_die_errno("waitpid");
  }
  return status;
}

static void run_once(char **argv) {
  int status = wait_status(spawn(argv, 0, -1));
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  if (WIFSIGNALED(status)) bench_die("%s was killed by signal %d", argv[0], WTERMSIG(status));
  bench_die("%s exited with status %d", argv[0], WEXITSTATUS(status));
}

struct group {
  const char *metric;
  int ops_per_s;
  double ops;
  char **argv;
};

static void time_group(const struct bench_opts *o, const struct group *g) {
  uint64_t start = bench_now_ns();
  /* --warmup-ms 0: no warm-up run (one profiled run is exactly one run of the command) */
  while (bench_now_ns() - start < (uint64_t)o->warmup_ms * 1000000) run_once(g->argv);
  for (long rep = 0; rep < o->reps; rep++) {
    uint64_t t0 = bench_now_ns(), ns;
    long runs = 0;
    do {
      run_once(g->argv);
      runs++;
      ns = bench_now_ns() - t0;
    } while (ns < (uint64_t)o->budget_ms * 1000000);
    double value = g->ops_per_s ? g->ops * (double)runs * 1e9 / (double)ns : (double)ns / 1e6 / (double)runs;
    printf("{\"metric\":\"%s\",\"unit\":\"%s\",\"value\":%.9g,\"iterations\":%ld,\"rep\":%ld}\n", g->metric,
           g->ops_per_s ? "ops/s" : "ms", value, runs, rep);
    fflush(stdout);
  }
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) bench_die_errno("writing %s", path);
}

/* N modules of a few functions each, a header per module, a main calling them, and gcc's
 * response file build.rsp (sources and output), so `gcc @DIR/build.rsp` builds the tree. */
static void gen_tree(const char *spec) {
  char dir[2048];
  const char *colon = strrchr(spec, ':');
  if (colon == NULL || (size_t)(colon - spec) >= sizeof dir) bench_usage_error("invalid value for --gen-tree: '%s' (expected DIR:N)", spec);
  memcpy(dir, spec, (size_t)(colon - spec));
  dir[colon - spec] = '\0';
  long n = bench_parse_long("--gen-tree", colon + 1, 1, 1000);
  char path[4096], text[8192];
  snprintf(path, sizeof path, "%s/src", dir);
  if (mkdir(path, 0755) != 0 && errno != EEXIST) bench_die_errno("mkdir %s", path);
  FILE *rsp = NULL, *main_c = NULL;
  snprintf(path, sizeof path, "%s/build.rsp", dir);
  if ((rsp = fopen(path, "w")) == NULL) bench_die_errno("writing %s", path);
  snprintf(path, sizeof path, "%s/src/main.c", dir);
  if ((main_c = fopen(path, "w")) == NULL) bench_die_errno("writing %s", path);
  fprintf(rsp, "-O1 -pipe -o %s/prog %s/src/main.c\n", dir, dir);
  fputs("#include <stdio.h>\n", main_c);
  for (long i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/src/mod%ld.h", dir, i);
    snprintf(text, sizeof text, "#ifndef MOD%ld_H\n#define MOD%ld_H\n#include <stddef.h>\nlong mod%ld_run(long x);\n#endif\n", i, i, i);
    write_file(path, text);
    snprintf(path, sizeof path, "%s/src/mod%ld.c", dir, i);
    snprintf(text, sizeof text,
             "#include <string.h>\n#include <stdlib.h>\n#include \"mod%ld.h\"\n"
             "struct item%ld { long key; char name[16]; };\n"
             "static int cmp(const void *a, const void *b) {\n"
             "  const struct item%ld *x = a, *y = b;\n  return (x->key > y->key) - (x->key < y->key);\n}\n"
             "long mod%ld_run(long x) {\n  struct item%ld items[32];\n"
             "  for (size_t i = 0; i < 32; i++) { items[i].key = (x * 2654435761L + (long)i * %ld) %% 1009;\n"
             "    memset(items[i].name, 'a' + (int)(i %% 26), sizeof items[i].name); }\n"
             "  qsort(items, 32, sizeof items[0], cmp);\n  long acc = 0;\n"
             "  for (size_t i = 0; i < 32; i++) acc += items[i].key * (long)strlen(items[i].name);\n"
             "  return acc;\n}\n",
             i, i, i, i, i, i + 7);
    write_file(path, text);
    fprintf(rsp, "%s/src/mod%ld.c\n", dir, i);
    fprintf(main_c, "#include \"mod%ld.h\"\n", i);
  }
  fputs("int main(void) {\n  long acc = 0;\n", main_c);
  for (long i = 0; i < n; i++) fprintf(main_c, "  acc += mod%ld_run(%ld);\n", i, i);
  fputs("  printf(\"%ld\\n\", acc);\n  return 0;\n}\n", main_c);
  if (fclose(rsp) != 0 || fclose(main_c) != 0) bench_die_errno("writing the tree in %s", dir);
}

static int cmd_time(int argc, char **argv) {
  struct bench_opts o = {.reps = 5, .budget_ms = 200, .warmup_ms = 200};
  struct group groups[16];
  int ngroups = 0, i = 0;
  for (; i < argc && strcmp(argv[i], "@") != 0; i += 2) {
    if (i + 1 >= argc) bench_usage_error("option %s needs a value", argv[i]);
    const char *name = argv[i], *value = argv[i + 1];
    if (strcmp(name, "--reps") == 0) o.reps = bench_parse_long(name, value, 1, 1000);
    else if (strcmp(name, "--budget-ms") == 0) o.budget_ms = bench_parse_long(name, value, 0, 3600000);
    else if (strcmp(name, "--warmup-ms") == 0) o.warmup_ms = bench_parse_long(name, value, 0, 3600000);
    else if (strcmp(name, "--tmpdir") == 0) set_tmpdir(value);
    else if (strcmp(name, "--gen-tree") == 0) gen_tree(value);
    else bench_usage_error("unknown option '%s' (accepted: --reps, --budget-ms, --warmup-ms, --tmpdir, --gen-tree)", name);
  }
  while (i < argc) { /* argv[i] is "@" (or the NULL that replaced it) */
    if (ngroups == 16 || i + 4 >= argc) bench_usage_error("each @ needs METRIC UNIT OPS ARGV (at most 16 groups)");
    struct group *g = &groups[ngroups++];
    g->metric = argv[i + 1];
    if (strcmp(argv[i + 2], "ms") != 0 && strcmp(argv[i + 2], "ops/s") != 0) bench_usage_error("invalid unit '%s' (accepted: ms, ops/s)", argv[i + 2]);
    g->ops_per_s = strcmp(argv[i + 2], "ops/s") == 0;
    g->ops = (double)bench_parse_long("OPS", argv[i + 3], 1, 1000000000);
    g->argv = &argv[i + 4];
    int j = i + 4;
    while (j < argc && strcmp(argv[j], "@") != 0) j++;
    if (j < argc) argv[j] = NULL; /* ends this group's ARGV; argv[argc] is NULL already */
    i = j;
  }
  if (ngroups == 0) bench_usage_error("nothing to time: give @ METRIC UNIT OPS ARGV...");
  for (int k = 0; k < ngroups; k++) time_group(&o, &groups[k]);
  return 0;
}

static int port_open(long port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
  close(fd);
  return ok;
}

static pid_t server_pid;
static void stop_server(void) {
  if (server_pid > 0) kill(server_pid, SIGKILL);
}

static int cmd_beside(int argc, char **argv) {
  long port = 0, server_cpu = -1, client_cpu = -1, repeat = 1;
  int i = 0;
  for (; i < argc && strcmp(argv[i], "@") != 0; i += 2) {
    if (i + 1 >= argc) bench_usage_error("option %s needs a value", argv[i]);
    if (strcmp(argv[i], "--port") == 0) port = bench_parse_long("--port", argv[i + 1], 1, 65535);
    else if (strcmp(argv[i], "--server-cpu") == 0) server_cpu = bench_parse_long("--server-cpu", argv[i + 1], 0, 1023);
    else if (strcmp(argv[i], "--client-cpu") == 0) client_cpu = bench_parse_long("--client-cpu", argv[i + 1], 0, 1023);
    else if (strcmp(argv[i], "--repeat") == 0) repeat = bench_parse_long("--repeat", argv[i + 1], 1, 1000);
    else bench_usage_error("unknown option '%s' (accepted: --port, --server-cpu, --client-cpu, --repeat)", argv[i]);
  }
  char **cmds[17];
  int ncmds = 0;
  for (int j = i; j < argc; j++) {
    if (strcmp(argv[j], "@") != 0) continue;
    if (ncmds == 17 || j + 1 >= argc || strcmp(argv[j + 1], "@") == 0) bench_usage_error("each @ needs a command (at most 16 clients)");
    argv[j] = NULL;
    cmds[ncmds++] = &argv[j + 1];
  }
  if (port == 0 || ncmds < 2) bench_usage_error("usage: apprun beside --port P [--repeat N] @ SERVER... @ CLIENT... [@ CLIENT...]...");
  bench_set_cleanup(stop_server);
  server_pid = spawn(cmds[0], 0, server_cpu);
  uint64_t t0 = bench_now_ns();
  while (!port_open(port)) {
    if (waitpid(server_pid, NULL, WNOHANG) == server_pid) {
      server_pid = 0;
      bench_die("%s exited before accepting on port %ld", cmds[0][0], port);
    }
    if (bench_now_ns() - t0 > 20000000000ULL) bench_die("%s did not accept on port %ld within 20 s", cmds[0][0], port);
    usleep(20000);
  }
  for (int c = 1; c < ncmds; c++) {
    for (long r = 0; r < repeat; r++) {
      int status = wait_status(spawn(cmds[c], 1, client_cpu));
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) continue;
      stop_server();
      bench_die("%s failed (wait status 0x%x)", cmds[c][0], (unsigned)status);
    }
  }
  stop_server();
  wait_status(server_pid);
  return 0;
}

/* mkdir -p of the directory holding path. */
static void make_parents(const char *path) {
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p != '\0'; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) bench_die_errno("mkdir %s", buf);
    *p = '/';
  }
}

static int cmd_exec(int argc, char **argv) {
  int i = 0;
  while (i + 2 < argc && strcmp(argv[i], "--write") == 0) {
    make_parents(argv[i + 1]);
    write_file(argv[i + 1], argv[i + 2]);
    i += 3;
  }
  if (i < argc && strcmp(argv[i], "--") == 0) i++;
  if (i >= argc) bench_usage_error("usage: apprun exec [--write PATH CONTENT]... [--] ARGV...");
  execve(argv[i], &argv[i], child_env);
  bench_die_errno("cannot run %s", argv[i]);
}

int main(int argc, char **argv) {
  bench_prog = "apprun";
  if (argc < 3) bench_usage_error("usage: apprun time|exec|beside ... (see workloads/apprun.c)");
  if (strcmp(argv[1], "time") == 0) return cmd_time(argc - 2, argv + 2);
  if (strcmp(argv[1], "beside") == 0) return cmd_beside(argc - 2, argv + 2);
  if (strcmp(argv[1], "exec") == 0) return cmd_exec(argc - 2, argv + 2);
  bench_usage_error("unknown command '%s' (accepted: time, exec, beside)", argv[1]);
}
