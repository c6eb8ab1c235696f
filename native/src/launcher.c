/*
 * ackline-capture-launcher: the only file that carries capture rights
 * (cap_net_raw,cap_net_admin=ep), executable by root and the `ackline` group only
 * (Wireshark's dumpcap model on Debian). It raises those two capabilities as *ambient*
 * capabilities and execs the capture process, so neither Electron nor Node ever needs file
 * capabilities (setcap on the Electron binary breaks its library loading: electron#4583).
 *
 * Usage: ackline-capture-launcher RUNTIME SCRIPT [ARGS...]
 * To keep group members from running arbitrary code with these rights, RUNTIME and
 * SCRIPT must be regular files owned by root and not writable by group or others, and
 * SCRIPT must be named capture-process.mjs / capture-process.js.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#endif

static int trusted(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "ackline-capture-launcher: %s: %s\n", path, strerror(errno));
    return 0;
  }
  if (!S_ISREG(st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH))) {
    fprintf(stderr, "ackline-capture-launcher: refusing %s: it must be a regular file owned by root and not writable by group or others\n", path);
    return 0;
  }
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s RUNTIME SCRIPT [ARGS...]\n", argv[0]);
    return 64;
  }
  const char *base = strrchr(argv[2], '/');
  base = base ? base + 1 : argv[2];
  if (strcmp(base, "capture-process.mjs") != 0 && strcmp(base, "capture-process.js") != 0) {
    fprintf(stderr, "ackline-capture-launcher: only Ackline's capture process may be started\n");
    return 64;
  }
  if (!trusted(argv[1]) || !trusted(argv[2])) return 77;

  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capget, &hdr, data) != 0) {
    perror("ackline-capture-launcher: capget");
    return 71;
  }
  const int caps[] = {CAP_NET_RAW, CAP_NET_ADMIN};
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    unsigned idx = caps[i] / 32, bit = 1u << (caps[i] % 32);
    if (!(data[idx].permitted & bit)) continue; /* not granted: the capture process reports it */
    data[idx].inheritable |= bit;
  }
  if (syscall(SYS_capset, &hdr, data) != 0) {
    perror("ackline-capture-launcher: capset");
    return 71;
  }
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    unsigned idx = caps[i] / 32, bit = 1u << (caps[i] % 32);
    if (data[idx].inheritable & bit) prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, caps[i], 0, 0);
  }
  execv(argv[1], argv + 1);
  fprintf(stderr, "ackline-capture-launcher: cannot run %s: %s\n", argv[1], strerror(errno));
  return 126;
}
