#!/usr/bin/env python3
# Writes fuzz/corpus/l2/: an MPLS depth octet, then an Ethernet frame
# (fuzz_l2.c). Rerun after changing that format.
import os

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', 'corpus', 'l2')
os.makedirs(out, exist_ok=True)

MACS = bytes.fromhex('020000000002' '020000000001')
IP4 = bytes.fromhex('45000014')
IP6 = bytes.fromhex('60000000')


def tag(tpid, tci):
    return tpid.to_bytes(2, 'big') + tci.to_bytes(2, 'big')


def mpls(*labels):
    b = b''
    for i, lab in enumerate(labels):
        bos = 1 if i == len(labels) - 1 else 0
        b += ((lab << 12) | (bos << 8) | 64).to_bytes(4, 'big')
    return b


SEEDS = {
    'ipv4': (3, MACS + b'\x08\x00' + IP4),
    'ipv6': (3, MACS + b'\x86\xdd' + IP6),
    'dot1q': (3, MACS + tag(0x8100, 0x200a) + b'\x08\x00' + IP4),
    'qinq': (3, MACS + tag(0x88a8, 100) + tag(0x8100, 10) + b'\x86\xdd' + IP6),
    'three-tags': (3, MACS + tag(0x8100, 1) + tag(0x8100, 2) + tag(0x8100, 3) + b'\x08\x00'),
    'mpls1': (3, MACS + b'\x88\x47' + mpls(16) + IP4),
    'mpls3-v6': (3, MACS + b'\x88\x47' + mpls(16, 17, 18) + IP6),
    'mpls10': (10, MACS + b'\x88\x47' + mpls(*range(1, 11)) + IP4),
    'mpls11': (10, MACS + b'\x88\x47' + mpls(*range(1, 12)) + IP4),
    'vlan-mpls': (2, MACS + tag(0x8100, 5) + b'\x88\x48' + mpls(1, 2, 3) + IP4),
    'truncated': (3, MACS + tag(0x8100, 5)),
}

for name, (depth, frame) in SEEDS.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(bytes([depth]) + frame)
