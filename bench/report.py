#!/usr/bin/env python3
"""bench/report.py - turn bench/guest.sh's raw.txt into the side-by-side
table (text) and results.json. Medians throughout: under TCG single
numbers are noisy, and only ratios within one run mean anything.

usage: report.py [--deb NAME] [--txt FILE] [--json FILE] RAW
"""
import argparse
import json
import re
import statistics
import sys
from collections import defaultdict

MODS = ("ours", "inc")
# optional variants (bench/guest.sh BASE_KO, FULL_PARAMS): ours at an older
# revision, and ours with its optional features on
EXTRA = ("base", "full")
NAMES = {"ours": "ours", "inc": "incumbent", "base": "ours@base", "full": "ours+feat"}


def words(line):
    """key=value words of a line (the rest is ignored)"""
    return dict(w.split("=", 1) for w in line.split() if "=" in w)


def tagdict(tag):
    return dict(w.split("=", 1) for w in tag.split(",")[1:])


def median(xs):
    return statistics.median(xs) if xs else None


def quartiles(xs):
    """first and third quartile (None for fewer than 4 values)"""
    if len(xs) < 4:
        return None
    q = statistics.quantiles(xs, n=4)
    return [q[0], q[2]]


def parse(path):
    d = {
        "env": {}, "modules": {}, "passes": defaultdict(list),
        "populate": defaultdict(list), "mem": defaultdict(dict),
        "storm_mem": {}, "fwd": defaultdict(lambda: defaultdict(dict)),
        "fwd_state": [], "fwd_warmup": {}, "unload_us": [], "progress": [],
        "complete": False,
    }
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("env "):
            d["env"] = words(line)
        elif line.startswith("module "):
            w = words(line)
            d["modules"][w["which"]] = w
        elif line.startswith("mem "):
            w = words(line.replace(":", ""))
            tag = w["tag"]
            t = tagdict(tag)
            key = "post" if " post:" in line else "pre"
            d["mem"][tag][key] = w
            d["mem"][tag]["tagd"] = t
        elif line.startswith("unload "):
            d["unload_us"].append(int(words(line)["us"]))
        elif line.startswith("fwd-warmup "):
            w = words(line)
            d["fwd_warmup"][(w["mod"], w["flows"])] = int(w["us"])
        elif line.startswith("fwd-state "):
            d["fwd_state"].append(line)
        elif line.startswith("progress "):
            d["progress"].append(words(line))
        elif line == "end":
            d["complete"] = True
        elif line.startswith("tag=fwd,"):
            w = words(line)
            t = tagdict(w["tag"])
            pps = int(w["pkts"]) / (int(w["us"]) / 1e6)
            d["fwd"][(t["mod"], t["flows"])][int(w["win"])][w["cfg"]] = pps
        elif line.startswith("tag="):
            w = words(line)
            t = tagdict(w["tag"])
            kind = w["tag"].split(",")[0]
            key = (kind, t["mod"], t["hs"], t["flows"])
            if "pass" in w:
                p = int(w["pkts"])
                rec = {
                    "round": int(t["round"]),
                    # whole pass: every batch, however the host treated it
                    "target_mean": int(w["target_ns"]) / p,
                    "base_mean": int(w["base_ns"]) / p,
                }
                if int(w.get("target_batch_ns", 0)) and int(w.get("base_batch_ns", 0)):
                    # median batch of the pass: robust to descheduled batches
                    bsz = int(w["batch"])
                    rec["target"] = int(w["target_batch_ns"]) / bsz
                    rec["base"] = int(w["base_batch_ns"]) / bsz
                else:
                    rec["target"], rec["base"] = rec["target_mean"], rec["base_mean"]
                d["passes"][key].append(rec)
            elif "populate" in line:
                d["populate"][key].append(int(w["ns"]) / int(w["flows"]))
    return d


