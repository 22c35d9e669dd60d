#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Decode golden export datagrams with real collectors.

  decode_golden.py [--tshark] [--nfdump] [--ipfixdump] SOURCE...
  decode_golden.py --kunit

Each SOURCE is one datagram; together they form one stream from one
exporter, sent in the order given. A SOURCE is either

  FILE.c:ARRAY   a `u8 ARRAY[] = { ... };` initializer in a C file (the
                 KUnit golden vectors), comments and all;
  hex:HEX        hex digits, spaces and colons ignored.

With no decoder option all that apply run: tshark (v5, v9, IPFIX), nfcapd
+ nfdump (v5, v9, IPFIX) and ipfixDump (IPFIX only). Their full output is
printed, followed by a `decoder warnings:` section listing what looked
wrong: tshark expert infos, nfcapd complaints, ipfixDump errors. The exit
status is 1 if there was any.

The datagrams travel in a pcap (UDP 192.0.2.1:2055 -> 192.0.2.2:2055) for
tshark, over loopback UDP to a private nfcapd for nfdump, and as a raw
IPFIX file (RFC 5655: messages back to back) for ipfixDump.

--kunit checks the golden streams of the netflow_v9, netflow_ipfix and
netflow_options KUnit suites field by field: every decoder that applies must show every
flow field, and each message's sequence number, as listed in STREAMS
below, with no warning. It prints one `ok -`/`not ok -` line per decoder
and stream and exits 1 on any mismatch; the last line is "N passed, N failed".
"""
import argparse
import datetime
import glob
import ipaddress
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

PORT = 2055
NFCAPD_BAD = re.compile(r"(error|warn|skip|fail|not enough|unknown|short|corrupt|"
                        r"invalid|bad |missing|no template|mismatch)", re.I)


def parse_c_array(path, name):
    """Bytes of `... name[...] = { ... };` in a C file."""
    with open(path) as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    m = re.search(r"\b%s\s*\[[^\]]*\]\s*=\s*\{(.*?)\};" % re.escape(name), text, re.S)
    if not m:
        sys.exit("%s: no array %s" % (path, name))
    out = bytearray()
    for tok in m.group(1).split(","):
        tok = tok.strip()
        if tok:
            out.append(int(tok, 0))
    return bytes(out)


def load(source):
    if source.startswith("hex:"):
        return bytes.fromhex(re.sub(r"[\s:]", "", source[4:]))
    path, sep, name = source.rpartition(":")
    if not sep:
        sys.exit("%s: want FILE.c:ARRAY or hex:HEX" % source)
    return parse_c_array(path, name)


def ip_checksum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def write_pcap(path, datagrams):
    """Ethernet/IPv4/UDP frames, one a second, UDP checksum 0 (none)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, payload in enumerate(datagrams):
            udp = struct.pack("!HHHH", PORT, PORT, 8 + len(payload), 0) + payload
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i + 1, 0,
                             64, 17, 0, bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
            ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
            eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
            frame = eth + ip + udp
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)))
            f.write(frame)


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, **kw)
    return p.returncode, p.stdout


def tshark(datagrams, tmp):
    pcap = os.path.join(tmp, "golden.pcap")
    write_pcap(pcap, datagrams)
    rc, out = run(["tshark", "-r", pcap, "-d", "udp.port==%d,cflow" % PORT, "-V"])
    warnings = []
    if rc:
        warnings.append("tshark exited with %d" % rc)
    for line in out.splitlines():
        if re.search(r"Expert Info|Malformed|\[.*(not found|Unknown|unknown|bad|Bad).*\]",
                     line):
            warnings.append("tshark: " + line.strip())
    return out, warnings


