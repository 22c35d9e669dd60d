#!/usr/bin/env python3
"""Checks for ci/e2e/natevents.sh: the NAT event records on the wire.

  natevents_check.py OUT LABEL PORT T0 T1 CREATE DELETE SENT [LABEL ...]

One phase per group of seven: LABEL is ipfix, v9 or v5; PORT the
collector's; T0..T1 (epoch ms) when its connections ran; CREATE/DELETE
the natEvent values expected; SENT lines "case sport". Reads
OUT/tshark.json (every datagram) and OUT/cPORT/nfdump.txt (nfdump -q -N
-o 'fmt:%nevt|%pr|%sa|%da|%sp|%dp|%nsa|%nda|%nsp|%ndp|%pkt|%flg|%nh|%sas|%das',
blanks removed). Prints ok / not ok lines; exits 1 if any failed.
"""
import datetime
import json
import sys

from features_check import walk  # the tshark JSON walker (same directory)

failures = 0


def report(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        failures += 1


# case -> (protocol, pre dst, dst port, post src, post sport or None for the
# source port itself, post dst); the pre-NAT source is always 10.1.0.2
CASES = {
    1: (17, "10.2.0.2", 6001, "10.2.0.1", None, "10.2.0.2"),
    2: (17, "10.2.0.2", 6002, "10.2.0.1", 31002, "10.2.0.2"),
    3: (6, "10.2.0.99", 6003, "10.1.0.2", None, "10.2.0.2"),
    4: (17, "10.2.0.98", 6004, "10.2.0.1", 31004, "10.2.0.2"),
    5: (6, "10.2.0.2", 6005, "10.2.0.1", None, "10.2.0.2"),
    # ICMP echo: id as source port, type 8 << 8 | code 0 as destination
    6: (1, "10.2.0.2", 0x0800, "10.2.0.1", None, "10.2.0.2"),
}


def records(data, port):
    """Data records of the datagrams sent to port, in order."""
    recs = []
    for frame in data:
        layers = frame["_source"]["layers"]
        if layers.get("udp", {}).get("udp.dstport") != str(port):
            continue
        cflow = layers.get("cflow")
        if cflow is None:
            continue
        found = []
        walk(cflow, found)
        recs += [r for r in found if "cflow.protocol" in r]
    return recs


def check_sequence(label, data, port):
    """Sequence numbers run on across datagrams, NAT event records counted:
    IPFIX by data records, v9 by datagrams, v5 by records. One session per
    exporter source port and version (a reconfiguration starts another)."""
    sessions = {}
    for frame in data:
        layers = frame["_source"]["layers"]
        udp = layers.get("udp", {})
        cflow = layers.get("cflow")
        if udp.get("udp.dstport") != str(port) or cflow is None:
            continue
        found = []
        walk(cflow, found)
        key = (udp.get("udp.srcport"), cflow.get("cflow.version"))
        sessions.setdefault(key, []).append(
            (int(cflow["cflow.sequence"]), len(found),
             sum("cflow.nat_event" in r or "cflow.tcpflags" in r and
                 r.get("cflow.packets") == "0" for r in found)))
    bad = []
    nat = 0
    for (sport, version), frames in sessions.items():
        for (seq, recs, n), (nxt, _, _) in zip(frames, frames[1:]):
            step = 1 if version == "9" else recs
            if nxt != seq + step:
                bad.append((sport, version, seq, recs, nxt))
        nat += sum(n for _, _, n in frames)
    report(not bad and nat > 0, "%s: sequence numbers count the %d NAT "
           "event records %s" % (label, nat, bad[:3]))


def epoch_ms(text):
    """tshark's absolute time, e.g. 'Nov 26, 2026 02:50:00.123000000 UTC'."""
    text = text.replace(" UTC", "")
    head, frac = text.rsplit(".", 1)
    t = datetime.datetime.strptime(head, "%b %d, %Y %H:%M:%S")
    t = t.replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp()) * 1000 + int(frac[:3])


