/* Network: netlink, packet and raw sockets, loopback TCP/UDP/IPv6, Unix socket credentials. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "probe.h"

const char *loopback_note(void) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq req;
  memset(&req, 0, sizeof req);
  strcpy(req.ifr_name, "lo");
  int rc = s < 0 ? -1 : ioctl(s, SIOCGIFFLAGS, &req);
  if (s >= 0) close(s);
  if (rc != 0 || (req.ifr_flags & IFF_UP)) return "";
  return " (lo is down in this container: nothing set it up)";
}

static void netlink_route(struct result *r) {
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (s < 0) return fails(r, errno, "socket(AF_NETLINK, NETLINK_ROUTE)");
  struct {
    struct nlmsghdr h;
    struct ifinfomsg i;
  } req = {{NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0}, {.ifi_family = AF_UNSPEC}};
  if (send(s, &req, req.h.nlmsg_len, 0) < 0) return fails(r, errno, "send of an RTM_GETLINK dump request");
  static char buf[1 << 16];
  int links = 0;
  for (;;) {
    struct pollfd p = {s, POLLIN, 0};
    if (poll(&p, 1, 2000) != 1) return fails(r, ETIMEDOUT, "no answer to the RTM_GETLINK dump within 2 s");
    ssize_t n = recv(s, buf, sizeof buf, 0);
    if (n < 0) return fails(r, errno, "recv of the RTM_GETLINK dump");
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE) {
        observe_num(r, "links", links);
        if (links == 0) return fails(r, 0, "the RTM_GETLINK dump lists no link");
        return ok(r, "an RTM_GETLINK dump over AF_NETLINK lists %d link(s)", links);
      }
      if (h->nlmsg_type == NLMSG_ERROR) return fails(r, -((struct nlmsgerr *)NLMSG_DATA(h))->error, "the RTM_GETLINK dump answered an error");
      if (h->nlmsg_type == RTM_NEWLINK) links++;
    }
  }
}

static void af_packet(struct result *r) {
  int s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
  if (s < 0) return fails(r, errno, "socket(AF_PACKET, SOCK_RAW) (tcpdump's socket; needs CAP_NET_RAW)");
  ok(r, "socket(AF_PACKET, SOCK_RAW) opened");
}

static void raw_icmp(struct result *r) {
  int s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
  if (s < 0) return fails(r, errno, "socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) (ping's socket; needs CAP_NET_RAW)");
  ok(r, "raw ICMP socket opened");
}

/* A bound socket on 127.0.0.1 (or ::1), port chosen by the kernel; its address in `addr`. */
static int bound(int family, int type, struct sockaddr_storage *addr, socklen_t *len) {
  int s = socket(family, type | SOCK_CLOEXEC, 0);
  if (s < 0) return -1;
  memset(addr, 0, sizeof *addr);
  if (family == AF_INET) {
    struct sockaddr_in *a = (struct sockaddr_in *)addr;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *len = sizeof *a;
  } else {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)addr;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    *len = sizeof *a;
  }
  if (bind(s, (struct sockaddr *)addr, *len) != 0 || getsockname(s, (struct sockaddr *)addr, len) != 0) return -1;
  return s;
}

/* TCP client connected to a listening server on loopback; the accepted side in *server. */
static int tcp_pair(struct result *r, int family, int *server) {
  struct sockaddr_storage addr;
  socklen_t len;
  int l = bound(family, SOCK_STREAM, &addr, &len);
  if (l < 0 || listen(l, 1) != 0) return fails(r, errno, "bind and listen on %s%s", family == AF_INET ? "127.0.0.1" : "[::1]", loopback_note()), -1;
  int c = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c < 0 || connect(c, (struct sockaddr *)&addr, len) != 0) return fails(r, errno, "TCP connect to %s%s", family == AF_INET ? "127.0.0.1" : "[::1]", loopback_note()), -1;
  *server = accept(l, NULL, NULL);
  if (*server < 0) return fails(r, errno, "accept"), -1;
  return c;
}

