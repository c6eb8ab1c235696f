/*
 * Live capture's entry points: open an adapter, set a BPF filter, start and stop delivery of
 * packets in batches (capture-thread.c), read the counters, close.
 *
 * A batch is an ArrayBuffer of `count` records, each (little-endian) u32 ts_sec_lo, u32
 * ts_sec_hi, u32 ts_frac (ns on a nano handle, else µs), u32 caplen, u32 len, then caplen
 * bytes padded with zeros to a multiple of 4. At most BATCH_MAX bytes (capture.h).
 *
 * A handle outlives close(): the JS object can still be passed in, so every entry point but
 * close() checks that the adapter is open and throws "capture handle is closed" otherwise;
 * close() is idempotent and stops and joins a running capture thread before closing the
 * adapter. The handle's memory is freed only when both the JS object has been collected and
 * the thread-safe function (whose queued batches name the handle) has been finalized.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"

/* libpcap's own ceiling (MAXIMUM_SNAPLEN); 0 asks for it, as tcpdump's -s 0 does. */
#define SNAPLEN_MAX 262144
/* The kernel ring: the capture options dialog offers up to 1024 MB. */
#define BUFFER_SIZE_MAX (1024 * 1024 * 1024)

static void unref_handle(handle_t *h) {
  if (--h->refs == 0) free(h);
}

/* Stops the capture thread, if one runs, and waits for it (it ends after queuing done). */
static void stop_and_join(handle_t *h) {
  if (!h->started || h->joined) return;
  atomic_store(&h->stopping, 1);
  pcap_breakloop(h->p);
  pthread_join(h->thread, NULL);
  h->joined = 1;
}

static void finalize_handle(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  handle_t *h = data;
  stop_and_join(h);
  if (h->p) pcap_close(h->p);
  h->p = NULL;
  unref_handle(h);
}

static void finalize_tsfn(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  unref_handle(data);
}

/* The handle in `v`, open or closed (NULL with a pending exception if `v` is not one). */
static handle_t *get_handle(napi_env env, napi_value v) {
  handle_t *h = NULL;
  if (napi_get_value_external(env, v, (void **)&h) != napi_ok || !h) {
    napi_throw_type_error(env, NULL, "not a capture handle");
    return NULL;
  }
  return h;
}

/* The handle in `v` if its adapter is still open. */
static handle_t *open_handle(napi_env env, napi_value v) {
  handle_t *h = get_handle(env, v);
  if (h && !h->p) {
    napi_throw_error(env, "ACKLINE_CLOSED", "capture handle is closed");
    return NULL;
  }
  return h;
}

/* Up to `n` arguments into argv (missing ones are undefined); false with an exception on failure. */
static bool get_args(napi_env env, napi_callback_info info, size_t n, napi_value *argv) {
  size_t argc = n;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) {
    napi_throw_error(env, NULL, "cannot read the arguments");
    return false;
  }
  return true;
}

/* options[name] when the options object has it (not undefined/null); NULL otherwise. */
static napi_value option(napi_env env, napi_value opts, const char *name) {
  napi_valuetype t;
  napi_value v;
  if (!opts || napi_typeof(env, opts, &t) != napi_ok || t != napi_object) return NULL;
  if (napi_get_named_property(env, opts, name, &v) != napi_ok) return NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t == napi_undefined || t == napi_null) return NULL;
  return v;
}

/* An integer option in [min, max]. Read as a double, so that 2^32 + 100 is refused (or
   clamped by the caller), never truncated to 100 on its way to an int. */
static bool int_option(napi_env env, napi_value opts, const char *name, int64_t dflt, int64_t min, int64_t max, const char *range,
                       int64_t *out) {
  napi_value v = option(env, opts, name);
  *out = dflt;
  if (!v) return true;
  double d;
  char msg[160];
  if (napi_get_value_double(env, v, &d) != napi_ok) {
    snprintf(msg, sizeof msg, "%s must be a number", name);
    napi_throw_type_error(env, NULL, msg);
    return false;
  }
  if (!isfinite(d) || d != floor(d) || d < (double)min || d > (double)max) {
    snprintf(msg, sizeof msg, "%s must be %s", name, range);
    napi_throw_range_error(env, NULL, msg);
    return false;
  }
  *out = (int64_t)d;
  return true;
}