def direct_table(d):
    """per (kind, hs, flows): medians for both modules and their ratio"""
    rows = []
    cases = sorted({(k[0], k[2], k[3]) for k in d["passes"]},
                   key=lambda c: (c[1] != "1048576", c[0] == "storm",
                                  int(c[2]) if c[2].isdigit() else 0))
    for kind, hs, flows in cases:
        row = {"kind": kind, "hashsize": hs, "flows": flows}
        per_round = {}
        for m in MODS + tuple(x for x in EXTRA if x in d["modules"]):
            ps = d["passes"].get((kind, m, hs, flows), [])
            rounds = defaultdict(list)
            for p in ps:
                rounds[p["round"]].append(p)
            # one number per load (median of its passes), then the median
            # of the loads: a load is the unit of TCG's noise
            per_round[m] = {r: median([p["target"] - p["base"] for p in v]) for r, v in rounds.items()}
            row[m] = {
                "loads": len(rounds),
                "passes": len(ps),
                "added_ns": median(list(per_round[m].values())),
                "added_ns_per_load": [per_round[m][r] for r in sorted(per_round[m])],
                "added_ns_all_passes": median([p["target"] - p["base"] for p in ps]),
                "added_ns_whole_pass": median([p["target_mean"] - p["base_mean"] for p in ps]),
                "target_ns": median([p["target"] for p in ps]),
                "base_ns": median([p["base"] for p in ps]),
                "target_over_base": median([p["target"] / p["base"] for p in ps]),
                "populate_ns_per_flow": median(d["populate"].get((kind, m, hs, flows), [])),
            }
        a, b = row["ours"]["added_ns"], row["inc"]["added_ns"]
        row["ratio"] = a / b if a is not None and b else None
        rr = [per_round["ours"][r] / per_round["inc"][r]
              for r in per_round["ours"] if r in per_round["inc"] and per_round["inc"][r]]
        row["ratio_per_round"] = sorted(rr)
        for x in EXTRA:
            if x in row:
                a, b = row["ours" if x == "base" else x]["added_ns"], row["base" if x == "base" else "ours"]["added_ns"]
                row[x + "_ratio"] = a / b if a is not None and b else None
        rows.append(row)
    return rows


def memory_table(d):
    """bytes per active flow from the slab deltas of the largest warm run
    (median over the loads that ran it)"""
    recs = defaultdict(list)
    for tag, m in d["mem"].items():
        t = m["tagd"]
        if not tag.startswith("warm") or "pre" not in m or "post" not in m:
            continue
        n = int(m["pre"]["new"])
        pre, post = m["pre"], m["post"]
        dobj = int(post["objects"]) - int(pre["objects"])
        dslabs = int(post["slabs"]) - int(pre["slabs"])
        slab_bytes = 4096 << int(post["order"])
        buckets = int(post["buckets"] or 0)
        active = int(post["active"] or 0)
        rec = {
            "cache": post["cache"], "merged_into": post["alias"],
            "object_size": int(post["object_size"]),
            "slab_size": int(post["slab_size"]),
            "objs_per_slab": int(post["objs_per_slab"]),
            "new_flows": n, "delta_objects": dobj, "delta_slabs": dslabs,
            "active_flows": active, "buckets": buckets,
            "slab_bytes_per_flow": dslabs * slab_bytes / n,
            "objsize_x_delta_per_flow": int(post["slab_size"]) * dobj / n,
            "bucket_bytes_per_flow": buckets * 8 / active if active else 0.0,
        }
        rec["bytes_per_flow"] = rec["slab_bytes_per_flow"] + rec["bucket_bytes_per_flow"]
        recs[(t["mod"], t["hs"], n)].append(rec)
    out = {}
    for (m, hs, n), rs in recs.items():
        if (m, hs) in out and out[(m, hs)]["new_flows"] >= n:
            continue
        rec = dict(rs[0])
        for k in ("delta_objects", "delta_slabs", "active_flows", "slab_bytes_per_flow",
                  "objsize_x_delta_per_flow", "bucket_bytes_per_flow", "bytes_per_flow"):
            rec[k] = median([r[k] for r in rs])
        rec["loads"] = len(rs)
        out[(m, hs)] = rec
    return out


