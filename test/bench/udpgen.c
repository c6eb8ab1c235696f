/* Local traffic generator for the live-capture benchmark: UDP datagrams to 127.0.0.1 only,
 * at a target rate (packets/s) for a duration. Usage: udpgen PORT PPS SECONDS [SIZE] [raw]
 * With "raw" (root), ready-made Ethernet/IPv4/UDP frames to 127.0.0.1 are written straight to
 * the lo device through an AF_PACKET socket: the same frames a UDP socket would produce, without
 * the sender's UDP/IP stack, so one core can offer several hundred thousand packets a second. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>

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
  int raw = argc > 5 && strcmp(argv[5], "raw") == 0;
  int fd = raw ? socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) : socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return perror("socket"), 71;
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr); /* loopback only, by construction */
  struct sockaddr_ll ll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = (int)if_nametoindex("lo")};
  char buf[2048];
  memset(buf, 'a', sizeof buf);
  if (raw) {
    /* Ethernet (zero MACs, as on lo) + IPv4 127.0.0.1 -> 127.0.0.1 + UDP to PORT. */
    unsigned char *f = (unsigned char *)buf;
    memset(f, 0, 42);
    f[12] = 0x08;
    f[13] = 0x00;
    unsigned char *ip = f + 14;
    int iplen = 20 + 8 + size;
    ip[0] = 0x45;
    ip[2] = iplen >> 8;
    ip[3] = iplen & 0xff;
    ip[6] = 0x40;
    ip[8] = 64;
    ip[9] = 17;
    ip[12] = 127, ip[15] = 1, ip[16] = 127, ip[19] = 1;
    unsigned sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (ip[i] << 8) | ip[i + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    sum = ~sum & 0xffff;
    ip[10] = sum >> 8;
    ip[11] = sum & 0xff;
    unsigned char *udp = ip + 20;
    udp[0] = 0xbe, udp[1] = 0xef; /* source port 48879 */
    udp[2] = port >> 8, udp[3] = port & 0xff;
    udp[4] = (8 + size) >> 8, udp[5] = (8 + size) & 0xff;
    udp[6] = udp[7] = 0; /* no checksum (allowed for UDP over IPv4) */
    size = 14 + iplen;
  }
  enum { BURST = 64 };
  struct mmsghdr msgs[BURST];
  struct iovec iov[BURST];
  for (int i = 0; i < BURST; i++) {
    iov[i].iov_base = buf;
    iov[i].iov_len = size;
    memset(&msgs[i], 0, sizeof msgs[i]);
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    msgs[i].msg_hdr.msg_name = raw ? (void *)&ll : (void *)&to;
    msgs[i].msg_hdr.msg_namelen = raw ? sizeof ll : sizeof to;
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
