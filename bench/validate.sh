#!/usr/bin/env bash
# Benchmark of `museum validate` on a synthetic victims.csv (default 1,000,000 records).
#
# Not a timed test: it prints the best of BENCH_RUNS (3) runs' wall time, CPU time and peak
# memory (`/usr/bin/time -v`) of
#   1. the raw CSV parse of the same file (the `csv` crate's byte-record loop, the floor),
#   2. `qsv count` / `xsv count` when one of them is installed (a peer tool),
#   3. `museum validate` with all cores and with one thread.
# Budget on the 2-core reference machine: under 2 s wall and 200 MB peak RSS for 1M records.
#
# Usage: bench/validate.sh [RECORDS]      (BENCH_DIR=/tmp/museum-bench by default)
# The data is synthetic (`museum synth` when available, else bench/gen_victims.py), never real.
set -euo pipefail
cd "$(dirname "$0")/.."

records="${1:-1000000}"
dir="${BENCH_DIR:-/tmp/museum-bench}"
target="${CARGO_TARGET_DIR:-target}"
export CARGO_TERM_COLOR=never

echo "== building (release, without polars)" >&2
cargo build --release -p museum-cli --no-default-features >&2
cargo build --release -p museum-core --no-default-features --example csv_count >&2
museum="$target/release/museum"
csv_count="$target/release/examples/csv_count"

mkdir -p "$dir"
data="$dir/victims.csv"
if [[ ! -s "$data" || "$(cat "$dir/records" 2>/dev/null)" != "$records" ]]; then
    echo "== generating $records synthetic records in $data" >&2
    rm -f "$data"
    if "$museum" synth --help >/dev/null 2>&1 \
        && "$museum" synth --victims "$records" --seed 1937 --out "$dir" >&2 \
        && [[ -s "$data" ]]; then
        :
    else
        python3 bench/gen_victims.py "$records" "$data"
    fi
    echo "$records" > "$dir/records"
fi
size=$(du -mL "$data" | cut -f1)
echo "file: $data ($size MB, $records records), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"

runs="${BENCH_RUNS:-3}"

# Runs a command under /usr/bin/time -v $runs times; prints the best wall time with its CPU time
# (user + system), CPU share and peak RSS. On a shared machine the CPU share shows how much of
# the cores the run actually got.
measure() {
    local label="$1"
    shift
    local log best="" line
    log=$(mktemp)
    for _ in $(seq "$runs"); do
        /usr/bin/time -v "$@" >"$dir/out.txt" 2>"$log" || true
        line=$(awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
            /User time/ { u = $2 } /System time/ { s = $2 }
            /Percent of CPU/ { p = $2 } /Maximum resident set size/ { r = $2 }
            END { printf "%.2f %.2f %s %d", w, u + s, p, r / 1024 }' "$log")
        if [[ -z "$best" || $(echo "$line $best" | awk '{print ($1 < $5)}') == 1 ]]; then
            best="$line"
        fi
    done
    rm -f "$log"
    echo "$best" | awk -v l="$label" '{printf "%-34s wall %6.2f s   CPU %6.2f s (%5s)   peak RSS %5d MB\n", l, $1, $2, $3, $4}'
}

measure "raw parse (csv crate ByteRecord)" "$csv_count" "$data"
for peer in qsv xsv; do
    if command -v "$peer" >/dev/null; then
        measure "$peer count" "$peer" count "$data"
    fi
done
measure "museum validate (all cores)" "$museum" validate "$data" --format json --fail-on never
summary=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["records"], "records,", s["errors"], "errors,", s["warnings"], "warnings,", s["infos"], "infos")' "$dir/out.txt" 2>/dev/null || echo "?")
measure "museum validate (1 thread)" "$museum" validate "$data" --format json --fail-on never -j 1
echo "findings: $summary"
