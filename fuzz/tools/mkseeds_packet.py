#!/usr/bin/env python3
# Writes fuzz/corpus/packet/ (committed; rerun after changing fuzz_packet's
# input format): a control octet, a split octet, then a network-layer
# packet (see the comment at the top of fuzz_packet.c). Valid IPv4/IPv6
# TCP/UDP/UDP-Lite/SCTP/ICMP/ICMPv6/GRE/ESP packets, fragments, IPv6
# extension chains, truncations; and each in the other skb shapes.
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', 'corpus', 'packet')

TCP, UDP, ICMP, GRE, ESP, AH, ICMP6, SCTP, UDPLITE = 6, 17, 1, 47, 50, 51, 58, 132, 136
HOP, ROUTING, FRAG, NONE, DEST = 0, 43, 44, 59, 60


def tcp(sport=40000, dport=443, flags=0x12):
    return struct.pack('>HHIIBBHHH', sport, dport, 1, 2, 5 << 4, flags, 65535, 0, 0)


def udp(sport=5353, dport=53, payload=b'abcd'):
    return struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload


def sctp(sport=36412, dport=38412):
    return struct.pack('>HHII', sport, dport, 0x1234, 0) + b'\x01\x00\x00\x10' + bytes(12)


def icmp(t=8, c=0):
    return struct.pack('>BBHHH', t, c, 0, 1, 1) + b'ping'


def gre():
    return struct.pack('>HH', 0, 0x0800) + bytes(20)


def esp():
    return struct.pack('>II', 0x1000, 1) + bytes(16)


def ip4(proto, payload, frag=0, ihl=5, tos=0, tot=None, src='10.0.0.1', dst='192.0.2.9'):
    opts = bytes((ihl - 5) * 4) if ihl > 5 else b''
    if opts:
        opts = b'\x01' * (len(opts) - 1) + b'\x00'
    s = bytes(int(x) for x in src.split('.'))
    d = bytes(int(x) for x in dst.split('.'))
    length = 4 * max(ihl, 5) + len(payload) if tot is None else tot
    return struct.pack('>BBHHHBBH', 4 << 4 | ihl, tos, length, 0x1234, frag, 64, proto, 0) + \
        s + d + opts + payload


def ip6(nh, payload, tc=0, flow=0x12345, plen=None):
    first = 6 << 28 | tc << 20 | flow
    s = bytes.fromhex('20010db8000000000000000000000001')
    d = bytes.fromhex('20010db80000000000000000000000fe')
    return struct.pack('>IHBB', first, len(payload) if plen is None else plen, nh, 64) + s + d + payload


def ext(nh, units=0, fill=b'\x01\x04'):
    """Hop-by-hop / routing / destination options: (units + 1) * 8 octets."""
    body = (fill * 16)[:6 + units * 8]
    return bytes([nh, units]) + body


def frag6(nh, offset=0, m=0):
    return struct.pack('>BBHI', nh, 0, offset << 3 | m, 0xdeadbeef)


def ah(nh, units=4):
    """AH: (units + 2) * 4 octets (RFC 4302)."""
    return bytes([nh, units, 0, 0]) + struct.pack('>II', 0x100, 1) + bytes((units + 2) * 4 - 12)


seeds = {}


def add(name, pkt, ctl=0, split=0):
    seeds[name] = bytes([ctl, split]) + pkt


