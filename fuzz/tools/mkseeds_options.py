#!/usr/bin/env python3
# Writes fuzz/corpus/options/ (committed; rerun after changing
# fuzz_options' input format, see the comment at the top of
# fuzz_options.c): v9 and IPFIX messages with the three options
# templates, statistics records, interface tables that span messages,
# UTF-8 names cut at the field's end, tiny and oversized caps.
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', 'corpus', 'options')
METERING, EXPORTING, INTERFACES = 0, 1, 2


def begin(proto, cap_mode, cap, fill=0, boot=1700000000000):
    m = proto | cap_mode << 1 | (0x80 if fill else 0)
    c = struct.pack('<H', cap) if cap_mode == 2 else bytes([cap & 0xff])
    return bytes([m]) + c + struct.pack('<Q', boot)


def s(x):
    if x is None:
        return b'\xff'
    if isinstance(x, str):
        x = x.encode()
    return bytes([len(x)]) + x


def stats(vals):
    outb = b''
    for v in vals:
        outb += b'\x01' + struct.pack('<Q', v) if v > 255 else b'\x00' + bytes([v])
    return outb


def tmpl(o):
    return bytes([o << 2 | 0])


def rec(o, domain=7, ifindex=2, vals=None, name='eth0', desc='uplink'):
    vals = vals or [1000 + i for i in range(13)]
    return bytes([o << 2 | 1]) + struct.pack('<II', domain, ifindex) + stats(vals) + s(name) + s(desc)


def table(ifs):
    b = bytes([2, len(ifs)])
    for idx, name, desc in ifs:
        b += struct.pack('<II', 7, idx) + s(name) + s(desc)
    return b


def finish(next_begin):
    return b'\x03' + struct.pack('<IIII', 123456, 1700000000, 42, 7) + next_begin


IFS = [(1, 'lo', None), (2, 'eth0', 'uplink to the ISP'), (3, 'wlan0', 'Wi-Fi \u00e9t\u00e9'),
       (4, 'br-lan', 'x' * 70), (5, 'abcdefghijklmnop', 'd' * 63 + '\u20ac'),
       (6, 'na\u00efve\u00e9\u00e9\u00e9\u00e9x', '\U0001f600' * 17), (7, '', '')]
seeds = {}
for proto, pname in ((0, 'v9'), (1, 'ipfix')):
    mtu = begin(proto, 1, 100)
    seeds[pname + '-all'] = mtu + tmpl(METERING) + rec(METERING) + tmpl(EXPORTING) + \
        rec(EXPORTING) + tmpl(INTERFACES) + rec(INTERFACES) + rec(INTERFACES, ifindex=3)
    seeds[pname + '-big-values'] = mtu + tmpl(METERING) + \
        rec(METERING, domain=0xffffffff, vals=[2**64 - 1 - i for i in range(13)])
    seeds[pname + '-table'] = mtu + table(IFS)
    seeds[pname + '-table-spans'] = begin(proto, 0, 200) + table(IFS * 3)
    seeds[pname + '-tiny'] = begin(proto, 0, 60) + tmpl(METERING) + tmpl(INTERFACES) + \
        rec(EXPORTING)
    seeds[pname + '-fill-up'] = mtu + tmpl(METERING) + rec(METERING) * 20
    seeds[pname + '-utf8-cut'] = mtu + tmpl(INTERFACES) + \
        rec(INTERFACES, name='abcdefghijklmn\u00e9', desc='\u20ac' * 22) + \
        rec(INTERFACES, name='\U0001f600' * 5, desc=b'\xc3' * 70) + \
        rec(INTERFACES, name=None, desc=None)
    seeds[pname + '-two-messages'] = mtu + tmpl(EXPORTING) + rec(EXPORTING) + \
        finish(begin(proto ^ 1, 2, 65535, fill=1)) + tmpl(METERING) + rec(METERING)
    seeds[pname + '-empty'] = begin(proto, 0, 0) + finish(mtu) + tmpl(INTERFACES)
    seeds[pname + '-jumbo'] = begin(proto, 3, 200) + table(IFS * 9)

os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