def nfdump(datagrams, tmp):
    flowdir = os.path.join(tmp, "nfcap")
    os.mkdir(flowdir)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    log = open(os.path.join(tmp, "nfcapd.log"), "w+")
    cap = subprocess.Popen(["nfcapd", "-w", flowdir, "-b", "127.0.0.1", "-p", str(port),
                            "-t", "3600", "-v"], stdout=log, stderr=subprocess.STDOUT)
    warnings = []
    try:
        time.sleep(1.0)
        tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for d in datagrams:
            tx.sendto(d, ("127.0.0.1", port))
            time.sleep(0.2)
        tx.close()
        time.sleep(1.0)
    finally:
        cap.send_signal(signal.SIGTERM)
        cap.wait(timeout=20)
    log.seek(0)
    caplog = log.read()
    log.close()
    for line in caplog.splitlines():
        counts = re.findall(r"(Sequence Errors|Bad Packets): (\d+)", line)
        if counts:      # the summary line
            warnings += ["nfcapd: %s: %s" % c for c in counts if int(c[1])]
        elif NFCAPD_BAD.search(line):
            warnings.append("nfcapd: " + line.strip())
    files = [f for f in glob.glob(os.path.join(flowdir, "nfcapd.*")) if "current" not in f]
    if not files:
        warnings.append("nfcapd wrote no file")
        return "## nfcapd -v\n" + caplog, warnings
    out = "## nfcapd -v\n" + caplog
    for f in files:
        rc, raw = run(["nfdump", "-r", f, "-o", "raw"])
        out += "## nfdump -o raw\n" + raw
        if rc:
            warnings.append("nfdump exited with %d" % rc)
        rc, stat = run(["nfdump", "-r", f, "-I"])
        out += "## nfdump -I\n" + stat
        for line in stat.splitlines():
            m = re.match(r"(Sequence failures|Bad Packets|Skipped|Corrupt)\s*:\s*(\d+)", line)
            if m and int(m.group(2)):
                warnings.append("nfdump -I: " + line.strip())
    return out, warnings


def ipfixdump(datagrams, tmp):
    path = os.path.join(tmp, "golden.ipfix")
    with open(path, "wb") as f:
        for d in datagrams:
            f.write(d)
    rc, out = run(["ipfixDump", "-i", path])
    warnings = []
    if rc:
        warnings.append("ipfixDump exited with %d" % rc)
    for line in out.splitlines():
        if re.search(r"error|warn|illegal|invalid|unknown|mismatch|short", line, re.I):
            warnings.append("ipfixDump: " + line.strip())
    return out, warnings


# --- --kunit: the KUnit golden streams, and what they must decode to ------

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KUNIT = os.path.join(TOP, "ipt-netflow-dkms", "kunit")

# Epoch ms of the flows: v9 sends sysUptime ms, which collectors turn into
# wall clock with the header (unix secs 1700000000 at uptime 100 s, and
# 100.5 s for the third packet); IPFIX sends epoch ms.
T0 = 1700000000000 - 100000
FLOWS = [
    dict(src="10.1.0.2", dst="10.2.0.2", nh="10.2.0.1", inif=3, outif=4,
         pkts=3000000, bytes=4294968576, sport=40000, dport=443, proto=6,
         tos=0x10, flags=0x1b, icmp=0, ver=4, reason=1,
         start=T0 + 90000, end=T0 + 95000),
    dict(src="2001:db8::2", dst="2001:db8:1::2", nh="fe80::1", inif=3, outif=4,
         pkts=4, bytes=416, sport=0, dport=128 * 256, proto=58,
         tos=0, flags=0, icmp=128 * 256, ver=6, reason=2,
         start=T0 + 91000, end=T0 + 94000),
    dict(src="10.2.0.2", dst="10.1.0.2", nh="10.1.0.1", inif=4, outif=3,
         pkts=1, bytes=56, sport=0, dport=3 * 256 + 3, proto=1,
         tos=0xc0, flags=0, icmp=3 * 256 + 3, ver=4, reason=4,
         start=T0 + 99000, end=T0 + 99000),
]
V9_FLOWS = [dict(f) for f in FLOWS]
V9_FLOWS[2].update(start=T0 + 98500, end=T0 + 98500)  # 3rd packet: uptime 100.5 s

