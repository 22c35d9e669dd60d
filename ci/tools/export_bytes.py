#!/usr/bin/env python3
"""Byte-by-byte check of NetFlow v5, v9 and IPFIX export datagrams.

    export_bytes.py [--port N]... [--label L] [--engine-id N]
                    [--max-errors N] [--version 5|9|10] [--nets NETS]
                    [--max-ifindex N] [--max-uptime SEC]
                    [--active-timeout SEC] [--min-datagrams N] CAPTURE...

Reads pcap or pcapng captures (dumpcap/tshark -w; Ethernet, Linux cooked
or raw IP), takes every UDP datagram to one of the ports (default 2055)
and accounts for EVERY byte of its payload: header fields, template
records (v9 templates and options templates, IPFIX templates and options
templates), data records by their template, and set padding. Each byte
is either part of a known field whose value is checked against what it
must or may be, or a padding/reserved byte that must be zero. A byte
left unaccounted, a field out of its range, padding that is not zero, a
data set without a template, or a template with an element the table
below does not know fails the check. Uninitialised kernel memory
(slub_debug poison 0x6b/0x5a/0xcc, stale data) shows up as one of those.

The information elements live in one table (IES); a new template, with
any mix of known elements, needs no code at all; a new element needs a
line there (name, allowed lengths, and a check). Cross-field rules of
flow records are in check_flow_record().

Output: TAP-like "ok - ..." / "not ok - ..." lines; exit status 1 on any
failure, 2 on usage errors.
"""
import argparse
import copy
import ipaddress
import struct
import sys

# ---------------------------------------------------------------- checks --
# A check takes (value, ctx) and returns None if fine or a complaint.
# value is an int for fields of 1, 2, 4 or 8 bytes, else bytes.


def any_value(v, ctx):
    return None


def zero(v, ctx):
    if (v if isinstance(v, int) else any(v)):
        return "must be zero"
    return None


def nonzero(v, ctx):
    return None if v else "must not be zero"


def plausible_count(v, ctx):
    if v == 0:
        return "a flow record counts at least 1"
    if v >= 1 << 40:
        return "implausibly large"
    return None


def small_ifindex(v, ctx):
    limit = ctx.get("max_ifindex", 1 << 20)
    return None if v <= limit else "not a plausible interface index (> %d)" % limit


def address(v, ctx):
    """An address of the traffic: inside --nets, if given."""
    nets = ctx.get("nets")
    if not nets:
        return None
    raw = v.to_bytes(4, "big") if isinstance(v, int) else bytes(v)
    a = ipaddress.ip_address(raw)
    if any(a in n for n in nets if n.version == a.version):
        return None
    return "%s outside the expected networks" % a


def uptime_ms(v, ctx):
    up = ctx.get("uptime")
    if up is not None and v > up and v - up < 1 << 31:
        return "after the header's sysUptime %d" % up
    return sys_uptime(v, ctx)


def sys_uptime(v, ctx):
    top = ctx.get("max_uptime_ms")
    if top is not None and v > top:
        return "uptime %d ms beyond --max-uptime" % v
    return None


def epoch_ms(v, ctx):
    t = ctx.get("capture_time")
    if t is not None and abs(v / 1000.0 - t) > 86400 * 2:
        return "not within two days of the capture time"
    return None


def epoch_s(v, ctx):
    t = ctx.get("capture_time")
    if t is not None and abs(v - t) > 86400 * 2:
        return "not within two days of the capture time"
    return None


def ip_version(v, ctx):
    return None if v in (4, 6) else "ipVersion must be 4 or 6"


def end_reason(v, ctx):
    return None if 1 <= v <= 5 else "flowEndReason must be 1..5"


def tcp_flags(v, ctx):
    return None if v < 0x1000 else "reserved tcpControlBits set"


def uint_below(limit):
    def check(v, ctx):
        return None if v < limit else "must be below %d" % limit
    return check


def string_field(v, ctx):
    """UTF-8 text, zero padded: nothing after the first zero."""
    s = bytes(v)
    if 0 in s:
        if any(s[s.index(0):]):
            return "bytes after the terminating zero"
        s = s[:s.index(0)]
    try:
        s.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    return None


