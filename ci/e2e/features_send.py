#!/usr/bin/env python3
"""UDP flows from chosen source addresses and ports, between namespaces, in
one process (ci/e2e/features.sh).

  features_send.py [--len N] GROUP [STEP GROUP]...

GROUP is one or more flow specs separated by commas:

  SRC_NS/SRC_IP/SPORT>DST_NS/DST_IP/DPORT*COUNT

Every socket is made first (each in its own namespace, by setns(2)); then
each group is sent round-robin (one datagram of each flow in turn, so the
packets of the flows interleave) and waited for: every datagram must reach
the sink bound to DST_IP/DPORT in DST_NS. A STEP between two groups acts
on the root namespace once the group before it has arrived in full (so
the module has metered all of it): `flush` writes 1 to net.netflow.flush,
`NAME=VALUE` writes VALUE to net.netflow.NAME.
Exits 1 unless every datagram arrived.
"""
import os
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "guest"))
from netsend import enter_ns, family_of  # noqa: E402


def parse_flow(spec):
    src, rest = spec.split(">")
    dst, count = rest.split("*")
    sns, sip, sport = src.split("/")
    dns, dip, dport = dst.split("/")
    return dict(src=(sns, sip, int(sport)), dst=(dns, dip, int(dport)),
                count=int(count))


def main(argv):
    length = 100
    if len(argv) > 2 and argv[1] == "--len":
        length = int(argv[2])
        argv = argv[2:]
    groups, cur, steps = [], [], []
    for word in argv[1:]:
        if word == "flush" or ">" not in word:
            groups.append(cur)
            steps.append(("flush", "1") if word == "flush"
                         else tuple(word.split("=", 1)))
            cur = []
        else:
            cur += [parse_flow(s) for s in word.split(",") if s]
    groups.append(cur)
    payload = bytes((i * 7 + 1) & 0xFF for i in range(length))
    sinks, expect, got = {}, {}, {}
    for group in groups:
        for f in group:
            dns, dip, dport = f["dst"]
            if f["dst"] not in sinks:
                enter_ns(dns)
                s = socket.socket(family_of(dip), socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE
                s.bind((dip, dport))
                s.setblocking(False)
                sinks[f["dst"]] = s
                expect[s.fileno()] = 0
                got[s.fileno()] = 0
            sns, sip, sport = f["src"]
            enter_ns(sns)
            s = socket.socket(family_of(sip), socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((sip, sport))
            f["sock"] = s
    enter_ns("root")
    by_fd = {s.fileno(): s for s in sinks.values()}

    def drain(timeout):
        ready, _, _ = select.select(list(by_fd.values()), [], [], timeout)
        for s in ready:
            while True:
                try:
                    data = s.recv(65536)
                except BlockingIOError:
                    break
                if len(data) != length:
                    print("features_send: sink got %d bytes" % len(data),
                          file=sys.stderr)
                    sys.exit(2)
                got[s.fileno()] += 1

    for i, group in enumerate(groups):
        if i:
            name, value = steps[i - 1]
            with open("/proc/sys/net/netflow/" + name, "w") as fl:
                fl.write(value + "\n")
        left = {id(f): f["count"] for f in group}
        while any(left.values()):
            for f in group:
                if left[id(f)]:
                    f["sock"].sendto(payload, f["dst"][1:])
                    expect[sinks[f["dst"]].fileno()] += 1
                    left[id(f)] -= 1
            drain(0)
        deadline = time.monotonic() + 30
        while got != expect and time.monotonic() < deadline:
            drain(0.1)
        if got != expect:
            print("features_send: group %d: sent %s, received %s" %
                  (i, expect, got), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