STREAMS = [
    ("v9", "v9_test.c", ["golden_v9_ipv4", "golden_v9_ipv6", "golden_v9_data_only"],
     V9_FLOWS, [0, 1, 2]),
    ("ipfix", "ipfix_test.c",
     ["golden_ipfix_ipv4", "golden_ipfix_ipv6", "golden_ipfix_data_only"],
     FLOWS, [0, 1, 2]),
]

# What a decoder does not show at all (compared as absent, not as wrong).
NOT_SHOWN = {
    # nfdump 1.7.1 reads flowEndReason (136) from IPFIX only and does not
    # show ipVersion (it stores v4 and v6 flows apart instead).
    ("nfdump", "v9"): {"reason", "ver"},
    ("nfdump", "ipfix"): {"ver"},
}

TSHARK_FIELDS = ["cflow.srcaddr", "cflow.srcaddrv6", "cflow.dstaddr", "cflow.dstaddrv6",
                 "cflow.nexthop", "cflow.nexthopv6", "cflow.inputint", "cflow.outputint",
                 "cflow.packets", "cflow.octets", "cflow.srcport", "cflow.dstport",
                 "cflow.protocol", "cflow.tos", "cflow.tcpflags",
                 "cflow.icmp_type_code_ipv4", "cflow.icmp_ipv6_type", "cflow.icmp_ipv6_code",
                 "cflow.ip_version", "cflow.flow_end_reason",
                 "cflow.timestart", "cflow.timeend", "cflow.abstimestart", "cflow.abstimeend",
                 "cflow.sysuptime", "cflow.unix_secs", "cflow.sequence"]


def utc_ms(text, fmt):
    d = datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.timezone.utc)
    return int(round(d.timestamp() * 1000))


def tshark_flows(datagrams, tmp):
    pcap = os.path.join(tmp, "check.pcap")
    write_pcap(pcap, datagrams)
    cmd = ["tshark", "-r", pcap, "-d", "udp.port==%d,cflow" % PORT, "-T", "fields",
           "-E", "occurrence=a", "-E", "separator=|"]
    for f in TSHARK_FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         universal_newlines=True).stdout
    flows, seqs = [], []
    for line in out.splitlines():
        if not line.strip():
            continue
        v = dict(zip(TSHARK_FIELDS, line.split("|")))
        num = lambda k: int(v[k], 0) if v.get(k) else None
        seqs.append(num("cflow.sequence"))
        f = dict(src=v["cflow.srcaddr"] or v["cflow.srcaddrv6"],
                 dst=v["cflow.dstaddr"] or v["cflow.dstaddrv6"],
                 nh=v["cflow.nexthop"] or v["cflow.nexthopv6"],
                 inif=num("cflow.inputint"), outif=num("cflow.outputint"),
                 pkts=num("cflow.packets"), bytes=num("cflow.octets"),
                 sport=num("cflow.srcport"), dport=num("cflow.dstport"),
                 proto=num("cflow.protocol"), tos=num("cflow.tos"),
                 flags=num("cflow.tcpflags"), ver=num("cflow.ip_version"),
                 reason=num("cflow.flow_end_reason"))
        if v["cflow.icmp_type_code_ipv4"]:
            f["icmp"] = num("cflow.icmp_type_code_ipv4")
        elif v["cflow.icmp_ipv6_type"]:
            f["icmp"] = num("cflow.icmp_ipv6_type") * 256 + num("cflow.icmp_ipv6_code")
        if v["cflow.abstimestart"]:
            fmt = "%b %d, %Y %H:%M:%S.%f UTC"
            f["start"] = utc_ms(v["cflow.abstimestart"][:-13] + v["cflow.abstimestart"][-10:], fmt)
            f["end"] = utc_ms(v["cflow.abstimeend"][:-13] + v["cflow.abstimeend"][-10:], fmt)
        elif v["cflow.timestart"]:
            now = num("cflow.unix_secs") * 1000 - round(float(v["cflow.sysuptime"]) * 1000)
            f["start"] = now + round(float(v["cflow.timestart"]) * 1000)
            f["end"] = now + round(float(v["cflow.timeend"]) * 1000)
        flows.append(f)
    return flows, seqs, tshark(datagrams, tmp)[1]