# --------------------------------------------------------- the IE table --
# id: (name, allowed lengths or None for any, check)
IES = {
    1: ("octetDeltaCount", (4, 8), plausible_count),
    2: ("packetDeltaCount", (4, 8), plausible_count),
    3: ("deltaFlowCount", (4, 8), any_value),
    4: ("protocolIdentifier", (1,), any_value),
    5: ("ipClassOfService", (1,), any_value),
    6: ("tcpControlBits", (1, 2), tcp_flags),
    7: ("sourceTransportPort", (2,), any_value),
    8: ("sourceIPv4Address", (4,), address),
    9: ("sourceIPv4PrefixLength", (1,), uint_below(33)),
    10: ("ingressInterface", (2, 4), small_ifindex),
    11: ("destinationTransportPort", (2,), any_value),
    12: ("destinationIPv4Address", (4,), address),
    13: ("destinationIPv4PrefixLength", (1,), uint_below(33)),
    14: ("egressInterface", (2, 4), small_ifindex),
    15: ("ipNextHopIPv4Address", (4,), address),
    16: ("bgpSourceAsNumber", (2, 4), any_value),
    17: ("bgpDestinationAsNumber", (2, 4), any_value),
    21: ("flowEndSysUpTime", (4,), uptime_ms),
    22: ("flowStartSysUpTime", (4,), uptime_ms),
    27: ("sourceIPv6Address", (16,), address),
    28: ("destinationIPv6Address", (16,), address),
    29: ("sourceIPv6PrefixLength", (1,), uint_below(129)),
    30: ("destinationIPv6PrefixLength", (1,), uint_below(129)),
    31: ("flowLabelIPv6", (3, 4), uint_below(1 << 20)),
    32: ("icmpTypeCodeIPv4", (2,), any_value),
    34: ("samplingInterval", (4,), any_value),
    35: ("samplingAlgorithm", (1,), uint_below(3)),
    36: ("flowActiveTimeout", (2, 4), any_value),
    37: ("flowIdleTimeout", (2, 4), any_value),
    40: ("exportedOctetTotalCount", (4, 8), any_value),
    41: ("exportedMessageTotalCount", (4, 8), any_value),
    42: ("exportedFlowRecordTotalCount", (4, 8), any_value),
    48: ("samplerId", (1,), uint_below(4)),
    49: ("samplerMode", (1,), uint_below(3)),
    50: ("samplerRandomInterval", (4,), uint_below(16384)),
    56: ("sourceMacAddress", (6,), any_value),
    58: ("vlanId", (2,), uint_below(4096)),
    60: ("ipVersion", (1,), ip_version),
    61: ("flowDirection", (1,), uint_below(2)),
    62: ("ipNextHopIPv6Address", (16,), address),
    64: ("ipv6ExtensionHeaders", (4,), any_value),
    70: ("mplsTopLabelStackSection", (3,), any_value),
    71: ("mplsLabelStackSection2", (3,), any_value),
    72: ("mplsLabelStackSection3", (3,), any_value),
    73: ("mplsLabelStackSection4", (3,), any_value),
    74: ("mplsLabelStackSection5", (3,), any_value),
    75: ("mplsLabelStackSection6", (3,), any_value),
    76: ("mplsLabelStackSection7", (3,), any_value),
    77: ("mplsLabelStackSection8", (3,), any_value),
    78: ("mplsLabelStackSection9", (3,), any_value),
    79: ("mplsLabelStackSection10", (3,), any_value),
    80: ("destinationMacAddress", (6,), any_value),
    82: ("interfaceName", None, string_field),
    85: ("octetTotalCount", (8,), any_value),
    86: ("packetTotalCount", (8,), any_value),
    83: ("interfaceDescription", None, string_field),
    130: ("exporterIPv4Address", (4,), any_value),
    131: ("exporterIPv6Address", (16,), any_value),
    136: ("flowEndReason", (1,), end_reason),
    139: ("icmpTypeCodeIPv6", (2,), any_value),
    143: ("meteringProcessId", (4,), any_value),
    144: ("exportingProcessId", (4,), any_value),
    149: ("observationDomainId", (4,), any_value),
    150: ("flowStartSeconds", (4,), epoch_s),
    151: ("flowEndSeconds", (4,), epoch_s),
    152: ("flowStartMilliseconds", (8,), epoch_ms),
    153: ("flowEndMilliseconds", (8,), epoch_ms),
    160: ("systemInitTimeMilliseconds", (8,), epoch_ms),
    161: ("flowDurationMilliseconds", (4,), any_value),
    163: ("observedFlowTotalCount", (8,), any_value),
    164: ("ignoredPacketTotalCount", (8,), any_value),
    165: ("ignoredOctetTotalCount", (8,), any_value),
    166: ("notSentFlowTotalCount", (8,), any_value),
    167: ("notSentPacketTotalCount", (8,), any_value),
    168: ("notSentOctetTotalCount", (8,), any_value),
    173: ("flowKeyIndicator", (8,), any_value),
    200: ("mplsTopLabelTTL", (1,), any_value),
    208: ("ipv4Options", (4,), any_value),
    209: ("tcpOptions", (8,), any_value),
    210: ("paddingOctets", None, zero),
    214: ("exportProtocolVersion", (1,), uint_below(11)),
    215: ("exportTransportProtocol", (1,), any_value),
    243: ("dot1qVlanId", (2,), uint_below(4096)),
    244: ("dot1qPriority", (1,), uint_below(8)),
    245: ("dot1qCustomerVlanId", (2,), uint_below(4096)),
    246: ("dot1qCustomerPriority", (1,), uint_below(8)),
    252: ("ingressPhysicalInterface", (4,), small_ifindex),
    253: ("egressPhysicalInterface", (4,), small_ifindex),
    256: ("ethernetType", (2,), any_value),
    302: ("selectorId", (8,), uint_below(4)),
    309: ("samplingSize", (4,), any_value),
    310: ("samplingPopulation", (4,), uint_below(16384)),
    390: ("flowSelectorAlgorithm", (2,), uint_below(8)),
    396: ("samplingFlowInterval", (8,), any_value),
    397: ("samplingFlowSpacing", (8,), uint_below(16384)),
    # NetFlow v9 names for the same numbers, where they differ
}

