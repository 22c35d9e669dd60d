#!/usr/bin/env python3
"""Frames for other hosts, on the wire, for ci/e2e/promisc.sh.

  promisc_frames.py send NS IFACE OUTDIR BATCH...
      sends each BATCH's frames from IFACE in namespace NS (raw AF_PACKET,
      destination MAC 02:00:00:00:99:99, nobody's); appends the flows the
      module must export to OUTDIR/expect.tsv (check_flows.py format: name
      proto src dst sport dport packets bytes, bytes = IP lengths) and adds
      what /proc/net/stat/ipt_netflow must count to OUTDIR/counts.json.
      A BATCH name ending in "!" is sent but neither observed nor exported
      (promisc off): its frames count nowhere.
  promisc_frames.py check OUTDIR [LABEL]
      waits until /proc/net/stat/ipt_netflow (of the namespace it runs in)
      has observed every frame sent, then compares each promisc counter
      with counts.json; prints ok / not ok lines (prefixed LABEL, default
      "promisc"), exits 1 if any failed.
  promisc_frames.py blast NS IFACE STOPFILE
      sends a mix of every batch's frames until STOPFILE exists.

Batches: good (IPv4/IPv6, UDP/TCP, forwarded and local destinations,
Ethernet padding), vlan (802.1Q, QinQ 802.1ad+802.1Q, three tags of which
the kernel strips one), mpls (1-3 labels, IPv4/IPv6, behind a tag, 0x8848;
needs promisc-mpls >= 3), mpls0 (MPLS frames sent while promisc-mpls is 0:
discarded), bad (one malformed frame per discard reason and variant).
"""
import json
import os
import re
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "guest"))
from netsend import enter_ns  # noqa: E402

DST_MAC = bytes.fromhex("020000009999")
SRC_MAC = bytes.fromhex("020000000902")
V4_SRC, V4_FWD, V4_LOCAL = "10.9.0.2", "10.2.0.2", "10.9.0.1"
V6_SRC, V6_FWD, V6_LOCAL = "fd09::2", "fd00:2::2", "fd09::1"
REASONS = ["not_ip", "mpls", "l2", "truncated", "bad_header", "checksum",
           "length", "nomem"]


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def addr(a):
    return socket.inet_pton(socket.AF_INET6 if ":" in a else socket.AF_INET, a)


def l4(proto, src, dst, sport, dport, payload, flags=0x18):
    """A UDP datagram or TCP segment with a correct checksum."""
    if proto == 17:
        hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    else:
        hdr = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 5 << 4, flags,
                          65535, 0, 0)
    seg = hdr + payload
    if ":" in src:
        pseudo = addr(src) + addr(dst) + struct.pack("!IxxxB", len(seg), proto)
    else:
        pseudo = addr(src) + addr(dst) + struct.pack("!xBH", proto, len(seg))
    c = csum(pseudo + seg) or 0xFFFF
    at = 6 if proto == 17 else 16
    return seg[:at] + struct.pack("!H", c) + seg[at + 2:]


def ipv4(src, dst, proto, body, total=None, version=4, ihl=5, bad_csum=False):
    total = 20 + len(body) if total is None else total
    hdr = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, total, 0x1234,
                      0x4000, 64, proto, 0, addr(src), addr(dst))
    c = csum(hdr) ^ (0x0101 if bad_csum else 0)
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + body


def ipv6(src, dst, nh, body, plen=None, version=6):
    plen = len(body) if plen is None else plen
    return struct.pack("!IHBB16s16s", version << 28, plen, nh, 64, addr(src),
                       addr(dst)) + body


def ip_packet(proto, src, dst, sport, dport, size, flags=0x18):
    """An IP packet of exactly @size bytes."""
    hl = (40 if ":" in src else 20) + (8 if proto == 17 else 20)
    body = l4(proto, src, dst, sport, dport, bytes(i & 0xFF for i in range(size - hl)), flags)
    if ":" in src:
        return ipv6(src, dst, proto, body)
    return ipv4(src, dst, proto, body)


def vlan(tpid, vid):
    return struct.pack("!HH", tpid, vid)


def mpls_stack(n, bos=True):
    return b"".join(struct.pack("!I", (1000 + i) << 12 |
                                (0x100 if bos and i == n - 1 else 0) | 64)
                    for i in range(n))


def eth(ethertype, payload, tags=b"", pad_to=0):
    frame = DST_MAC + SRC_MAC + tags + struct.pack("!H", ethertype) + payload
    return frame + bytes(max(0, pad_to - len(frame)))


