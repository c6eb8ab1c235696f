/*
 * Live capture: open an adapter, set a BPF filter, and deliver packets in batches from
 * a capture thread. Each pcap_dispatch round's packets are packed into one buffer of
 * records (little-endian: u32 ts_sec_lo, u32 ts_sec_hi, u32 ts_nsec, u32 caplen,
 * u32 len, then caplen bytes padded to 4) and handed to JS through a thread-safe
 * function: one JS call per batch. A bounded queue gives back-pressure: if JS falls
 * behind, the thread waits and the kernel buffer absorbs the burst (and pcap_stats
 * then reports what it dropped).
 */
#include <pcap/pcap.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define REC_HDR 20u
#define BATCH_INITIAL (256u * 1024u)

typedef struct {
  pcap_t *p;
  int nano;
  pthread_t thread;
  int running;
  volatile int stopping;
  napi_threadsafe_function tsfn;
} handle_t;

typedef struct {
  uint8_t *data;
  uint32_t used;
  uint32_t cap;
  uint32_t count;
  char *error; /* set on the final message when the loop failed */
  int done;
} batch_t;

static handle_t *get_handle(napi_env env, napi_value v) {
  handle_t *h = NULL;
  if (napi_get_value_external(env, v, (void **)&h) != napi_ok || !h) {
    napi_throw_type_error(env, NULL, "not a capture handle");
    return NULL;
  }
  return h;
}

/* The handle passed as a function's only argument (NULL with a pending exception otherwise). */
static handle_t *handle_arg(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1] = {NULL};
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    napi_throw_type_error(env, NULL, "expected a capture handle");
    return NULL;
  }
  return get_handle(env, argv[0]);
}

static void finalize_handle(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  handle_t *h = data;
  if (h->running) {
    h->stopping = 1;
    if (h->p) pcap_breakloop(h->p);
    pthread_join(h->thread, NULL);
  }
  if (h->p) pcap_close(h->p);
  free(h);
}

/* open(device, {snaplen, promisc, immediate, bufferSize, timeoutMs, nano}) -> handle */
napi_value ack_open(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2] = {NULL, NULL};
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  char *dev = ack_get_string(env, argv[0], "device");
  if (!dev) return NULL;
  napi_value opts = argc > 1 ? argv[1] : NULL;
  char err[PCAP_ERRBUF_SIZE] = "";
  pcap_t *p = pcap_create(dev, err);
  free(dev);
  if (!p) {
    napi_throw_error(env, "ACKLINE_OPEN", err);
    return NULL;
  }
  pcap_set_snaplen(p, (int)ack_get_int_prop(env, opts, "snaplen", 262144));
  pcap_set_promisc(p, ack_get_bool_prop(env, opts, "promisc", true) ? 1 : 0);
  pcap_set_timeout(p, (int)ack_get_int_prop(env, opts, "timeoutMs", 100));
  pcap_set_buffer_size(p, (int)ack_get_int_prop(env, opts, "bufferSize", 16 * 1024 * 1024));
  if (ack_get_bool_prop(env, opts, "immediate", true)) pcap_set_immediate_mode(p, 1);
  int nano = 0;
  if (ack_get_bool_prop(env, opts, "nano", true)) {
    /* Nanosecond timestamps where the platform has them; fall back silently. */
    nano = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;
  }
  int rc = pcap_activate(p);
  if (rc < 0) {
    /* Keep libpcap's words and give the code a name JS can act on (permissions!). */
    const char *code = rc == PCAP_ERROR_PERM_DENIED ? "ACKLINE_PERM_DENIED"
                       : rc == PCAP_ERROR_NO_SUCH_DEVICE ? "ACKLINE_NO_SUCH_DEVICE"
                       : rc == PCAP_ERROR_IFACE_NOT_UP ? "ACKLINE_IFACE_NOT_UP"
                                                       : "ACKLINE_OPEN";
    char msg[PCAP_ERRBUF_SIZE + 64];
    snprintf(msg, sizeof msg, "%s", pcap_geterr(p));
    if (!msg[0]) snprintf(msg, sizeof msg, "%s", pcap_statustostr(rc));
    pcap_close(p);
    napi_throw_error(env, code, msg);
    return NULL;
  }
  if (nano) nano = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO;
  handle_t *h = calloc(1, sizeof *h);
  if (!h) {
    pcap_close(p);
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  h->p = p;
  h->nano = nano;
  napi_value ext;
  NAPI_CALL(env, napi_create_external(env, h, finalize_handle, NULL, &ext));
  return ext;
}