def nfdump_flows(datagrams, tmp):
    out, warnings = nfdump(datagrams, tmp)
    flows = []
    for block in out.split("Flow Record:")[1:]:
        kv = {}
        for line in block.splitlines():
            m = re.match(r"\s+(.+?)\s+=\s+(\S+)", line)
            if m:
                kv[m.group(1)] = m.group(2)
        f = dict(src=kv.get("src addr"), dst=kv.get("dst addr"), nh=kv.get("ip next hop"),
                 inif=int(kv["input"]), outif=int(kv["output"]),
                 pkts=int(kv["in packets"]), bytes=int(kv["in bytes"]),
                 proto=int(kv["proto"]), tos=int(kv.get("src tos", kv.get("dst tos"))),
                 flags=int(kv["tcp flags"], 16), reason=int(kv["end reason"], 16),
                 start=int(kv["first"]), end=int(kv["last"]))
        if "ICMP" in kv:
            t, c = kv["ICMP"].split(".")
            f["icmp"] = f["dport"] = int(t) * 256 + int(c)
        else:
            f["sport"], f["dport"] = int(kv["src port"]), int(kv["dst port"])
        flows.append(f)
    return flows, None, warnings


IPFIXDUMP_IDS = {8: "src", 27: "src", 12: "dst", 28: "dst", 15: "nh", 62: "nh",
                 10: "inif", 14: "outif", 2: "pkts", 1: "bytes", 7: "sport", 11: "dport",
                 4: "proto", 5: "tos", 6: "flags", 32: "icmp", 139: "icmp", 60: "ver",
                 136: "reason", 152: "start", 153: "end"}


def ipfixdump_flows(datagrams, tmp):
    out, warnings = ipfixdump(datagrams, tmp)
    flows, seqs = [], []
    for line in out.splitlines():
        m = re.search(r"sequence number: (\d+)", line)
        if m:
            seqs.append(int(m.group(1)))
        if line.startswith("--- data record"):
            flows.append({})
        m = re.match(r"\s+\((\d+)\)\s+\S+ : (.*)$", line)
        if m and flows and int(m.group(1)) in IPFIXDUMP_IDS:
            key, val = IPFIXDUMP_IDS[int(m.group(1))], m.group(2).strip()
            if key in ("src", "dst", "nh"):
                val = str(ipaddress.ip_address(val))
            elif key in ("start", "end"):
                val = utc_ms(val, "%Y-%m-%d %H:%M:%S.%f")
            else:
                val = int(val)
            flows[-1][key] = val
    return flows, seqs, warnings


# --- --kunit: the options golden streams (options_test.c) -----------------

# Each options data record as sent: "kind" says which options template.
_MET = dict(kind="metering", scope=7, msgs=42, flows=1000, octets=123456, observed=1234,
            pkts_total=5000000, octets_total=4294967303, ign_pkts=3, ign_octets=180,
            start=1699999900000, end=1700000000000)
_EXP = dict(kind="exporting", scope=7, ns_flows=2, ns_pkts=10, ns_octets=1500,
            start=1699999900000, end=1700000000000)
_MET2 = dict(_MET, msgs=43, flows=1003, octets=124000, observed=1240, pkts_total=5000100,
             octets_total=4294980000, end=1700000060000)
_EXP2 = dict(_EXP, end=1700000060000)
OPT_RECORDS = [_MET, _EXP,
               dict(kind="interface", scope=7, ifindex=1, name="lo", desc=""),
               dict(kind="interface", scope=7, ifindex=2, name="eth0", desc="uplink to ISP"),
               _MET2, _EXP2]
OPT_STREAMS = [
    ("v9", ["golden_v9_options", "golden_v9_options_data_only"], [0, 1]),
    ("ipfix", ["golden_ipfix_options", "golden_ipfix_options_data_only"], [0, 4]),
]

