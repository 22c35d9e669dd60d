#!/usr/bin/env python3
"""Deterministic test traffic: exact datagram counts and sizes.

  traffic.py udp-send DST DPORT SPORT COUNT SIZE [INTERVAL]
  traffic.py udp-sink PORT SECONDS            (bind :: dual stack, v4 too)
  traffic.py tcp-sink PORT                    (accepts one connection, reads to EOF)
  traffic.py tcp-send DST DPORT SPORT BYTES
  traffic.py udp-spray DST DPORT FLOWS       (one 64-byte datagram from each
                                              of FLOWS source ports, 20000 up)
"""
import socket
import sys
import time


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def udp_send(dst, dport, sport, count, size, interval=0.0):
    s = socket.socket(family(dst), socket.SOCK_DGRAM)
    s.bind(("", int(sport)))
    payload = b"n" * int(size)
    for _ in range(int(count)):
        s.sendto(payload, (dst, int(dport)))
        if float(interval):
            time.sleep(float(interval))


def udp_sink(port, seconds):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind(("::", int(port)))
    s.settimeout(float(seconds))
    try:
        while True:
            s.recv(65535)
    except socket.timeout:
        pass


def tcp_sink(port):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("::", int(port)))
    s.listen(1)
    print("listening", flush=True)
    c, _ = s.accept()
    while c.recv(65536):
        pass
    c.close()


def tcp_send(dst, dport, sport, nbytes):
    s = socket.socket(family(dst), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", int(sport)))
    s.connect((dst, int(dport)))
    s.sendall(b"t" * int(nbytes))
    s.shutdown(socket.SHUT_WR)
    s.recv(1)          # wait for the peer's FIN
    s.close()


def udp_spray(dst, dport, flows):
    payload = b"s" * 64
    for i in range(int(flows)):
        s = socket.socket(family(dst), socket.SOCK_DGRAM)
        s.bind(("", 20000 + i))
        s.sendto(payload, (dst, int(dport)))
        s.close()


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"udp-send": udp_send, "udp-sink": udp_sink,
     "tcp-sink": tcp_sink, "tcp-send": tcp_send,
     "udp-spray": udp_spray}[cmd](*args)