static bool bool_option(napi_env env, napi_value opts, const char *name, bool dflt, bool *out) {
  napi_value v = option(env, opts, name);
  *out = dflt;
  if (v && napi_get_value_bool(env, v, out) != napi_ok) {
    char msg[160];
    snprintf(msg, sizeof msg, "%s must be true or false", name);
    napi_throw_type_error(env, NULL, msg);
    return false;
  }
  return true;
}

typedef struct {
  int snaplen, timeout_ms, buffer_size;
  bool promisc, immediate, nano;
} open_options_t;

/* Every option checked before anything is opened: a bad one is a one-line error, and costs nothing. */
static bool read_open_options(napi_env env, napi_value opts, open_options_t *o) {
  napi_valuetype t;
  if (opts && napi_typeof(env, opts, &t) == napi_ok && t != napi_object && t != napi_undefined && t != napi_null) {
    napi_throw_type_error(env, NULL, "capture options must be an object");
    return false;
  }
  int64_t snaplen, timeout, bufsize;
  if (!int_option(env, opts, "snaplen", SNAPLEN_MAX, 0, INT64_MAX / 2, "an integer, 0 or more (0 or more than 262144: 262144)",
                  &snaplen) ||
      !int_option(env, opts, "timeoutMs", 100, 0, INT32_MAX, "an integer from 0 to 2147483647", &timeout) ||
      !int_option(env, opts, "bufferSize", 16 * 1024 * 1024, 1, BUFFER_SIZE_MAX, "an integer from 1 to 1073741824 (bytes)", &bufsize) ||
      !bool_option(env, opts, "promisc", true, &o->promisc) || !bool_option(env, opts, "immediate", true, &o->immediate) ||
      !bool_option(env, opts, "nano", true, &o->nano))
    return false;
  /* libpcap would clamp too, but only once the value has gone through an int. */
  o->snaplen = snaplen == 0 || snaplen > SNAPLEN_MAX ? SNAPLEN_MAX : (int)snaplen;
  o->timeout_ms = (int)timeout;
  o->buffer_size = (int)bufsize;
  return true;
}

