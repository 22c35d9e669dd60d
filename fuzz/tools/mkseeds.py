#!/usr/bin/env python3
# Writes the seed corpora fuzz/corpus/<target>/ (committed; rerun after
# changing an input format). Each seed is a valid input in the target's
# format (see the comment at the top of fuzz_<target>.c).
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(here, '..', 'corpus')

AF_INET, AF_INET6 = 2, 10


def write(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# --- dest: destination strings ------------------------------------------------
DEST = {
    # the KUnit suite's valid and invalid cases
    'v4-port': '127.0.0.1:2055',
    'v4': '127.0.0.1',
    'two': '1.2.3.4:1,5.6.7.8:65535',
    'seps': ' 1.2.3.4 ;\t5.6.7.8\n',
    'dup': '1.2.3.4:2055,1.2.3.4:2055',
    'v6-brackets': '[::1]:2055',
    'v6-noport': '[2001:db8::1]',
    'v6-bare': '2001:db8::1',
    'v6-p': '2001:db8::1p9996',
    'v6-hash': '2001:db8::1#9997',
    'v4-source': '10.0.0.1:2055@10.0.0.2',
    'v4-if': '10.0.0.1%eth0',
    'v4-source-if': '10.0.0.1:2055@10.0.0.2%vlan.100',
    'v4-if-source': '10.0.0.1%eth0@10.0.0.2',
    'v6-source': '[fd00::1]:4739@[fd00::2]',
    'v6-source-bare': '[fd00::1]:4739@fd00::2',
    'mixed': '127.0.0.1:2055 [::1]:2055',
    'bad-empty-list': ' , ;',
    'bad-name': 'localhost',
    'bad-port0': '1.2.3.4:0',
    'bad-port-big': '1.2.3.4:65536',
    'bad-bracket-v4': '[1.2.3.4]:2055',
    'bad-two-at': '1.2.3.4@5.6.7.8@9.9.9.9',
    'bad-if-slash': '1.2.3.4%a/b',
    'bad-double-colon': '1.2.3.4::2055',
    'bad-empty': '',
    'bad-short': '1.2.3',
    'bad-long': '1.2.3.4.5',
    'bad-octet': '256.1.1.1',
    'bad-no-port': '1.2.3.4:',
    'bad-port-x': '1.2.3.4:20x5',
    'bad-port-minus': '1.2.3.4:-1',
    'bad-port-plus': '1.2.3.4:+1',
    'bad-port-long': '2001:db8::1p020550',
    'bad-open-bracket': '[::1',
    'bad-bracket-noport-sep': '[::1]2055',
    'bad-empty-brackets': '[]:2055',
    'bad-hex': '2001:db8::g',
    'bad-at-end': '1.2.3.4@',
    'bad-source-family': '1.2.3.4@::1',
    'bad-source-family6': '[::1]@127.0.0.1',
    'bad-if-empty': '1.2.3.4%',
    'bad-if-long': '1.2.3.4%averyveryverylongifname',
    'bad-if-two': '1.2.3.4%a%b',
    'bad-second-entry': '1.2.3.4:2055,bogus',
    'too-long': '1.1.1.1' + ' ' * 1100,
    # addresses %pI6c prints with a dotted quad, and other corners
    'v4mapped': '[::ffff:192.0.2.1]:9995@[::ffff:192.0.2.2]%eth0',
    'isatap': '2001:db8:1:2:200:5efe:192.0.2.1',
    'isatap-zero': 'fe80::5efe:10.0.0.1p4739',
    'v4compat': '::1.2.3.4',
    'full-v6': '[1:2:3:4:5:6:7:8]:65535',
    'zero-runs': '1:0:0:1:0:0:0:1',
    'leading-zeros': '010.001.000.255:00080',
    'long-zeros': '1.0000000000000.2.3',
    'ifname-15': '10.0.0.1%abcdefghijklmno',
    'sixteen': ','.join('10.0.0.%d' % i for i in range(1, 17)),
    'seventeen': ','.join('10.0.0.%d' % i for i in range(1, 18)),
    'long-entry': 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffffp65535@'
                  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe%abcdefghijklmno',
}
for name, s in DEST.items():
    write('dest', name, s)


# --- v5: context, count, raw struct netflow_record ---------------------------
def record(family, src, dst, nh, sport=0, dport=0, inif=0, proto=6, tos=0,
           outif=0, packets=0, octets=0, first=0, last=0, flags=0, reason=1):
    key = src.ljust(16, b'\0') + dst.ljust(16, b'\0') + \
        struct.pack('>HH', sport, dport) + struct.pack('<I', inif) + \
        bytes([family, proto, tos, 0])
    assert len(key) == 44
    r = key + nh.ljust(16, b'\0') + struct.pack('<I', outif) + \
        struct.pack('<QQQQ', packets, octets, first, last) + \
        bytes([flags, reason]) + b'\0' * 6
    assert len(r) == 104
    return r


def v4(a):
    return bytes(int(x) for x in a.split('.'))


def v6(a):
    import ipaddress
    return ipaddress.IPv6Address(a).packed


tcp4 = record(AF_INET, v4('10.1.0.2'), v4('10.2.0.2'), v4('10.2.0.1'), 40000, 443,
              3, 6, 0x10, 4, 3000000, 0x100000500, 90000, 95000, 0x1b)
udp4 = record(AF_INET, v4('192.0.2.1'), v4('198.51.100.7'), v4('0.0.0.0'), 53, 5353,
              70000, 17, 0, 1, 1, 76, 2**32 + 5, 2**33, 0)
icmp4 = record(AF_INET, v4('10.0.0.1'), v4('10.0.0.2'), v4('10.0.0.254'), 0, 8 << 8,
               1, 1, 0, 2, 5, 420, 1000, 5000)
tcp6 = record(AF_INET6 | 0x80, v6('2001:db8::2'), v6('2001:db8:1::2'), v6('fe80::1'),
              1234, 80, 5, 6, 0, 6, 10, 8000, 100, 200)
tcp6_plain = record(AF_INET6, v6('2001:db8::2'), v6('2001:db8:1::2'), v6('fe80::1'),
                    1234, 80, 5, 6, 0, 6, 10, 8000, 100, 200)
icmp6 = record(AF_INET6, v6('2001:db8::2'), v6('2001:db8:1::2'), v6('fe80::1'),
               0, 128 << 8, 3, 58, 0, 4, 1, 104, 7, 7)
huge = record(AF_INET, b'\xff' * 4, b'\xff' * 4, b'\xff' * 4, 65535, 65535,
              2**32 - 1, 255, 255, 2**32 - 1, 2**64 - 1, 2**64 - 1, 2**64 - 1,
              2**64 - 1, 0xff, 4)

v5ctx = struct.pack('<IIIIBBH', 123456, 1700000000, 999, 42, 1, 7, 0x4064)
write('v5', 'one-tcp', v5ctx + bytes([1]) + tcp4)
write('v5', 'mixed', v5ctx + bytes([4]) + tcp4 + tcp6 + udp4 + icmp4)
write('v5', 'saturating', v5ctx + bytes([1]) + huge)
write('v5', 'thirty', v5ctx + bytes([30]) + b''.join([tcp4, udp4, icmp4] * 10))
write('v5', 'header-only', v5ctx + bytes([0]))

# --- msg: op streams ---------------------------------------------------------
V9, IPFIX = 0, 1


TINY, MTU, JUMBO, ANY, HUGE = 0, 2, 5, 6, 7     # cap modes, see begin()


def begin(proto, cap_mode, cap, boot=1700000000000):
    return bytes([proto | cap_mode << 1]) + struct.pack('<HQ', cap, boot)


def tmpl(t):
    return bytes([0 | t << 3])


def rec(fam_sel, r):
    """fam_sel & 3: 0 v4, 1 v6, 2 the byte itself is the family, 3 v4 with
    zeroed upper octets; & 4: ICMP (& 8: ICMPv6)."""
    return bytes([2, fam_sel]) + r


def reserve(mode, set_id, length, seed):
    return bytes([5, mode]) + struct.pack('<HHB', set_id, length, seed)


def finish(next_begin):
    ctx = struct.pack('<IIII', 3600000, 1700000000, 7, 1) + \
        struct.pack('<III', 1700000000, 100, 1)
    return bytes([6]) + ctx + next_begin


def refresh(sent_pkt, pkt, sent_ms, now, mode, rate, timeout):
    return bytes([7]) + struct.pack('<IIQQBHH', sent_pkt, pkt, sent_ms, now, mode,
                                    rate, timeout)


for proto, pname in ((V9, 'v9'), (IPFIX, 'ipfix')):
    mtu = begin(proto, MTU, 1400 - 1200)    # cap 1400
    write('msg', pname + '-templates-and-data',
          mtu + tmpl(0) + rec(0, tcp4) + rec(3, udp4) + rec(0, icmp4) +
          tmpl(1) + rec(1, tcp6_plain) + rec(1, icmp6) + rec(0, tcp4))
    write('msg', pname + '-fill-up',
          mtu + tmpl(0) + b''.join(rec(0, tcp4) for _ in range(40)))
    write('msg', pname + '-tiny-cap',
          begin(proto, TINY, 60) + tmpl(0) + tmpl(1) + rec(0, tcp4) +
          reserve(0, 256, 3, 9))
    write('msg', pname + '-options',
          mtu + reserve(4 << 1, 0, 22, 1) + reserve(1 | 6 << 1, 256, 13, 2) +
          reserve(1 | 6 << 1, 256, 13, 3) + tmpl(0) + rec(0, tcp4))
    write('msg', pname + '-two-messages',
          mtu + tmpl(1) + rec(1, tcp6_plain) +
          finish(begin(proto, ANY, 65535)) + tmpl(0) + rec(0, udp4) +
          rec(0x12, tcp4) + finish(begin(proto ^ 1, HUGE, 100)) + tmpl(0) + rec(0, tcp4) +
          reserve(1 << 1, 300, 0, 0) + rec(4, tcp4) + rec(1 | 4 | 8, tcp6_plain))
    write('msg', pname + '-empty', mtu + finish(begin(proto, TINY, 0)))
    write('msg', pname + '-jumbo',
          begin(proto, JUMBO, 9000 - 1600) + tmpl(0) + tmpl(1) +
          b''.join(rec(i % 2, tcp4 if i % 2 == 0 else tcp6_plain) for i in range(60)))
write('msg', 'refresh',
      begin(V9, MTU, 200) + refresh(5, 25, 1000, 1000, 0, 20, 30) +
      refresh(0xfffffff0, 4, 1000, 1000, 1, 20, 30) +
      refresh(100, 101, 2**64 - 10, 5, 2, 0, 1))

# --- rate: first total, then (mode, step) --------------------------------------
def steady(step_mode, step_bytes, reps_code):
    return bytes([step_mode | reps_code << 3]) + step_bytes


write('rate', 'steady-10k',
      struct.pack('<Q', 0) + steady(2, struct.pack('<I', 40000), 31) * 8)
write('rate', '100gbit',
      struct.pack('<Q', 0) + steady(3, struct.pack('<Q', 4 * 10**11), 31) * 30)
write('rate', 'near-limit',
      struct.pack('<Q', 12345) + steady(6, struct.pack('<H', 0), 31) * 10)
write('rate', 'backwards',
      struct.pack('<Q', 2**40) + steady(1, struct.pack('<H', 5000), 3) +
      steady(5, struct.pack('<H', 100), 0) + steady(1, struct.pack('<H', 5000), 3))
write('rate', 'wrap',
      struct.pack('<Q', 2**64 - 1000) + steady(1, struct.pack('<H', 4000), 10))


# --- sampler, aggr, snmp: "<string>\0<octets for the decision/apply calls>" --
def tail(seed):
    """Deterministic octets after the string: hashes, addresses, names."""
    out, x = bytearray(), seed
    for _ in range(160):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        out.append(x >> 16 & 0xff)
    return bytes(out)


SAMPLER = {
    'off-empty': '', 'off-0': '0', 'off-none': 'none', 'off-OFF': 'OFF',
    'det': 'deterministic:10', 'det-max': 'deterministic:16383',
    'det-min': 'deterministic:2', 'random': 'random:123', 'hash': 'hash:100',
    'abbrev': 'd:10', 'case': 'HaSh:7', 'zeros': 'det:0010', 'space': ' random:5\n',
    'bad-n1': 'random:1', 'bad-big': 'random:16384', 'bad-huge': 'random:99999999999999999999',
    'bad-nocolon': 'random', 'bad-nonum': 'random:', 'bad-mode': 'x:10',
    'bad-sign': 'random:+10', 'bad-trail': 'random:10x', 'bad-two': 'random:1:2',
    'long': ' ' * 120 + 'hash:99', 'too-long': ' ' * 128 + 'hash:99',
}
for i, (name, s) in enumerate(SAMPLER.items()):
    write('sampler', name, s.encode() + b'\0' + tail(i))

AGGR = {
    'empty': '', 'seps': ' ,; \t\n', 'readme': '192.0.0.0/8=16,10.0.0.0/8=16,80-89=80,3128=80',
    'v4': '192.0.0.0/8=16', 'all4': '0.0.0.0/0=24', 'host4': '10.1.2.3/32=0',
    'zeros4': '010.001.0.0/16=08', 'v6': '2001:db8::/32=48', 'all6': '::/0=64,fe80::/10=10',
    'host6': '2001:db8::1/128=128', 'v6-127': '2a00::/8=127', 'ports-all': '0-65535=0',
    'port-one': '1024-1024=1', 'mixed': '1.0.0.0/8=16,::/0=0,1=2,2.0.0.0/8=9',
    'grows': '1::2:3:4:5:6:7/128=128,' * 32 + '255.255.255.255/32=32,' * 13,
    'max-ports': ''.join('%d=1,' % i for i in range(32)),
    'too-many-ports': ''.join('%d=1,' % i for i in range(33)),
    'too-many-net4': ''.join('%d.0.0.0/8=8,' % i for i in range(33)),
    'too-many-net6': ''.join('%x::/16=16,' % (i + 1) for i in range(33)),
    'bad-hostbits': '192.0.0.1/8=16', 'bad-prefix': '192.0.0.0/33=16',
    'bad-strip6': '2001:db8::/32=129', 'bad-backwards': '89-80=80',
    'bad-port': '65536=80', 'bad-nostrip': '192.0.0.0/8=', 'bad-brackets': '[2001:db8::]/32=48',
    'bad-trail': '80=80,bogus', 'too-long': ' ' * 1025,
}
for i, (name, s) in enumerate(AGGR.items()):
    write('aggr', name, s.encode() + b'\0' + tail(100 + i))


def names(*ns):
    out = b''
    for n, idx in ns:
        out += n.encode()[:16].ljust(16, b'\0') + struct.pack('<I', idx)
    return out


SNMP_NAMES = names(('eth0', 2), ('ppp11', 7), ('eth0.100', 5), ('vlan300', 8),
                   ('abc0000000000012', 1), ('ppp4294967095', 12), ('lo', 1), ('eth', 4))
SNMP = {
    'empty': '', 'seps': ' ,;\t\n', 'one': 'eth:100', 'readme': 'eth:100,ppp:200,vlan:300',
    'seps-mixed': 'eth:100 ppp:200;vlan:300\n', 'max-base': 'e:65535', 'zeros': 'eth:00100',
    'long-prefix': 'abcdefghijklmno:1', 'odd-chars': 'br-lan.:5,wg_0:7', 'dup': 'eth:1,eth:2',
    'abc': 'abc:10',
    'max': ''.join('abcdefghijklm%02d:65535,' % i for i in range(32)),
    'too-many': ''.join('abcdefghijklm%02d:65535,' % i for i in range(32)) + 'x:1',
    'bad-nocolon': 'eth', 'bad-nobase': 'eth:', 'bad-noprefix': ':100', 'bad-base': 'eth:65536',
    'bad-prefix-long': 'abcdefghijklmnop:1', 'bad-slash': 'a/b:1', 'bad-two': 'eth:1:2',
    'too-long': ',' * 1025,
}
for name, s in SNMP.items():
    write('snmp', name, s.encode() + b'\0' + SNMP_NAMES)