# IPv4
add('v4-tcp-syn-ack', ip4(TCP, tcp()))
add('v4-tcp-fin', ip4(TCP, tcp(flags=0x11)), ctl=1)
add('v4-udp', ip4(UDP, udp()))
add('v4-udplite', ip4(UDPLITE, udp(1234, 4321)))
add('v4-sctp', ip4(SCTP, sctp()))
add('v4-icmp-echo', ip4(ICMP, icmp()))
add('v4-icmp-unreach', ip4(ICMP, icmp(3, 4)))
add('v4-gre', ip4(GRE, gre()))
add('v4-esp', ip4(ESP, esp()))
add('v4-options-tcp', ip4(TCP, tcp(), ihl=15))
add('v4-tos-dscp', ip4(UDP, udp(), tos=0xb8))
add('v4-first-frag', ip4(UDP, udp(payload=bytes(64)), frag=0x2000))
add('v4-later-frag', ip4(UDP, bytes(16), frag=0x2000 | 185))
add('v4-last-frag', ip4(TCP, bytes(8), frag=3))
add('v4-df', ip4(TCP, tcp(), frag=0x4000))
add('v4-tot-len-lies', ip4(UDP, udp(), tot=65535))
add('v4-trunc-19', ip4(UDP, udp())[:19])
add('v4-trunc-tcp-19', ip4(TCP, tcp())[:39])
add('v4-trunc-udp-3', ip4(UDP, udp())[:23])
add('v4-trunc-icmp-1', ip4(ICMP, icmp())[:21])
add('v4-ihl-4', ip4(TCP, tcp(), ihl=4))
add('v4-ihl-past-end', ip4(GRE, b'', ihl=15)[:20])
add('v4-version-6', b'\x65' + ip4(UDP, udp())[1:], ctl=1)
add('v4-empty', b'', ctl=1)
# IPv6
add('v6-tcp', ip6(TCP, tcp()))
add('v6-udp', ip6(UDP, udp()))
add('v6-udplite', ip6(UDPLITE, udp()))
add('v6-sctp', ip6(SCTP, sctp()))
add('v6-icmpv6-echo', ip6(ICMP6, icmp(128, 0)))
add('v6-icmpv6-ns', ip6(ICMP6, icmp(135, 0)))
add('v6-gre', ip6(GRE, gre()))
add('v6-esp', ip6(ESP, esp()))
add('v6-tclass', ip6(UDP, udp(), tc=0xb8))
add('v6-hop-tcp', ip6(HOP, ext(TCP) + tcp()))
add('v6-hop-routing-dest-udp', ip6(HOP, ext(ROUTING) + ext(DEST, 1) + ext(UDP) + udp()))
add('v6-dest-icmp', ip6(DEST, ext(ICMP6, 2) + icmp(1, 4)))
add('v6-ah-tcp', ip6(AH, ah(TCP) + tcp()))
add('v6-ah-esp', ip6(AH, ah(ESP, 1) + esp()))
add('v6-first-frag', ip6(FRAG, frag6(UDP, 0, 1) + udp()))
add('v6-atomic-frag', ip6(FRAG, frag6(TCP, 0, 0) + tcp()))
add('v6-later-frag', ip6(FRAG, frag6(UDP, 181, 1) + bytes(16)))
add('v6-hop-later-frag', ip6(HOP, ext(FRAG) + frag6(TCP, 8, 0) + bytes(8)))
add('v6-none', ip6(NONE, b''))
add('v6-hop-none', ip6(HOP, ext(NONE)))
add('v6-trunc-39', ip6(UDP, udp())[:39])
add('v6-trunc-ext', ip6(HOP, ext(TCP, 3) + tcp())[:41])
add('v6-ext-past-end', ip6(HOP, ext(TCP, 30)))
add('v6-trunc-frag', ip6(FRAG, frag6(TCP))[:43])
add('v6-trunc-tcp', ip6(TCP, tcp())[:59])
add('v6-plen-lies', ip6(UDP, udp(), plen=65535))
add('v6-version-4', b'\x45' + ip6(UDP, udp())[1:], ctl=2)
add('v6-ipip', ip6(4, ip4(UDP, udp())))
# skb shapes: routes, nonlinear, a MAC header, another family
add('v4-route-gw', ip4(TCP, tcp()), ctl=1 | 1 << 2, split=7)
add('v4-route-nogw', ip4(UDP, udp()), ctl=1 | 2 << 2)
add('v4-route-gw6', ip4(UDP, udp()), ctl=1 | 3 << 2)
add('v6-route-gw', ip6(TCP, tcp()), ctl=2 | 1 << 2, split=9)
add('v6-route-nogw', ip6(TCP, tcp()), ctl=2 | 2 << 2)
add('v6-route-v4dst', ip6(UDP, udp()), ctl=2 | 3 << 2)
add('v4-nonlinear-in-tcp', ip4(TCP, tcp()), ctl=1 | 0x10, split=30)
add('v4-nonlinear-in-ip', ip4(UDP, udp()), ctl=1 | 0x10, split=10)
add('v4-nonlinear-empty-head', ip4(ICMP, icmp()), ctl=1 | 0x10, split=0)
add('v6-nonlinear-in-ext', ip6(HOP, ext(ROUTING) + ext(UDP) + udp()), ctl=2 | 0x10, split=45)
add('v6-nonlinear-in-frag', ip6(FRAG, frag6(TCP, 0, 1) + tcp()), ctl=2 | 0x10, split=42)
add('v4-mac', ip4(TCP, tcp()), ctl=1 | 0x20)
add('v6-mac-nonlinear', ip6(DEST, ext(SCTP) + sctp()), ctl=2 | 0x30, split=50)
add('other-family', ip4(TCP, tcp()), ctl=3, split=7)
add('unspec-family', ip6(TCP, tcp()), ctl=3, split=2)

os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
