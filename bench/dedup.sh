#!/usr/bin/env bash
# Benchmark `museum dedup`: quality against the truth of a seeded `museum synth` archive (with
# hard negatives: namesakes, relatives), side by side with Splink on the same file, and speed and
# peak memory on a million records.
#
#   bench/dedup.sh                       # 20,000 records (quality + Splink) and 1,000,000 (scale)
#   QUALITY_N=20000 SCALE_N=200000 bench/dedup.sh
#   SPLINK=0 bench/dedup.sh              # without Splink (no Python needed)
#   SCALE_N=0 bench/dedup.sh             # quality only
#
# Targets: pairwise F1 >= 0.95 and B-cubed F1 >= 0.97 on 20,000 records; a million records in
# under 60 s wall and 4 GB peak memory (release, 2 cores), pairwise F1 above 0.90.
#
# Splink runs in a Python virtual environment under the target directory, created on first use
# with pinned PyPI packages. Honours CARGO_TARGET_DIR. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

QUALITY_N="${QUALITY_N:-20000}"
SCALE_N="${SCALE_N:-1000000}"
SEED="${SEED:-42}"
SPLINK="${SPLINK:-1}"
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET/release/museum"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/museum-dedup-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 2; }

echo "== building museum (release)" >&2
cargo build --release --quiet -p museum-cli

field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
seconds() { echo "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# ---- quality ---------------------------------------------------------------------------------
Q="$WORK/quality"
echo "== museum synth --victims $QUALITY_N --seed $SEED" >&2
"$BIN" synth --victims "$QUALITY_N" --seed "$SEED" --out "$Q" >/dev/null
echo "== museum dedup (quality, with --truth)" >&2
/usr/bin/time -v "$BIN" dedup "$Q/victims.csv" --truth "$Q/truth.csv" --format json \
    -o "$WORK/quality.json" >"$WORK/quality.txt" 2>"$WORK/quality.log" || {
    cat "$WORK/quality.log" >&2
    exit 2
}
QWALL="$(seconds "$(field 'Elapsed (wall clock) time' "$WORK/quality.log")")"
read -r MP MR MF BP BR BF BLR < <(python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))["evaluation"]
p, b = e["pairwise"], e["bcubed"]
print(p["precision"], p["recall"], p["f1"], b["precision"], b["recall"], b["f1"], e["blocking_recall"])
' "$WORK/quality.json")

printf '\n%s records (seed %s)         precision  recall     F1       B3-P     B3-R     B3-F1   time\n' "$QUALITY_N" "$SEED"
printf 'museum dedup (t=0.9)          %.4f     %.4f    %.4f   %.4f   %.4f   %.4f  %5.1f s   (blocking recall %.4f)\n' \
    "$MP" "$MR" "$MF" "$BP" "$BR" "$BF" "$QWALL" "$BLR"

if [ "$SPLINK" != 0 ]; then
    VENV="$TARGET/py-splink"
    if [ ! -x "$VENV/bin/python" ]; then
        echo "== creating $VENV with splink (PyPI)" >&2
        python3 -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        "splink==5.0.0" "duckdb==2.0.1" "pandas==2.3.3" >&2
    echo "== splink on the same file" >&2
    "$VENV/bin/python" bench/splink_dedup.py "$Q/victims.csv" "$Q/truth.csv" 0.9 \
        >"$WORK/splink.json" 2>"$WORK/splink.log" || {
        cat "$WORK/splink.log" >&2
        exit 2
    }
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for label, r in (("splink %s (t=0.9)" % d["splink"], d), ("splink best (t=%s)" % d["best_threshold"]["threshold"], d["best_threshold"])):
    p, b = r["pairwise"], r["bcubed"]
    t = "%5.1f s" % d["seconds"] if r is d else ""
    print("%-29s %.4f     %.4f    %.4f   %.4f   %.4f   %.4f  %s" % (label, p["precision"], p["recall"], p["f1"], b["precision"], b["recall"], b["f1"], t))
' "$WORK/splink.json"
fi

# ---- scale -----------------------------------------------------------------------------------
if [ "$SCALE_N" != 0 ]; then
    S="$WORK/scale"
    echo "== museum synth --victims $SCALE_N --seed $SEED" >&2
    "$BIN" synth --victims "$SCALE_N" --seed "$SEED" --out "$S" >/dev/null
    echo "== museum dedup (speed and memory, no truth)" >&2
    /usr/bin/time -v "$BIN" dedup "$S/victims.csv" --format csv -o "$WORK/scale.csv" -v \
        >"$WORK/scale.txt" 2>"$WORK/scale.log" || {
        cat "$WORK/scale.log" >&2
        exit 2
    }
    SWALL="$(seconds "$(field 'Elapsed (wall clock) time' "$WORK/scale.log")")"
    SRSS="$(field 'Maximum resident set size (kbytes)' "$WORK/scale.log")"
    SUSER="$(field 'User time (seconds)' "$WORK/scale.log")"
    echo "== museum dedup (quality at scale, with --truth)" >&2
    "$BIN" dedup "$S/victims.csv" --truth "$S/truth.csv" --format csv -o "$WORK/scale2.csv" \
        >"$WORK/scale-truth.txt" 2>/dev/null
    printf '\n%s records: wall %s s, cpu %s s, peak RSS %s MiB, %s records/s\n' "$SCALE_N" \
        "$SWALL" "$SUSER" "$(calc %.0f "$SRSS / 1024")" "$(calc %.0f "$SCALE_N / $SWALL")"
    grep -E 'candidate pairs|timings' "$WORK/scale.log" "$WORK/scale.txt" | sed 's/^[^:]*://' || true
    grep -E 'pairwise|B-cubed|blocking recall' "$WORK/scale-truth.txt"
fi
printf '\ncores %s (load average %s)\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