/* info(handle) -> {linktype, snaplen, nano} */
napi_value ack_info(napi_env env, napi_callback_info info) {
  handle_t *h = handle_arg(env, info);
  if (!h) return NULL;
  if (!h->p) {
    napi_throw_error(env, NULL, "capture handle is closed");
    return NULL;
  }
  napi_value o;
  napi_create_object(env, &o);
  ack_set_number(env, o, "linktype", pcap_datalink(h->p));
  ack_set_number(env, o, "snaplen", pcap_snapshot(h->p));
  ack_set_bool(env, o, "nano", h->nano != 0);
  return o;
}

/* setFilter(handle, expression) */
napi_value ack_set_filter(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  handle_t *h = get_handle(env, argv[0]);
  if (!h) return NULL;
  char *expr = ack_get_string(env, argv[1], "expression");
  if (!expr) return NULL;
  struct bpf_program prog;
  int rc = pcap_compile(h->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN);
  free(expr);
  if (rc != 0 || pcap_setfilter(h->p, &prog) != 0) {
    if (rc == 0) pcap_freecode(&prog);
    napi_throw_error(env, "ACKLINE_FILTER", pcap_geterr(h->p));
    return NULL;
  }
  pcap_freecode(&prog);
  return NULL;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *hdr, const u_char *bytes) {
  batch_t *b = (batch_t *)user;
  uint32_t need = REC_HDR + ((hdr->caplen + 3u) & ~3u);
  if (b->used + need > b->cap) {
    uint32_t ncap = b->cap ? b->cap : BATCH_INITIAL;
    while (b->used + need > ncap) ncap *= 2;
    uint8_t *nd = realloc(b->data, ncap);
    if (!nd) return; /* out of memory: this packet is lost, the capture goes on */
    b->data = nd;
    b->cap = ncap;
  }
  uint8_t *r = b->data + b->used;
  uint64_t sec = (uint64_t)hdr->ts.tv_sec;
  uint32_t v[5] = {(uint32_t)sec, (uint32_t)(sec >> 32), (uint32_t)hdr->ts.tv_usec, hdr->caplen, hdr->len};
  memcpy(r, v, sizeof v); /* little-endian hosts only (x86-64, arm64) */
  memcpy(r + REC_HDR, bytes, hdr->caplen);
  if (need > REC_HDR + hdr->caplen) memset(r + REC_HDR + hdr->caplen, 0, need - REC_HDR - hdr->caplen);
  b->used += need;
  b->count++;
}

static void *capture_thread(void *arg) {
  handle_t *h = arg;
  for (;;) {
    batch_t *b = calloc(1, sizeof *b);
    if (!b) break;
    /* One batch = everything a dispatch round finds in the ring (all packets available). */
    int n = pcap_dispatch(h->p, -1, on_packet, (u_char *)b);
    if (n == PCAP_ERROR_BREAK || (n >= 0 && h->stopping)) {
      /* Stop requested: drain what is still in the ring (a partly filled block waits for
         its timeout) without blocking, so stopping never loses packets already captured. */
      char err[PCAP_ERRBUF_SIZE];
      pcap_setnonblock(h->p, 1, err);
      while (pcap_dispatch(h->p, -1, on_packet, (u_char *)b) > 0)
        ;
      n = PCAP_ERROR_BREAK;
    }
    if (n == PCAP_ERROR) b->error = strdup(pcap_geterr(h->p));
    if (n < 0 || h->stopping) b->done = 1;
    if (b->count || b->done) {
      /* Back-pressure without blocking: wait while the queue is full, unless asked to stop
         (close() joins this thread from the JS thread, which must never wait on us). */
      napi_status st;
      while ((st = napi_call_threadsafe_function(h->tsfn, b, napi_tsfn_nonblocking)) == napi_queue_full && !h->stopping)
        usleep(500);
      if (st != napi_ok) {
        free(b->data);
        free(b->error);
        free(b);
        break;
      }
    } else {
      free(b);
    }
    if (n < 0 || h->stopping) break;
  }
  napi_release_threadsafe_function(h->tsfn, napi_tsfn_release);
  return NULL;
}

