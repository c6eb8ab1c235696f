# TEST-ONLY: a two-port relay, run inside a network namespace between two veth ends (no
# addresses): every frame from CLIENT_IF goes out SERVER_IF at once; the server side's TCP
# frames are held until a line comes on stdin, then sent in order, and from then on at once.
# It stands in for `tc ... netem delay` on the server side (this kernel has no sch_netem), with
# the delay ended by the test rather than a timer: its SYN-ACK comes late on a loaded machine
# too. Frames other than TCP (ARP) pass at once: the client must find the server.
# Usage: held-relay.py CLIENT_IF SERVER_IF   (prints "ready" once both ports are open)
import select
import socket
import sys

ETH_P_ALL = 0x0003


def port(name: str) -> socket.socket:
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((name, 0))
    return s


def is_tcp(frame: bytes) -> bool:
    return len(frame) > 23 and frame[12:14] == b"\x08\x00" and frame[23] == 6


def main() -> None:
    client, server = port(sys.argv[1]), port(sys.argv[2])
    held: list[bytes] = []
    released = False
    print("ready", flush=True)
    while True:
        ready, _, _ = select.select([client, server, sys.stdin], [], [])
        if sys.stdin in ready:
            if not sys.stdin.readline():
                return
            released = True
            for f in held:
                client.send(f)
            held.clear()
        for src, dst in ((client, server), (server, client)):
            if src not in ready:
                continue
            frame, addr = src.recvfrom(65535)
            # A packet socket also sees what it sent itself: only what came in is relayed.
            if addr[2] == socket.PACKET_OUTGOING:
                continue
            if src is server and not released and is_tcp(frame):
                held.append(frame)
            else:
                dst.send(frame)


main()
