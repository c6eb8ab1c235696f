/*
 * ackline-capture-launcher: the only file that carries capture rights
 * (cap_net_raw,cap_net_admin=ep), installed 0750 root:ackline (Wireshark's dumpcap model on
 * Debian). It raises those two capabilities as *ambient* capabilities and execs Ackline's
 * capture process, so neither Electron nor Node ever needs file capabilities (setcap on the
 * Electron binary breaks its library loading: electron#4583). The capture process drops every
 * capability as soon as its adapter is open (native/src/privileges.c).
 *
 * Anyone in the group can run this with any argv, environment, cwd and file descriptors, so it
 * can only ever start one thing: the runtime and script whose absolute paths are compiled in
 * (ACKLINE_RUNTIME, ACKLINE_SCRIPT; see native/binding.gyp and
 * build/scripts/install-capture-rights.sh). It
 *   - takes no arguments, and refuses callers that are neither root nor in ACKLINE_GROUP;
 *   - walks both paths from "/" without following symbolic links and requires every directory
 *     and the file to be root-owned and not writable by group or others, then executes the
 *     very file it checked (execveat on the verified descriptor: no check-then-exec race);
 *   - passes on an allow-list of environment variables only (the Node IPC channel and the
 *     capture request, checked), never NODE_OPTIONS, NODE_PATH, LD_*, BASH_ENV, HOME, ...;
 *   - starts in "/" (nothing is looked up relative to the caller's cwd) with no_new_privs set,
 *     so nothing the capture process runs can gain privileges from set-user-ID or file caps.
 *
 * Exit codes: 64 usage or bad environment, 77 caller not allowed, 78 an untrusted path,
 * 71 a system call failed, 126 the runtime could not be executed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef ACKLINE_RUNTIME
#define ACKLINE_RUNTIME "/opt/Ackline/ackline"
#endif
#ifndef ACKLINE_SCRIPT
#define ACKLINE_SCRIPT "/opt/Ackline/resources/app.asar.unpacked/out/capture/capture-process.mjs"
#endif
#ifndef ACKLINE_GROUP
#define ACKLINE_GROUP "ackline"
#endif

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif

#define NAME "ackline-capture-launcher"
/* The request is data (the capture process validates it); a cap keeps it from being anything else. */
#define MAX_REQUEST 65536

static int refuse(const char *what, const char *at, const char *why) {
  fprintf(stderr, NAME ": refusing to start %s: %s: %s\n", what, at, why);
  return -1;
}

/* Checks one step of a path: root-owned, not writable by group or others, of the right type. */
static int step_ok(int fd, const char *path, const char *at, int last) {
  struct stat st;
  if (fstat(fd, &st) != 0) return refuse(path, at, strerror(errno));
  if (S_ISLNK(st.st_mode)) return refuse(path, at, "is a symbolic link");
  if (!last && !S_ISDIR(st.st_mode)) return refuse(path, at, "is not a directory");
  if (last && !S_ISREG(st.st_mode)) return refuse(path, at, "is not a regular file");
  if (st.st_uid != 0) return refuse(path, at, "is not owned by root");
  /* Group-writable covers POSIX ACLs too: any named entry with write shows in the mask (group bits). */
  if (st.st_mode & (S_IWGRP | S_IWOTH)) return refuse(path, at, "is writable by group or others");
  return 0;
}

/*
 * Opens `path` one component at a time from "/", never following a symbolic link, and checks
 * every step. Returns an O_PATH descriptor of the file (it stays the checked file whatever
 * happens to the names afterwards), or -1 after printing why.
 */
static int open_trusted(const char *path) {
  size_t len = strlen(path);
  if (path[0] != '/' || len >= PATH_MAX || path[len - 1] == '/') return refuse(path, path, "is not a plain absolute path");
  char at[PATH_MAX];
  int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return refuse(path, "/", strerror(errno));
  if (step_ok(fd, path, "/", 0) != 0) {
    close(fd);
    return -1;
  }
  const char *p = path + 1;
  while (*p) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    int last = slash == NULL;
    char name[NAME_MAX + 1];
    if (n == 0 || n > NAME_MAX || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
      close(fd);
      return refuse(path, path, "is not a plain absolute path");
    }
    memcpy(name, p, n);
    name[n] = '\0';
    memcpy(at, path, (size_t)(p - path) + n);
    at[(size_t)(p - path) + n] = '\0';
    int next = openat(fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    close(fd);
    if (next < 0) return refuse(path, at, strerror(errno));
    if (step_ok(next, path, at, last) != 0) {
      close(next);
      return -1;
    }
    fd = next;
    p = last ? p + n : slash + 1;
  }
  return fd;
}

static int caller_allowed(void) {
  if (getuid() == 0) return 1;
  struct group *gr = getgrnam(ACKLINE_GROUP);
  if (!gr) return 0;
  if (getgid() == gr->gr_gid) return 1;
  int n = getgroups(0, NULL);
  if (n <= 0) return 0;
  gid_t *groups = calloc((size_t)n, sizeof *groups);
  if (!groups) return 0;
  n = getgroups(n, groups);
  int found = 0;
  for (int i = 0; i < n && !found; i++) found = groups[i] == gr->gr_gid;
  free(groups);
  return found;
}