class Batch:
    def __init__(self):
        self.frames = []
        self.flows = []		# name proto src dst sport dport packets bytes
        self.counts = dict(observed=0, passed=0, passed4=0, passed6=0,
                           **{r: 0 for r in REASONS})

    def flow(self, name, proto, src, dst, sport, dport, sizes, wrap,
             flags=(0x18,)):
        """Packets of one flow, each IP packet wrapped by @wrap(ip) into a frame."""
        for i, size in enumerate(sizes):
            ip = ip_packet(proto, src, dst, sport, dport, size,
                           flags[i % len(flags)])
            self.frames.append(wrap(ip))
        self.flows.append("%s %d %s %s %d %d %d %d" % (
            name, proto, src, dst, sport, dport, len(sizes), sum(sizes)))
        self.counts["observed"] += len(sizes)
        self.counts["passed"] += len(sizes)
        self.counts["passed6" if ":" in src else "passed4"] += len(sizes)

    def bad(self, reason, frame):
        self.frames.append(frame)
        self.counts["observed"] += 1
        self.counts[reason] += 1


def plain(ip):
    return eth(0x86DD if ip[0] >> 4 == 6 else 0x0800, ip)


def tagged(*tags):
    def wrap(ip):
        return eth(0x86DD if ip[0] >> 4 == 6 else 0x0800, ip,
                   b"".join(vlan(t, v) for t, v in tags))
    return wrap


def mpls(n, tags=b"", ethertype=0x8847):
    def wrap(ip):
        return eth(ethertype, mpls_stack(n) + ip, tags)
    return wrap


def batch_good(b):
    b.flow("u4", 17, V4_SRC, V4_FWD, 41001, 5001, [128, 128, 128], plain)
    b.flow("t4", 6, V4_SRC, V4_FWD, 41002, 5002, [40, 40, 140], plain,
           (0x02, 0x10, 0x18))
    # 38-byte packets in 60-byte frames: the Ethernet padding is not counted
    b.flow("l4", 17, V4_SRC, V4_LOCAL, 41003, 5003, [38, 38],
           lambda ip: eth(0x0800, ip, pad_to=60))
    b.flow("u6", 17, V6_SRC, V6_FWD, 41011, 5011, [148, 148, 148], plain)
    b.flow("t6", 6, V6_SRC, V6_FWD, 41012, 5012, [60, 160], plain, (0x02, 0x18))
    b.flow("l6", 17, V6_SRC, V6_LOCAL, 41013, 5013, [200], plain)


def batch_vlan(b):
    b.flow("q4", 17, V4_SRC, V4_FWD, 42001, 5021, [100, 300], tagged((0x8100, 100)))
    b.flow("q6", 17, V6_SRC, V6_FWD, 42011, 5021, [90, 90], tagged((0x8100, 101)))
    qinq = tagged((0x88A8, 200), (0x8100, 300))
    b.flow("qq4", 6, V4_SRC, V4_FWD, 42002, 5022, [60, 70], qinq)
    b.flow("qq6", 17, V6_SRC, V6_FWD, 42012, 5022, [111], qinq)
    # the kernel takes the outer tag off before any tap: two are left
    b.flow("q3", 17, V4_SRC, V4_FWD, 42003, 5023, [77],
           tagged((0x88A8, 1), (0x8100, 2), (0x8100, 3)))


def batch_mpls(b):
    b.flow("m1v4", 17, V4_SRC, V4_FWD, 43001, 5031, [100, 101], mpls(1))
    b.flow("m2v6", 17, V6_SRC, V6_FWD, 43011, 5031, [120, 121], mpls(2))
    b.flow("m3v4", 6, V4_SRC, V4_FWD, 43002, 5032, [140], mpls(3))
    b.flow("m3v6", 6, V6_SRC, V6_FWD, 43012, 5032, [160], mpls(3))
    b.flow("vm2v4", 17, V4_SRC, V4_FWD, 43003, 5033, [99],
           mpls(2, vlan(0x8100, 10)))
    b.flow("mmcv4", 17, V4_SRC, V4_FWD, 43004, 5034, [88], mpls(1, ethertype=0x8848))


def batch_mpls0(b):
    b.bad("mpls", mpls(1)(ip_packet(17, V4_SRC, V4_FWD, 43101, 5041, 100)))
    b.bad("mpls", mpls(2)(ip_packet(17, V6_SRC, V6_FWD, 43111, 5041, 100)))