/* open(device, {snaplen, promisc, immediate, bufferSize, timeoutMs, nano}) -> handle */
napi_value ack_open(napi_env env, napi_callback_info info) {
  napi_value argv[2] = {NULL, NULL};
  if (!get_args(env, info, 2, argv)) return NULL;
  open_options_t o;
  if (!read_open_options(env, argv[1], &o)) return NULL;
  char *dev = ack_get_string(env, argv[0], "device");
  if (!dev) return NULL;
  char err[PCAP_ERRBUF_SIZE] = "";
  pcap_t *p = pcap_create(dev, err);
  free(dev);
  if (!p) {
    napi_throw_error(env, "ACKLINE_OPEN", err);
    return NULL;
  }
  pcap_set_snaplen(p, o.snaplen);
  pcap_set_promisc(p, o.promisc ? 1 : 0);
  pcap_set_timeout(p, o.timeout_ms);
  pcap_set_buffer_size(p, o.buffer_size);
  if (o.immediate) pcap_set_immediate_mode(p, 1);
  int nano = 0;
  if (o.nano) {
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
  h->refs = 1;
  napi_value ext;
  if (napi_create_external(env, h, finalize_handle, NULL, &ext) != napi_ok) {
    pcap_close(p);
    free(h);
    napi_throw_error(env, NULL, "cannot create the capture handle");
    return NULL;
  }
  return ext;
}

/* info(handle) -> {linktype, snaplen, nano} */
napi_value ack_info(napi_env env, napi_callback_info info) {
  napi_value argv[1] = {NULL};
  if (!get_args(env, info, 1, argv)) return NULL;
  handle_t *h = open_handle(env, argv[0]);
  if (!h) return NULL;
  napi_value o;
  NAPI_CALL(env, napi_create_object(env, &o));
  ack_set_number(env, o, "linktype", pcap_datalink(h->p));
  ack_set_number(env, o, "snaplen", pcap_snapshot(h->p));
  ack_set_bool(env, o, "nano", h->nano != 0);
  return o;
}

/* setFilter(handle, expression): before start() only (the capture thread reads the filter). */
napi_value ack_set_filter(napi_env env, napi_callback_info info) {
  napi_value argv[2] = {NULL, NULL};
  if (!get_args(env, info, 2, argv)) return NULL;
  handle_t *h = open_handle(env, argv[0]);
  if (!h) return NULL;
  if (h->started) {
    napi_throw_error(env, NULL, "cannot change the filter while capturing");
    return NULL;
  }
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

/* start(handle, callback(buffer | null, count, done, error?)): once per handle. */
napi_value ack_start(napi_env env, napi_callback_info info) {
  napi_value argv[2] = {NULL, NULL};
  if (!get_args(env, info, 2, argv)) return NULL;
  handle_t *h = open_handle(env, argv[0]);
  if (!h) return NULL;
  if (h->started) {
    napi_throw_error(env, NULL, "capture already started");
    return NULL;
  }
  napi_valuetype t;
  if (napi_typeof(env, argv[1], &t) != napi_ok || t != napi_function) {
    napi_throw_type_error(env, NULL, "callback must be a function");
    return NULL;
  }
  h->final = ack_batch_final();
  if (!h->final) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  napi_value name;
  NAPI_CALL(env, napi_create_string_utf8(env, "ackline-capture", NAPI_AUTO_LENGTH, &name));
  /* Unbounded queue (0): the thread applies back-pressure itself (capture-thread.c), so that
     queuing the done message can never wait on a JS thread that is joining it. */
  if (napi_create_threadsafe_function(env, argv[1], NULL, name, 0, 1, h, finalize_tsfn, h, ack_batch_to_js, &h->tsfn) != napi_ok) {
    free(h->final);
    h->final = NULL;
    napi_throw_error(env, NULL, "cannot create the capture callback");
    return NULL;
  }
  h->refs++; /* released by finalize_tsfn */
  atomic_store(&h->stopping, 0);
  if (pthread_create(&h->thread, NULL, ack_capture_thread, h) != 0) {
    free(h->final);
    h->final = NULL;
    napi_release_threadsafe_function(h->tsfn, napi_tsfn_abort);
    napi_throw_error(env, NULL, "cannot start the capture thread");
    return NULL;
  }
  /* The thread keeps the event loop alive, through the thread-safe function, until it ends. */
  h->started = 1;
  return NULL;
}

/* stop(handle): breaks the loop; the thread drains the ring and ends with done=true. */
napi_value ack_stop(napi_env env, napi_callback_info info) {
  napi_value argv[1] = {NULL};
  if (!get_args(env, info, 1, argv)) return NULL;
  handle_t *h = open_handle(env, argv[0]);
  if (!h) return NULL;
  if (h->started && !h->joined) {
    atomic_store(&h->stopping, 1);
    pcap_breakloop(h->p);
    /* Joined on close(). */
  }
  return NULL;
}

/* stats(handle) -> {received, droppedByKernel, droppedByInterface, droppedByApplication, batchesCopied}
   droppedByApplication: packets the binding took from the ring but could not hand to JS (out
   of memory); batchesCopied: batches delivered as copies rather than external buffers. */
napi_value ack_stats(napi_env env, napi_callback_info info) {
  napi_value argv[1] = {NULL};
  if (!get_args(env, info, 1, argv)) return NULL;
  handle_t *h = open_handle(env, argv[0]);
  if (!h) return NULL;
  struct pcap_stat st;
  memset(&st, 0, sizeof st);
  if (pcap_stats(h->p, &st) != 0) {
    napi_throw_error(env, "ACKLINE_STATS", pcap_geterr(h->p));
    return NULL;
  }
  napi_value o;
  NAPI_CALL(env, napi_create_object(env, &o));
  ack_set_number(env, o, "received", st.ps_recv);
  ack_set_number(env, o, "droppedByKernel", st.ps_drop);
  ack_set_number(env, o, "droppedByInterface", st.ps_ifdrop);
  ack_set_number(env, o, "droppedByApplication", (double)atomic_load(&h->dropped));
  ack_set_number(env, o, "batchesCopied", (double)atomic_load(&h->copied));
  return o;
}

/* close(handle): stops and joins a running capture, then closes the adapter. Idempotent. */
napi_value ack_close(napi_env env, napi_callback_info info) {
  napi_value argv[1] = {NULL};
  if (!get_args(env, info, 1, argv)) return NULL;
  handle_t *h = get_handle(env, argv[0]);
  if (!h) return NULL;
  stop_and_join(h);
  if (h->p) {
    pcap_close(h->p);
    h->p = NULL;
  }
  return NULL;
}