static void so_reuseport(struct result *r) {
  int one = 1;
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t len = sizeof addr;
  int a = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), b = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (setsockopt(a, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0 || setsockopt(b, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
    return fails(r, errno, "setsockopt SO_REUSEPORT");
  if (bind(a, (struct sockaddr *)&addr, len) != 0 || getsockname(a, (struct sockaddr *)&addr, &len) != 0) return fails(r, errno, "bind of the first socket");
  if (bind(b, (struct sockaddr *)&addr, len) != 0) return fails(r, errno, "bind of a second socket to the same port with SO_REUSEPORT");
  ok(r, "two UDP sockets bound to 127.0.0.1:%u with SO_REUSEPORT", ntohs(addr.sin_port));
}

static void ipv6_loopback(struct result *r) {
  int server, c = tcp_pair(r, AF_INET6, &server);
  if (c < 0) return;
  char got[5] = {0};
  if (write(c, "ping", 4) != 4 || read(server, got, 4) != 4 || strcmp(got, "ping") != 0) return fails(r, errno, "4 bytes over TCP on [::1]");
  ok(r, "TCP over [::1]: connected and 4 bytes through");
}

static void tcp_info(struct result *r) {
  int server, c = tcp_pair(r, AF_INET, &server);
  if (c < 0) return;
  struct tcp_info info;
  socklen_t len = sizeof info;
  memset(&info, 0, sizeof info);
  if (getsockopt(c, IPPROTO_TCP, TCP_INFO, &info, &len) != 0) return fails(r, errno, "getsockopt TCP_INFO");
  observe_num(r, "state", info.tcpi_state);
  if (info.tcpi_state != 1 /* TCP_ESTABLISHED */) return fails(r, 0, "TCP_INFO says state %u on an established connection", info.tcpi_state);
  ok(r, "TCP_INFO of an established connection: state ESTABLISHED, rtt %u µs", info.tcpi_rtt);
}

static void udp_loopback(struct result *r) {
  struct sockaddr_storage addr;
  socklen_t len;
  int s = bound(AF_INET, SOCK_DGRAM, &addr, &len);
  if (s < 0) return fails(r, errno, "bind a UDP socket on 127.0.0.1");
  int c = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sendto(c, "datagram", 8, 0, (struct sockaddr *)&addr, len) != 8) return fails(r, errno, "sendto 127.0.0.1%s", loopback_note());
  struct pollfd p = {s, POLLIN, 0};
  char got[9] = {0};
  if (poll(&p, 1, 2000) != 1 || recv(s, got, 8, 0) != 8 || strcmp(got, "datagram") != 0) return fails(r, errno, "no datagram arrived on 127.0.0.1 within 2 s");
  ok(r, "a UDP datagram over 127.0.0.1");
}

static void scm_rights(struct result *r) {
  int sv[2], p[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 || pipe(p) != 0) return fails(r, errno, "socketpair(AF_UNIX) and pipe");
  char cbuf[CMSG_SPACE(sizeof(int))];
  memset(cbuf, 0, sizeof cbuf);
  struct iovec iov = {"x", 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
  struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
  cm->cmsg_level = SOL_SOCKET;
  cm->cmsg_type = SCM_RIGHTS;
  cm->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(cm), &p[1], sizeof(int));
  if (sendmsg(sv[0], &msg, 0) != 1) return fails(r, errno, "sendmsg with SCM_RIGHTS");
  char byte;
  struct iovec riov = {&byte, 1};
  char rbuf[CMSG_SPACE(sizeof(int))];
  struct msghdr rmsg = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf, .msg_controllen = sizeof rbuf};
  if (recvmsg(sv[1], &rmsg, 0) != 1) return fails(r, errno, "recvmsg");
  struct cmsghdr *rc = CMSG_FIRSTHDR(&rmsg);
  if (!rc || rc->cmsg_type != SCM_RIGHTS) return fails(r, 0, "no SCM_RIGHTS message came back");
  int fd;
  memcpy(&fd, CMSG_DATA(rc), sizeof fd);
  char got[4] = {0};
  if (write(fd, "fd!", 3) != 3 || read(p[0], got, 3) != 3 || strcmp(got, "fd!") != 0) return fails(r, errno, "write through the passed descriptor");
  ok(r, "a pipe descriptor passed over a Unix socket with SCM_RIGHTS works");
}

static void scm_credentials(struct result *r) {
  int sv[2], one = 1;
  if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) != 0) return fails(r, errno, "socketpair(AF_UNIX)");
  if (setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one) != 0) return fails(r, errno, "SO_PASSCRED");
  if (send(sv[0], "c", 1, 0) != 1) return fails(r, errno, "send");
  char byte, cbuf[CMSG_SPACE(sizeof(struct ucred))];
  struct iovec iov = {&byte, 1};
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
  if (recvmsg(sv[1], &msg, 0) != 1) return fails(r, errno, "recvmsg");
  struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
  if (!cm || cm->cmsg_type != SCM_CREDENTIALS) return fails(r, 0, "no SCM_CREDENTIALS message with SO_PASSCRED set");
  struct ucred cred;
  memcpy(&cred, CMSG_DATA(cm), sizeof cred);
  if (cred.pid != getpid()) return differs(r, "SCM_CREDENTIALS names pid %d, the sender is %d", (int)cred.pid, (int)getpid());
  ok(r, "SCM_CREDENTIALS with SO_PASSCRED named the sender's pid, uid %u", cred.uid);
}

const struct check NET_CHECKS[] = {
    {"netlink_route", "network", netlink_route, 5},
    {"af_packet", "network", af_packet, 5},
    {"raw_icmp", "network", raw_icmp, 5},
    {"so_reuseport", "network", so_reuseport, 5},
    {"ipv6_loopback", "network", ipv6_loopback, 5},
    {"tcp_info", "network", tcp_info, 5},
    {"udp_loopback", "network", udp_loopback, 5},
    {"unix_scm_rights", "network", scm_rights, 5},
    {"unix_scm_credentials", "network", scm_credentials, 5},
    {NULL, NULL, NULL, 0},
};
