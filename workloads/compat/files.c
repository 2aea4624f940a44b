/* Files: O_DIRECT, fallocate, copies in the kernel, fsync reaching the device, xattrs, locks, shared mmap. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

/* A new file of `bytes` bytes of a known pattern in dir; its path in `path`; -1 when it cannot be made. */
static int pattern_file(char *path, size_t size, const char *dir, const char *tag, size_t bytes) {
  scratch_path(path, size, dir, tag);
  int fd = open(path, O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  unlink(path); /* gone when the check's process exits */
  char buf[4096];
  for (size_t done = 0; done < bytes; done += sizeof buf) {
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (char)((done + i) * 31 % 251);
    if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) return -1;
  }
  return fd;
}

static int same_content(int a, int b, size_t bytes) {
  char x[4096], y[4096];
  for (off_t off = 0; off < (off_t)bytes; off += sizeof x)
    if (pread(a, x, sizeof x, off) != (ssize_t)sizeof x || pread(b, y, sizeof y, off) != (ssize_t)sizeof y || memcmp(x, y, sizeof x) != 0) return 0;
  return 1;
}

static void o_direct(struct result *r) {
  char path[300];
  scratch_path(path, sizeof path, probe.dir, "direct");
  int fd = open(path, O_CREAT | O_RDWR | O_DIRECT | O_CLOEXEC, 0600);
  if (fd < 0) return fails(r, errno, "open with O_DIRECT in %s", probe.dir);
  unlink(path);
  void *buf;
  if (posix_memalign(&buf, 4096, 4096) != 0) return fails(r, ENOMEM, "aligned buffer");
  memset(buf, 7, 4096);
  if (pwrite(fd, buf, 4096, 0) != 4096) return fails(r, errno, "aligned 4 KiB O_DIRECT write");
  memset(buf, 0, 4096);
  if (pread(fd, buf, 4096, 0) != 4096 || ((char *)buf)[4095] != 7) return fails(r, errno, "aligned 4 KiB O_DIRECT read back");
  ok(r, "O_DIRECT write and read back of an aligned 4 KiB block in %s", probe.dir);
}

