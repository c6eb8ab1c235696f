/*
 * The capture thread: each pcap_dispatch round's packets are packed into batches of records
 * (see capture.h) and handed to JS through the thread-safe function, one JS call per batch.
 *
 * Memory is bounded and its failure is accounted for: a batch grows to BATCH_MAX at most and
 * is handed over when full; a packet that no batch can take (allocation failed) is counted in
 * `dropped` (stats().droppedByApplication), never lost silently; the done message is set aside
 * by start(), so the JS side always hears that the capture ended.
 *
 * In JS a batch becomes an external ArrayBuffer over the batch itself, or, where the runtime
 * refuses those (Electron >= 21: the V8 memory cage), a copy in a JS-owned ArrayBuffer.
 *
 * Two switches, read from the environment once per process, exist for tests (the privileged
 * launcher clears the environment, and either only makes capture slower or lossier):
 *   ACKLINE_NATIVE_FORCE_COPY=1        always take the copy path;
 *   ACKLINE_NATIVE_FAIL_ALLOC_AFTER=N  after N batch allocations, every further one fails.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture.h"

static pthread_once_t env_once = PTHREAD_ONCE_INIT;
static int force_copy;
static long long fail_after = -1; /* -1: allocations fail only when malloc does */
static atomic_llong allocations;

static void read_env(void) {
  const char *v = getenv("ACKLINE_NATIVE_FORCE_COPY");
  force_copy = v && strcmp(v, "1") == 0;
  v = getenv("ACKLINE_NATIVE_FAIL_ALLOC_AFTER");
  if (v && *v) {
    char *end = NULL;
    long long n = strtoll(v, &end, 10);
    if (*end == '\0' && n >= 0) fail_after = n;
  }
}

static int injected_failure(void) {
  pthread_once(&env_once, read_env);
  return fail_after >= 0 && atomic_fetch_add(&allocations, 1) >= fail_after;
}

/* cap <= BATCH_MAX, so the sum below cannot overflow. */
static batch_t *batch_alloc(size_t cap) {
  if (cap > BATCH_MAX || injected_failure()) return NULL;
  batch_t *b = malloc(sizeof *b + cap);
  if (!b) return NULL;
  b->used = 0;
  b->cap = cap;
  b->count = 0;
  b->done = 0;
  b->error[0] = '\0';
  return b;
}

/* NULL when it cannot grow: `b` is then unchanged and still owned by the caller. */
static batch_t *batch_grow(batch_t *b, size_t cap) {
  if (cap > BATCH_MAX || injected_failure()) return NULL;
  batch_t *nb = realloc(b, sizeof *b + cap);
  if (nb) nb->cap = cap;
  return nb;
}

batch_t *ack_batch_final(void) {
  pthread_once(&env_once, read_env);
  batch_t *b = calloc(1, sizeof *b);
  if (b) b->done = 1;
  return b;
}

/* Queues a batch for JS, first waiting (unless stopping) while JS is behind. The queue itself is
   unbounded, so this never blocks once stopping: close() joins this thread from the JS thread. */
static void deliver(handle_t *h, batch_t *b) {
  while ((atomic_load(&h->inflight) >= INFLIGHT_MAX || atomic_load(&h->inflight_bytes) >= INFLIGHT_BYTES_MAX) &&
         !atomic_load(&h->stopping))
    usleep(500);
  atomic_fetch_add(&h->inflight, 1);
  atomic_fetch_add(&h->inflight_bytes, b->used);
  if (napi_call_threadsafe_function(h->tsfn, b, napi_tsfn_nonblocking) != napi_ok) {
    /* The environment is going away: nobody is left to tell, but the count stays right. */
    atomic_fetch_sub(&h->inflight, 1);
    atomic_fetch_sub(&h->inflight_bytes, b->used);
    atomic_fetch_add(&h->dropped, b->count);
    free(b);
  }
}

typedef struct {
  handle_t *h;
  batch_t *cur; /* the batch being filled (NULL: none yet, or allocation failed) */
} packer_t;

/* Makes room for `need` more bytes in the current batch: grows it, or hands it over when it is
   full (or cannot grow) and starts another. False when no memory could be had. */
static int make_room(packer_t *pk, size_t need) {
  batch_t *b = pk->cur;
  if (b && b->cap - b->used >= need) return 1;
  if (b) {
    if (b->used + need <= BATCH_MAX) { /* both <= BATCH_MAX: no overflow */
      size_t cap = b->cap * 2;
      if (cap < b->used + need) cap = b->used + need;
      if (cap > BATCH_MAX) cap = BATCH_MAX;
      batch_t *nb = batch_grow(b, cap);
      if (nb) {
        pk->cur = nb;
        return 1;
      }
    }
    pk->cur = NULL;
    deliver(pk->h, b);
  }
  pk->cur = batch_alloc(need > BATCH_INITIAL ? need : BATCH_INITIAL);
  return pk->cur != NULL;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *hdr, const u_char *bytes) {
  packer_t *pk = (packer_t *)user;
  /* 64-bit arithmetic: caplen comes from libpcap, and is never trusted to be small. */
  uint64_t padded = ((uint64_t)hdr->caplen + 3u) & ~(uint64_t)3u;
  uint64_t need = REC_HDR + padded;
  if (need > BATCH_MAX || !make_room(pk, (size_t)need)) {
    atomic_fetch_add(&pk->h->dropped, 1);
    return;
  }
  batch_t *b = pk->cur;
  uint8_t *r = b->data + b->used;
  uint64_t sec = (uint64_t)hdr->ts.tv_sec;
  /* tv_usec holds nanoseconds when the handle was opened with nanosecond precision. */
  uint32_t v[5] = {(uint32_t)sec, (uint32_t)(sec >> 32), (uint32_t)hdr->ts.tv_usec, hdr->caplen, hdr->len};
  memcpy(r, v, sizeof v); /* little-endian hosts only (x86-64, arm64) */
  memcpy(r + REC_HDR, bytes, hdr->caplen);
  memset(r + REC_HDR + hdr->caplen, 0, (size_t)(padded - hdr->caplen));
  b->used += (size_t)need;
  b->count++;
}

