#!/usr/bin/env python3
"""Compare exported flows, as real collectors decoded them, with what
iptables counted.

  check_flows.py --label L --expect expect.tsv [--nfdump nfdump.csv]
                 [--nfdump-stat nfdump-I.txt] [--tshark-v5 tshark.txt]

expect.tsv: name proto src dst sport dport packets bytes (one flow a line,
ICMP carries type*256+code as dport). nfdump.csv: `nfdump -q -o csv`.
tshark.txt: `tshark -T fields -E occurrence=a -E separator='|'` with the
fields listed in TSHARK_V5_FIELDS. Prints one `ok - ` / `not ok - ` line per
check; exits 1 if any failed.
"""
import argparse
import json
import sys

TSHARK_V5_FIELDS = ["cflow.version", "cflow.count", "cflow.sequence",
                    "cflow.srcaddr", "cflow.dstaddr", "cflow.srcport",
                    "cflow.dstport", "cflow.protocol", "cflow.packets",
                    "cflow.octets", "cflow.sequence_analysis.expected_sn"]

PROTO_NAMES = {"ICMP": 1, "TCP": 6, "UDP": 17, "ICMP6": 58}

failures = 0


def report(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        failures += 1


def read_expect(path):
    flows = []
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, proto, src, dst, sport, dport, pkts, byts = line.split()
            flows.append(dict(name=name, key=(int(proto), src, dst, int(sport),
                                              int(dport)),
                              packets=int(pkts), bytes=int(byts)))
    return flows


def read_nfdump_csv(path):
    """Records as (key, packets, bytes)."""
    records = []
    with open(path) as f:
        for line in f:
            cols = line.strip().split(",")
            if len(cols) < 13 or cols[0] == "ts":
                continue
            proto = cols[7].strip()
            proto = PROTO_NAMES.get(proto, None) if not proto.isdigit() else int(proto)
            if proto is None:
                continue
            key = (proto, cols[3], cols[4], int(cols[5]), int(float(cols[6])))
            records.append((key, int(cols[11]), int(cols[12])))
    return records


def read_tshark_v5(path):
    """Records and per-datagram (sequence, count) in capture order."""
    records, datagrams, seq_complaints = [], [], 0
    with open(path) as f:
        for line in f:
            cols = line.rstrip("\n").split("|")
            if len(cols) < len(TSHARK_V5_FIELDS) or not cols[0]:
                continue
            count, seq = int(cols[1]), int(cols[2])
            datagrams.append((seq, count))
            if cols[10]:
                seq_complaints += 1
            fields = [c.split(",") for c in cols[3:10]]
            for i in range(count):
                src, dst, sp, dp, pr, pk, by = (c[i] for c in fields)
                records.append(((int(pr), src, dst, int(sp), int(dp)),
                                int(pk), int(by)))
    return records, datagrams, seq_complaints


def walk(node, found):
    """Collects every 'Flow N' dict and every expert complaint in tshark JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("_ws.expert") or key.startswith("_ws.malformed"):
                found["complaints"].append(value)
            elif (key.startswith("Flow ") or key.startswith("pdu ")) and \
                    isinstance(value, dict):
                found["flows"].append(value)
            else:
                walk(value, found)
    elif isinstance(node, list):
        for item in node:
            walk(item, found)


def read_tshark_json(path):
    """v9/IPFIX datagrams: records, (version, sequence, data records) per
    datagram, and expert complaints (sequence jumps, missing templates)."""
    with open(path) as f:
        frames = json.load(f)
    records, datagrams, complaints = [], [], []
    for frame in frames:
        layers = frame["_source"]["layers"]
        cflow = layers.get("cflow")
        if cflow is None:
            continue
        found = {"flows": [], "complaints": []}
        walk(cflow, found)
        walk({k: v for k, v in layers.items() if k.startswith("_ws")}, found)
        complaints += found["complaints"]
        for flow in found["flows"]:
            if "cflow.protocol" not in flow:
                continue    # an options data record (docs/options.md)
            src = flow.get("cflow.srcaddr") or flow.get("cflow.srcaddrv6")
            dst = flow.get("cflow.dstaddr") or flow.get("cflow.dstaddrv6")
            key = (int(flow["cflow.protocol"]), src, dst,
                   int(flow["cflow.srcport"]), int(flow["cflow.dstport"]))
            records.append((key, int(flow["cflow.packets"]),
                            int(flow["cflow.octets"])))
        session = (layers.get("udp", {}).get("udp.srcport"), int(cflow["cflow.version"]))
        datagrams.append((session, int(cflow["cflow.sequence"]), len(found["flows"])))
    return records, datagrams, complaints


def sequence_ok(datagrams):
    """v5 counts flows before this datagram; RFC 3954: v9 counts export
    packets; RFC 7011: IPFIX counts data records before this message. Each
    session (source port and version) starts at 0."""
    expected = {}
    for session, seq, flows in datagrams:
        if seq != expected.get(session, 0):
            return False
        expected[session] = seq + (1 if session[1] == 9 else flows)
    return bool(datagrams)


def compare(label, decoder, expected, records, allow_extra=False):
    for flow in expected:
        matches = [r for r in records if r[0] == flow["key"]]
        pk = sum(r[1] for r in matches)
        by = sum(r[2] for r in matches)
        report(len(matches) >= 1 and pk == flow["packets"] and by == flow["bytes"],
               f"{label}: {decoder}: {flow['name']} {flow['key']} "
               f"packets {pk}/{flow['packets']} bytes {by}/{flow['bytes']} "
               f"in {len(matches)} record(s)")
    if allow_extra:
        return
    keys = {f["key"] for f in expected}
    extra = [r for r in records if r[0] not in keys]
    report(not extra, f"{label}: {decoder}: no unexpected flows {extra[:3]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--nfdump")
    ap.add_argument("--nfdump-stat")
    ap.add_argument("--tshark-v5")
    ap.add_argument("--tshark-json", help="tshark -T json of a v9/IPFIX capture")
    ap.add_argument("--allow-extra", action="store_true",
                    help="flows without a rule of their own may be present")
    args = ap.parse_args()
    expected = read_expect(args.expect)
    report(bool(expected), f"{args.label}: iptables counted {len(expected)} flows")
    for flow in expected:
        report(flow["packets"] > 0, f"{args.label}: traffic for {flow['name']} "
               f"was seen by its rule ({flow['packets']} packets)")
    if args.nfdump:
        compare(args.label, "nfdump", expected, read_nfdump_csv(args.nfdump),
                args.allow_extra)
    if args.nfdump_stat:
        with open(args.nfdump_stat) as f:
            text = f.read()
        report("Sequence failures: 0" in text,
               f"{args.label}: nfdump reports no sequence failures")
    if args.tshark_v5:
        records, datagrams, complaints = read_tshark_v5(args.tshark_v5)
        compare(args.label, "tshark", expected, records)
        seq_ok = bool(datagrams) and datagrams[0][0] == 0 and all(
            b[0] == a[0] + a[1] for a, b in zip(datagrams, datagrams[1:]))
        report(seq_ok, f"{args.label}: tshark: v5 flow_sequence counts flows "
               f"from 0 across {len(datagrams)} datagrams")
        report(complaints == 0, f"{args.label}: tshark: no sequence analysis complaints")
    if args.tshark_json:
        records, datagrams, complaints = read_tshark_json(args.tshark_json)
        compare(args.label, "tshark", expected, records, args.allow_extra)
        sessions = sorted({d[0] for d in datagrams})
        report(sequence_ok(datagrams), f"{args.label}: tshark: sequence numbers "
               f"per RFC across {len(datagrams)} datagrams in {len(sessions)} "
               f"session(s) {sessions}")
        report(not complaints, f"{args.label}: tshark: no expert complaints "
               f"{complaints[:2]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
