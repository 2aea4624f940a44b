/*
 * Name resolution through /etc/resolv.conf: a tiny DNS server on 127.0.0.1:53 answers one A
 * record, /etc/resolv.conf is pointed at it, and libresolv (res_query: no NSS, which a static
 * binary in an empty image cannot load) must get the answer. The host's own file is never
 * changed: natively a bind mount in a private mount namespace covers it; in a container whose
 * init the probe is, the container's own copy is rewritten and restored.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <netdb.h>
#include <resolv.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

#define RESOLV "/etc/resolv.conf"
static const char CONTENT[] = "nameserver 127.0.0.1\noptions timeout:1 attempts:2\n";
static const unsigned char ANSWER_ADDR[4] = {192, 0, 2, 7};

/*
 * Serves one A answer to every query until killed. Binds 127.0.0.1:53, or, where binding a
 * low port needs a capability the container dropped, a port the kernel picks; writes the port
 * (or -errno) to `ready`.
 */
static void serve(int ready) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(53), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t len = sizeof addr;
  int port = 53;
  if (s < 0) port = -errno;
  else if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
    addr.sin_port = 0;
    port = bind(s, (struct sockaddr *)&addr, sizeof addr) == 0 && getsockname(s, (struct sockaddr *)&addr, &len) == 0 ? ntohs(addr.sin_port) : -errno;
  }
  if (write(ready, &port, sizeof port) != sizeof port || port < 0) _exit(1);
  for (;;) {
    unsigned char q[512], a[600];
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    ssize_t n = recvfrom(s, q, sizeof q, 0, (struct sockaddr *)&from, &flen);
    if (n < 12) continue;
    memcpy(a, q, (size_t)n);
    a[2] = 0x81, a[3] = 0x80;             /* response, recursion desired and available */
    a[6] = 0, a[7] = 1, a[8] = a[9] = 0;  /* one answer */
    a[10] = a[11] = 0;                    /* no additional records (drops an EDNS OPT) */
    size_t qend = 12;
    while (qend < (size_t)n && q[qend]) qend += q[qend] + 1u;
    qend += 5; /* the name's final 0, QTYPE, QCLASS */
    if (qend > (size_t)n) continue;
    unsigned char rr[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, ANSWER_ADDR[0], ANSWER_ADDR[1], ANSWER_ADDR[2], ANSWER_ADDR[3]};
    memcpy(a + qend, rr, sizeof rr);
    sendto(s, a, qend + sizeof rr, 0, (struct sockaddr *)&from, flen);
  }
}

/* The control: a query sent straight to the server, not through the resolver, is answered. */
static int server_answers(int port) {
  unsigned char q[64], a[512];
  int n = res_mkquery(ns_o_query, "control.isobench.test", ns_c_in, ns_t_a, NULL, 0, NULL, q, sizeof q);
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (n < 0 || s < 0 || sendto(s, q, (size_t)n, 0, (struct sockaddr *)&addr, sizeof addr) != n) return 0;
  struct pollfd p = {s, POLLIN, 0};
  int answered = poll(&p, 1, 2000) == 1 && recv(s, a, sizeof a, 0) > 12;
  close(s);
  return answered;
}

/* Covers /etc/resolv.conf with a file of ours in a private mount namespace. */
static int bind_over(const char **how) {
  char path[300];
  scratch_path(path, sizeof path, probe.tmpdir, "resolv.conf");
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, CONTENT, sizeof CONTENT - 1) != (ssize_t)sizeof CONTENT - 1) return -1;
  close(fd);
  int rc = -1;
  if (unshare(CLONE_NEWNS) == 0) *how = "bind mount in a private mount namespace";
  else if (unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0) *how = "bind mount in a private user + mount namespace";
  else goto out;
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0 && mount(path, RESOLV, NULL, MS_BIND, NULL) == 0) rc = 0;
out:
  unlink(path);
  return rc;
}

static char saved[4096];
static long saved_len = -1;

