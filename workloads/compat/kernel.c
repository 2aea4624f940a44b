/* Kernel interfaces: io_uring, userfaultfd, memfd, clone3, namespaces, mount, keys, handles. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/sched.h>
#include <linux/userfaultfd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

static void io_uring(struct result *r) {
  struct io_uring_params params;
  memset(&params, 0, sizeof params);
  int fd = (int)syscall(SYS_io_uring_setup, 4, &params);
  if (fd < 0) return fails(r, errno, "io_uring_setup with 4 entries");
  observe_num(r, "sq_entries", params.sq_entries);
  ok(r, "io_uring_setup gave a ring of %u submission entries (features %#x)", params.sq_entries, params.features);
}

static void userfaultfd(struct result *r) {
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
  int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
  const char *how = "user-mode-only";
  if (fd < 0 && errno == EINVAL) {
    fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
    how = "plain";
  }
  if (fd < 0) return fails(r, errno, "userfaultfd(UFFD_USER_MODE_ONLY)");
  struct uffdio_api api = {.api = UFFD_API, .features = 0};
  if (ioctl(fd, UFFDIO_API, &api) != 0) return fails(r, errno, "UFFDIO_API handshake on a %s userfaultfd", how);
  ok(r, "userfaultfd (%s) opened and UFFDIO_API answered", how);
}

static void memfd(struct result *r) {
  int fd = memfd_create("isobench", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0) return fails(r, errno, "memfd_create");
  char out[6] = {0};
  if (write(fd, "hello", 5) != 5 || pread(fd, out, 5, 0) != 5 || strcmp(out, "hello") != 0)
    return fails(r, errno, "write and read back through a memfd");
  if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) != 0) return fails(r, errno, "F_ADD_SEALS F_SEAL_WRITE on a memfd");
  ok(r, "memfd_create, write, read back and a write seal");
}

static void clone3(struct result *r) {
  struct clone_args args;
  memset(&args, 0, sizeof args);
  args.exit_signal = SIGCHLD;
  long pid = syscall(SYS_clone3, &args, sizeof args);
  if (pid == 0) _exit(7);
  if (pid < 0) return fails(r, errno, "clone3 of a plain child");
  int status = wait_child((int)pid, 3000);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 7) return fails(r, 0, "the clone3 child did not exit 7");
  ok(r, "clone3 made a child that ran and exited");
}

/* unshare(flags) in a child, which then exits 0 (errno + 10 on failure). */
static void unshare_child(struct result *r, int flags, const char *what) {
  pid_t pid = fork();
  if (pid == 0) _exit(unshare(flags) == 0 ? 0 : 10 + errno);
  int status = wait_child(pid, 3000);
  if (status == -1 || !WIFEXITED(status)) return fails(r, ETIMEDOUT, "the unshare child did not exit");
  if (WEXITSTATUS(status) != 0) return fails(r, WEXITSTATUS(status) - 10, "unshare(%s)", what);
  ok(r, "unshare(%s) in a child", what);
}

static void unshare_user(struct result *r) { unshare_child(r, CLONE_NEWUSER, "CLONE_NEWUSER"); }
static void unshare_mount(struct result *r) { unshare_child(r, CLONE_NEWNS, "CLONE_NEWNS"); }
static void unshare_net(struct result *r) { unshare_child(r, CLONE_NEWNET, "CLONE_NEWNET"); }

/* In a child: a private mount namespace (a user namespace too if need be), a tmpfs in it. */
static void mount_tmpfs(struct result *r) {
  char dir[300];
  scratch_path(dir, sizeof dir, probe.tmpdir, "mnt");
  if (mkdir(dir, 0700) != 0) return skipped(r, "cannot make a mount point in %s: %s", probe.tmpdir, strerror(errno));
  int fds[2];
  if (pipe(fds) != 0) return fails(r, errno, "pipe");
  pid_t pid = fork();
  if (pid == 0) {
    int how = 1;
    if (unshare(CLONE_NEWNS) != 0) {
      how = 2;
      if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) _exit(10 + errno);
    }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) _exit(10 + errno);
    if (mount("isobench", dir, "tmpfs", 0, "size=1m") != 0) _exit(10 + errno);
    if (write(fds[1], &how, 1) != 1) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  int status = wait_child(pid, 3000);
  char how = 0;
  if (read(fds[0], &how, 1) != 1) how = 0;
  rmdir(dir);
  if (status == -1 || !WIFEXITED(status)) return fails(r, ETIMEDOUT, "the mounting child did not exit");
  if (WEXITSTATUS(status) != 0) return fails(r, WEXITSTATUS(status) - 10, "a tmpfs mount in a private mount namespace (tried without, then with, a user namespace)");
  observe_str(r, "namespace", how == 1 ? "mount" : "user+mount");
  ok(r, "mounted a tmpfs in a private %s namespace", how == 1 ? "mount" : "user + mount");
}

static void keyctl(struct result *r) {
  long key = syscall(SYS_add_key, "user", "isobench-compat", "x", 1, -2 /* KEY_SPEC_PROCESS_KEYRING */);
  if (key < 0) return fails(r, errno, "add_key of a user key to the process keyring");
  char buf[4] = {0};
  long n = syscall(SYS_keyctl, 11 /* KEYCTL_READ */, key, buf, sizeof buf);
  if (n != 1 || buf[0] != 'x') return fails(r, errno, "KEYCTL_READ of the key just added");
  ok(r, "add_key and keyctl(KEYCTL_READ) round trip");
}

static void name_to_handle(struct result *r) {
  struct {
    struct file_handle h;
    unsigned char bytes[128];
  } fh;
  fh.h.handle_bytes = sizeof fh.bytes;
  int mount_id;
  if (name_to_handle_at(AT_FDCWD, probe.dir, &fh.h, &mount_id, 0) != 0) return fails(r, errno, "name_to_handle_at of %s", probe.dir);
  observe_num(r, "handle_bytes", fh.h.handle_bytes);
  ok(r, "name_to_handle_at gave a %u-byte handle for %s", fh.h.handle_bytes, probe.dir);
}

const struct check KERNEL_CHECKS[] = {
    {"io_uring_setup", "kernel", io_uring, 5},
    {"userfaultfd", "kernel", userfaultfd, 5},
    {"memfd_create", "kernel", memfd, 5},
    {"clone3", "kernel", clone3, 5},
    {"unshare_user", "kernel", unshare_user, 5},
    {"unshare_mount", "kernel", unshare_mount, 5},
    {"unshare_net", "kernel", unshare_net, 5},
    {"mount_tmpfs", "kernel", mount_tmpfs, 5},
    {"keyctl", "kernel", keyctl, 5},
    {"name_to_handle_at", "kernel", name_to_handle, 5},
    {NULL, NULL, NULL, 0},
};
