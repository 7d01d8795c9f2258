#!/usr/bin/env python3
"""Recall of `museum validate` on the defects `museum synth --defects` plants.

A planted defect (a row of `defects.csv`: record_id, field, defect, value) counts as found when a
finding names the same record and field. Also counts errors on records without a planted defect
(there should be none).

Usage:
    museum synth --victims 20000 --defects 0.05 --with-archive --seed 7 --out /tmp/bad
    museum validate /tmp/bad --format json --fail-on never > /tmp/bad.json
    bench/recall.py /tmp/bad /tmp/bad.json
"""

import collections
import csv
import json
import sys


def main():
    synth, findings = sys.argv[1], sys.argv[2]
    with open(f"{synth}/defects.csv", encoding="utf-8") as f:
        defects = list(csv.DictReader(f))
    with open(findings, encoding="utf-8") as f:
        report = json.load(f)
    by_record = collections.defaultdict(list)
    for x in report["findings"]:
        by_record[x.get("record_id")].append(x)
    found, total, missed = collections.Counter(), collections.Counter(), []
    for d in defects:
        total[d["defect"]] += 1
        hits = by_record.get(d["record_id"], [])
        if any(x["field"] == d["field"] for x in hits):
            found[d["defect"]] += 1
        else:
            missed.append(d)
    n = sum(found.values())
    print(f"recall {n}/{len(defects)} = {n / max(1, len(defects)):.4f}")
    for kind in sorted(total):
        print(f"  {kind:32} {found[kind]}/{total[kind]}")
    planted = {d["record_id"] for d in defects}
    errors = [
        x for x in report["findings"]
        if x["severity"] == "error" and x.get("record_id") not in planted
    ]
    print(f"errors on records without a planted defect: {len(errors)}",
          dict(collections.Counter(x["code"] for x in errors)))
    for d in missed[:20]:
        print("missed:", d)
    return 0 if n >= 0.95 * len(defects) and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
