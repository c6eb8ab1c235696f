/* Small Node-API helpers shared by the binding's files. */
#ifndef ACKLINE_UTIL_H
#define ACKLINE_UTIL_H

#include <node_api.h>
#include <stdbool.h>
#include <stdint.h>

#define NAPI_CALL(env, call)                                                  \
  do {                                                                        \
    if ((call) != napi_ok) {                                                  \
      const napi_extended_error_info *info_ = NULL;                           \
      napi_get_last_error_info((env), &info_);                                \
      bool pending_ = false;                                                  \
      napi_is_exception_pending((env), &pending_);                            \
      if (!pending_)                                                          \
        napi_throw_error((env), NULL,                                         \
                         info_ && info_->error_message ? info_->error_message \
                                                       : "Node-API call failed"); \
      return NULL;                                                            \
    }                                                                         \
  } while (0)

/* Reads a JS string argument into a malloc'd buffer (caller frees); NULL + exception on error. */
char *ack_get_string(napi_env env, napi_value v, const char *what);
/* Reads an optional numeric property; returns `dflt` when absent or undefined. */
int64_t ack_get_int_prop(napi_env env, napi_value obj, const char *name, int64_t dflt);
bool ack_get_bool_prop(napi_env env, napi_value obj, const char *name, bool dflt);
void ack_set_string(napi_env env, napi_value obj, const char *name, const char *s);
void ack_set_number(napi_env env, napi_value obj, const char *name, double n);
void ack_set_bool(napi_env env, napi_value obj, const char *name, bool b);

napi_value ack_find_all_devs(napi_env env, napi_callback_info info);
napi_value ack_compile_filter(napi_env env, napi_callback_info info);
napi_value ack_open(napi_env env, napi_callback_info info);
napi_value ack_set_filter(napi_env env, napi_callback_info info);
napi_value ack_start(napi_env env, napi_callback_info info);
napi_value ack_stop(napi_env env, napi_callback_info info);
napi_value ack_stats(napi_env env, napi_callback_info info);
napi_value ack_close(napi_env env, napi_callback_info info);
napi_value ack_info(napi_env env, napi_callback_info info);

#endif