def batch_bad(b):
    u4 = ip_packet(17, V4_SRC, V4_FWD, 44001, 5051, 100)
    u6 = ip_packet(17, V6_SRC, V6_FWD, 44011, 5051, 100)
    b.bad("truncated", eth(0x0800, u4[:10]))
    b.bad("truncated", eth(0x86DD, u6[:30]))
    b.bad("truncated", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17, bytes(8), ihl=15)[:40]))
    b.bad("checksum", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17,
                                       l4(17, V4_SRC, V4_FWD, 44002, 5052, bytes(20)),
                                       bad_csum=True)))
    b.bad("bad_header", eth(0x0800, u6))		# IPv6 under the IPv4 type
    b.bad("bad_header", eth(0x86DD, u4))		# and the other way round
    b.bad("bad_header", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17, bytes(20), version=5)))
    b.bad("bad_header", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17, bytes(20), ihl=4)))
    b.bad("length", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17, bytes(20), total=41)))
    b.bad("length", eth(0x0800, ipv4(V4_SRC, V4_FWD, 17, bytes(20), total=19)))
    b.bad("length", eth(0x86DD, ipv6(V6_SRC, V6_FWD, 17, bytes(20), plen=21)))
    b.bad("not_ip", eth(0x88B5, bytes(50)))
    b.bad("not_ip", eth(0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1,
                                            SRC_MAC, addr(V4_SRC), bytes(6),
                                            addr("10.9.0.77"))))
    b.bad("not_ip", eth(0x8847, mpls_stack(1) + bytes(40)))	# payload nibble 0
    b.bad("mpls", mpls(4)(u4))				# deeper than promisc-mpls 3
    b.bad("l2", mpls(11)(u4))				# deeper than any stack walked
    b.bad("l2", eth(0x8847, mpls_stack(2, bos=False)))	# no bottom of stack
    b.bad("l2", tagged((0x88A8, 1), (0x8100, 2), (0x8100, 3), (0x8100, 4))(u4))
    # the inner tag cut short (the kernel needs 6 octets after the outer one)
    b.bad("l2", DST_MAC + SRC_MAC + vlan(0x88A8, 1) + b"\x81\x00\x00\x02")


BATCHES = dict(good=batch_good, vlan=batch_vlan, mpls=batch_mpls,
               mpls0=batch_mpls0, bad=batch_bad)


def build(name):
    b = Batch()
    BATCHES[name](b)
    return b


def open_socket(ns, iface):
    enter_ns(ns)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    return s


def send(ns, iface, outdir, names):
    s = open_socket(ns, iface)
    path = os.path.join(outdir, "counts.json")
    totals = {}
    if os.path.exists(path):
        with open(path) as f:
            totals = json.load(f)
    for name in names:
        silent = name.endswith("!")
        b = build(name.rstrip("!"))
        for frame in b.frames:
            s.send(frame)
        if silent:
            continue
        with open(os.path.join(outdir, "expect.tsv"), "a") as f:
            f.writelines(line + "\n" for line in b.flows)
        for k, v in b.counts.items():
            totals[k] = totals.get(k, 0) + v
    with open(path, "w") as f:
        json.dump(totals, f)
    return 0


PROC_RE = re.compile(
    r"Promisc hack is (\w+) \(observed (\d+) packets, discarded (\d+)\)\. "
    r"Passed (\d+); discarded: not IP (\d+), MPLS (\d+), L2 (\d+), "
    r"truncated (\d+), bad header (\d+), checksum (\d+), length (\d+), "
    r"no memory (\d+)\. MPLS depth (\d+)\.")


def read_proc(path):
    with open(path) as f:
        m = PROC_RE.search(f.read())
    if not m:
        return None
    v = [int(x) for x in m.groups()[1:]]
    got = dict(observed=v[0], discarded=v[1], passed=v[2])
    got.update(zip(REASONS, v[3:11]))
    return got


def check(outdir, label, proc="/proc/net/stat/ipt_netflow"):
    with open(os.path.join(outdir, "counts.json")) as f:
        want = json.load(f)
    want["discarded"] = sum(want[r] for r in REASONS)
    deadline = time.monotonic() + 20
    got = read_proc(proc)
    while got and got["observed"] < want["observed"] and time.monotonic() < deadline:
        time.sleep(0.1)
        got = read_proc(proc)
    failed = 0
    if not got:
        print("not ok - %s: the /proc line is there and parses" % label)
        return 1
    for k in ["observed", "passed", "discarded"] + REASONS:
        ok = got[k] == want[k]
        failed += not ok
        print("%s - %s: /proc counts %s %d (expected %d)" %
              ("ok" if ok else "not ok", label, k, got[k], want[k]))
    return 1 if failed else 0


def blast(ns, iface, stopfile):
    s = open_socket(ns, iface)
    frames = []
    for name in BATCHES:
        frames += build(name).frames
    n = 0
    while not os.path.exists(stopfile):
        for frame in frames:
            s.send(frame)
        n += len(frames)
        time.sleep(0.005)
    print("blast: %d frames" % n)
    return 0


def main(argv):
    if argv[1] == "send":
        return send(argv[2], argv[3], argv[4], argv[5:])
    if argv[1] == "check":
        return check(argv[2], argv[3] if len(argv) > 3 else "promisc")
    if argv[1] == "blast":
        return blast(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