# NetFlow v9 options template scope types (RFC 3954 6.2)
V9_SCOPES = {
    1: ("scopeSystem", None, any_value),
    2: ("scopeInterface", None, any_value),
    3: ("scopeLineCard", None, any_value),
    4: ("scopeCache", None, any_value),
    5: ("scopeTemplate", None, any_value),
}

PORT_PROTOCOLS = (6, 17, 132, 136)
ICMP_PROTOCOLS = (1, 58)


def check_flow_record(fields, ctx, fail):
    """Rules across the fields of one data record, when it is a flow."""
    proto = fields.get("protocolIdentifier")
    if proto is None:
        return
    sport = fields.get("sourceTransportPort")
    dport = fields.get("destinationTransportPort")
    icmp = fields.get("icmpTypeCodeIPv4", fields.get("icmpTypeCodeIPv6"))
    flags = fields.get("tcpControlBits")
    if proto != 6 and flags:
        fail("tcpControlBits %#x in a protocol %d flow" % (flags, proto))
    if proto in ICMP_PROTOCOLS:
        if sport:
            fail("ICMP flow with source port %d" % sport)
        if icmp is not None and dport is not None and icmp != dport:
            fail("icmpTypeCode %#x differs from the port form %#x" % (icmp, dport))
    else:
        if icmp:
            fail("icmpTypeCode %#x in a protocol %d flow" % (icmp, proto))
        if proto not in PORT_PROTOCOLS and (sport or dport):
            fail("ports %s/%s in a protocol %d flow" % (sport, dport, proto))
    ver = fields.get("ipVersion")
    if ver == 4 and ("sourceIPv6Address" in fields or "destinationIPv6Address" in fields):
        fail("ipVersion 4 with IPv6 addresses")
    if ver == 6 and ("sourceIPv4Address" in fields or "destinationIPv4Address" in fields):
        fail("ipVersion 6 with IPv4 addresses")
    active = ctx.get("active_timeout_ms")
    if active and fields.get("flowEndReason") == 2:
        for a, b, unit in (("flowStartSysUpTime", "flowEndSysUpTime", 1),
                           ("flowStartMilliseconds", "flowEndMilliseconds", 1),
                           ("flowStartSeconds", "flowEndSeconds", 1000)):
            if a in fields and b in fields and \
                    ((fields[b] - fields[a]) * unit) % (1 << 32) < active - 2000:
                fail("ended by active timeout after %d ms, timeout %d ms" %
                     ((fields[b] - fields[a]) * unit, active))
    pk, ob = fields.get("packetDeltaCount"), fields.get("octetDeltaCount")
    if pk and ob is not None and not (20 * pk <= ob <= 65535 * pk):
        fail("%d octets in %d packets" % (ob, pk))
    for a, b in (("flowStartSysUpTime", "flowEndSysUpTime"),
                 ("flowStartMilliseconds", "flowEndMilliseconds"),
                 ("flowStartSeconds", "flowEndSeconds")):
        if a in fields and b in fields and fields[a] > fields[b] and \
                fields[a] - fields[b] < 1 << 31:
            fail("%s %d after %s %d" % (a, fields[a], b, fields[b]))


