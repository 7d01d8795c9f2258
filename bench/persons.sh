#!/usr/bin/env bash
# Benchmark incremental `museum persons`: a registry over BASE records, then ADD more records of
# the same seeded `museum synth` archive; the incremental run (with the person index
# `persons.index` the first run wrote, and without it) against a full `museum dedup` of the grown
# archive on the same machine: wall time, CPU time and peak memory of each.
#
#   bench/persons.sh                          # 1,000,000 + 10,000 records
#   BASE=200000 ADD=2000 bench/persons.sh
#   NO_INDEX=0 bench/persons.sh               # skip the run without the index (long at 1M)
#
# Target (issue 15): the incremental run takes at most 25 % of the full `museum dedup`. The
# incremental run writes its registry and index (a dry run first, then the real one); at the
# end its persons are compared with the clusters of the full `museum dedup`: pairwise F1 and
# the share of full-run clusters that are exactly one person.
# Builds a release binary without polars. Honours CARGO_TARGET_DIR. Needs GNU time and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${BASE:-1000000}"
ADD="${ADD:-10000}"
SEED="${SEED:-21}"
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET/release/museum"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/museum-persons-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 2; }
cargo build --release -p museum-cli --no-default-features >&2

"$BIN" synth --victims "$((BASE + ADD))" --seed "$SEED" --out "$WORK/all" -q
mkdir "$WORK/archive"
# The first BASE records (a record with two cases has two rows).
python3 - "$WORK/all/victims.csv" "$WORK/archive/victims.csv" "$BASE" <<'PY'
import csv, sys
src, dst, base = sys.argv[1], sys.argv[2], int(sys.argv[3])
r = csv.reader(open(src, newline="", encoding="utf-8"))
w = csv.writer(open(dst, "w", newline="", encoding="utf-8"), lineterminator="\n")
w.writerow(next(r))
n, last = 0, None
for row in r:
    if row[0] != last:
        n, last = n + 1, row[0]
    if n <= base:
        w.writerow(row)
PY

exec 3>&1
# Wall, CPU (user + system) and peak memory of a command; the wall seconds are kept for the
# ratio below.
run() {
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@"
    read -r wall user sys rss < "$WORK/time"
    echo "  wall $wall s, CPU $(python3 -c "print(round($user + $sys, 2))") s, peak memory $rss KB" >&3
    LAST="$wall"
    LAST_CPU="$(python3 -c "print($user + $sys)")"
}
echo "== registry and person index of $BASE records (museum persons --full)"
run "$BIN" persons "$WORK/archive" --full --no-decisions -v > /dev/null
ls -l "$WORK/archive/persons.csv" "$WORK/archive/persons.index" | awk '{print "  " $5 " bytes  " $9}'
cp "$WORK/all/victims.csv" "$WORK/archive/victims.csv"
echo "== adding $ADD records (museum persons, incremental with the index, --dry-run)"
run "$BIN" persons "$WORK/archive" --no-decisions --dry-run -v > /dev/null
if [ "${NO_INDEX:-1}" != 0 ]; then
    echo "== adding $ADD records without the index (every record keyed, the model fitted; --dry-run)"
    mv "$WORK/archive/persons.index" "$WORK/persons.index"
    run "$BIN" persons "$WORK/archive" --no-decisions --dry-run -v > /dev/null
    mv "$WORK/persons.index" "$WORK/archive/persons.index"
fi
echo "== adding $ADD records (museum persons, incremental with the index, writing registry and index)"
run "$BIN" persons "$WORK/archive" --no-decisions -v > /dev/null
INC="$LAST"; INC_CPU="$LAST_CPU"
echo "== full museum dedup of the $((BASE + ADD)) records"
run "$BIN" dedup "$WORK/archive/victims.csv" --no-decisions --format csv -o "$WORK/clusters.csv" -v
FULL="$LAST"; FULL_CPU="$LAST_CPU"
echo "== incremental / full dedup: $(python3 -c "print(f'{100 * $INC / max($FULL, 0.01):.0f} % of the wall time, {100 * $INC_CPU / max($FULL_CPU, 0.01):.0f} % of the CPU time')") (target: at most 25 %)"
echo "== persons of the incremental run vs the clusters of the full museum dedup"
python3 - "$WORK/archive/persons.csv" "$WORK/clusters.csv" <<'PY'
import csv, sys
from collections import defaultdict
def groups(path, rec, grp):
    g = defaultdict(set)
    for row in csv.DictReader(open(path, newline="", encoding="utf-8")):
        if row[rec]:
            g[row[grp]].add(row[rec])
    return g
persons = groups(sys.argv[1], "record_id", "person_id")
clusters = groups(sys.argv[2], "record_id", "cluster_id")
def pairs(g):
    return {(a, b) for m in g.values() for a in m for b in m if a < b}
p, c = pairs(persons), pairs(clusters)
tp = len(p & c)
prec, rec = tp / max(len(p), 1), tp / max(len(c), 1)
f1 = 2 * prec * rec / max(prec + rec, 1e-12)
same = {frozenset(m) for m in persons.values()} & {frozenset(m) for m in clusters.values()}
print(f"  pairwise F1 {f1:.4f} (precision {prec:.4f}, recall {rec:.4f}); "
      f"{len(same)} of {len(clusters)} full-run clusters are exactly one person "
      f"({100 * len(same) / max(len(clusters), 1):.2f} %)")
PY
