#!/usr/bin/env bash
# Benchmark of `museum validate` on a synthetic victims.csv (default 1,000,000 records).
#
# Not a timed test: it prints wall time and peak memory (`/usr/bin/time -v`) of
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
cargo build --release -p museum-cli >&2
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
size=$(du -m "$data" | cut -f1)
echo "file: $data ($size MB, $records records), $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs a command under /usr/bin/time -v; prints wall seconds and peak RSS.
measure() {
    local label="$1"
    shift
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" >"$dir/out.txt" 2>"$log" || true
    local wall rss
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    local cpu
    cpu=$(grep 'Percent of CPU' "$log" | awk '{print $NF}')
    printf '%-34s wall %8s   peak RSS %6d MB   CPU %5s\n' "$label" "$wall" $((rss / 1024)) "$cpu"
    rm -f "$log"
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
