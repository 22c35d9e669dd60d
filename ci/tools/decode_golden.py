#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Decode golden export datagrams with real collectors.

  decode_golden.py [--tshark] [--nfdump] [--ipfixdump] SOURCE...

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
"""
import argparse
import glob
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
# Whole-line noise nfcapd prints on every run.
NFCAPD_NOISE = re.compile(r"^(Add flow source|Bound to|Startup|Init |Process_v\d+: New exporter|"
                          r"Ident:|Terminating|Total ignored|Exit|Closing|Done|Startup\.|"
                          r"nfcapd|Start|Reload|Listen|Set|Verbose)", re.I)
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
        if NFCAPD_BAD.search(line) and not re.search(r"\b0 (errors|failures)\b|: 0$", line):
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tshark", action="store_true")
    ap.add_argument("--nfdump", action="store_true")
    ap.add_argument("--ipfixdump", action="store_true")
    ap.add_argument("sources", nargs="+", metavar="SOURCE")
    args = ap.parse_args()

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
