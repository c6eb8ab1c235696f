/*
 * compileFilter(linktype, snaplen, expression): validates a capture filter with libpcap's
 * own compiler on a dead handle, so the UI can check a filter as the user types without
 * opening (or having the rights to open) an adapter.
 */
#include <pcap/pcap.h>
#include <stdlib.h>

#include "util.h"

napi_value ack_compile_filter(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  NAPI_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 3) {
    napi_throw_type_error(env, NULL, "compileFilter(linktype, snaplen, expression)");
    return NULL;
  }
  int32_t linktype = 1, snaplen = 262144;
  napi_get_value_int32(env, argv[0], &linktype);
  napi_get_value_int32(env, argv[1], &snaplen);
  char *expr = ack_get_string(env, argv[2], "expression");
  if (!expr) return NULL;
  pcap_t *p = pcap_open_dead(linktype, snaplen);
  napi_value out;
  napi_create_object(env, &out);
  if (!p) {
    free(expr);
    napi_throw_error(env, NULL, "pcap_open_dead failed");
    return NULL;
  }
  struct bpf_program prog;
  if (pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
    ack_set_bool(env, out, "ok", false);
    ack_set_string(env, out, "error", pcap_geterr(p));
  } else {
    ack_set_bool(env, out, "ok", true);
    ack_set_number(env, out, "instructions", prog.bf_len);
    pcap_freecode(&prog);
  }
  pcap_close(p);
  free(expr);
  return out;
}