def expected(sent):
    """(sport, case, fields) of each connection."""
    result = []
    with open(sent) as f:
        for line in f:
            c, sport = (int(x) for x in line.split())
            proto, pre_dst, dport, post_src, post_sport, post_dst = CASES[c]
            result.append((sport, c, dict(
                proto=proto, pre_src="10.1.0.2", pre_dst=pre_dst,
                sport=sport, dport=dport, post_src=post_src,
                post_sport=post_sport if post_sport else sport,
                post_dst=post_dst, post_dport=dport)))
    return result


def check_templated(label, recs, t0, t1, create, delete, want):
    nel = [r for r in recs if "cflow.nat_event" in r]
    flows = [r for r in recs if "cflow.nat_event" not in r]
    got = []
    for r in nel:
        got.append(dict(
            event=int(r["cflow.nat_event"]), proto=int(r["cflow.protocol"]),
            pre_src=r.get("cflow.srcaddr"), pre_dst=r.get("cflow.dstaddr"),
            sport=int(r.get("cflow.srcport", -1)),
            dport=int(r.get("cflow.dstport", -1)),
            post_src=r.get("cflow.post_natsource_ipv4_address"),
            post_dst=r.get("cflow.post_natdestination_ipv4_address"),
            post_sport=int(r.get("cflow.post_naptsource_transport_port", -1)),
            post_dport=int(r.get("cflow.post_naptdestination_transport_port", -1)),
            ms=epoch_ms(r["cflow.observation_time_milliseconds"])))
    report(len(got) == 2 * len(want),
           "%s: tshark: %d NAT event records, expected %d" %
           (label, len(got), 2 * len(want)))
    for sport, c, exp in want:
        mine = [g for g in got if g["sport"] == sport]
        for event in (create, delete):
            one = [g for g in mine if g["event"] == event]
            report(len(one) == 1, "%s: case %d (port %d): one natEvent %d "
                   "record, got %d" % (label, c, sport, event, len(one)))
            if len(one) != 1:
                continue
            g = one[0]
            fields = {k: g[k] for k in exp}
            report(fields == exp, "%s: case %d natEvent %d: %s, expected %s" %
                   (label, c, event, fields, exp))
            report(t0 - 1000 <= g["ms"] <= t1 + 1000,
                   "%s: case %d natEvent %d: time %d within %d..%d" %
                   (label, c, event, g["ms"], t0, t1))
        if len(mine) == 2 and {m["event"] for m in mine} == {create, delete}:
            cr = [m for m in mine if m["event"] == create][0]
            de = [m for m in mine if m["event"] == delete][0]
            report(cr["ms"] <= de["ms"] and
                   got.index(cr) < got.index(de),
                   "%s: case %d: create before delete" % (label, c))
    return flows


def check_v5(label, recs, t0, t1, want, lines):
    got = []
    for r in recs:
        got.append(dict(
            src=r["cflow.srcaddr"], dst=r["cflow.dstaddr"],
            sport=int(r["cflow.srcport"]), dport=int(r["cflow.dstport"]),
            nexthop=r["cflow.nexthop"], srcas=int(r["cflow.srcas"]),
            dstas=int(r["cflow.dstas"]), proto=int(r["cflow.protocol"]),
            packets=int(r["cflow.packets"]), octets=int(r["cflow.octets"]),
            flags=int(r["cflow.tcpflags"], 16)))
    report(all(r.get("cflow.timestart") == r.get("cflow.timeend") for r in recs),
           "%s: tshark: first = last in every pseudo-record" % label)
    need = []
    for sport, c, e in want:
        base = dict(src=e["pre_src"], dst=e["post_dst"], sport=sport,
                    dport=e["post_dport"], proto=e["proto"], packets=0,
                    octets=0)
        for flags in (0x12, 0x05):
            if e["pre_src"] != e["post_src"] or sport != e["post_sport"]:
                need.append(dict(base, nexthop=e["post_src"],
                                 srcas=e["post_sport"], dstas=0, flags=flags))
            if e["pre_dst"] != e["post_dst"] or e["dport"] != e["post_dport"]:
                need.append(dict(base, nexthop=e["pre_dst"], srcas=0,
                                 dstas=e["dport"], flags=flags))
    key = lambda d: sorted(d.items())
    report(sorted(map(key, got)) == sorted(map(key, need)),
           "%s: tshark: the %d pseudo-records expected, and nothing else "
           "(got %d)" % (label, len(need), len(got)))
    for n in need:
        if n not in got:
            print("# missing %s" % n)
    for g in got:
        if g not in need:
            print("# unexpected %s" % g)
    check_nfdump_v5(label, lines, need)


