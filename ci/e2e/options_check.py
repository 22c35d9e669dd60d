#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks a capture of the module's options records (ci/e2e/options.sh).

DIR holds tshark.json (tshark -T json of export.pcapng, cflow on 2055), and
for --stats stat.txt (/proc/net/stat/ipt_netflow_snmp read after the last
flush, when nothing meters any more) and stat-time.txt (when it was read),
for --interfaces links-start.json and links-changed.json (ip -d -j link
show at session start and after the change). Prints ok/not ok lines.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tools"))
import decode_golden as dg  # noqa: E402  (tshark field names, ipfixDump parser)

failures = 0
SET = re.compile(r"^(?:Flow)?[Ss]et \d+ \[id=(\d+)\]")


def report(cond, what):
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    failures += not cond


def walk(node, frame, set_id=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k.startswith("_ws.expert") or k.startswith("_ws.malformed"):
                frame["complaints"].append(v)
            elif SET.match(k) and isinstance(v, dict):
                frame["sets"].append(int(SET.match(k).group(1)))
                walk(v, frame, int(SET.match(k).group(1)))
            elif k.startswith("Options Template (Id = ") and isinstance(v, dict):
                frame["opt_templates"].append(int(v["cflow.template_id"]))
            elif k.startswith("Flow ") and isinstance(v, dict):
                if "cflow.protocol" in v:
                    frame["flows"].append(v)
                else:
                    rec = tshark_record(v)
                    if rec:
                        rec["set"] = set_id
                        frame["options"].append(rec)
            else:
                walk(v, frame, set_id)
    elif isinstance(node, list):
        for item in node:
            walk(item, frame, set_id)


def tshark_record(v):
    rec = {}
    for f, key in dg.TSHARK_OPT.items():
        if f in v:
            val = v[f]
            if key == "scope" and ":" in val:
                val = int(val.replace(":", ""), 16)
            elif key not in ("name", "desc"):
                val = int(val, 0)
            rec[key] = val
    if not rec:
        return None
    t = v.get("cflow.timedelta_tree", v)
    if "cflow.abstimestart" in t:
        rec["start"] = dg.tshark_time(t["cflow.abstimestart"])
        rec["end"] = dg.tshark_time(t["cflow.abstimeend"])
    rec["kind"] = dg.opt_kind(rec)
    return rec


def read_frames(path):
    with open(path) as f:
        packets = json.load(f)
    frames = []
    for p in packets:
        layers = p["_source"]["layers"]
        cflow = layers.get("cflow")
        if cflow is None:
            continue
        frame = dict(time=float(layers["frame"]["frame.time_epoch"]),
                     sport=layers["udp"]["udp.srcport"],
                     length=int(layers["udp"]["udp.length"]) - 8,
                     version=int(cflow["cflow.version"]),
                     seq=int(cflow["cflow.sequence"]),
                     domain=int(cflow.get("cflow.source_id", cflow.get("cflow.od_id", -1))),
                     flows=[], options=[], opt_templates=[], complaints=[], sets=[])
        walk(cflow, frame)
        walk({k: v for k, v in layers.items() if k.startswith("_ws")}, frame)
        frames.append(frame)
    return frames


def sessions_of(frames):
    sessions = {}
    for fr in frames:
        sessions.setdefault((fr["sport"], fr["version"]), []).append(fr)
    return sessions


def check_sessions(label, frames, want):
    sessions = sessions_of(frames)
    report(len(sessions) == want, "%s: %d export session(s), want %d: %s" %
           (label, len(sessions), want, sorted(sessions)))
    for (sport, version), frs in sorted(sessions.items(), key=lambda s: s[1][0]["time"]):
        name = "%s: session v%d from port %s" % (label, version, sport)
        seq, bad = 0, []
        for fr in frs:
            if fr["seq"] != seq:
                bad.append((fr["seq"], seq))
            seq += 1 if version == 9 else len(fr["flows"]) + len(fr["options"])
        report(not bad, "%s: sequence numbers per RFC over %d datagrams (options "
               "data records counted in IPFIX) %s" % (name, len(frs), bad[:3]))
        tmpls = [t for fr in frs for t in fr["opt_templates"]]
        report(all(t in tmpls for t in (258, 259, 260)),
               "%s: options templates 258, 259, 260 sent %s" % (name, sorted(set(tmpls))))
        first = {}
        for i, fr in enumerate(frs):
            for t in fr["opt_templates"]:
                first.setdefault(t, i)
        kinds = {"metering": 258, "exporting": 259, "interface": 260}
        early = [r["kind"] for i, fr in enumerate(frs) for r in fr["options"]
                 if first.get(r["set"], len(frs)) > i]
        report(not early, "%s: no options record before its template %s" % (name, early[:3]))
        recs = [r["kind"] for fr in frs for r in fr["options"]]
        report(all(k in recs for k in kinds), "%s: metering, exporting and interface "
               "records sent (%d records)" % (name, len(recs)))
        complaints = [c for fr in frs for c in fr["complaints"]]
        report(not complaints, "%s: tshark: no expert complaints %s" % (name, complaints[:2]))


def read_stat(path):
    stat = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                stat[parts[0]] = int(parts[1])
    return stat


def check_stats(label, d, frames, engine):
    stat = read_stat(os.path.join(d, "stat.txt"))
    with open(os.path.join(d, "stat-time.txt")) as f:
        read_at = float(f.read())
    carrying = [fr for fr in frames if any(r["kind"] == "metering" for r in fr["options"])]
    report(bool(carrying), "%s: metering records sent" % label)
    if not carrying:
        return
    last = carrying[-1]
    met = [r for r in last["options"] if r["kind"] == "metering"][-1]
    exp = [r for r in last["options"] if r["kind"] == "exporting"]
    # what left after /proc was read, before the datagram with the record
    between = [fr for fr in frames if read_at < fr["time"] and fr is not last]
    report(last["time"] > read_at, "%s: the last statistics left after /proc was read "
           "(at unload)" % label)
    want = dict(scope=engine, observed=stat["inFlows"], pkts_total=stat["inPackets"],
                octets_total=stat["inBytes"], ign_pkts=stat["dropPackets"],
                ign_octets=stat["dropBytes"],
                msgs=stat["outPackets"] + len(between),
                flows=stat["outFlows"] + sum(len(fr["flows"]) for fr in between),
                octets=stat["outBytes"] + sum(fr["length"] for fr in between))
    for k, v in want.items():
        report(met.get(k) == v, "%s: metering record %s = %r, /proc says %r" %
               (label, k, met.get(k), v))
    report(met["observed"] > 0 and met["pkts_total"] > 0, "%s: traffic was metered" % label)
    report(met["ign_pkts"] > 0 and met["ign_octets"] > 0, "%s: ignored traffic reported "
           "(%d packets, %d octets)" % (label, met["ign_pkts"], met["ign_octets"]))
    report(met["start"] <= met["end"] and abs(met["end"] / 1000 - last["time"]) < 30,
           "%s: metering interval %d..%d ms ends when it was sent" %
           (label, met["start"], met["end"]))
    report(len(exp) == 1, "%s: one exporting record with it" % label)
    if exp:
        e = exp[0]
        for k, s in (("ns_flows", "lostFlows"), ("ns_pkts", "lostPackets"),
                     ("ns_octets", "lostBytes"), ("scope", None)):
            v = engine if s is None else stat[s]
            report(e.get(k) == v, "%s: exporting record %s = %r, /proc says %r" %
                   (label, k, e.get(k), v))
        report(e["start"] == met["start"] and e["end"] == met["end"],
               "%s: exporting record covers the same interval" % label)
    report(all(fr["domain"] == engine for fr in frames),
           "%s: every header carries engine_id %d" % (label, engine))


def snmp_index(rules, name, ifindex):
    """docs/config.md snmp-rules=: "prefix:base,...", first match wins."""
    for rule in filter(None, re.split(r"[ ,;]", rules or "")):
        prefix, base = rule.rsplit(":", 1)
        rest = name[len(prefix):]
        if name.startswith(prefix) and rest and rest.isdigit():
            return int(base) + int(rest)
    return ifindex


def expected_ifaces(path, snmp_rules=None):
    with open(path) as f:
        links = json.load(f)
    out = {}
    for link in links:
        desc = link.get("ifalias") or link.get("linkinfo", {}).get("info_kind") or ""
        out[snmp_index(snmp_rules, link["ifname"], link["ifindex"])] = (link["ifname"], desc)
    return out


def tables(frames):
    """Interface tables as sent: consecutive interface records, one dict each."""
    result, cur = [], None
    for fr in frames:
        recs = [r for r in fr["options"] if r["kind"] == "interface"]
        if not recs:
            cur = None
            continue
        if cur is None:
            cur = {}
            result.append((fr["time"], cur))
        for r in recs:
            if r["ifindex"] in cur:
                cur = {}
                result.append((fr["time"], cur))
            cur[r["ifindex"]] = (r["name"], r["desc"], r.get("scope"))
    return result


def check_interfaces(label, d, frames, engine, snmp_rules=None):
    start = expected_ifaces(os.path.join(d, "links-start.json"), snmp_rules)
    changed = expected_ifaces(os.path.join(d, "links-changed.json"), snmp_rules)
    sent = tables(frames)
    report(len(sent) >= 2, "%s: %d interface tables sent (start, change, ...)" %
           (label, len(sent)))
    if not sent:
        return
    first = {k: v[:2] for k, v in sent[0][1].items()}
    report(first == start, "%s: the first table is the guest's interfaces %s, sent %s" %
           (label, sorted(start.items()), sorted(first.items())))
    report(all(v[2] == engine for _, t in sent for v in t.values()),
           "%s: every interface record is scoped to engine_id %d" % (label, engine))
    later = [{k: v[:2] for k, v in t.items()} for _, t in sent[1:]]
    report(changed in later, "%s: a later table is the changed interfaces %s" %
           (label, sorted(changed.items())))


def check_flow_ifindexes(label, d, frames, snmp_rules):
    """Flows carry the same renumbered indexes as the interface table."""
    links = expected_ifaces(os.path.join(d, "links-start.json"), snmp_rules)
    by_name = {name: idx for idx, (name, _) in links.items()}
    seen = set()
    for fr in frames:
        for f in fr["flows"]:
            for key in ("cflow.inputint", "cflow.outputint"):
                if key in f:
                    seen.add(int(f[key]))
    want = {by_name["v1"], by_name["v2"]}
    report(want <= seen and seen <= set(links),
           "%s: flows carry the renumbered indexes of v1/v2 %s, all in the table: %s" %
           (label, sorted(want), sorted(seen)))


def check_sampler(label, frames, samplers):
    """The sampler records of one session: one per setting, in order, with
    the values docs/options.md lists, each in the set of its template,
    sent in the session before it."""
    version = frames[0]["version"] if frames else 0
    proto = "v9" if version == 9 else "ipfix"
    want = []
    for s in samplers.split():
        mode, n = s.split(":")
        m = {"deterministic": 1, "random": 2, "hash": 3}[mode]
        rec = dg.sampler_record(proto, m, int(n))
        if proto == "v9":
            rec["scope"] = frames[0]["domain"]
        rec["set"] = 262 if m == 1 else 263
        want.append(rec)
    got = [r for fr in frames for r in fr["options"] if r["kind"] == "sampler"]
    got = [{k: v for k, v in r.items() if k in ("set",) or k in w}
           for r, w in zip(got, want)] + got[len(want):]
    report(got == want, "%s: sampler records %s, want %s" % (label, got, want))
    sent = set()
    for fr in frames:
        sent.update(fr["opt_templates"])
        late = [r["set"] for r in fr["options"] if r["kind"] == "sampler" and r["set"] not in sent]
        if late:
            break
    report(not late, "%s: every sampler record after its template (%s)" % (label, late))


def nfdump_predicted_failures(frames):
    """The sequence failures nfdump 1.7.1 counts in one IPFIX session. It
    adds to the expected sequence number one per flow record and one per
    set of interface names (its "ifvrf" records), nothing for other options
    data records, which RFC 7011 §3.1 counts; it complains only once it
    has seen a flow record. v9 counts packets: no failure."""
    expected, flows, fails = 0, 0, 0
    for fr in frames:
        if fr["version"] != 10:
            continue
        if fr["seq"] != expected:
            fails += bool(flows)
            expected = fr["seq"]
        expected += len(fr["flows"]) + fr["sets"].count(260)
        flows += len(fr["flows"])
    return fails


def check_nfdump(label, path, frames):
    with open(path) as f:
        text = f.read()
    got = sum(int(n) for n in re.findall(r"Sequence failures: (\d+)", text))
    want = nfdump_predicted_failures(frames)
    report(bool(re.search(r"Sequence failures:", text)) and got == want,
           "%s: nfdump: %d sequence failures, %d expected%s" %
           (label, got, want, " (nfdump 1.7.1 does not count IPFIX options data "
                                "records; docs/options.md)" if want else ""))


def check_ipfixdump(label, d):
    out = subprocess.run(["tshark", "-r", os.path.join(d, "export.pcapng"), "-T", "fields",
                          "-e", "udp.payload"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, universal_newlines=True).stdout
    datagrams = [bytes.fromhex(x.replace(":", "")) for x in out.split()]
    with tempfile.TemporaryDirectory(prefix="options_check.") as tmp:
        recs, seqs, warn = dg.ipfixdump_options(datagrams, tmp)
        text, _ = dg.ipfixdump(datagrams, tmp)
    report(not warn, "%s: ipfixDump decodes %d messages without error %s" %
           (label, len(datagrams), warn[:3]))
    tids = set(int(t) for t in re.findall(r"options template record ---\nheader:\n\s+tid:\s+(\d+)",
                                          text))
    report({258, 259, 260} <= tids, "%s: ipfixDump shows options templates %s" %
           (label, sorted(tids)))
    kinds = {r["kind"] for r in recs if len(r) > 2}
    report({"metering", "exporting", "interface"} <= kinds,
           "%s: ipfixDump decodes metering, exporting and interface records" % label)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--engine", type=int, default=0)
    ap.add_argument("--sessions", type=int, default=1)
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--interfaces", action="store_true")
    ap.add_argument("--ipfixdump", action="store_true")
    ap.add_argument("--nfdump-stat", help="nfdump -I of the capture's nfcapd files")
    ap.add_argument("--snmp-rules", help="the snmp-rules= the session ran with")
    ap.add_argument("--sampler", help="the samplers set in order, e.g. 'random:10 hash:5'")
    args = ap.parse_args()
    frames = read_frames(os.path.join(args.dir, "tshark.json"))
    report(bool(frames), "%s: tshark decoded %d datagrams" % (args.label, len(frames)))
    check_sessions(args.label, frames, args.sessions)
    if args.stats:
        check_stats(args.label, args.dir, frames, args.engine)
    if args.interfaces:
        check_interfaces(args.label, args.dir, frames, args.engine, args.snmp_rules)
    if args.snmp_rules:
        check_flow_ifindexes(args.label, args.dir, frames, args.snmp_rules)
    if args.sampler:
        check_sampler(args.label, frames, args.sampler)
    if args.ipfixdump:
        check_ipfixdump(args.label, args.dir)
    if args.nfdump_stat:
        check_nfdump(args.label, args.nfdump_stat, frames)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
