/*
 * Ackline's libpcap binding on Node-API (ABI-stable: one build loads in Node and in
 * every Electron). Exposes what a capture workstation needs and `cap` lacks: kernel
 * timestamps (nanosecond where the platform has them), wire lengths, pcap_stats drop
 * counters, a BPF compiler usable without an adapter, and packets delivered in batches
 * (one JS callback per pcap_dispatch round, not per packet).
 */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "privileges.h"
#include "util.h"

char *ack_get_string(napi_env env, napi_value v, const char *what) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, v, NULL, 0, &len) != napi_ok) {
    char msg[128];
    snprintf(msg, sizeof msg, "%s must be a string", what);
    napi_throw_type_error(env, NULL, msg);
    return NULL;
  }
  char *buf = malloc(len + 1);
  if (!buf) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  napi_get_value_string_utf8(env, v, buf, len + 1, &len);
  return buf;
}

static napi_value get_prop(napi_env env, napi_value obj, const char *name) {
  napi_valuetype t;
  if (obj == NULL || napi_typeof(env, obj, &t) != napi_ok || t != napi_object) return NULL;
  bool has = false;
  if (napi_has_named_property(env, obj, name, &has) != napi_ok || !has) return NULL;
  napi_value v;
  if (napi_get_named_property(env, obj, name, &v) != napi_ok) return NULL;
  if (napi_typeof(env, v, &t) != napi_ok || t == napi_undefined || t == napi_null) return NULL;
  return v;
}

int64_t ack_get_int_prop(napi_env env, napi_value obj, const char *name, int64_t dflt) {
  napi_value v = get_prop(env, obj, name);
  int64_t out = dflt;
  if (v) napi_get_value_int64(env, v, &out);
  return out;
}

bool ack_get_bool_prop(napi_env env, napi_value obj, const char *name, bool dflt) {
  napi_value v = get_prop(env, obj, name);
  bool out = dflt;
  if (v) napi_get_value_bool(env, v, &out);
  return out;
}

void ack_set_string(napi_env env, napi_value obj, const char *name, const char *s) {
  napi_value v;
  napi_create_string_utf8(env, s ? s : "", NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, obj, name, v);
}

void ack_set_number(napi_env env, napi_value obj, const char *name, double n) {
  napi_value v;
  napi_create_double(env, n, &v);
  napi_set_named_property(env, obj, name, v);
}

void ack_set_bool(napi_env env, napi_value obj, const char *name, bool b) {
  napi_value v;
  napi_get_boolean(env, b, &v);
  napi_set_named_property(env, obj, name, v);
}

/* libVersion(): libpcap's version string. */
static napi_value lib_version(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value v;
  NAPI_CALL(env, napi_create_string_utf8(env, pcap_lib_version(), NAPI_AUTO_LENGTH, &v));
  return v;
}

static napi_value init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"libVersion", NULL, lib_version, NULL, NULL, NULL, napi_enumerable, NULL},
      {"findAllDevs", NULL, ack_find_all_devs, NULL, NULL, NULL, napi_enumerable, NULL},
      {"compileFilter", NULL, ack_compile_filter, NULL, NULL, NULL, napi_enumerable, NULL},
      {"open", NULL, ack_open, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setFilter", NULL, ack_set_filter, NULL, NULL, NULL, napi_enumerable, NULL},
      {"start", NULL, ack_start, NULL, NULL, NULL, napi_enumerable, NULL},
      {"stop", NULL, ack_stop, NULL, NULL, NULL, napi_enumerable, NULL},
      {"stats", NULL, ack_stats, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, ack_close, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, ack_info, NULL, NULL, NULL, napi_enumerable, NULL},
      {"dropCapabilities", NULL, ack_drop_capabilities, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  NAPI_CALL(env, napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