# nfdump 1.7.1 names natEvent 1 and 2 as NSEL events; RFC 8158's 4 and 5
# it does not know (docs/natevents.md)
NFDUMP_EVENT = {1: "ADD", 2: "DELETE", 4: "UNKNOW", 5: "UNKNOW"}
NFDUMP_FLAGS = {0x12: "...A..S.", 0x05: ".....R.F"}


def check_nfdump_templated(label, lines, create, delete, want):
    nel = [ln for ln in lines if ln[6] != "0.0.0.0"]
    report(len(nel) == 2 * len(want), "%s: nfdump: %d NAT event records, "
           "expected %d" % (label, len(nel), 2 * len(want)))
    for sport, c, e in want:
        exp = sorted([NFDUMP_EVENT[create], NFDUMP_EVENT[delete]])
        row = [str(e["proto"]), e["pre_src"], e["pre_dst"], str(sport),
               str(e["dport"]), e["post_src"], e["post_dst"],
               str(e["post_sport"]), str(e["post_dport"]), "0"]
        mine = [ln for ln in nel if ln[4] == str(sport)]
        if c == 6:
            # nfdump shows an ICMP record's pre-NAT ports as 0 and 0.0: it
            # looks for type and code in elements this record has not
            mine = [ln for ln in nel if ln[1] == "1"]
            row[3:5] = ["0", "0.0"]
        report(sorted(ln[0] for ln in mine) == exp and
               all(ln[1:11] == row for ln in mine),
               "%s: nfdump: case %d: %s, expected %s %s" %
               (label, c, mine, exp, row))


def check_nfdump_v5(label, lines, need):
    got = sorted((ln[1], ln[2], ln[3], ln[4], ln[5], ln[10], ln[12], ln[13],
                  ln[14], ln[11] if ln[1] == "6" else "") for ln in lines)
    exp = sorted((str(n["proto"]), n["src"], n["dst"], str(n["sport"]),
                  str(n["dport"]), "0", n["nexthop"], str(n["srcas"]),
                  str(n["dstas"]),
                  NFDUMP_FLAGS[n["flags"]] if n["proto"] == 6 else "")
                 for n in need)
    report(got == exp, "%s: nfdump: the pseudo-records, and nothing else" %
           label)
    if got != exp:
        print("# nfdump got %s\n# expected %s" % (got, exp))


def nfdump_lines(out, port):
    with open("%s/c%s/nfdump.txt" % (out, port)) as f:
        # skips "No matching flows" of a file nfcapd rotated in empty
        return [ln for ln in (line.strip().split("|") for line in f)
                if len(ln) == 15]


def main(argv):
    out = argv[1]
    with open(out + "/tshark.json") as f:
        data = json.load(f)
    args = argv[2:]
    while args:
        label, port, t0, t1, create, delete, sent = args[:7]
        args = args[7:]
        t0, t1, create, delete = int(t0), int(t1), int(create), int(delete)
        want = expected(sent)
        recs = records(data, port)
        lines = nfdump_lines(out, port)
        check_sequence(label, data, port)
        print("# %s: %d records (tshark), %d lines (nfdump)" %
              (label, len(recs), len(lines)))
        for line in lines:
            print("# nfdump %s" % "|".join(line))
        if label == "v5":
            check_v5(label, recs, t0, t1, want, lines)
            continue
        flows = check_templated(label, recs, t0, t1, create, delete, want)
        check_nfdump_templated(label, lines, create, delete, want)
        if label == "v9":
            fwd = [r for r in flows if r.get("cflow.srcaddr") == "10.1.0.2"
                   and int(r.get("cflow.srcport", 0)) in
                   {s for s, c, _ in want if c != 6}]
            report(len(fwd) == len([c for _, c, _ in want if c != 6]),
                   "%s: natevents=1 exports the flows as well (%d)" %
                   (label, len(fwd)))
        else:
            report(not flows, "%s: no flow records without a NETFLOW rule" %
                   label)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
