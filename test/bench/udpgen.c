/* Local traffic generator for the live-capture benchmark: UDP datagrams to 127.0.0.1 only,
 * at a target rate (packets/s) for a duration. Usage: udpgen PORT PPS SECONDS [SIZE] */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 4) return fprintf(stderr, "usage: %s PORT PPS SECONDS [SIZE]\n", argv[0]), 64;
  int port = atoi(argv[1]);
  double pps = atof(argv[2]), secs = atof(argv[3]);
  int size = argc > 4 ? atoi(argv[4]) : 64;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr); /* loopback only, by construction */
  char buf[2048];
  memset(buf, 'a', sizeof buf);
  enum { BURST = 32 };
  struct mmsghdr msgs[BURST];
  struct iovec iov[BURST];
  for (int i = 0; i < BURST; i++) {
    iov[i].iov_base = buf;
    iov[i].iov_len = size;
    memset(&msgs[i], 0, sizeof msgs[i]);
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = &to;
    msgs[i].msg_hdr.msg_namelen = sizeof to;
  }
  double t0 = now();
  long sent = 0;
  for (;;) {
    double el = now() - t0;
    if (el >= secs) break;
    long due = (long)(el * pps);
    if (sent >= due) {
      usleep(50);
      continue;
    }
    int n = (int)(due - sent < BURST ? due - sent : BURST);
    int r = sendmmsg(fd, msgs, n, 0);
    if (r > 0) sent += r;
  }
  printf("%ld %.3f\n", sent, now() - t0);
  return 0;
}
