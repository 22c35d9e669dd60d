#!/usr/bin/env python3
"""Tagged and labelled frames for ci/e2e/l2fields.sh.

  l2fields_send.py NS IFACE [FLOW...]
      sends (all FLOWS, or those named), from IFACE in namespace NS (raw AF_PACKET, to a MAC address
      nobody has, so a promiscuous receiver captures them), the frames of
      FLOWS below: 802.1Q and QinQ tags with priorities, MPLS stacks with
      traffic classes and TTLs, a tag above a stack. Every flow's IP
      packets go from 10.9.0.2 to 10.2.0.2 (UDP).

The tag priorities and label values are the expectations l2fields.sh
checks; the frame builders are promisc_frames.py's.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promisc_frames import (V4_FWD, V4_SRC, eth, ip_packet,  # noqa: E402
                            open_socket, vlan)


def tci(pcp, vid):
    return pcp << 13 | vid


def stack(*entries):
    """MPLS label stack entries (label, tc, ttl), the last one bottom."""
    return b"".join(struct.pack("!I", label << 12 | tc << 9 |
                                (0x100 if i == len(entries) - 1 else 0) | ttl)
                    for i, (label, tc, ttl) in enumerate(entries))


# name: (tags, labels, sport, dport, packets); a tag is (TPID, TCI)
FLOWS = {
    "q100": ([(0x8100, tci(5, 100))], None, 45001, 5261, 2),
    # the same 5-tuple in another VLAN: another flow
    "q101": ([(0x8100, tci(5, 101))], None, 45001, 5261, 3),
    "qinq": ([(0x88A8, tci(3, 200)), (0x8100, tci(6, 300))], None, 45002, 5262, 2),
    "m2": ([], [(16001, 5, 200), (16002, 0, 1)], 45003, 5263, 2),
    # the same 5-tuple under another bottom label: another flow
    "m2b": ([], [(16001, 5, 200), (16003, 0, 1)], 45003, 5263, 1),
    "qm1": ([(0x8100, tci(2, 10))], [(17000, 7, 9)], 45004, 5264, 1),
}


def frame(tags, labels, sport, dport):
    ip = ip_packet(17, V4_SRC, V4_FWD, sport, dport, 100)
    tag_bytes = b"".join(vlan(tpid, t) for tpid, t in tags)
    if labels:
        return eth(0x8847, stack(*labels) + ip, tag_bytes)
    return eth(0x0800, ip, tag_bytes)


def main(argv):
    s = open_socket(argv[1], argv[2])
    for name in argv[3:] or FLOWS:
        tags, labels, sport, dport, packets = FLOWS[name]
        for _ in range(packets):
            s.send(frame(tags, labels, sport, dport))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
