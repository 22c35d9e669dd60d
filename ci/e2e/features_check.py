#!/usr/bin/env python3
"""Checks for ci/e2e/features.sh (snmp-rules and sampler on the wire).

  features_check.py split TSHARK_JSON OUTDIR
      one tshark-PORT.json per UDP destination port of the capture
  features_check.py snmp EXPECT NFDUMP_TXT TSHARK_JSON
      EXPECT: "sport in out rules" a line; every record of that source
      port must carry those interface indexes, in both decoders
  features_check.py sampler OUT MODE DPORT PORT [--predict-in P,..]
                    [--predict-out P,..] [MODE DPORT PORT ...]
      one sampler phase each: OUT/sampler/{sent,rule,proc-before,
      proc-after}-DPORT.txt, OUT/cPORT/nfdump.txt, OUT/tshark-PORT.json

NFDUMP_TXT: nfdump -q -N -o 'fmt:%pr|%sa|%da|%sp|%dp|%in|%out|%pkt|%byt'
with blanks removed. Prints ok / not ok lines; exits 1 if any failed.
"""
import json
import os
import re
import sys

failures = 0


def report(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        failures += 1


def walk(node, found):
    """Every 'pdu N' / 'Flow N' dict under node, in order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if (key.startswith("Flow ") or key.startswith("pdu ")) and \
                    isinstance(value, dict):
                found.append(value)
            else:
                walk(value, found)
    elif isinstance(node, list):
        for item in node:
            walk(item, found)


def frames(path):
    """(cflow layer, data records with a protocol) per datagram."""
    with open(path) as f:
        data = json.load(f)
    result = []
    for frame in data:
        cflow = frame["_source"]["layers"].get("cflow")
        if cflow is None:
            continue
        recs = []
        walk(cflow, recs)
        result.append((cflow, [r for r in recs if "cflow.protocol" in r]))
    return result


def nfdump_records(path):
    recs = []
    with open(path) as f:
        for line in f:
            cols = line.strip().split("|")
            if len(cols) != 9:
                continue
            recs.append(dict(proto=cols[0], src=cols[1], dst=cols[2],
                             sport=int(cols[3]), dport=int(float(cols[4])),
                             inif=int(cols[5]), outif=int(cols[6]),
                             packets=int(cols[7]), bytes=int(cols[8])))
    return recs


def split(path, outdir):
    with open(path) as f:
        data = json.load(f)
    ports = {}
    for frame in data:
        udp = frame["_source"]["layers"].get("udp", {})
        ports.setdefault(udp.get("udp.dstport", "none"), []).append(frame)
    for port, fr in ports.items():
        with open(os.path.join(outdir, "tshark-%s.json" % port), "w") as f:
            json.dump(fr, f)
    return 0


def snmp(expect_path, nfdump_path, tshark_path):
    expect = []
    with open(expect_path) as f:
        for line in f:
            sport, inif, outif = (int(x) for x in line.split()[:3])
            rules = " ".join(line.split()[3:])
            expect.append((sport, inif, outif, rules))
    nf = nfdump_records(nfdump_path)
    ts = []
    for _, recs in frames(tshark_path):
        for r in recs:
            ts.append(dict(sport=int(r["cflow.srcport"]),
                           inif=int(r["cflow.inputint"]),
                           outif=int(r["cflow.outputint"])))
    for name, recs in (("nfdump", nf), ("tshark", ts)):
        for sport, inif, outif, rules in expect:
            got = sorted({(r["inif"], r["outif"]) for r in recs
                          if r["sport"] == sport})
            report(got == [(inif, outif)],
                   "snmp-rules '%s': %s: flow from port %d has in/out %s, "
                   "expected %d/%d" % (rules, name, sport, got, inif, outif))
        others = [r for r in recs if r["sport"] not in
                  {e[0] for e in expect}]
        report(not others, "snmp-rules: %s: no other flows %s" %
               (name, others[:2]))
    return 0


def read_proc(path):
    with open(path) as f:
        text = f.read()
    m = re.search(r"Flows selected (\d+), discarded (\d+)\. "
                  r"Pkts selected (\d+), discarded (\d+)\.", text)
    return [int(x) for x in m.groups()] if m else None


def sampler_phase(out, mode, dport, port, predict_in, predict_out):
    label = "sampler %s" % mode
    sent = {}
    with open(os.path.join(out, "sampler", "sent-%d.txt" % dport)) as f:
        for line in f:
            sport, n = (int(x) for x in line.split())
            sent[sport] = n
    total = sum(sent.values())
    flows = len(sent)
    with open(os.path.join(out, "sampler", "rule-%d.txt" % dport)) as f:
        rule = int(f.read().strip() or -1)
    report(rule == total, "%s: iptables counted %d packets of %d flows, "
           "%d sent" % (label, rule, flows, total))
    kind, _, n = mode.partition(":")
    n = int(n) if n else 0
    algo = {"deterministic": 1, "random": 2, "hash": 2}.get(kind, 0)

    nf = [(r["sport"], r["packets"]) for r in
          nfdump_records(os.path.join(out, "c%d" % port, "nfdump.txt"))
          if r["dport"] == dport]
    ts, headers = [], []
    tpath = os.path.join(out, "tshark-%d.json" % port)
    for cflow, recs in (frames(tpath) if os.path.exists(tpath) else []):
        headers.append((cflow.get("cflow.version"),
                        cflow.get("cflow.samplingmode"),
                        cflow.get("cflow.samplerate")))
        ts += [(int(r["cflow.srcport"]), int(r["cflow.packets"]))
               for r in recs if int(r["cflow.dstport"]) == dport]
    report(bool(headers) and all(h == ("5", str(algo), str(n)) for h in headers),
           "%s: tshark: every v5 header (%d) has sampling mode %d, interval %d "
           "(field %d = mode << 14 | N) %s" % (label, len(headers), algo, n,
                                              algo << 14 | n,
                                              sorted(set(headers))[:3]))
    # nfdump scales v5 counters by the interval the header announces
    scale = n if n > 1 else 1
    for name, recs, k in (("nfdump", nf, scale), ("tshark", ts, 1)):
        sports = [r[0] for r in recs]
        report(len(sports) == len(set(sports)),
               "%s: %s: no flow exported twice" % (label, name))
        bad = [r for r in recs if r[0] not in sent or r[1] != sent[r[0]] * k]
        report(not bad, "%s: %s: every exported flow is whole, with all its "
               "packets%s (%d flows) %s" % (label, name,
                                           " x %d" % k if k > 1 else "",
                                           len(recs), bad[:3]))
    report(sorted(nf) == sorted((s, p * scale) for s, p in ts),
           "%s: nfdump and tshark saw the same flows" % label)
    exported = {s for s, _ in ts}
    kept = len(exported)
    kept_pkts = sum(sent.get(s, 0) for s in exported)
    before = read_proc(os.path.join(out, "sampler", "proc-before-%d.txt" % dport))
    after = read_proc(os.path.join(out, "sampler", "proc-after-%d.txt" % dport))
    if kind == "off":
        report(kept == flows, "%s: all %d flows exported (%d)" %
               (label, flows, kept))
        return
    if before is None or after is None:
        report(False, "%s: /proc shows the sampler line with counters" % label)
        return
    fs, fd, ps, pd = (a - b for a, b in zip(after, before))
    if kind == "deterministic":
        report(kept == flows // n, "%s: exactly %d of %d flows exported (%d)"
               % (label, flows // n, flows, kept))
        report(set(predict_in) <= exported and
               not set(predict_out) & exported,
               "%s: flows from ports %s exported, %s not (exported: %s)" %
               (label, predict_in, predict_out, sorted(exported)))
        report((fs, fd) == (flows // n, flows - flows // n),
               "%s: /proc: flows selected %d, discarded %d (expected %d, %d)"
               % (label, fs, fd, flows // n, flows - flows // n))
    elif kind == "random":
        # binomial(40, 1/4): mean 10, below 1 or above 21 with p < 1e-4
        hi = flows // n + 4 * int((flows / n * (1 - 1 / n)) ** 0.5 + 1)
        report(1 <= kept <= hi, "%s: %d of %d flows exported, in 1..%d" %
               (label, kept, flows, hi))
        report(fs == kept and fs + fd == flows,
               "%s: /proc: flows selected %d (exported %d) + discarded %d = "
               "%d flows" % (label, fs, kept, fd, flows))
    elif kind == "hash":
        hi = flows // n + 4 * int((flows / n * (1 - 1 / n)) ** 0.5 + 1)
        report(1 <= kept <= hi, "%s: %d of %d flows exported, in 1..%d" %
               (label, kept, flows, hi))
    report(ps == kept_pkts and ps + pd == total,
           "%s: /proc: packets selected %d (exported %d) + discarded %d = "
           "%d counted by the rule" % (label, ps, kept_pkts, pd, total))


def sampler(argv):
    out, args = argv[0], argv[1:]
    while args:
        mode, dport, port = args[0], int(args[1]), int(args[2])
        args = args[3:]
        predict_in, predict_out = [], []
        while args and args[0].startswith("--predict-"):
            ports = [int(x) for x in args[1].split(",")]
            if args[0] == "--predict-in":
                predict_in = ports
            else:
                predict_out = ports
            args = args[2:]
        sampler_phase(out, mode, dport, port, predict_in, predict_out)
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "split":
        return split(argv[2], argv[3])
    if cmd == "snmp":
        snmp(argv[2], argv[3], argv[4])
    elif cmd == "sampler":
        sampler(argv[2:])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