static int64_t now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void *ack_capture_thread(void *arg) {
  handle_t *h = arg;
  packer_t pk = {h, NULL};
  int n;
  for (;;) {
    /* One round = everything the ring holds now (in batches of BATCH_MAX at most). */
    n = pcap_dispatch(h->p, -1, on_packet, (u_char *)&pk);
    if (n == PCAP_ERROR_BREAK || (n >= 0 && atomic_load(&h->stopping))) {
      /* Stop requested: drain what is still in the ring (a partly filled block waits for
         its timeout) without blocking, so stopping never loses packets already captured;
         for a second at most, so that traffic arriving as fast as we drain cannot keep
         close() (which joins this thread) waiting. */
      char err[PCAP_ERRBUF_SIZE];
      pcap_setnonblock(h->p, 1, err);
      int64_t t0 = now_ms();
      while (now_ms() - t0 < 1000 && pcap_dispatch(h->p, -1, on_packet, (u_char *)&pk) > 0)
        ;
      n = PCAP_ERROR_BREAK;
    }
    if (n < 0) break;
    if (pk.cur) {
      batch_t *b = pk.cur;
      pk.cur = NULL;
      deliver(h, b);
    }
  }
  /* The last batch carries done; with no batch at hand (none, or no memory for one), the
     message set aside by start() does. */
  batch_t *last = pk.cur;
  if (last) free(h->final);
  else last = h->final;
  h->final = NULL;
  last->done = 1;
  if (n == PCAP_ERROR) snprintf(last->error, sizeof last->error, "%s", pcap_geterr(h->p));
  deliver(h, last);
  napi_release_threadsafe_function(h->tsfn, napi_tsfn_release);
  return NULL;
}

/* The external ArrayBuffer's finalizer: the batch it points into. */
static void free_batch(napi_env env, void *data, void *hint) {
  (void)env;
  (void)data;
  free(hint);
}

/* A JS ArrayBuffer holding the batch's records; NULL if none could be made. Sets *owned to
   whether the batch now belongs to the ArrayBuffer (external) or is still ours to free. */
static napi_value batch_buffer(napi_env env, handle_t *h, batch_t *b, int *owned) {
  napi_value ab = NULL;
  *owned = 0;
  if (!force_copy && !h->external_refused) {
    if (napi_create_external_arraybuffer(env, b->data, b->used, free_batch, b, &ab) == napi_ok) {
      *owned = 1;
      return ab;
    }
    /* napi_no_external_buffers_allowed under the memory cage: not an error, a copy will do. */
    h->external_refused = 1;
    bool pending = false;
    if (napi_is_exception_pending(env, &pending) == napi_ok && pending) {
      napi_value ignored;
      napi_get_and_clear_last_exception(env, &ignored);
    }
  }
  void *dst = NULL;
  if (napi_create_arraybuffer(env, b->used, &dst, &ab) != napi_ok) return NULL;
  memcpy(dst, b->data, b->used);
  atomic_fetch_add(&h->copied, 1);
  return ab;
}

/* Runs on the JS thread: callback(buffer: ArrayBuffer | null, count, done, error?) */
void ack_batch_to_js(napi_env env, napi_value js_cb, void *context, void *data) {
  batch_t *b = data;
  if (!env) {
    /* The environment is going away; the handle may already be freed: touch only the batch. */
    free(b);
    return;
  }
  handle_t *h = context;
  atomic_fetch_sub(&h->inflight, 1);
  atomic_fetch_sub(&h->inflight_bytes, b->used);
  uint32_t count = b->count;
  int done = b->done;
  napi_value args[4], undefined;
  napi_get_undefined(env, &undefined);
  args[3] = undefined;
  if (b->error[0]) napi_create_string_utf8(env, b->error, NAPI_AUTO_LENGTH, &args[3]);
  int owned = 0;
  args[0] = count ? batch_buffer(env, h, b, &owned) : NULL;
  if (!args[0]) {
    if (count) atomic_fetch_add(&h->dropped, count); /* no memory for the buffer in JS either */
    count = 0;
    napi_get_null(env, &args[0]);
  }
  if (!owned) free(b); /* b is not used below: its fields were read above */
  napi_create_uint32(env, count, &args[1]);
  napi_get_boolean(env, done != 0, &args[2]);
  napi_call_function(env, undefined, js_cb, 4, args, NULL);
}