def fwd_table(d):
    rows = []
    for (m, flows), wins in sorted(d["fwd"].items(), key=lambda x: (x[0][1] != "1", x[0][0] != "ours")):
        full = [w for w in wins.values() if all(c in w for c in ("none", "accept", "netflow"))]
        row = {
            "mod": m, "flows": flows, "windows": len(full),
            "pps": {c: median([w[c] for w in full]) for c in ("none", "accept", "netflow")},
            "netflow_over_accept": median([w["netflow"] / w["accept"] for w in full]),
            "netflow_over_accept_iqr": quartiles([w["netflow"] / w["accept"] for w in full]),
            "netflow_over_none": median([w["netflow"] / w["none"] for w in full]),
            "accept_over_none": median([w["accept"] / w["none"] for w in full]),
            "added_ns_vs_none": median([1e9 / w["netflow"] - 1e9 / w["none"] for w in full]),
            "added_ns_vs_accept": median([1e9 / w["netflow"] - 1e9 / w["accept"] for w in full]),
            "warmup_us": d["fwd_warmup"].get((m, flows)),
        }
        rows.append(row)
    return rows


def fmt(x, nd=0):
    if x is None:
        return "-"
    return f"{x:.{nd}f}"


def verdict(ok):
    return "met" if ok else "NOT met"


def case_name(r):
    if r["kind"] == "storm":
        return "new-flow storm"
    n = int(r["flows"])
    return "1 flow" if n == 1 else (f"{n // 1000000}M flows" if n >= 1000000 and n % 1000000 == 0
                                    else (f"{n // 1000}k flows" if n % 1000 == 0 else f"{n} flows"))


