#!/usr/bin/env bash
# Benchmark `museum synth`: wall time, CPU time and peak memory for N records (default one
# million), plus the sizes of the files written. Budget: 1,000,000 records in under 30 s (release
# build) in bounded memory.
#
#   bench/synth.sh                 # 1,000,000 records, seed 1, into a temporary directory
#   N=200000 SEED=7 bench/synth.sh
#   OUT=/tmp/big KEEP=1 bench/synth.sh   # keep the archive for other benchmarks
#
# Honours CARGO_TARGET_DIR. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-1000000}"
SEED="${SEED:-1}"
TARGET="${CARGO_TARGET_DIR:-target}"
BIN="$TARGET/release/museum"
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/museum-synth-bench.XXXXXX")}"

[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (GNU time) is needed" >&2; exit 2; }

echo "== building museum (release)" >&2
cargo build --release --quiet -p museum-cli

rm -rf "$OUT"
LOG="$(mktemp)"
trap 'rm -f "$LOG"; [ -n "${KEEP:-}" ] || rm -rf "$OUT"' EXIT

echo "== museum synth --victims $N --seed $SEED --out $OUT" >&2
/usr/bin/time -v "$BIN" synth --victims "$N" --seed "$SEED" --out "$OUT" 2>"$LOG" >/dev/null || {
    cat "$LOG" >&2
    exit 2
}

field() { grep -F "$1" "$LOG" | head -1 | sed 's/.*: //'; }
WALL="$(field 'Elapsed (wall clock) time')"
USER="$(field 'User time (seconds)')"
SYS="$(field 'System time (seconds)')"
RSS_KB="$(field 'Maximum resident set size (kbytes)')"
# m:ss.cc or h:mm:ss → seconds
SECS="$(echo "$WALL" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
VICTIMS_BYTES="$(stat -c %s "$OUT/victims.csv")"
ROWS="$(($(wc -l <"$OUT/victims.csv") - 1))"

printf 'records              %s\n' "$N"
printf 'csv rows             %s\n' "$ROWS"
printf 'wall time            %s s\n' "$SECS"
printf 'cpu time             %s s user + %s s system\n' "$USER" "$SYS"
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
printf 'peak RSS             %s MiB\n' "$(calc %.1f "$RSS_KB / 1024")"
printf 'throughput           %s records/s\n' "$(calc %.0f "$N / $SECS")"
printf 'victims.csv          %s MiB\n' "$(calc %.1f "$VICTIMS_BYTES / 1048576")"
for f in truth.csv relations.csv defects.csv sources.csv SYNTHETIC.md; do
    printf '%-20s %s bytes\n' "$f" "$(stat -c %s "$OUT/$f")"
done
printf 'cores                %s (load average %s)\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -F 'wrote' "$LOG" >&2 || true