static void fallocate_check(struct result *r) {
  char path[300];
  int fd = pattern_file(path, sizeof path, probe.dir, "falloc", 0);
  if (fd < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  if (fallocate(fd, 0, 0, 1 << 20) != 0) return fails(r, errno, "fallocate of 1 MiB");
  struct stat st;
  fstat(fd, &st);
  observe_num(r, "blocks_512", (double)st.st_blocks);
  if (st.st_size != 1 << 20) return fails(r, 0, "the file is %lld bytes after fallocate of 1 MiB", (long long)st.st_size);
  ok(r, "fallocate of 1 MiB: size 1 MiB, %lld blocks of 512 bytes allocated", (long long)st.st_blocks);
}

static void copy_range(struct result *r) {
  char a[300], b[300];
  int in = pattern_file(a, sizeof a, probe.dir, "cfr-in", 64 << 10);
  int out = pattern_file(b, sizeof b, probe.dir, "cfr-out", 0);
  if (in < 0 || out < 0) return skipped(r, "cannot create files in %s: %s", probe.dir, strerror(errno));
  loff_t off_in = 0, off_out = 0;
  ssize_t n = copy_file_range(in, &off_in, out, &off_out, 64 << 10, 0);
  if (n < 0) return fails(r, errno, "copy_file_range of 64 KiB");
  if (n != 64 << 10 || !same_content(in, out, 64 << 10)) return fails(r, 0, "copy_file_range copied %zd of 65536 bytes or changed them", n);
  ok(r, "copy_file_range copied 64 KiB intact");
}

static void splice_check(struct result *r) {
  char b[300];
  int out = pattern_file(b, sizeof b, probe.dir, "splice", 0);
  int p[2];
  if (out < 0 || pipe(p) != 0) return skipped(r, "cannot create a file or a pipe: %s", strerror(errno));
  if (write(p[1], "spliced!", 8) != 8) return fails(r, errno, "write to a pipe");
  loff_t off = 0;
  ssize_t n = splice(p[0], NULL, out, &off, 8, 0);
  if (n < 0) return fails(r, errno, "splice from a pipe into a file");
  char got[9] = {0};
  if (n != 8 || pread(out, got, 8, 0) != 8 || strcmp(got, "spliced!") != 0) return fails(r, 0, "splice moved %zd bytes, not the 8 written", n);
  ok(r, "splice of 8 bytes from a pipe into a file");
}

static void sendfile_check(struct result *r) {
  char a[300], b[300];
  int in = pattern_file(a, sizeof a, probe.dir, "sf-in", 64 << 10);
  int out = pattern_file(b, sizeof b, probe.dir, "sf-out", 0);
  if (in < 0 || out < 0) return skipped(r, "cannot create files in %s: %s", probe.dir, strerror(errno));
  off_t off = 0;
  ssize_t n = sendfile(out, in, &off, 64 << 10);
  if (n < 0) return fails(r, errno, "sendfile of 64 KiB from file to file");
  if (n != 64 << 10 || !same_content(in, out, 64 << 10)) return fails(r, 0, "sendfile moved %zd of 65536 bytes or changed them", n);
  ok(r, "sendfile copied 64 KiB file to file intact");
}

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median time of `rounds` (write 4 KiB + sync) in dir, in µs; -1 with errno on failure. */
static double sync_median_us(const char *dir, int data_only, int rounds) {
  char path[300];
  int fd = pattern_file(path, sizeof path, dir, data_only ? "fdatasync" : "fsync", 0);
  if (fd < 0) return -1;
  double times[64];
  char block[4096];
  memset(block, 3, sizeof block);
  for (int i = 0; i < rounds; i++) {
    if (pwrite(fd, block, sizeof block, (off_t)i * 4096) != (ssize_t)sizeof block) return -1;
    double t0 = now_us();
    if ((data_only ? fdatasync(fd) : fsync(fd)) != 0) return -1;
    times[i] = now_us() - t0;
  }
  close(fd);
  qsort(times, (size_t)rounds, sizeof times[0], cmp_double);
  return times[rounds / 2];
}

/*
 * A sync that reaches the device takes far longer than one on tmpfs, which has none: the
 * median on the root filesystem against the median on tmpfs, 16 rounds each.
 */
static void sync_check(struct result *r, int data_only) {
  const char *what = data_only ? "fdatasync" : "fsync";
  double disk = sync_median_us(probe.dir, data_only, 16);
  if (disk < 0) return fails(r, errno, "%s of a 4 KiB write in %s", what, probe.dir);
  double mem = sync_median_us(probe.tmpdir, data_only, 16);
  if (mem < 0) return fails(r, errno, "%s of a 4 KiB write in %s (tmpfs)", what, probe.tmpdir);
  double ratio = mem > 0 ? disk / mem : 0;
  int reaches = disk > 50 && ratio > 5;
  observe_num(r, "rootfs_us", disk);
  observe_num(r, "tmpfs_us", mem);
  observe_num(r, "reaches_device", reaches);
  ok(r, "%s median %.1f µs on %s, %.1f µs on tmpfs (%.0f×): %s", what, disk, probe.dir, mem, ratio,
     reaches ? "it reaches the device" : "it does not look like it reaches a device");
}

static void fsync_check(struct result *r) { sync_check(r, 0); }
static void fdatasync_check(struct result *r) { sync_check(r, 1); }

static void xattr(struct result *r) {
  char path[300];
  scratch_path(path, sizeof path, probe.dir, "xattr");
  int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  int rc = fsetxattr(fd, "user.isobench", "v1", 2, 0);
  int err = errno;
  char got[8] = {0};
  ssize_t n = rc == 0 ? fgetxattr(fd, "user.isobench", got, sizeof got) : -1;
  if (rc == 0 && n < 0) err = errno;
  unlink(path);
  if (rc != 0) return fails(r, err, "setxattr user.isobench in %s", probe.dir);
  if (n != 2 || strcmp(got, "v1") != 0) return fails(r, err, "getxattr did not give back the value set");
  ok(r, "user.* xattr set and read back in %s", probe.dir);
}

/* A child tries to take the lock the parent holds: it must be refused. */
static void flock_check(struct result *r) {
  char path[300];
  scratch_path(path, sizeof path, probe.dir, "flock");
  int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  if (flock(fd, LOCK_EX) != 0) return fails(r, errno, "flock LOCK_EX");
  pid_t pid = fork();
  if (pid == 0) {
    int other = open(path, O_RDWR);
    _exit(flock(other, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK ? 0 : 1);
  }
  int status = wait_child(pid, 3000);
  unlink(path);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return fails(r, 0, "another process took the flock the probe holds");
  ok(r, "flock LOCK_EX held; another process was refused with EWOULDBLOCK");
}

static void fcntl_lock(struct result *r) {
  char path[300];
  scratch_path(path, sizeof path, probe.dir, "fcntl");
  int fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  if (fcntl(fd, F_SETLK, &lk) != 0) return fails(r, errno, "fcntl F_SETLK write lock");
  pid_t me = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    int other = open(path, O_RDWR);
    struct flock q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
    if (fcntl(other, F_GETLK, &q) != 0) _exit(2);
    _exit(q.l_type == F_WRLCK && q.l_pid == me ? 0 : 1);
  }
  int status = wait_child(pid, 3000);
  unlink(path);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 2) return fails(r, 0, "F_GETLK failed in another process");
  if (WEXITSTATUS(status) == 1) return differs(r, "another process's F_GETLK did not name the holder (pid %d) of the write lock", (int)me);
  ok(r, "fcntl write lock held; another process's F_GETLK named its holder");
}

static void mmap_shared(struct result *r) {
  char path[300];
  int fd = pattern_file(path, sizeof path, probe.dir, "mmap", 4096);
  if (fd < 0) return skipped(r, "cannot create a file in %s: %s", probe.dir, strerror(errno));
  volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) return fails(r, errno, "mmap MAP_SHARED of a file");
  pid_t pid = fork();
  if (pid == 0) {
    volatile char *q = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (q == MAP_FAILED) _exit(1);
    q[100] = 'Z';
    msync((void *)q, 4096, MS_SYNC);
    _exit(0);
  }
  int status = wait_child(pid, 3000);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return fails(r, 0, "the child could not map the file");
  char via_read = 0;
  if (pread(fd, &via_read, 1, 100) != 1) return fails(r, errno, "pread");
  if (p[100] != 'Z' || via_read != 'Z') return fails(r, 0, "a write through another process's shared mapping was not seen (mapping '%c', read '%c')", p[100], via_read);
  ok(r, "a write through another process's MAP_SHARED mapping was seen in this one's and by read()");
}

const struct check FILE_CHECKS[] = {
    {"o_direct", "files", o_direct, 5},
    {"fallocate", "files", fallocate_check, 5},
    {"copy_file_range", "files", copy_range, 5},
    {"splice", "files", splice_check, 5},
    {"sendfile", "files", sendfile_check, 5},
    {"fsync", "files", fsync_check, 15},
    {"fdatasync", "files", fdatasync_check, 15},
    {"xattr", "files", xattr, 5},
    {"flock", "files", flock_check, 5},
    {"fcntl_lock", "files", fcntl_lock, 5},
    {"mmap_shared", "files", mmap_shared, 5},
    {NULL, NULL, NULL, 0},
};