static void free_batch_data(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

/* Runs on the JS thread: callback(buffer: ArrayBuffer | null, count, done, error?) */
static void call_js(napi_env env, napi_value js_cb, void *context, void *data) {
  (void)context;
  batch_t *b = data;
  if (!env) { /* the environment is going away */
    free(b->data);
    free(b->error);
    free(b);
    return;
  }
  napi_value args[4], undefined;
  napi_get_undefined(env, &undefined);
  if (b->count) {
    napi_create_external_arraybuffer(env, b->data, b->used, free_batch_data, NULL, &args[0]);
  } else {
    free(b->data);
    napi_get_null(env, &args[0]);
  }
  napi_create_uint32(env, b->count, &args[1]);
  napi_get_boolean(env, b->done != 0, &args[2]);
  if (b->error) napi_create_string_utf8(env, b->error, NAPI_AUTO_LENGTH, &args[3]);
  else args[3] = undefined;
  napi_call_function(env, undefined, js_cb, 4, args, NULL);
  free(b->error);
  free(b);
}

/* start(handle, callback) */
napi_value ack_start(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  handle_t *h = get_handle(env, argv[0]);
  if (!h) return NULL;
  if (h->running || !h->p) {
    napi_throw_error(env, NULL, h->p ? "capture already started" : "capture handle is closed");
    return NULL;
  }
  napi_value name;
  napi_create_string_utf8(env, "ackline-capture", NAPI_AUTO_LENGTH, &name);
  NAPI_CALL(env, napi_create_threadsafe_function(env, argv[1], NULL, name, 64, 1, NULL, NULL, NULL, call_js, &h->tsfn));
  h->stopping = 0;
  if (pthread_create(&h->thread, NULL, capture_thread, h) != 0) {
    napi_release_threadsafe_function(h->tsfn, napi_tsfn_abort);
    napi_throw_error(env, NULL, "cannot start the capture thread");
    return NULL;
  }
  h->running = 1;
  /* The thread keeps the event loop alive only through the tsfn while running. */
  return NULL;
}

/* stop(handle): breaks the loop and waits for the thread; the final batch has done=true. */
napi_value ack_stop(napi_env env, napi_callback_info info) {
  handle_t *h = handle_arg(env, info);
  if (!h) return NULL;
  if (h->running) {
    h->stopping = 1;
    pcap_breakloop(h->p);
    /* Joined on close(): the thread ends after handing JS its final batch (done=true). */
  }
  return NULL;
}

/* stats(handle) -> {received, droppedByKernel, droppedByInterface} */
napi_value ack_stats(napi_env env, napi_callback_info info) {
  handle_t *h = handle_arg(env, info);
  if (!h) return NULL;
  struct pcap_stat st;
  memset(&st, 0, sizeof st);
  if (!h->p || pcap_stats(h->p, &st) != 0) {
    napi_throw_error(env, "ACKLINE_STATS", h->p ? pcap_geterr(h->p) : "capture handle is closed");
    return NULL;
  }
  napi_value o;
  napi_create_object(env, &o);
  ack_set_number(env, o, "received", st.ps_recv);
  ack_set_number(env, o, "droppedByKernel", st.ps_drop);
  ack_set_number(env, o, "droppedByInterface", st.ps_ifdrop);
  return o;
}

/* close(handle): stops the thread (joining it) and closes the adapter. */
napi_value ack_close(napi_env env, napi_callback_info info) {
  handle_t *h = handle_arg(env, info);
  if (!h) return NULL;
  if (h->running) {
    h->stopping = 1;
    pcap_breakloop(h->p);
    pthread_join(h->thread, NULL);
    h->running = 0;
  }
  if (h->p) {
    pcap_close(h->p);
    h->p = NULL;
  }
  return NULL;
}