# ------------------------------------------------------------- datagram --
class Datagram:
    """One export payload and the owner of each of its bytes."""

    def __init__(self, data, where, ctx, report):
        self.d = data
        self.owner = [None] * len(data)
        self.must_be_zero = []		# offsets of padding and reserved bytes
        self.where = where
        self.ctx = ctx
        self.report = report
        self.ok = True

    def fail(self, msg, off=None):
        self.ok = False
        at = "" if off is None else " @%d" % off
        self.report.error("%s%s: %s" % (self.where, at, msg))

    def take(self, off, n, label):
        if off + n > len(self.d):
            self.fail("%s: %d bytes past the end" % (label, off + n - len(self.d)), off)
            return None
        for i in range(off, off + n):
            if self.owner[i] is not None:
                self.fail("%s overlaps %s" % (label, self.owner[i]), i)
                return None
            self.owner[i] = label
        return self.d[off:off + n]

    def uint(self, off, n, label):
        b = self.take(off, n, label)
        return None if b is None else int.from_bytes(b, "big")

    def field(self, off, n, spec, label):
        """A field of the IE table at off; returns its value."""
        name, lengths, check = spec
        if check is zero:
            self.must_be_zero.extend(range(off, min(off + n, len(self.d))))
        raw = self.take(off, n, label + " " + name)
        if raw is None:
            return None
        v = int.from_bytes(raw, "big") if n in (1, 2, 3, 4, 8) else raw
        why = check(v, self.ctx)
        if why:
            self.fail("%s %s = %s: %s" % (label, name,
                                         v if isinstance(v, int) else raw.hex(), why), off)
        return v

    def zeros(self, off, n, label):
        self.must_be_zero.extend(range(off, min(off + n, len(self.d))))
        raw = self.take(off, n, label)
        if raw and any(raw):
            self.fail("%s not zero: %s" % (label, raw.hex()), off)

    def finish(self):
        left = [i for i, o in enumerate(self.owner) if o is None]
        if left:
            self.fail("%d bytes unaccounted, first at %d" % (len(left), left[0]))
        return self.ok


class Report:
    def __init__(self, max_errors):
        self.errors = 0
        self.max = max_errors
        self.stats = {}

    def error(self, msg):
        self.errors += 1
        if self.errors <= self.max:
            print("# " + msg)

    def count(self, what, n=1):
        self.stats[what] = self.stats.get(what, 0) + n


# --------------------------------------------------------------- NetFlow v5
V5_HEADER = (("version", 2), ("count", 2), ("sys_uptime", 4), ("unix_secs", 4),
             ("unix_nsecs", 4), ("flow_sequence", 4), ("engine_type", 1),
             ("engine_id", 1), ("sampling", 2))
# name, length, check; "pad" fields must be zero. AS numbers are not known
# to the module: zero; masks are the aggregation rules' prefix lengths.
V5_RECORD = (("srcaddr", 4, address), ("dstaddr", 4, address),
             ("nexthop", 4, address), ("input", 2, small_ifindex),
             ("output", 2, small_ifindex), ("dPkts", 4, plausible_count),
             ("dOctets", 4, any_value), ("first", 4, sys_uptime),
             ("last", 4, sys_uptime), ("srcport", 2, any_value),
             ("dstport", 2, any_value), ("pad1", 1, zero),
             ("tcp_flags", 1, any_value), ("prot", 1, any_value),
             ("tos", 1, any_value), ("src_as", 2, zero), ("dst_as", 2, zero),
             ("src_mask", 1, uint_below(33)), ("dst_mask", 1, uint_below(33)),
             ("pad2", 2, zero))


