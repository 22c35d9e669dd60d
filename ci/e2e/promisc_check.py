#!/usr/bin/env python3
"""The promisc counters in the form of /proc/net/stat/ipt_netflow_snmp
("name value" lines, in that file's order), for ci/e2e/promisc.sh and
ci/e2e/snmp.sh to compare that file with:

  promisc_check.py sent OUTDIR ENABLED DEPTH
      what promisc_frames.py sent (OUTDIR/counts.json), with promisc
      ENABLED (0/1) and promisc-mpls DEPTH
  promisc_check.py human [PROC]
      the Promisc line of the human-readable file (default
      /proc/net/stat/ipt_netflow, of the namespace it runs in); nothing
      if there is no such line
"""
import json
import os
import re
import sys

# ipt_netflow_snmp's discard reasons, and promisc_frames.py's names of them
REASONS = [("NotIp", "not_ip"), ("Mpls", "mpls"), ("L2", "l2"),
           ("Truncated", "truncated"), ("Header", "bad_header"),
           ("Checksum", "checksum"), ("Length", "length"), ("Nomem", "nomem")]

HUMAN_RE = re.compile(
    r"^Promisc hack is (enabled|disabled) \(observed (\d+) packets, "
    r"discarded (\d+)\)\. Passed (\d+); discarded: not IP (\d+), MPLS (\d+), "
    r"L2 (\d+), truncated (\d+), bad header (\d+), checksum (\d+), "
    r"length (\d+), no memory (\d+)\. MPLS depth (\d+)\.$", re.M)


def lines(enabled, depth, observed, passed, discarded, reasons):
    out = ["promisc %d" % enabled, "promiscMplsDepth %d" % depth,
           "promiscObserved %d" % observed, "promiscPassed %d" % passed,
           "promiscDiscarded %d" % discarded]
    out += ["promiscDiscard%s %d" % (name, v)
            for (name, _), v in zip(REASONS, reasons)]
    return "\n".join(out)


def sent(outdir, enabled, depth):
    with open(os.path.join(outdir, "counts.json")) as f:
        c = json.load(f)
    reasons = [c.get(k, 0) for _, k in REASONS]
    return lines(enabled, depth, c.get("observed", 0), c.get("passed", 0),
                 sum(reasons), reasons)


def human(path):
    with open(path) as f:
        m = HUMAN_RE.search(f.read())
    if not m:
        return ""
    v = [int(x) for x in m.groups()[1:]]
    return lines(m.group(1) == "enabled", v[11], v[0], v[2], v[1], v[3:11])


def main(argv):
    if len(argv) == 5 and argv[1] == "sent":
        print(sent(argv[2], int(argv[3]), int(argv[4])))
        return 0
    if len(argv) in (2, 3) and argv[1] == "human":
        out = human(argv[2] if len(argv) == 3 else "/proc/net/stat/ipt_netflow")
        if out:
            print(out)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
