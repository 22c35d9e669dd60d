#!/usr/bin/env python3
"""Test traffic that ci/guest/lib.sh's senders do not make: no receiver,
on purpose (the rules under test ignore the ICMP errors that come back).

  traffic.py udp-send DST DPORT SPORT COUNT SIZE [INTERVAL]
  traffic.py udp-spray DST DPORT FLOWS   (one 64-byte datagram from each of
                                          FLOWS source ports, 20000 up)
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


def udp_spray(dst, dport, flows):
    payload = b"s" * 64
    for i in range(int(flows)):
        s = socket.socket(family(dst), socket.SOCK_DGRAM)
        s.bind(("", 20000 + i))
        s.sendto(payload, (dst, int(dport)))
        s.close()


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"udp-send": udp_send, "udp-spray": udp_spray}[cmd](*args)
