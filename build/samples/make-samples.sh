#!/usr/bin/env bash
# Records the bundled sample captures (the first-run screen's classic scenarios) from REAL
# traffic between two network namespaces joined by a veth pair. Run as root:
#   sudo bash build/samples/make-samples.sh [OUTDIR]      (default: the folder of this script)
# Needs: iproute2, tcpdump, editcap (wireshark-common), python3, busybox (udhcpc,
# arping), dnsmasq-base. Only 192.0.2.0/24 (TEST-NET-1) inside our own namespaces is ever
# used: no packet leaves them.
#
# Each scenario gets fresh namespaces (no ARP cache, no leases left over), is recorded by
# tcpdump --immediate-mode -U -w (else the last block of packets is lost on stop) on the client's end of the veth, and converted to pcapng with a section comment
# saying how it was made. The MACs are fixed so the files read the same on every run.
set -euo pipefail

OUT="$(cd "${1:-$(dirname "$0")}" && pwd)"
C=ackl-sample-c            # client namespace
S=ackl-sample-s            # server namespace
C_IP=192.0.2.10
S_IP=192.0.2.20
C_MAC=02:00:5e:00:53:0a
S_MAC=02:00:5e:00:53:14
PORT=8080
TMP="$(mktemp -d)"

[ "$(id -u)" -eq 0 ] || { echo "make-samples: run as root (network namespaces and tcpdump need it)" >&2; exit 1; }
for t in ip tcpdump editcap python3 busybox dnsmasq; do
  command -v "$t" >/dev/null || { echo "make-samples: '$t' is missing (apt-get install iproute2 tcpdump wireshark-common python3 busybox dnsmasq-base)" >&2; exit 1; }
done

cleanup() {
  [ -n "${TCPDUMP_PID:-}" ] && kill "$TCPDUMP_PID" 2>/dev/null || true
  [ -f "$TMP/dnsmasq.pid" ] && kill "$(cat "$TMP/dnsmasq.pid")" 2>/dev/null || true
  ip netns del "$C" 2>/dev/null || true
  ip netns del "$S" 2>/dev/null || true
}
trap 'cleanup; rm -rf "$TMP"' EXIT

# Two namespaces, a veth pair, IPv6 off (no router solicitations or MLD in the samples).
# $1 = yes to give the client its address statically (no for the DHCP scenario).
setup() {
  cleanup
  ip netns add "$C"
  ip netns add "$S"
  ip link add vc netns "$C" address "$C_MAC" type veth peer name vs netns "$S" address "$S_MAC"
  for ns in "$C" "$S"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip netns exec "$ns" ip link set lo up
  done
  # No segmentation offload: the capture shows segments as they would be on a wire.
  ip netns exec "$C" ip link set vc up
  ip netns exec "$S" ip link set vs up
  ip netns exec "$S" ip addr add "$S_IP/24" dev vs
  [ "$1" = yes ] && ip netns exec "$C" ip addr add "$C_IP/24" dev vc
  # Let the links settle before recording.
  sleep 0.5
}

# start_capture FILTER: tcpdump on the client's side of the link.
start_capture() {
  rm -f "$TMP/tcpdump.err" "$TMP/cap.pcap"
  ip netns exec "$C" tcpdump -i vc --immediate-mode -U -s 0 -w "$TMP/cap.pcap" "$1" 2>"$TMP/tcpdump.err" &
  TCPDUMP_PID=$!
  # Wait until tcpdump listens (it prints "listening on" to stderr).
  for _ in $(seq 50); do grep -q 'listening on' "$TMP/tcpdump.err" 2>/dev/null && break; sleep 0.1; done
}

# stop_capture NAME "comment": ends tcpdump, writes NAME.pcapng with a section comment.
stop_capture() {
  sleep 0.5
  kill -INT "$TCPDUMP_PID"
  wait "$TCPDUMP_PID" || true
  TCPDUMP_PID=
  editcap -F pcapng --capture-comment "Ackline sample: $2" "$TMP/cap.pcap" "$OUT/$1.pcapng"
  echo "$1.pcapng: $(tcpdump -n -r "$OUT/$1.pcapng" 2>/dev/null | wc -l) packets"
}

# A one-shot TCP server in the server namespace; $1 = python body run on the accepted socket.
serve_once() {
  ip netns exec "$S" python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('$S_IP', $PORT)); s.listen(1)
open('$TMP/ready', 'w').close()
c, _ = s.accept()
$1
" &
  SERVER_PID=$!
  for _ in $(seq 50); do [ -e "$TMP/ready" ] && break; sleep 0.1; done
  rm -f "$TMP/ready"
}