# tshark field -> record key; which record kind a field marks
TSHARK_OPT = {"cflow.packetsexp": "msgs", "cflow.flowsexp": "flows",
              "cflow.octetsexp": "octets", "cflow.flows": "observed",
              "cflow.permanent_packets": "pkts_total", "cflow.permanent_octets": "octets_total",
              "cflow.ignore_packets": "ign_pkts", "cflow.ignore_octets": "ign_octets",
              "cflow.notsent_flows": "ns_flows", "cflow.notsent_packets": "ns_pkts",
              "cflow.notsent_octets": "ns_octets", "cflow.if_name": "name",
              "cflow.if_descr": "desc", "cflow.scope_interface": "ifindex",
              "cflow.inputint": "ifindex", "cflow.scope_system": "scope",
              "cflow.od_id": "scope", "cflow.flow_exporter": "scope",
              # the sampler (docs/options.md): v9, then IPFIX
              "cflow.sampler_id": "sampler_id", "cflow.sampler_mode": "sampler_mode",
              "cflow.sampler_random_interval": "sampler_interval",
              "cflow.sampling_interval": "sampling_interval",
              "cflow.sampling_algorithm": "sampling_algorithm",
              "cflow.selector_id": "selector_id",
              "cflow.flow_selector_algorithm": "selector_algorithm",
              "cflow.sampling_flow_interval": "flow_interval",
              "cflow.sampling_flow_spacing": "flow_spacing",
              "cflow.sampling_size": "sampling_size",
              "cflow.sampling_population": "sampling_population"}
IPFIXDUMP_OPT = {149: "scope", 144: "scope", 10: "ifindex", 41: "msgs", 42: "flows",
                 40: "octets", 163: "observed", 86: "pkts_total", 85: "octets_total",
                 164: "ign_pkts", 165: "ign_octets", 166: "ns_flows", 167: "ns_pkts",
                 168: "ns_octets", 82: "name", 83: "desc", 152: "start", 153: "end",
                 302: "selector_id", 390: "selector_algorithm", 396: "flow_interval",
                 397: "flow_spacing", 309: "sampling_size", 310: "sampling_population"}


def opt_kind(rec):
    if "sampler_id" in rec or "selector_id" in rec:
        return "sampler"
    if "name" in rec:
        return "interface"
    if "ns_flows" in rec:
        return "exporting"
    return "metering"


def tshark_time(text):
    fmt = "%b %d, %Y %H:%M:%S.%f UTC"
    return utc_ms(text[:-13] + text[-10:], fmt)