def check_v5(g, stream, args):
    h = {}
    off = 0
    for name, n in V5_HEADER:
        h[name] = g.uint(off, n, "v5 header " + name)
        off += n
    if h["count"] is None:
        return
    why = sys_uptime(h["sys_uptime"], g.ctx)
    if why:
        g.fail("sys_uptime: " + why)
    if not 1 <= h["count"] <= 30:
        g.fail("v5 count %d" % h["count"])
    if len(g.d) != 24 + 48 * h["count"]:
        g.fail("v5 length %d for %d records" % (len(g.d), h["count"]))
    if h["unix_nsecs"] >= 10**9:
        g.fail("unix_nsecs %d" % h["unix_nsecs"])
    why = epoch_s(h["unix_secs"], g.ctx)
    if why:
        g.fail("unix_secs %d: %s" % (h["unix_secs"], why))
    if h["sampling"] != 0:
        g.fail("sampling %#x, none configured" % h["sampling"])
    if args.engine_id is not None and h["engine_id"] != args.engine_id & 255:
        g.fail("engine_id %d, want %d" % (h["engine_id"], args.engine_id & 255))
    exp = stream.get("next")
    if exp is not None and h["flow_sequence"] != exp:
        g.fail("flow_sequence %d, want %d" % (h["flow_sequence"], exp))
    stream["next"] = (h["flow_sequence"] + h["count"]) & 0xffffffff
    for r in range(h["count"]):
        f = {}
        for name, n, check in V5_RECORD:
            if off + n > len(g.d):
                break
            f[name] = g.field(off, n, (name, (n,), check), "v5 record %d" % r)
            off += n
        if len(f) != len(V5_RECORD):
            break
        g.report.count("v5 records")
        if f["first"] > f["last"] or f["last"] > h["sys_uptime"]:
            g.fail("record %d: first %d last %d uptime %d" % (r, f["first"], f["last"],
                                                             h["sys_uptime"]))
        check_flow_record({"protocolIdentifier": f["prot"],
                           "sourceTransportPort": f["srcport"],
                           "destinationTransportPort": f["dstport"],
                           "tcpControlBits": f["tcp_flags"],
                           "packetDeltaCount": f["dPkts"],
                           "octetDeltaCount": f["dOctets"]}, g.ctx,
                          lambda m, r=r: g.fail("v5 record %d: %s" % (r, m)))


# ------------------------------------------------------- v9 and IPFIX sets
def parse_template(g, off, end, ipfix, options, templates, label):
    """One template or options template record at off; returns its end."""
    tid = g.uint(off, 2, label + " template id")
    if tid is None:
        return end
    if ipfix:
        count = g.uint(off + 2, 2, label + " field count")
        off += 4
        scopes = 0
        if options:
            scopes = g.uint(off, 2, label + " scope field count")
            off += 2
            if count and not 1 <= scopes <= count:
                g.fail("%s: %d scope fields of %d" % (label, scopes, count))
        nfields = count
    else:
        if options:
            slen = g.uint(off + 2, 2, label + " scope length")
            olen = g.uint(off + 4, 2, label + " option length")
            off += 6
            if slen % 4 or olen % 4:
                g.fail("%s: scope/option length %d/%d" % (label, slen, olen))
            scopes = slen // 4
            nfields = (slen + olen) // 4
        else:
            nfields = g.uint(off + 2, 2, label + " field count")
            off += 4
            scopes = 0
    if tid < 256:
        g.fail("%s: template id %d" % (label, tid))
    if ipfix and nfields == 0:		# withdrawal
        templates.pop(tid, None)
        g.report.count("template withdrawals")
        return off
    fields = []
    good = True
    for i in range(nfields):
        fid = g.uint(off, 2, "%s field %d id" % (label, i))
        flen = g.uint(off + 2, 2, "%s field %d length" % (label, i))
        if fid is None or flen is None:
            return end
        off += 4
        ent = None
        if ipfix and fid & 0x8000:
            ent = g.uint(off, 4, "%s field %d enterprise" % (label, i))
            off += 4
            fid &= 0x7fff
        table = V9_SCOPES if (not ipfix and i < scopes) else IES
        spec = None if ent else table.get(fid)
        if spec is None:
            g.fail("%s: element %s%d unknown to the checker" %
                   (label, "%d/" % ent if ent else "", fid))
            good = False
        elif flen == 65535 or (spec[1] is not None and flen not in spec[1]):
            g.fail("%s: %s with length %d" % (label, spec[0], flen))
            good = False
        fields.append((spec, flen))
    if good:
        templates[tid] = {"fields": fields, "options": options,
                          "size": sum(n for _, n in fields)}
    else:
        templates.pop(tid, None)
    g.report.count("options templates" if options else "templates")
    return off


