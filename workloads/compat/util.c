/* Result setters, JSON and small helpers of the compatibility probe. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

static void set(struct result *r, const char *result, int err, const char *fmt, va_list ap) {
  r->result = result;
  r->err = err;
  vsnprintf(r->detail, sizeof r->detail, fmt, ap);
}

void ok(struct result *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set(r, "ok", 0, fmt, ap);
  va_end(ap);
}

void differs(struct result *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set(r, "differs", 0, fmt, ap);
  va_end(ap);
}

void fails(struct result *r, int err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set(r, "fails", err, fmt, ap);
  va_end(ap);
}

void skipped(struct result *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set(r, "skipped", 0, fmt, ap);
  va_end(ap);
}

static void append(struct result *r, const char *member) {
  size_t used = strlen(r->observed);
  if (used + strlen(member) + 2 >= sizeof r->observed) return;
  if (used > 0) strcat(r->observed, ",");
  strcat(r->observed, member);
}

void observe_num(struct result *r, const char *key, double value) {
  char member[160];
  snprintf(member, sizeof member, "\"%s\":%.17g", key, value);
  append(r, member);
}

void observe_str(struct result *r, const char *key, const char *value) {
  char quoted[400], member[480];
  json_string(quoted, sizeof quoted, value);
  snprintf(member, sizeof member, "\"%s\":%s", key, quoted);
  append(r, member);
}

void note(const char *fmt, ...) {
  if (!probe.verbose) return;
  va_list ap;
  va_start(ap, fmt);
  fputs("  ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

long read_file(const char *path, char *buf, size_t size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  size_t used = 0;
  while (used + 1 < size) {
    ssize_t n = read(fd, buf + used, size - 1 - used);
    if (n < 0) {
      int saved = errno;
      close(fd);
      errno = saved;
      return -1;
    }
    if (n == 0) break;
    used += (size_t)n;
  }
  buf[used] = '\0';
  close(fd);
  return (long)used;
}

void json_string(char *out, size_t size, const char *s) {
  size_t o = 0;
  if (size < 3) return;
  out[o++] = '"';
  for (; *s && o + 8 < size; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      out[o++] = '\\';
      out[o++] = (char)c;
    } else if (c == '\n') {
      out[o++] = '\\';
      out[o++] = 'n';
    } else if (c < 0x20 || c == 0x7f) {
      o += (size_t)snprintf(out + o, size - o, "\\u%04x", c);
    } else {
      out[o++] = (char)c;
    }
  }
  out[o++] = '"';
  out[o] = '\0';
}

const char *errno_name(int err) {
  static char other[24];
  const char *name = strerrorname_np(err);
  if (name) return name;
  snprintf(other, sizeof other, "E%d", err);
  return other;
}

void scratch_path(char *out, size_t size, const char *dir, const char *tag) {
  snprintf(out, size, "%s/isobench-compat-%d-%s", dir, (int)getpid(), tag);
}

int wait_child(int pid, int timeout_ms) {
  int status;
  for (int waited = 0; waited <= timeout_ms; waited += 2) {
    pid_t got = waitpid(pid, &status, WNOHANG);
    if (got == pid) return status;
    if (got < 0 && errno != EINTR) return -1;
    struct timespec ts = {0, 2 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}
