/*
 * dropCapabilities(): the capture process gives up every capability once its adapter is open
 * (activated, BPF filter set): effective, permitted, inheritable and ambient, so nothing it
 * runs later, and no child, holds any. Capabilities belong to each thread, and capset() only
 * changes the calling one, while Node has started threads (V8 platform workers, libuv) long
 * before our code runs, each holding what the launcher raised. So every other thread is asked,
 * with a signal, to drop its own (what libcap's psx does for programs linked with it), and the
 * result is read back for every thread of the process.
 *
 * Returns { threads, effective, permitted, inheritable, ambient }: the union over all threads
 * of what is left, as 16 hex digits like /proc/PID/status. The caller must refuse to go on
 * unless all four are zero.
 */
#include "privileges.h"

#include <stdio.h>
#include <string.h>

#ifdef __linux__
#include <dirent.h>
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

static atomic_int acks;
static int drop_signal;

/* Raw system calls only: this also runs inside a signal handler. */
static void drop_this_thread(void) {
  syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  memset(data, 0, sizeof data);
  syscall(SYS_capset, &hdr, data);
}

static void on_drop_signal(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)si;
  (void)uc;
  int saved = errno;
  drop_this_thread();
  atomic_fetch_add(&acks, 1);
  errno = saved;
}

/*
 * A real-time signal nobody handles (from the top, away from glibc's own at the bottom). The
 * handler stays installed: a thread that had the signal blocked may still take it later, and
 * the default action of a real-time signal would end the process.
 */
static int install_handler(void) {
  if (drop_signal) return 0;
  for (int sig = SIGRTMAX; sig > SIGRTMIN + 2; sig--) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO)) continue;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_drop_signal;
    sa.sa_flags = SA_RESTART | SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) return -1;
    drop_signal = sig;
    return 0;
  }
  return -1;
}

typedef struct {
  uint64_t eff, prm, inh, amb, blocked;
} caps_t;

static uint64_t status_hex(const char *text, const char *key) {
  const char *p = strstr(text, key);
  return p ? strtoull(p + strlen(key), NULL, 16) : ~0ull;
}

/* What one thread holds and blocks, from /proc (the kernel's word); 0 when it has ended. */
static int thread_caps(const char *tid, caps_t *c) {
  char path[300], text[4096];
  snprintf(path, sizeof path, "/proc/self/task/%s/status", tid);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  c->eff = status_hex(text, "\nCapEff:");
  c->prm = status_hex(text, "\nCapPrm:");
  c->inh = status_hex(text, "\nCapInh:");
  c->amb = status_hex(text, "\nCapAmb:");
  c->blocked = status_hex(text, "\nSigBlk:");
  return 1;
}

static int blocks(const caps_t *c, int sig) {
  return (c->blocked >> (sig - 1)) & 1;
}

#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__aarch64__))
/*
 * Node starts one thread that blocks every signal it can (the inspector's SIGUSR1 watcher,
 * waiting on a semaphore for the whole life of the process). glibc never lets a thread block
 * its own setxid signal (the one it uses to run setuid() on every thread), so that signal still
 * reaches it: for as long as such threads take to drop their capabilities, our handler takes
 * the place of glibc's, through the raw system call because glibc's sigaction() refuses to
 * touch that signal. Nothing in the capture process calls setuid() or setgid() meanwhile,
 * which is what would need glibc's handler.
 */
#define SETXID_SIGNAL 33
struct kernel_sigaction {
  void (*handler)(int, siginfo_t *, void *);
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
};
static struct kernel_sigaction glibc_setxid;

static int take_setxid(void) {
  if (syscall(SYS_rt_sigaction, SETXID_SIGNAL, NULL, &glibc_setxid, sizeof glibc_setxid.mask) != 0) return -1;
  struct kernel_sigaction ours = glibc_setxid; /* same flags and restorer: only the handler changes */
  ours.handler = on_drop_signal;
  ours.flags |= SA_SIGINFO;
  ours.mask = ~0ull;
  return syscall(SYS_rt_sigaction, SETXID_SIGNAL, &ours, NULL, sizeof ours.mask) == 0 ? 0 : -1;
}

