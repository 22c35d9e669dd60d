#!/usr/bin/env python3
"""Checks for ci/e2e/fields.sh: the optional fields as tshark decoded them.

  fields_check.py TSHARK_JSON EXPECT
      EXPECT: one check a line, "NAME dport=N [key=value ...]": every data
      record whose destination port is N must carry each key (a tshark
      cflow.* field name without "cflow.", or "set" for the data set id)
      with exactly that value, and there must be at least one such record
      (at least M with "records>=M"). "@key=value" only picks the records
      the check is about. Numbers compare as numbers (0x.. or decimal),
      byte strings without colons.

Prints ok / not ok lines; exits 1 if any failed.
"""
import json
import sys

failures = 0


def report(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        failures += 1


def walk(node, found, set_id=None):
    """Every 'Flow N' dict, with the id of the data set it is in."""
    if isinstance(node, dict):
        set_id = node.get("cflow.flowset_id", set_id)
        for key, value in node.items():
            if key.startswith("Flow ") and isinstance(value, dict):
                rec = dict(value)
                rec["set"] = set_id
                found.append(rec)
            else:
                walk(value, found, set_id)
    elif isinstance(node, list):
        for item in node:
            walk(item, found, set_id)


def records(path):
    with open(path) as f:
        data = json.load(f)
    found = []
    for frame in data:
        cflow = frame["_source"]["layers"].get("cflow")
        if cflow is not None:
            walk(cflow, found)
    return [r for r in found if "cflow.dstport" in r]


def norm(v):
    if isinstance(v, list):
        v = v[0]
    v = str(v)
    try:
        return int(v, 0)
    except ValueError:
        return v.replace(":", "").lower()


def main(argv):
    recs = records(argv[1])
    with open(argv[2]) as f:
        for line in f:
            words = line.split()
            if not words or words[0].startswith("#"):
                continue
            name, want = words[0], dict(w.split("=", 1) for w in words[1:])
            minimum = int(want.pop("records>", "1"))
            dport = want.pop("dport")
            mine = [r for r in recs if norm(r["cflow.dstport"]) == int(dport)]
            for key in [k for k in want if k.startswith("@")]:
                value = want.pop(key)
                field = key[1:] if key == "@set" else "cflow." + key[1:]
                mine = [r for r in mine if norm(r.get(field, "missing")) == norm(value)]
            report(len(mine) >= minimum,
                   "%s: %d records to port %s (at least %d)" % (name, len(mine), dport, minimum))
            for key, value in want.items():
                field = key if key == "set" else "cflow." + key
                got = sorted({str(r.get(field)) for r in mine})
                report(mine and all(norm(r.get(field, "missing")) == norm(value) for r in mine),
                       "%s: %s = %s (tshark: %s)" % (name, key, value, ", ".join(got)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