def parse_sets(g, off, end, ipfix, templates, counts):
    while off < end:
        if end - off < 4:
            g.zeros(off, end - off, "trailing padding")
            g.fail("%d bytes after the last set" % (end - off), off)
            return
        sid = g.uint(off, 2, "set id")
        slen = g.uint(off + 2, 2, "set length")
        label = "set %d @%d" % (sid, off)
        if slen is None or slen < 4 or off + slen > end:
            g.fail("%s: length %s" % (label, slen), off)
            return
        if slen % 4:
            g.fail("%s: length %d not a multiple of 4" % (label, slen), off)
        p, send = off + 4, off + slen
        tmpl_ids = (2, 3) if ipfix else (0, 1)
        if sid in tmpl_ids:
            options = sid == tmpl_ids[1]
            while send - p >= 4:
                p = parse_template(g, p, send, ipfix, options, templates, label)
                counts["records"] += 1
            if p < send:
                g.zeros(p, send - p, label + " padding")
        elif sid >= 256:
            t = templates.get(sid)
            if t is None:
                g.fail("%s: data set without a (valid) template" % label, off)
                g.take(p, send - p, label + " unparsed")
            else:
                size = t["size"]
                n = 0
                while size and send - p >= size:
                    vals = {}
                    ctx = g.ctx
                    for spec, flen in t["fields"]:
                        v = g.field(p, flen, spec, "%s record %d" % (label, n))
                        vals[spec[0]] = v
                        p += flen
                    if not t["options"]:
                        check_flow_record(vals, ctx, lambda m, n=n: g.fail(
                            "%s record %d: %s" % (label, n, m)))
                    n += 1
                counts["records"] += n
                counts["data"] += n
                g.report.count("options data records" if t["options"] else "data records", n)
                if p < send:
                    g.zeros(p, send - p, label + " padding")
                    g.report.count("padding bytes", send - p)
        else:
            g.fail("%s: reserved set id" % label, off)
            g.take(p, send - p, label + " unparsed")
        off = send


def check_v9(g, stream, args):
    h = {}
    off = 0
    for name, n in (("version", 2), ("count", 2), ("sys_uptime", 4),
                    ("unix_secs", 4), ("sequence", 4), ("source_id", 4)):
        h[name] = g.uint(off, n, "v9 header " + name)
        off += n
    if h["source_id"] is None:
        return
    g.ctx["uptime"] = h["sys_uptime"]
    why = sys_uptime(h["sys_uptime"], g.ctx)
    if why:
        g.fail("sys_uptime: " + why)
    why = epoch_s(h["unix_secs"], g.ctx)
    if why:
        g.fail("unix_secs %d: %s" % (h["unix_secs"], why))
    if args.engine_id is not None and h["source_id"] != args.engine_id:
        g.fail("source_id %d, want %d" % (h["source_id"], args.engine_id))
    exp = stream.get("next")
    if exp is not None and h["sequence"] != exp:
        g.fail("sequence %d, want %d" % (h["sequence"], exp))
    stream["next"] = (h["sequence"] + 1) & 0xffffffff
    counts = {"records": 0, "data": 0}
    parse_sets(g, off, len(g.d), False, stream.setdefault("templates", {}), counts)
    if counts["records"] != h["count"]:
        g.fail("count %d, records %d" % (h["count"], counts["records"]))