def render(d, direct, mem, fwd, deb, ours_rev=None, platform="qemu", base_rev=None):
    L = []
    env = d["env"]
    L.append("ipt-netflow benchmark: ours vs the incumbent (issue 3 item 8)")
    if platform == "uml":
        L.append(f"User-Mode Linux: kernel {env.get('kernel', '?')}, {env.get('cpus', '?')} CPU, "
                 f"{int(env.get('mem_kb', 0)) // 1024} MiB; kernel code at the host CPU's native speed "
                 "(bench/uml-run)")
    else:
        L.append(f"guest: kernel {env.get('kernel', '?')}, {env.get('cpus', '?')} vCPUs, "
                 f"{int(env.get('mem_kb', 0)) // 1024} MiB, QEMU TCG: absolute ns are inflated; compare ratios")
    extra = [x for x in EXTRA if x in d["modules"]]
    for m in MODS + tuple(extra):
        mi = d["modules"].get(m, {})
        what = {
            "ours": f"build/module/ipt_NETFLOW.ko (ipt-netflow-dkms/ at {ours_rev or '?'})",
            "inc": f"{deb or 'iptables-netflow-dkms'} (built out of tree, DKMS options)",
            "base": f"ipt-netflow-dkms/ at {base_rev or '?'}, for comparison with this revision",
            "full": "ours loaded with " + mi.get("params", "?").replace(",", " "),
        }[m]
        L.append(f"  {NAMES[m]:<9} version {mi.get('version', '?'):<6} srcversion {mi.get('srcversion', '?')}  {what}")
    if not d["complete"]:
        L.append("  WARNING: the guest run did not finish; these are partial results")
    L.append("")
    L.append("1. Direct cost of the target: ns per packet added over the no-op MARK target")
    L.append(f"   (per load: median over {env.get('passes', '?')} paired passes of the median batch; then the median over")
    L.append(f"   {env.get('rounds', '?')} loads per module; warm = every flow already in the cache; both modules loaded with")
    L.append("   inactive_timeout=3600 maxflows=0; per-load ours/inc = range over the rounds, ours and incumbent loaded back to back)")
    hdr = f"   {'hashsize':<9} {'case':<15} {'ours':>7} {'incumb.':>8} {'ours/inc':>9}  {'per-load ours/inc':<17} {'ours/MARK':>9} {'inc/MARK':>9} {'MARK':>6}"
    L.append(hdr)
    for r in direct:
        rr = r["ratio_per_round"]
        rng = f"{rr[0]:.2f}-{rr[-1]:.2f}" if rr else "-"
        L.append(f"   {r['hashsize']:<9} {case_name(r):<15} {fmt(r['ours']['added_ns']):>7} {fmt(r['inc']['added_ns']):>8} "
                 f"{fmt(r['ratio'], 2):>9}  {rng:<17} {fmt(r['ours']['target_over_base'], 1):>9} "
                 f"{fmt(r['inc']['target_over_base'], 1):>9} {fmt(r['ours']['base_ns']):>6}")
    pops = [r for r in direct if r["kind"] == "warm" and r["ours"]["populate_ns_per_flow"] and int(r["flows"]) >= 10000]
    if pops:
        L.append("   creating the warm flows (untimed against MARK; ns per new flow, whole target call):")
        for r in pops:
            po, pi = r["ours"]["populate_ns_per_flow"], r["inc"]["populate_ns_per_flow"]
            L.append(f"   {r['hashsize']:<9} {case_name(r):<15} {fmt(po):>7} {fmt(pi):>8} "
                     f"{fmt(po / pi if po and pi else None, 2):>9}")
    if extra:
        L.append("")
        L.append("1b. The same costs, ours against itself: ours@base = an older revision (what features that are")
        L.append("   off must not slow down), ours+feat = optional features on (per-load medians as above)")
        hdr = f"   {'hashsize':<9} {'case':<15} {'ours':>7}"
        for x in extra:
            hdr += f" {NAMES[x]:>10} {('ours/base' if x == 'base' else 'feat/ours'):>9}"
        L.append(hdr)
        for r in direct:
            line = f"   {r['hashsize']:<9} {case_name(r):<15} {fmt(r['ours']['added_ns']):>7}"
            for x in extra:
                line += f" {fmt(r[x]['added_ns']):>10} {fmt(r.get(x + '_ratio'), 2):>9}"
            L.append(line)
    L.append("")
    L.append("2. Memory per active flow (SLUB cache of the flows, after creating the largest warm set)")
    L.append(f"   {'module':<10} {'hashsize':<9} {'cache':<13} {'object':>6} {'slab/flow':>9} {'buckets':>8} {'hash/flow':>9} {'total':>7}")
    for (m, hs), x in sorted(mem.items(), key=lambda k: (k[0][1] != "1048576", k[0][0] != "ours")):
        L.append(f"   {NAMES[m]:<10} {hs:<9} {x['cache']:<13} {x['object_size']:>6} {fmt(x['slab_bytes_per_flow'], 1):>9} "
                 f"{x['buckets']:>8} {fmt(x['bucket_bytes_per_flow'], 1):>9} {fmt(x['bytes_per_flow'], 1):>7}")
    memratio = {}
    for hs in sorted({k[1] for k in mem}):
        if ("ours", hs) in mem and ("inc", hs) in mem:
            o, i = mem[("ours", hs)], mem[("inc", hs)]
            # FLOWS=1 alone (a storm-only run): too few flows to fill a slab
            if not i["slab_bytes_per_flow"] or not i["bytes_per_flow"]:
                continue
            memratio[hs] = {"slab": o["slab_bytes_per_flow"] / i["slab_bytes_per_flow"],
                            "total": o["bytes_per_flow"] / i["bytes_per_flow"]}
            L.append(f"   ours/incumbent at hashsize {hs}: {memratio[hs]['slab']:.2f} (flow objects), "
                     f"{memratio[hs]['total']:.2f} (with the bucket array)")
    L.append("")
    if fwd:
        L.append("3. Forwarding through the guest (pktgen, 64-byte UDP; short windows rotating none/accept/netflow;")
        L.append("   medians of per-rotation ratios; each module measured in its own load with its own no-op windows;")
        L.append("   acc/none should be 1.0: its distance from 1.0 shows the noise)")
        L.append(f"   {'module':<10} {'flows':>8} {'pps none':>9} {'accept':>8} {'netflow':>8} {'nf/accept':>9} {'(IQR)':>11} {'nf/none':>8} {'acc/none':>8} {'added ns':>9} {'windows':>7}")
        for r in fwd:
            q = r["netflow_over_accept_iqr"]
            iqr = f"{q[0]:.2f}-{q[1]:.2f}" if q else "-"
            L.append(f"   {NAMES[r['mod']]:<10} {r['flows']:>8} {fmt(r['pps']['none']):>9} {fmt(r['pps']['accept']):>8} "
                     f"{fmt(r['pps']['netflow']):>8} {fmt(r['netflow_over_accept'], 3):>9} {iqr:>11} {fmt(r['netflow_over_none'], 3):>8} "
                     f"{fmt(r['accept_over_none'], 3):>8} {fmt(r['added_ns_vs_none']):>9} {r['windows']:>7}")
        L.append("")
    # targets
    L.append("4. Targets (issue 3 item 8)")
    targets = []

    def target(text, value, ok, note=""):
        targets.append({"target": text, "value": value, "met": ok, "note": note})
        L.append(f"   [{verdict(ok) if ok is not None else 'n/a':<7}] {text}: {value}{(' ' + note) if note else ''}")

    for hs in sorted({r["hashsize"] for r in direct}, key=lambda h: h != "1048576"):
        rows = [r for r in direct if r["hashsize"] == hs and r["ratio"] is not None]
        big = [r for r in rows if r["kind"] == "warm"]
        big = max(big, key=lambda r: int(r["flows"])) if big else None
        if big:
            target(f"added cost <= 0.5x incumbent at {case_name(big)} (hashsize {hs})",
                   f"{big['ratio']:.2f}x", big["ratio"] <= 0.5)
        st = [r for r in rows if r["kind"] == "storm"]
        if st:
            target(f"added cost <= 0.5x incumbent in the new-flow storm (hashsize {hs})",
                   f"{st[0]['ratio']:.2f}x", st[0]["ratio"] <= 0.5)
        if rows:
            worst = max(rows, key=lambda r: r["ratio"])
            target(f"added cost never above the incumbent's (hashsize {hs})",
                   f"worst {worst['ratio']:.2f}x at {case_name(worst)}", worst["ratio"] <= 1.0)
    for hs, mr in memratio.items():
        target(f"memory per flow <= 0.5x incumbent (hashsize {hs})", f"{mr['total']:.2f}x", mr["total"] <= 0.5,
               f"(flow objects alone {mr['slab']:.2f}x)")
    for r in fwd:
        if r["mod"] != "ours":
            continue
        n = int(r["flows"])
        need = 0.9 if n == 1 else 0.8
        label = "1 flow" if n == 1 else f"{n} flows"
        q = r["netflow_over_accept_iqr"]
        target(f"throughput >= {need}x the no-op rule at {label}", f"{r['netflow_over_accept']:.3f}x",
               r["netflow_over_accept"] >= need,
               f"(per-rotation IQR {q[0]:.2f}-{q[1]:.2f})" if q else "")
    return "\n".join(L) + "\n", targets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--deb")
    ap.add_argument("--ours-rev", help="git revision of ipt-netflow-dkms/ the module was built from")
    ap.add_argument("--base-rev", help="git revision of the base variant, if any")
    ap.add_argument("--txt")
    ap.add_argument("--json")
    ap.add_argument("--platform", choices=("qemu", "uml"), default="qemu",
                    help="where the raw results were measured (the header says so)")
    ap.add_argument("raw")
    a = ap.parse_args()
    d = parse(a.raw)
    direct = direct_table(d)
    mem = memory_table(d)
    fwd = fwd_table(d)
    text, targets = render(d, direct, mem, fwd, a.deb, a.ours_rev, a.platform, a.base_rev)
    sys.stdout.write(text)
    if a.txt:
        with open(a.txt, "w", encoding="utf-8") as f:
            f.write(text)
    if a.json:
        doc = {
            "env": d["env"], "modules": d["modules"], "incumbent_deb": a.deb,
            "ours_rev": a.ours_rev, "platform": a.platform, "base_rev": a.base_rev,
            "complete": d["complete"],
            "direct": direct,
            "memory": [dict(mod=k[0], hashsize=k[1], **v) for k, v in mem.items()],
            "forwarding": fwd, "targets": targets,
            "unload_us": d["unload_us"], "progress": d["progress"],
            "raw_passes": {",".join(k): v for k, v in d["passes"].items()},
        }
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
