/*
 * What the capture entry points (capture.c) and the capture thread (capture-thread.c) share:
 * the handle, the batch, and the limits that bound the memory a capture can take.
 */
#ifndef ACKLINE_CAPTURE_H
#define ACKLINE_CAPTURE_H

#include <pcap/pcap.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Record header: u32 ts_sec_lo, ts_sec_hi, ts_frac, caplen, len (little-endian). */
#define REC_HDR 20u
/* A new batch's capacity; it doubles as packets come, up to BATCH_MAX. */
#define BATCH_INITIAL ((size_t)256 * 1024)
/* The largest batch: when the next record does not fit, the batch is handed over and another
   begins. Bounds one allocation far below 2 GiB whatever the ring holds (a 1 GiB ring can
   yield 1 GiB in one dispatch round), and keeps one JS call's work short. */
#define BATCH_MAX ((size_t)4 * 1024 * 1024)
/* Back-pressure: while this many batches, or this many bytes, wait for JS, the capture thread
   waits too and the kernel ring absorbs the burst (pcap_stats counts what it then drops). */
#define INFLIGHT_MAX 64u
#define INFLIGHT_BYTES_MAX ((size_t)64 * 1024 * 1024)

typedef struct batch {
  size_t used;
  size_t cap; /* bytes of data[] */
  uint32_t count;
  int done;
  char error[PCAP_ERRBUF_SIZE]; /* on the final batch, when the loop failed ("" otherwise) */
  uint8_t data[];
} batch_t;

typedef struct handle {
  pcap_t *p; /* NULL once closed: every entry point but close() then refuses the handle */
  int nano;
  int started; /* start() created the thread ... */
  int joined;  /* ... and close() (or the finalizer) has joined it */
  int external_refused; /* the runtime refused an external ArrayBuffer once: copy from then on */
  int refs; /* the JS external and, once started, the thread-safe function (JS thread only) */
  pthread_t thread;
  napi_threadsafe_function tsfn;
  batch_t *final; /* the done message, allocated by start(): owned by the thread from then on */
  atomic_int stopping;
  atomic_uint inflight;
  atomic_size_t inflight_bytes;
  atomic_uint_least64_t dropped; /* packets taken from the ring that never reached JS */
  atomic_uint_least64_t copied;  /* batches copied into JS-owned ArrayBuffers */
} handle_t;

/* The capture thread (arg: the handle). Ends with one done message, whatever happens. */
void *ack_capture_thread(void *arg);
/* The thread-safe function's call_js: hands a batch to the JS callback (context: the handle). */
void ack_batch_to_js(napi_env env, napi_value js_cb, void *context, void *data);
/* The done message start() sets aside, so that ending never needs memory (NULL when out of it). */
batch_t *ack_batch_final(void);

#endif
