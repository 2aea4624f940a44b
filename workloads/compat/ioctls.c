/* ioctls: terminals on a pty, FIONREAD, interface queries, block device size. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "probe.h"

/* A pty pair: master and slave descriptors, or a failure set in r. */
static int open_pty(struct result *r, int *slave) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return fails(r, errno, "posix_openpt (/dev/ptmx)"), -1;
  if (grantpt(master) != 0 || unlockpt(master) != 0) return fails(r, errno, "grantpt/unlockpt"), -1;
  char name[64];
  if (ptsname_r(master, name, sizeof name) != 0) return fails(r, errno, "ptsname"), -1;
  *slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (*slave < 0) return fails(r, errno, "open of the pty slave %s", name), -1;
  return master;
}

static void tcgets(struct result *r) {
  int slave;
  if (open_pty(r, &slave) < 0) return;
  struct termios t;
  if (ioctl(slave, TCGETS, &t) != 0) return fails(r, errno, "TCGETS on a pty slave");
  t.c_lflag &= ~(tcflag_t)ECHO;
  if (ioctl(slave, TCSETS, &t) != 0) return fails(r, errno, "TCSETS on a pty slave");
  ok(r, "TCGETS and TCSETS (echo off) on a pty slave");
}

static void tiocgwinsz(struct result *r) {
  int slave, master = open_pty(r, &slave);
  if (master < 0) return;
  struct winsize set = {.ws_row = 42, .ws_col = 117}, got = {0};
  if (ioctl(master, TIOCSWINSZ, &set) != 0) return fails(r, errno, "TIOCSWINSZ on a pty master");
  if (ioctl(slave, TIOCGWINSZ, &got) != 0) return fails(r, errno, "TIOCGWINSZ on a pty slave");
  if (got.ws_row != 42 || got.ws_col != 117) return fails(r, 0, "TIOCGWINSZ gave %ux%u, 42x117 was set", got.ws_row, got.ws_col);
  ok(r, "window size set on the pty master read back on the slave");
}

static void fionread(struct result *r) {
  int p[2];
  if (pipe(p) != 0) return fails(r, errno, "pipe");
  if (write(p[1], "12345", 5) != 5) return fails(r, errno, "write to a pipe");
  int n = -1;
  if (ioctl(p[0], FIONREAD, &n) != 0) return fails(r, errno, "FIONREAD on a pipe");
  if (n != 5) return fails(r, 0, "FIONREAD says %d bytes, 5 are waiting", n);
  ok(r, "FIONREAD on a pipe counted the 5 bytes waiting");
}

static int udp_socket(struct result *r) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) fails(r, errno, "socket(AF_INET, SOCK_DGRAM)");
  return s;
}

static void siocgifconf(struct result *r) {
  int s = udp_socket(r);
  if (s < 0) return;
  struct ifreq reqs[32];
  struct ifconf conf = {.ifc_len = sizeof reqs, .ifc_req = reqs};
  if (ioctl(s, SIOCGIFCONF, &conf) != 0) return fails(r, errno, "SIOCGIFCONF");
  int n = conf.ifc_len / (int)sizeof reqs[0];
  char names[200] = "";
  for (int i = 0; i < n && strlen(names) + IFNAMSIZ + 2 < sizeof names; i++) {
    if (names[0]) strcat(names, " ");
    strcat(names, reqs[i].ifr_name);
  }
  observe_num(r, "interfaces", n);
  if (n == 0) return fails(r, 0, "SIOCGIFCONF lists no interface with an IPv4 address");
  ok(r, "SIOCGIFCONF lists %d interface(s) with an IPv4 address: %s", n, names);
}

static void siocgifflags(struct result *r) {
  int s = udp_socket(r);
  if (s < 0) return;
  struct ifreq req;
  memset(&req, 0, sizeof req);
  strcpy(req.ifr_name, "lo");
  if (ioctl(s, SIOCGIFFLAGS, &req) != 0) return fails(r, errno, "SIOCGIFFLAGS of lo");
  if (!(req.ifr_flags & IFF_LOOPBACK)) return fails(r, 0, "lo is not flagged IFF_LOOPBACK (flags %#x)", req.ifr_flags);
  ok(r, "SIOCGIFFLAGS of lo: %s, IFF_LOOPBACK", req.ifr_flags & IFF_UP ? "up" : "down");
}

static void siocgifhwaddr(struct result *r) {
  int s = udp_socket(r);
  if (s < 0) return;
  struct ifreq req;
  memset(&req, 0, sizeof req);
  strcpy(req.ifr_name, "lo");
  if (ioctl(s, SIOCGIFHWADDR, &req) != 0) return fails(r, errno, "SIOCGIFHWADDR of lo");
  if (req.ifr_hwaddr.sa_family != ARPHRD_LOOPBACK) return fails(r, 0, "lo's hardware address family is %u, not ARPHRD_LOOPBACK", req.ifr_hwaddr.sa_family);
  ok(r, "SIOCGIFHWADDR of lo: family ARPHRD_LOOPBACK");
}

/* The first whole disk /proc/partitions names that has a node under /dev. */
static void blkgetsize64(struct result *r) {
  static char buf[8192];
  if (read_file("/proc/partitions", buf, sizeof buf) < 0)
    return skipped(r, "no /proc/partitions here (%s): no block device to ask", errno_name(errno));
  char *line = strtok(buf, "\n");
  char refused[120] = "";
  for (; line; line = strtok(NULL, "\n")) {
    unsigned major, minor;
    unsigned long long blocks;
    char name[64], path[80];
    if (sscanf(line, " %u %u %llu %63s", &major, &minor, &blocks, name) != 4) continue;
    snprintf(path, sizeof path, "/dev/%s", name);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      if (!refused[0]) snprintf(refused, sizeof refused, "%s (%s)", path, errno_name(errno));
      continue;
    }
    unsigned long long bytes = 0;
    if (ioctl(fd, BLKGETSIZE64, &bytes) != 0) return fails(r, errno, "BLKGETSIZE64 on %s", path);
    if (bytes != blocks * 1024) return fails(r, 0, "BLKGETSIZE64 of %s says %llu bytes, /proc/partitions %llu KiB", path, bytes, blocks);
    return ok(r, "BLKGETSIZE64 of %s: %llu bytes, as /proc/partitions says", path, bytes);
  }
  if (refused[0]) return skipped(r, "no block device can be opened here: %s; BLKGETSIZE64 cannot be judged", refused);
  skipped(r, "no block device node under /dev (none exists in a default container): BLKGETSIZE64 cannot be judged");
}

const struct check IOCTL_CHECKS[] = {
    {"pty_tcgets", "ioctls", tcgets, 5},
    {"pty_tiocgwinsz", "ioctls", tiocgwinsz, 5},
    {"fionread", "ioctls", fionread, 5},
    {"siocgifconf", "ioctls", siocgifconf, 5},
    {"siocgifflags", "ioctls", siocgifflags, 5},
    {"siocgifhwaddr", "ioctls", siocgifhwaddr, 5},
    {"blkgetsize64", "ioctls", blkgetsize64, 5},
    {NULL, NULL, NULL, 0},
};