def check_ipfix(g, stream, args):
    h = {}
    off = 0
    for name, n in (("version", 2), ("length", 2), ("export_time", 4),
                    ("sequence", 4), ("domain", 4)):
        h[name] = g.uint(off, n, "IPFIX header " + name)
        off += n
    if h["domain"] is None:
        return
    if h["length"] != len(g.d):
        g.fail("length %d, datagram %d" % (h["length"], len(g.d)))
    why = epoch_s(h["export_time"], g.ctx)
    if why:
        g.fail("export_time %d: %s" % (h["export_time"], why))
    if args.engine_id is not None and h["domain"] != args.engine_id:
        g.fail("observation domain %d, want %d" % (h["domain"], args.engine_id))
    exp = stream.get("next")
    if exp is not None and h["sequence"] != exp:
        g.fail("sequence %d, want %d" % (h["sequence"], exp))
    counts = {"records": 0, "data": 0}
    parse_sets(g, off, min(len(g.d), h["length"]), True,
               stream.setdefault("templates", {}), counts)
    stream["next"] = (h["sequence"] + counts["data"]) & 0xffffffff


# -------------------------------------------------------------- captures --
def read_capture(path):
    """(time, linktype, frame) for each packet of a pcap or pcapng file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x0a\x0d\x0d\x0a":
        yield from read_pcapng(data)
    else:
        yield from read_pcap(data)


def read_pcap(data):
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError("not a pcap or pcapng file")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(e + "I", data[20:24])[0]
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        yield sec + frac / (1e9 if nano else 1e6), linktype, data[off:off + incl]
        off += incl


def read_pcapng(data):
    off = 0
    e = "<"
    ifaces = []
    while off + 12 <= len(data):
        btype = struct.unpack(e + "I", data[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            bom = data[off + 8:off + 12]
            e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            ifaces = []
        blen = struct.unpack(e + "I", data[off + 4:off + 8])[0]
        if blen < 12:
            raise ValueError("bad pcapng block length")
        body = data[off + 8:off + blen - 4]
        if btype == 1:
            ifaces.append([struct.unpack(e + "H", body[:2])[0], 1e6])
            # if_tsresol option
            o = 8
            while o + 4 <= len(body):
                code, olen = struct.unpack(e + "HH", body[o:o + 4])
                if code == 0:
                    break
                if code == 9 and olen >= 1:
                    r = body[o + 4]
                    ifaces[-1][1] = 2 ** (r & 0x7f) if r & 0x80 else 10 ** r
                o += 4 + (olen + 3) // 4 * 4
        elif btype == 6:
            iid, hi, lo, cap, _ = struct.unpack(e + "IIIII", body[:20])
            lt, res = ifaces[iid] if iid < len(ifaces) else (1, 1e6)
            yield (hi << 32 | lo) / res, lt, body[20:20 + cap]
        elif btype == 3:
            yield None, ifaces[0][0] if ifaces else 1, body[4:]
        off += blen


def udp_of(linktype, frame):
    """(src, sport, dport, payload) of a UDP datagram, or None."""
    if linktype == 1:
        etype, off = struct.unpack(">H", frame[12:14])[0], 14
        while etype in (0x8100, 0x88a8):
            etype, off = struct.unpack(">H", frame[off + 2:off + 4])[0], off + 4
    elif linktype == 113:
        etype, off = struct.unpack(">H", frame[14:16])[0], 16
    elif linktype == 276:
        etype, off = struct.unpack(">H", frame[0:2])[0], 20
    elif linktype in (101, 12, 228, 229):
        etype, off = (0x86dd if frame[0] >> 4 == 6 else 0x800), 0
    else:
        return None
    if etype == 0x800:
        ihl = (frame[off] & 15) * 4
        if frame[off + 9] != 17:
            return None
        if struct.unpack(">H", frame[off + 6:off + 8])[0] & 0x3fff:
            return ("fragment", 0, 0, b"")
        tot = struct.unpack(">H", frame[off + 2:off + 4])[0]
        src = ".".join(str(b) for b in frame[off + 12:off + 16])
        udp, end = off + ihl, off + tot
    elif etype == 0x86dd:
        if frame[off + 6] != 17:
            return None
        plen = struct.unpack(">H", frame[off + 4:off + 6])[0]
        src = frame[off + 8:off + 24].hex()
        udp, end = off + 40, off + 40 + plen
    else:
        return None
    sport, dport, ulen = struct.unpack(">HHH", frame[udp:udp + 6])
    return src, sport, dport, frame[udp + 8:min(end, udp + ulen)]


def check_datagram(payload, where, ctx, report, stream, version, args):
    g = Datagram(payload, where, ctx, report)
    if version == 5:
        check_v5(g, stream, args)
    elif version == 9:
        check_v9(g, stream, args)
    elif version == 10:
        check_ipfix(g, stream, args)
    else:
        g.fail("version %d" % version)
    g.finish()
    return g


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("captures", nargs="+")
    ap.add_argument("--port", type=int, action="append")
    ap.add_argument("--label", default="export bytes")
    ap.add_argument("--engine-id", type=int)
    ap.add_argument("--max-errors", type=int, default=20)
    ap.add_argument("--min-datagrams", type=int, default=1)
    ap.add_argument("--self-test", action="store_true",
                    help="also check the first 10 datagrams with padding or reserved "
                    "bytes again, with one of those bytes poisoned (0x6b) at a time, "
                    "about 20 a datagram: every such copy must fail")
    ap.add_argument("--version", type=int, choices=(5, 9, 10),
                    help="check only the datagrams of this version")
    ap.add_argument("--nets", help="comma separated networks every address "
                    "(source, destination, next hop) must be in")
    ap.add_argument("--max-ifindex", type=int, default=1 << 20)
    ap.add_argument("--active-timeout", type=int,
                    help="the exporter's active timeout, seconds: flows ended "
                    "by it (flowEndReason 2) must have lasted that long")
    ap.add_argument("--max-uptime", type=float,
                    help="seconds the exporter can have been up at most")
    args = ap.parse_args()
    base_ctx = {"max_ifindex": args.max_ifindex}
    if args.nets:
        base_ctx["nets"] = [ipaddress.ip_network(n) for n in args.nets.split(",")]
    if args.active_timeout:
        base_ctx["active_timeout_ms"] = args.active_timeout * 1000
    if args.max_uptime is not None:
        base_ctx["max_uptime_ms"] = int(args.max_uptime * 1000)
    ports = set(args.port or [2055])
    report = Report(args.max_errors)
    streams = {}
    n = nbytes = bad = 0
    for path in args.captures:
        for i, (t, lt, frame) in enumerate(read_capture(path)):
            u = udp_of(lt, frame)
            if u is None or u[2] not in ports:
                continue
            src, sport, dport, payload = u
            where = "%s#%d" % (path.rsplit("/", 1)[-1], i + 1)
            if src == "fragment":
                report.error(where + ": fragmented export datagram")
                bad += 1
                continue
            if len(payload) < 2:
                report.error(where + ": datagram of %d bytes" % len(payload))
                bad += 1
                continue
            version = payload[0] << 8 | payload[1]
            if args.version is not None and version != args.version:
                continue
            stream = streams.setdefault((src, sport, dport, version), {})
            before = copy.deepcopy(stream) if args.self_test else None
            g = check_datagram(payload, where, dict(base_ctx, capture_time=t),
                               report, stream, version, args)
            if not g.ok:
                bad += 1
            elif args.self_test and g.must_be_zero and \
                    report.stats.get("self-tested datagrams", 0) < 10:
                report.count("self-tested datagrams")
                # the same datagram with one padding/reserved byte poisoned
                # (slub_debug's 0x6b) must fail
                step = max(1, len(g.must_be_zero) // 20)	# at most ~20 a datagram
                for off in g.must_be_zero[::step]:
                    bad_copy = bytearray(payload)
                    bad_copy[off] = 0x6b
                    quiet = Report(0)
                    p = check_datagram(bytes(bad_copy), where, dict(base_ctx, capture_time=t),
                                       quiet, copy.deepcopy(before), version, args)
                    report.count("self-test poisoned bytes")
                    if p.ok:
                        report.error("%s @%d: poisoned padding byte not detected" % (where, off))
            n += 1
            nbytes += len(payload)
            report.count("v%d datagrams" % version)
    summary = ", ".join("%s %d" % kv for kv in sorted(report.stats.items()))
    if n < args.min_datagrams:
        print("not ok - %s: %d export datagrams, want at least %d" %
              (args.label, n, args.min_datagrams))
        return 1
    if bad or report.errors:
        print("not ok - %s: %d of %d datagrams (%d bytes) fail, %d errors; %s" %
              (args.label, bad, n, nbytes, report.errors, summary))
        return 1
    print("ok - %s: every byte of %d datagrams (%d bytes) accounted for: %s" %
          (args.label, n, nbytes, summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