client() { ip netns exec "$C" python3 -c "
import socket, time
$1
"; }

# 1. Handshake, a request and its answer, the client closes first.
setup yes
start_capture "tcp port $PORT"
serve_once "
req = c.recv(1024)
c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nhello\n')
c.recv(1024); c.close()"
client "
s = socket.create_connection(('$S_IP', $PORT))
s.sendall(b'GET / HTTP/1.0\r\nHost: $S_IP\r\n\r\n')
s.recv(1024); time.sleep(0.05); s.close()"
wait "$SERVER_PID"
stop_capture tcp-handshake "TCP three-way handshake, one request and answer, client closes (client $C_IP, server $S_IP:$PORT)"

# 2. The server closes first: FIN, ACK, FIN, ACK; the server ends in TIME_WAIT.
setup yes
start_capture "tcp port $PORT"
serve_once "
c.sendall(b'220 bye\r\n'); time.sleep(0.05); c.close()"
client "
s = socket.create_connection(('$S_IP', $PORT))
s.recv(1024); s.recv(1024); time.sleep(0.05); s.close()"
wait "$SERVER_PID"
stop_capture tcp-close "orderly close started by the server: FIN/ACK both ways, server in TIME_WAIT"

# 3. SYN retries: the server's answers go into a blackhole route (its SYN-ACKs never reach the
# wire), so the client retries its SYN with doubling back-off until it gives up.
setup yes
ip netns exec "$C" sysctl -qw net.ipv4.tcp_syn_retries=3
# Kernels from 6.5 on retry the first SYNs at a fixed interval unless told otherwise.
ip netns exec "$C" sysctl -qw net.ipv4.tcp_syn_linear_timeouts=0 2>/dev/null || true
ip netns exec "$S" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.vs.rp_filter=0
ip netns exec "$S" ip route add blackhole "$C_IP/32"
start_capture "tcp port $PORT"
client "
s = socket.socket()
try:
    s.connect(('$S_IP', $PORT))
except OSError as e:
    print('connect:', e)"
stop_capture tcp-syn-retries "SYN unanswered (the server's replies go to a blackhole route): retransmitted after 1, 2 and 4 s (tcp_syn_retries=3)"

# 4. A closed port: the server's kernel answers the SYN with RST, ACK.
setup yes
start_capture "tcp port $PORT"
client "
s = socket.socket()
try:
    s.connect(('$S_IP', $PORT))
except OSError as e:
    print('connect:', e)"
stop_capture tcp-rst-closed-port "connection refused: SYN to a port nobody listens on, answered by RST, ACK"

# 5. DHCP: dnsmasq serves, busybox udhcpc asks (DISCOVER, OFFER, REQUEST, ACK), then releases.
setup no
start_capture "udp port 67 or udp port 68"
ip netns exec "$S" dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --port=0 --bind-interfaces --interface=vs \
  --dhcp-range=192.0.2.100,192.0.2.150,255.255.255.0,1h --dhcp-authoritative --no-ping --leasefile-ro \
  --pid-file="$TMP/dnsmasq.pid" --log-facility=/dev/null
sleep 0.5
# udhcpc's script configures the leased address (a RELEASE is sent from it) and tells us when
# it is bound; SIGUSR2 then makes udhcpc release the lease.
cat >"$TMP/udhcpc.sh" <<EOS
#!/bin/sh
case "\$1" in
  bound) ip addr add "\$ip/24" dev "\$interface"; touch "$TMP/bound" ;;
  deconfig) ip addr flush dev "\$interface" ;;
esac
exit 0
EOS
chmod +x "$TMP/udhcpc.sh"
ip netns exec "$C" busybox udhcpc -i vc -f -n -t 5 -T 1 -s "$TMP/udhcpc.sh" -x hostname:ackline-sample >/dev/null 2>&1 &
UDHCPC_PID=$!
for _ in $(seq 100); do [ -e "$TMP/bound" ] && break; sleep 0.1; done
sleep 0.2
kill -USR2 "$UDHCPC_PID"; sleep 0.3; kill "$UDHCPC_PID"; wait "$UDHCPC_PID" || true
stop_capture dhcp "DHCP DORA (dnsmasq server, busybox udhcpc client) and RELEASE"
kill "$(cat "$TMP/dnsmasq.pid")" 2>/dev/null || true
rm -f "$TMP/dnsmasq.pid"

# 6. ARP: two who-has/reply exchanges (arping), then a ping with the address now resolved.
setup yes
start_capture "arp or icmp"
ip netns exec "$C" busybox arping -c 2 -I vc "$S_IP" >/dev/null
ip netns exec "$C" ip neigh flush dev vc
ip netns exec "$C" busybox ping -c 1 -W 1 "$S_IP" >/dev/null
stop_capture arp "ARP who-has and reply (arping), then a ping that resolves the address first"

echo "samples written to $OUT"
