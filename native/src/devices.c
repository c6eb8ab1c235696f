/* findAllDevs(): the adapters libpcap can open, with addresses and state flags. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

static void addr_string(const struct sockaddr *sa, char *out, size_t n) {
  out[0] = '\0';
  if (!sa) return;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

napi_value ack_find_all_devs(napi_env env, napi_callback_info info) {
  (void)info;
  pcap_if_t *devs = NULL;
  char err[PCAP_ERRBUF_SIZE] = "";
  if (pcap_findalldevs(&devs, err) != 0) {
    napi_throw_error(env, "ACKLINE_FINDALLDEVS", err);
    return NULL;
  }
  napi_value arr;
  NAPI_CALL(env, napi_create_array(env, &arr));
  uint32_t i = 0;
  for (pcap_if_t *d = devs; d; d = d->next) {
    napi_value o, addrs;
    napi_create_object(env, &o);
    ack_set_string(env, o, "name", d->name);
    ack_set_string(env, o, "description", d->description ? d->description : "");
    ack_set_bool(env, o, "loopback", (d->flags & PCAP_IF_LOOPBACK) != 0);
    ack_set_bool(env, o, "up", (d->flags & PCAP_IF_UP) != 0);
    ack_set_bool(env, o, "running", (d->flags & PCAP_IF_RUNNING) != 0);
#ifdef PCAP_IF_WIRELESS
    ack_set_bool(env, o, "wireless", (d->flags & PCAP_IF_WIRELESS) != 0);
#else
    ack_set_bool(env, o, "wireless", false);
#endif
    napi_create_array(env, &addrs);
    uint32_t j = 0;
    for (pcap_addr_t *a = d->addresses; a; a = a->next) {
      char buf[INET6_ADDRSTRLEN + 1];
      addr_string(a->addr, buf, sizeof buf);
      if (!buf[0]) continue; /* link-layer (AF_PACKET) entries carry no IP address */
      napi_value ao;
      napi_create_object(env, &ao);
      ack_set_string(env, ao, "addr", buf);
      addr_string(a->netmask, buf, sizeof buf);
      ack_set_string(env, ao, "netmask", buf);
      addr_string(a->broadaddr, buf, sizeof buf);
      ack_set_string(env, ao, "broadaddr", buf);
      napi_set_element(env, addrs, j++, ao);
    }
    napi_set_named_property(env, o, "addresses", addrs);
    napi_set_element(env, arr, i++, o);
  }
  pcap_freealldevs(devs);
  return arr;
}
