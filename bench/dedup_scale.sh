#!/usr/bin/env bash
# Benchmark `museum dedup` at scale: wall time, CPU, peak memory, pairwise quality, blocking
# recall and candidate pairs on seeded `museum synth` archives of several sizes, each run once
# with `--truth` exactly as a user measures quality:
#
#   museum synth --victims N --seed 42 --out D
#   museum dedup D/victims.csv --kind victims --truth D/truth.csv --no-decisions --format json
#
#   bench/dedup_scale.sh                      # 20,000, 250,000 and 1,000,000 records
#   SIZES="1000000" bench/dedup_scale.sh      # one size
#   BIN=/path/to/museum bench/dedup_scale.sh  # another build (no cargo build)
#   PROFILE=multi-source SIZES=20000 bench/dedup_scale.sh
#
# Targets (issue 14): 1,000,000 records pairwise F1 >= 0.95 in <= 30 s wall and <= 3 GB peak on
# 2 cores. The machine may be shared: user + system CPU is the honest number (30 s wall on 2
# cores is about 60 s CPU), and the load average is printed with every line.
#
# Builds the release binary without polars (the `stats` feature is not needed by dedup and takes
# most of a release build). Honours CARGO_TARGET_DIR. Needs GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-20000 250000 1000000}"
SEED="${SEED:-42}"
PROFILE="${PROFILE:-}"
TARGET="${CARGO_TARGET_DIR:-target}"
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 2; }
if [ -z "${BIN:-}" ]; then
    echo "== building museum (release, without polars)" >&2
    cargo build --release --quiet -p museum-cli --no-default-features
    BIN="$TARGET/release/museum"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/museum-dedup-scale.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

field() { grep -F "$1" "$2" | head -1 | sed 's/.*: //'; }
seconds() { echo "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }

printf '%-9s %8s %8s %8s %8s %7s %7s %7s %8s %12s  %s\n' records wall_s user_s sys_s rss_MiB \
    P R F1 block_R pairs load
for N in $SIZES; do
    D="$WORK/synth-$N"
    echo "== museum synth --victims $N --seed $SEED ${PROFILE:+--profile $PROFILE}" >&2
    "$BIN" synth --victims "$N" --seed "$SEED" ${PROFILE:+--profile "$PROFILE"} --out "$D" >/dev/null
    LOAD="$(cut -d' ' -f1 /proc/loadavg)"
    echo "== museum dedup ($N records, with --truth)" >&2
    /usr/bin/time -v "$BIN" dedup "$D/victims.csv" --kind victims --truth "$D/truth.csv" \
        --no-decisions --format json -o "$WORK/dedup-$N.json" -v \
        >"$WORK/dedup-$N.txt" 2>"$WORK/dedup-$N.log" || {
        cat "$WORK/dedup-$N.log" >&2
        exit 2
    }
    WALL="$(seconds "$(field 'Elapsed (wall clock) time' "$WORK/dedup-$N.log")")"
    USER="$(field 'User time (seconds)' "$WORK/dedup-$N.log")"
    SYS="$(field 'System time (seconds)' "$WORK/dedup-$N.log")"
    RSS="$(field 'Maximum resident set size (kbytes)' "$WORK/dedup-$N.log")"
    read -r P R F BR PAIRS < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
e = d["evaluation"]
p = e["pairwise"]
print(p["precision"], p["recall"], p["f1"], e["blocking_recall"], d["blocking"]["candidate_pairs"])
' "$WORK/dedup-$N.json")
    printf '%-9s %8.1f %8.1f %8.1f %8.0f %7.4f %7.4f %7.4f %8.4f %12s  %s-%s\n' "$N" "$WALL" \
        "$USER" "$SYS" "$(awk "BEGIN { print $RSS / 1024 }")" "$P" "$R" "$F" "$BR" "$PAIRS" \
        "$LOAD" "$(cut -d' ' -f1 /proc/loadavg)"
    grep -E 'timings' "$WORK/dedup-$N.log" | sed 's/^[^:]*: /    /' >&2 || true
done
printf 'cores %s\n' "$(nproc)"
