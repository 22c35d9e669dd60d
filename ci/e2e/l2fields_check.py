#!/usr/bin/env python3
"""Checks for ci/e2e/l2fields.sh: MPLS label stacks as tshark decoded them.

  l2fields_check.py TSHARK_JSON < EXPECT
      EXPECT: one check a line, "NAME DPORT SET PACKETS LABEL...", each
      LABEL "label/exp/bos" of the template's label stack sections in
      order: there must be a data record of set SET to port DPORT with
      exactly those sections, and every such record must count PACKETS.

Prints ok / not ok lines; exits 1 if any failed.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fields_check import records, report  # noqa: E402
import fields_check  # noqa: E402

LABEL_KEY = re.compile(r"MPLS-Label(\d+):")


def stack(rec):
    """The label sections of a record, in order, as "label/exp/bos"."""
    found = []
    for key, sub in rec.items():
        m = LABEL_KEY.match(key)
        if m and isinstance(sub, dict):
            found.append((int(m.group(1)), "%s/%s/%s" % (
                sub.get("cflow.mpls_label"), sub.get("cflow.mpls_exp"),
                sub.get("cflow.mpls_bos"))))
    return [s for _, s in sorted(found)]


def main(argv):
    recs = records(argv[1])
    for line in sys.stdin:
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        name, dport, set_id, packets, labels = (words[0], words[1], int(words[2]),
                                                int(words[3]), words[4:])
        mine = [r for r in recs if str(r.get("cflow.dstport")) == dport and
                int(r["set"]) == set_id and stack(r) == labels]
        report(bool(mine), "%s: a record of set %d to port %s with labels %s" %
               (name, set_id, dport, " ".join(labels)))
        got = sorted(int(r.get("cflow.packets", -1)) for r in mine)
        report(mine and all(p == packets for p in got),
               "%s: packets = %d (tshark: %s)" % (name, packets, got))
    return 1 if fields_check.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