static void give_back_setxid(void) {
  syscall(SYS_rt_sigaction, SETXID_SIGNAL, &glibc_setxid, NULL, sizeof glibc_setxid.mask);
}
#else
#define SETXID_SIGNAL 0
static int take_setxid(void) { return -1; }
static void give_back_setxid(void) {}
#endif

/*
 * One round: reads every thread, and asks each one that still holds a capability to drop it
 * (our real-time signal, or glibc's setxid signal for a thread that blocks ours), then waits
 * up to a second for the answers. `left` gets the union of what the threads held before the
 * round, `holders` how many other threads held anything. Returns -1 when /proc cannot be read.
 */
static int drop_round(caps_t *left, int *threads, int *holders) {
  pid_t self = (pid_t)syscall(SYS_gettid), pid = getpid();
  pid_t to_ours[256], to_setxid[256];
  int n_ours = 0, n_setxid = 0;
  DIR *d = opendir("/proc/self/task");
  if (!d) return -1;
  memset(left, 0, sizeof *left);
  *threads = *holders = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    caps_t c;
    if (e->d_name[0] == '.' || !thread_caps(e->d_name, &c)) continue;
    ++*threads;
    left->eff |= c.eff;
    left->prm |= c.prm;
    left->inh |= c.inh;
    left->amb |= c.amb;
    pid_t tid = (pid_t)atoi(e->d_name);
    if (tid == self || !(c.eff | c.prm | c.inh | c.amb)) continue;
    ++*holders;
    if (!blocks(&c, drop_signal)) {
      if (n_ours < 256) to_ours[n_ours++] = tid;
    } else if (SETXID_SIGNAL && !blocks(&c, SETXID_SIGNAL)) {
      if (n_setxid < 256) to_setxid[n_setxid++] = tid;
    }
  }
  closedir(d);
  int took = n_setxid > 0 && take_setxid() == 0;
  atomic_store(&acks, 0);
  int sent = 0;
  for (int i = 0; i < n_ours; i++) sent += syscall(SYS_tgkill, pid, to_ours[i], drop_signal) == 0;
  for (int i = 0; took && i < n_setxid; i++) sent += syscall(SYS_tgkill, pid, to_setxid[i], SETXID_SIGNAL) == 0;
  for (int i = 0; i < 1000 && atomic_load(&acks) < sent; i++) {
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
  }
  /* A thread that has not answered may still take the signal: then it must find our handler. */
  if (took && atomic_load(&acks) >= sent) give_back_setxid();
  return 0;
}

static int drop_all(caps_t *left, int *threads) {
  if (install_handler() != 0) return -1;
  drop_this_thread();
  /* Until a round finds no holder (a thread started meanwhile may have inherited the old sets). */
  for (int round = 0; round < 5; round++) {
    int holders = 0;
    if (drop_round(left, threads, &holders) != 0) return -1;
    if (holders == 0) return 0;
  }
  int holders = 0;
  return drop_round(left, threads, &holders);
}
#endif

static void set_hex(napi_env env, napi_value obj, const char *name, unsigned long long v) {
  char hex[17];
  snprintf(hex, sizeof hex, "%016llx", v);
  ack_set_string(env, obj, name, hex);
}

napi_value ack_drop_capabilities(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  NAPI_CALL(env, napi_create_object(env, &out));
#ifdef __linux__
  caps_t left;
  int threads = 0;
  if (drop_all(&left, &threads) != 0) {
    napi_throw_error(env, NULL, "cannot drop capabilities: no free real-time signal, or /proc/self/task cannot be read");
    return NULL;
  }
  ack_set_number(env, out, "threads", threads);
  set_hex(env, out, "effective", left.eff);
  set_hex(env, out, "permitted", left.prm);
  set_hex(env, out, "inheritable", left.inh);
  set_hex(env, out, "ambient", left.amb);
#else
  /* No Linux capabilities here (BPF devices on macOS, Npcap on Windows): nothing to drop. */
  ack_set_number(env, out, "threads", 0);
  set_hex(env, out, "effective", 0);
  set_hex(env, out, "permitted", 0);
  set_hex(env, out, "inheritable", 0);
  set_hex(env, out, "ambient", 0);
#endif
  return out;
}