/* The container's own copy, rewritten (restored by restore()). */
static int rewrite(const char **how) {
  saved_len = read_file(RESOLV, saved, sizeof saved);
  int fd = open(RESOLV, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  if (fd < 0 || write(fd, CONTENT, sizeof CONTENT - 1) != (ssize_t)sizeof CONTENT - 1) return -1;
  close(fd);
  *how = "the container's own /etc/resolv.conf rewritten (the probe is its init), restored after";
  return 0;
}

static void restore(void) {
  if (saved_len < 0) {
    unlink(RESOLV);
    return;
  }
  int fd = open(RESOLV, O_WRONLY | O_TRUNC);
  if (fd >= 0 && write(fd, saved, (size_t)saved_len) == saved_len) close(fd);
}

static void resolv_conf(struct result *r) {
  char original[512] = "";
  if (read_file(RESOLV, original, sizeof original) >= 0) {
    char *ns = strstr(original, "nameserver");
    if (ns) {
      ns[strcspn(ns, "\n")] = 0;
      observe_str(r, "original_nameserver", ns + 10 + strspn(ns + 10, " \t"));
    }
  }
  int p[2];
  if (pipe(p) != 0) return fails(r, errno, "pipe");
  pid_t server = fork();
  if (server == 0) serve(p[1]);
  int port = -EIO;
  if (read(p[0], &port, sizeof port) != sizeof port || port < 0) {
    kill(server, SIGKILL);
    return skipped(r, "the probe's DNS server cannot bind a UDP port on 127.0.0.1 (%s): resolution cannot be judged", errno_name(-port));
  }
  observe_num(r, "server_port", port);
  if (!server_answers(port)) {
    kill(server, SIGKILL);
    return skipped(r, "the probe's DNS server on 127.0.0.1:%d does not answer a query sent to it directly (UDP on loopback does not work here%s): resolution through /etc/resolv.conf cannot be judged", port, loopback_note());
  }
  const char *how = NULL;
  int rewritten = 0;
  if (bind_over(&how) != 0) {
    if (!probe.is_init) {
      kill(server, SIGKILL);
      return skipped(r, "cannot point /etc/resolv.conf at the probe's server: no private mount namespace (%s) and the probe is not the container's init", errno_name(errno));
    }
    if (rewrite(&how) != 0) {
      int e = errno;
      restore();
      kill(server, SIGKILL);
      return skipped(r, "cannot point /etc/resolv.conf at the probe's server: no private mount namespace, and the file cannot be rewritten (%s)", errno_name(e));
    }
    rewritten = 1;
  }
  note("resolv.conf pointed at 127.0.0.1 by %s", how);
  observe_str(r, "method", how);
  res_init();
  char port_note[160] = "";
  if (port != 53) {
    /* The address still comes from /etc/resolv.conf; only the port, which the file cannot say, is set here. */
    for (int i = 0; i < _res.nscount; i++) _res.nsaddr_list[i].sin_port = htons((uint16_t)port);
    snprintf(port_note, sizeof port_note, "; port 53 needs CAP_NET_BIND_SERVICE here, so the server is on port %d, set after res_init", port);
  }
  unsigned char answer[512];
  int n = res_query("probe.isobench.test", ns_c_in, ns_t_a, answer, sizeof answer);
  int qerr = errno;
  if (rewritten) restore();
  kill(server, SIGKILL);
  waitpid(server, NULL, 0);
  if (n < 0) return fails(r, qerr, "res_query of an A record through /etc/resolv.conf (-> 127.0.0.1:%d, %s) got no answer (h_errno %d)", port, how, h_errno);
  ns_msg msg;
  ns_rr rr;
  if (ns_initparse(answer, n, &msg) != 0 || ns_msg_count(msg, ns_s_an) < 1 || ns_parserr(&msg, ns_s_an, 0, &rr) != 0 || ns_rr_rdlen(rr) != 4)
    return fails(r, 0, "the answer to the A query cannot be parsed");
  if (memcmp(ns_rr_rdata(rr), ANSWER_ADDR, 4) != 0) return fails(r, 0, "the A record is not the probe server's 192.0.2.7: something else answered");
  ok(r, "an A query went where /etc/resolv.conf says (the probe's server on 127.0.0.1; %s%s)", how, port_note);
}

const struct check DNS_CHECKS[] = {
    {"dns_resolv_conf", "network", resolv_conf, 10},
    {NULL, NULL, NULL, 0},
};