def tshark_options(datagrams, tmp):
    """Options data records as tshark -T json shows them, and sequences."""
    import json
    pcap = os.path.join(tmp, "opt.pcap")
    write_pcap(pcap, datagrams)
    out = subprocess.run(["tshark", "-r", pcap, "-d", "udp.port==%d,cflow" % PORT,
                          "-T", "json"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True).stdout
    return tshark_options_json(json.loads(out)), tshark(datagrams, tmp)[1]


def tshark_options_json(packets):
    """[(sequence, [record...]) per cflow PDU] from tshark -T json output."""
    result = []

    def records(tree, out):
        for k, v in tree.items():
            if not isinstance(v, dict):
                continue
            if k.startswith("Flow ") and any(f in v for f in TSHARK_OPT):
                rec = {}
                for f, key in TSHARK_OPT.items():
                    if f in v:
                        val = v[f]
                        if key == "scope" and ":" in val:
                            val = int(val.replace(":", ""), 16)
                        elif key not in ("name", "desc"):
                            val = int(val, 0)
                        rec[key] = val
                tree2 = v.get("cflow.timedelta_tree", v)
                if "cflow.abstimestart" in tree2:
                    rec["start"] = tshark_time(tree2["cflow.abstimestart"])
                    rec["end"] = tshark_time(tree2["cflow.abstimeend"])
                rec["kind"] = opt_kind(rec)
                out.append(rec)
            else:
                records(v, out)

    for p in packets:
        layers = p["_source"]["layers"]
        pdus = layers.get("cflow")
        if pdus is None:
            continue
        for pdu in pdus if isinstance(pdus, list) else [pdus]:
            recs = []
            records(pdu, recs)
            result.append((int(pdu["cflow.sequence"]), recs))
    return result


def ipfixdump_options(datagrams, tmp):
    out, warnings = ipfixdump(datagrams, tmp)
    recs, seqs = [], []
    for line in out.splitlines():
        m = re.search(r"sequence number: (\d+)", line)
        if m:
            seqs.append(int(m.group(1)))
        if line.startswith("--- data record"):
            recs.append({})
        m = re.match(r"\s+\((\d+)\)(?: \(S\))?\s+\S+ : ?(.*)$", line)
        if m and recs and int(m.group(1)) in IPFIXDUMP_OPT:
            key, val = IPFIXDUMP_OPT[int(m.group(1))], m.group(2)
            if key in ("name", "desc"):
                val = re.sub(r"^\(len: \d+\) ?", "", val)
            elif key in ("start", "end"):
                val = utc_ms(val.strip(), "%Y-%m-%d %H:%M:%S.%f")
            else:
                val = int(val)
            recs[-1][key] = val
    for r in recs:
        r["kind"] = opt_kind(r)
    return recs, seqs, warnings


def compare_options(got, want):
    errors = []
    if len(got) != len(want):
        errors.append("%d options records decoded, %d sent" % (len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        for k, v in sorted(w.items()):
            if g.get(k) != v:
                errors.append("record %d (%s) %s: got %r, want %r" % (i + 1, w["kind"], k,
                                                                    g.get(k), v))
    return errors


def check_options_stream(what, proto, arrays, want, want_seqs):
    """One options stream of options_test.c: tshark and (IPFIX) ipfixDump
    must show every record as sent, with the sequence numbers; nfdump keeps
    no options record it can show, so it must take them without a
    complaint or a sequence error, and make no flow of them."""
    failed = 0
    datagrams = [parse_c_array(os.path.join(KUNIT, "options_test.c"), a) for a in arrays]
    with tempfile.TemporaryDirectory(prefix="decode_golden.") as tmp:
        pdus, warn = tshark_options(datagrams, tmp)
    errors = list(warn) + compare_options([r for _, recs in pdus for r in recs], want)
    seqs = [s for s, _ in pdus]
    if seqs != want_seqs:
        errors.append("sequence numbers %r, want %r" % (seqs, want_seqs))
    failed += report("tshark %s %s" % (proto, what), len(want), errors)
    if proto == "ipfix":
        with tempfile.TemporaryDirectory(prefix="decode_golden.") as tmp:
            recs, seqs, warn = ipfixdump_options(datagrams, tmp)
        errors = list(warn) + compare_options(recs, want)
        if seqs != want_seqs:
            errors.append("sequence numbers %r, want %r" % (seqs, want_seqs))
        failed += report("ipfixdump %s %s" % (proto, what), len(want), errors)
    with tempfile.TemporaryDirectory(prefix="decode_golden.") as tmp:
        got, _, warn = nfdump_flows(datagrams, tmp)
    errors = list(warn)
    if got:
        errors.append("nfdump made %d flows of %s records" % (len(got), what))
    failed += report("nfdump %s %s: taken without a warning" % (proto, what), 0, errors)
    return failed


def check_kunit_options():
    return sum(check_options_stream("options", proto, arrays, OPT_RECORDS, want_seqs)
               for proto, arrays, want_seqs in OPT_STREAMS)


# The sampler stream of options_test.c: deterministic:10, random:100, hash:16383
SAMPLER_MODES = [(1, 10), (2, 100), (3, 16383)]
SAMPLER_ARRAYS = ["deterministic", "random", "hash"]


def sampler_record(proto, mode, n):
    """What a decoder must show for the sampler record of (mode, N)."""
    if proto == "v9":
        v9_mode = 1 if mode == 1 else 2
        return dict(kind="sampler", scope=7, sampler_id=mode, sampler_mode=v9_mode,
                    sampler_interval=n, sampling_interval=n, sampling_algorithm=v9_mode)
    if mode == 1:
        return dict(kind="sampler", selector_id=1, selector_algorithm=1, flow_interval=1,
                    flow_spacing=n - 1)
    return dict(kind="sampler", selector_id=mode, selector_algorithm=3, sampling_size=1,
                sampling_population=n)


def check_kunit_sampler():
    return sum(check_options_stream(
        "sampler options", proto,
        ["golden_%s_sampler_%s" % (proto, a) for a in SAMPLER_ARRAYS],
        [sampler_record(proto, m, n) for m, n in SAMPLER_MODES], [0, 1, 2])
        for proto in ("v9", "ipfix"))


RESULTS = {"passed": 0, "failed": 0}


def report(label, n, errors):
    print("%s - %s%s" % ("not ok" if errors else "ok", label,
                         ": %d records, every field as sent" % n if n else ""))
    for e in errors:
        print("#   " + e)
    RESULTS["failed" if errors else "passed"] += 1
    return 1 if errors else 0


def check_kunit():
    failed = check_kunit_options() + check_kunit_sampler()
    for proto, cfile, arrays, want, want_seqs in STREAMS:
        datagrams = [parse_c_array(os.path.join(KUNIT, cfile), a) for a in arrays]
        decoders = [("tshark", tshark_flows), ("nfdump", nfdump_flows)]
        if proto == "ipfix":
            decoders.append(("ipfixdump", ipfixdump_flows))
        for name, decode in decoders:
            with tempfile.TemporaryDirectory(prefix="decode_golden.") as tmp:
                got, seqs, warn = decode(datagrams, tmp)
            skip = NOT_SHOWN.get((name, proto), set())
            errors = list(warn)
            if len(got) != len(want):
                errors.append("%d flows decoded, %d sent" % (len(got), len(want)))
            for i, (g, w) in enumerate(zip(got, want)):
                for k, v in sorted(w.items()):
                    if k in skip:
                        continue
                    # nfdump shows ports or, for ICMP, type.code in their place
                    if name == "nfdump" and k == ("sport" if w["proto"] in (1, 58)
                                                  else "icmp"):
                        continue
                    if g.get(k) != v:
                        errors.append("flow %d %s: got %r, want %r" % (i + 1, k, g.get(k), v))
            if seqs is not None and seqs != want_seqs:
                errors.append("sequence numbers %r, want %r" % (seqs, want_seqs))
            print("%s - %s %s: %d flows, every field as sent%s" %
                  ("not ok" if errors else "ok", name, proto, len(want),
                   " (not shown: %s)" % ", ".join(sorted(skip)) if skip else ""))
            for e in errors:
                print("#   " + e)
            failed += bool(errors)
            RESULTS["failed" if errors else "passed"] += 1
    print("%d passed, %d failed" % (RESULTS["passed"], RESULTS["failed"]))
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tshark", action="store_true")
    ap.add_argument("--nfdump", action="store_true")
    ap.add_argument("--ipfixdump", action="store_true")
    ap.add_argument("--kunit", action="store_true",
                    help="check the KUnit golden streams field by field")
    ap.add_argument("sources", nargs="*", metavar="SOURCE")
    args = ap.parse_args()
    if args.kunit:
        return check_kunit()
    if not args.sources:
        ap.error("no SOURCE given")

    datagrams = [load(s) for s in args.sources]
    versions = {struct.unpack("!H", d[:2])[0] for d in datagrams}
    chosen = [n for n in ("tshark", "nfdump", "ipfixdump") if getattr(args, n)]
    if not chosen:
        chosen = ["tshark", "nfdump"] + (["ipfixdump"] if versions == {10} else [])
    decoders = {"tshark": tshark, "nfdump": nfdump, "ipfixdump": ipfixdump}

    warnings = []
    with tempfile.TemporaryDirectory(prefix="decode_golden.") as tmp:
        for name in chosen:
            out, warn = decoders[name](datagrams, tmp)
            print("=" * 20, name, "=" * 20)
            print(out)
            warnings += warn
    print("=" * 20, "decoder warnings:", len(warnings), "=" * 20)
    for w in warnings:
        print(w)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