static int all_digits(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n == 0 || n > max) return 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return 1;
}

/*
 * The environment of the capture process: what its parent needs to talk to it, checked, and
 * what we set ourselves. Everything else the caller had is dropped. Returns 0, or -1 after
 * printing which variable is wrong.
 */
static int build_env(char **env, size_t cap) {
  size_t n = 0;
  env[n++] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  /* The packaged runtime is Electron: run it as plain Node (a system Node ignores this). */
  env[n++] = "ELECTRON_RUN_AS_NODE=1";
  const char *fd = getenv("NODE_CHANNEL_FD");
  if (fd) {
    if (!all_digits(fd, 4) || atoi(fd) > 1023 || fcntl(atoi(fd), F_GETFD) == -1) {
      fprintf(stderr, NAME ": NODE_CHANNEL_FD must be the number of an open file descriptor below 1024\n");
      return -1;
    }
    static char fdvar[32];
    snprintf(fdvar, sizeof fdvar, "NODE_CHANNEL_FD=%d", atoi(fd));
    env[n++] = fdvar;
  }
  const char *mode = getenv("NODE_CHANNEL_SERIALIZATION_MODE");
  if (mode) {
    if (strcmp(mode, "json") != 0 && strcmp(mode, "advanced") != 0) {
      fprintf(stderr, NAME ": NODE_CHANNEL_SERIALIZATION_MODE must be json or advanced\n");
      return -1;
    }
    env[n++] = strcmp(mode, "json") == 0 ? "NODE_CHANNEL_SERIALIZATION_MODE=json" : "NODE_CHANNEL_SERIALIZATION_MODE=advanced";
  }
  const char *req = getenv("ACKLINE_CAPTURE_REQUEST");
  if (req) {
    /* Data only: the capture process parses and validates it (capture-protocol.ts). */
    if (strlen(req) > MAX_REQUEST) {
      fprintf(stderr, NAME ": ACKLINE_CAPTURE_REQUEST is longer than %d bytes\n", MAX_REQUEST);
      return -1;
    }
    static const char prefix[] = "ACKLINE_CAPTURE_REQUEST=";
    char *var = malloc(sizeof prefix + strlen(req));
    if (!var) return -1;
    memcpy(var, prefix, sizeof prefix - 1);
    strcpy(var + sizeof prefix - 1, req);
    env[n++] = var;
  }
  if (n >= cap) return -1;
  env[n] = NULL;
  return 0;
}

/* Keeps cap_net_raw and cap_net_admin, if the file gave them, as the only ambient capabilities. */
static int raise_ambient(void) {
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  if (syscall(SYS_capget, &hdr, data) != 0) return -1;
  const int caps[] = {CAP_NET_RAW, CAP_NET_ADMIN};
  data[0].inheritable = data[1].inheritable = 0;
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    unsigned idx = (unsigned)caps[i] / 32, bit = 1u << ((unsigned)caps[i] % 32);
    /* Not granted (no setcap): go on; the capture process reports the missing rights. */
    if (data[idx].permitted & bit) data[idx].inheritable |= bit;
  }
  if (syscall(SYS_capset, &hdr, data) != 0) return -1;
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) return -1;
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    unsigned idx = (unsigned)caps[i] / 32, bit = 1u << ((unsigned)caps[i] % 32);
    if ((data[idx].inheritable & bit) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, caps[i], 0, 0) != 0) return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  (void)argv;
  if (argc != 1) {
    fprintf(stderr, NAME ": takes no arguments (it starts Ackline's capture process and nothing else)\n");
    return 64;
  }
  if (!caller_allowed()) {
    fprintf(stderr, NAME ": only root and members of the group %s may capture (sudo usermod -aG %s \"$USER\", then log in again)\n", ACKLINE_GROUP, ACKLINE_GROUP);
    return 77;
  }
  char *env[8];
  if (build_env(env, sizeof env / sizeof env[0]) != 0) return 64;
  int runtime = open_trusted(ACKLINE_RUNTIME);
  if (runtime < 0) return 78;
  /*
   * The script is checked the same way, then passed to the runtime by name: Node must see its
   * real path to find the files beside it. That is safe because every directory on the way and
   * the file are root-owned and unwritable by anyone else, so only root can change what the
   * name points to between this check and Node opening it.
   */
  int script = open_trusted(ACKLINE_SCRIPT);
  if (script < 0) return 78;
  close(script);
  if (chdir("/") != 0) {
    perror(NAME ": chdir /");
    return 71;
  }
  /* Ambient capabilities still pass through exec under no_new_privs (they are not a gain). */
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || raise_ambient() != 0) {
    fprintf(stderr, NAME ": cannot set up capabilities: %s\n", strerror(errno));
    return 71;
  }
  char *const args[] = {(char *)ACKLINE_RUNTIME, (char *)ACKLINE_SCRIPT, NULL};
  syscall(SYS_execveat, runtime, "", args, env, AT_EMPTY_PATH);
  fprintf(stderr, NAME ": cannot run %s: %s\n", ACKLINE_RUNTIME, strerror(errno));
  return 126;
}
