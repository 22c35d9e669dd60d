#!/usr/bin/env python3
"""Packets with headers the optional fields describe (ci/e2e/fields.sh).

  fields_send.py udp4opt DST DPORT COUNT
      COUNT UDP datagrams from port 40000 whose IPv4 header carries the
      options NOP and Record Route (8 octets), through IP_OPTIONS
  fields_send.py udp6ext SRC DST DPORT COUNT FLOWLABEL
      COUNT IPv6 packets built whole (IPPROTO_RAW): flow label FLOWLABEL
      (hex), a hop-by-hop and a destination options header (PadN each),
      then UDP from port 40000 with a correct checksum

Run it in the sending namespace (ip netns exec).
"""
import socket
import struct
import sys


def udp4opt(dst, dport, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 40000))
    # NOP, then Record Route: type 7, length 7, pointer 4, one empty slot
    s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, bytes([1, 7, 7, 4, 0, 0, 0, 0]))
    for _ in range(count):
        s.sendto(b"x" * 32, (dst, dport))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff or 0xffff


def udp6ext(src, dst, dport, count, label):
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)
    saddr = socket.inet_pton(socket.AF_INET6, src)
    daddr = socket.inet_pton(socket.AF_INET6, dst)
    payload = b"y" * 24
    udp_len = 8 + len(payload)
    pseudo = saddr + daddr + struct.pack("!I3xB", udp_len, 17)
    udp = struct.pack("!HHHH", 40000, dport, udp_len, 0) + payload
    udp = udp[:6] + struct.pack("!H", checksum(pseudo + udp)) + udp[8:]
    # next header, length 0 (8 octets), PadN of 4 octets of zeroes
    hop = bytes([60, 0, 1, 4, 0, 0, 0, 0])
    dest = bytes([17, 0, 1, 4, 0, 0, 0, 0])
    body = hop + dest + udp
    hdr = struct.pack("!IHBB", 6 << 28 | label, len(body), 0, 64) + saddr + daddr
    for _ in range(count):
        s.sendto(hdr + body, (dst, 0))


def main(argv):
    if argv[1] == "udp4opt":
        udp4opt(argv[2], int(argv[3]), int(argv[4]))
    elif argv[1] == "udp6ext":
        udp6ext(argv[2], argv[3], int(argv[4]), int(argv[5]), int(argv[6], 16))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
