#!/usr/bin/env bash
# National scale (issue 19): time, CPU and peak memory of `museum validate`, `museum dedup`,
# `museum report --no-dedup` and `museum report` (deduplicated) on synthetic lists of 250,000, 1,000,000 and 5,000,000 victims, and
# the floor they are compared with: a raw csv-core parse of the same file.
#
# Not a timed test: it prints a table; the numbers go in notes and reviews. Two lists per size,
# written once to $OUT (git-ignored), both synthetic (no real person):
#   synth     `museum synth --victims N --seed 1` (persons written several times, in several
#             scripts: the list deduplication is measured on; ~520 bytes a record);
#   archival  `bench/gen_report_victims.py --rows N --seed 1937` (dates as archives write them,
#             a little noise: ~260 bytes a record).
#
#   bench/scale.sh                         # 250k, 1M, 5M; builds a release binary without polars
#   bench/scale.sh 250000 1000000          # some sizes only
#   MUSEUM=/path/to/museum bench/scale.sh  # an existing binary (no build)
#   COMMANDS="validate" bench/scale.sh     # some commands only (validate dedup report)
#   RAW=/path/to/csv_core_count bench/scale.sh  # an existing raw-parse example (no build)
#
# `report` needs the statistics (polars) build; with a binary built without them (the default
# here: a polars release build takes ~20 minutes on 2 cores) the report rows say "skipped".
# Targets at 1M (issue 19): validate ≤ 1.0 s wall and ≤ 2× the CPU of the raw parse, ≤ 100 MB
# whatever the number of findings; report ≤ 4 s without deduplication, ≤ 30 s and ≤ 2 GB with
# it; at 5M, time and memory about 5× those at 1M (the growth ratios are printed at the end).
#
# Last measured (release build with polars, synth lists, load 13-17; see README.md for the
# whole table): 1M -> 5M, CPU / peak memory:
#   validate --format json   4.2 s / 85 MiB    -> 21.6 s / 245 MiB     (5.1x / 2.9x)
#   report --no-dedup        17.6 s / 377 MiB  -> 98.0 s / 1,523 MiB   (5.6x / 4.0x)
#   report --no-dedup, then  13.5 s / 320 MiB  -> 76.5 s / 930 MiB     (5.7x / 2.9x; load 10-19)
#   report --no-dedup, mimalloc 9.0 s / 368 MiB   -> 45.5 s / 958 MiB     (5.0x / 2.6x; allocator not kept; load 13-25)
#   dedup (without polars, machine nearly idle; 1,010,000 -> 5,000,000 records)
#                            98.2 s / 1.84 GB  -> 729 s / 9.0 GB       (7.4x / 4.9x; pairs 6.8x)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-bench-out}
COMMANDS=${COMMANDS:-validate dedup report}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(250000 1000000 5000000)
mkdir -p "$OUT"
# This run's own scratch files (two runs may share $OUT: each times its own commands).
scratch=$(mktemp -d "$OUT/.run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
target=${CARGO_TARGET_DIR:-target}

if [ -z "${MUSEUM:-}" ]; then
  cargo build --release -p museum-cli --no-default-features >&2
  BIN="$target/release/museum"
else
  BIN=$MUSEUM
fi
# The raw parse (an example: building it the first time builds museum-core's dev-dependencies
# too, minutes on a loaded machine; RAW=path/to/csv_core_count skips the build).
if [ -z "${RAW:-}" ]; then
  cargo build --release -p museum-core --no-default-features --example csv_core_count >&2
  RAW="$target/release/examples/csv_core_count"
fi

# Whether this binary has the statistics `report` needs (a one-record list).
printf 'id,surname\nv1,Шанин\n' > "$scratch/probe-victims.csv"
if "$BIN" report "$scratch/probe-victims.csv" --kind victims --no-dedup --quiet -o "$scratch/probe.html" >/dev/null 2>&1; then
  HAS_REPORT=1
else
  HAS_REPORT=0
fi

echo "binary:  $BIN ($("$BIN" --version | head -1)), report: $([ $HAS_REPORT = 1 ] && echo yes || echo "no (built without polars: skipped)")"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '| %9s | %-8s | %6s | %-22s | %8s | %8s | %7s | %s\n' \
  records list MB command "wall s" "CPU s" "peak MB" "notes"
printf '|%s|\n' "-----------|----------|--------|------------------------|----------|----------|---------|------"

# Runs a command under /usr/bin/time; prints a table row.
row() {
  local n=$1 list=$2 mb=$3 label=$4 note=$5
  shift 5
  local status=0
  /usr/bin/time -f "%e %U %S %M" -o "$scratch/time" "$@" >"$scratch/out" 2>"$scratch/err" || status=$?
  local wall user sys kb
  read -r wall user sys kb < <(tail -1 "$scratch/time")
  if [[ $label == validate* ]]; then
    note="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"]+s["infos"])' "$scratch/out" 2>/dev/null || echo "?") findings"
  fi
  [ "$status" -le 1 ] || note="FAILED (exit $status): $(head -c 200 "$scratch/err" | tr '\n' ' ')"
  printf '| %9s | %-8s | %6s | %-22s | %8.2f | %8.2f | %7d | %s\n' "$n" "$list" "$mb" "$label" \
    "$wall" "$(awk "BEGIN{print $user + $sys}")" "$((kb / 1024))" "$note"
  [ "$status" -gt 1 ] || printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$list" "$label" "$wall" \
    "$(awk "BEGIN{print $user + $sys}")" "$kb" >>"$scratch/rows"
}

has() { [[ " $COMMANDS " == *" $1 "* ]]; }
: >"$scratch/rows"

for n in "${SIZES[@]}"; do
  synth="$OUT/synth-$n"
  [ -s "$synth/victims.csv" ] || "$BIN" synth --victims "$n" --seed 1 --out "$synth" --quiet
  archival="$OUT/synthetic-$n-victims.csv"
  [ -s "$archival" ] || python3 bench/gen_report_victims.py --rows "$n" --seed 1937 --out "$archival" >&2
  for list in archival synth; do
    if [ "$list" = synth ]; then file="$synth/victims.csv"; else file="$archival"; fi
    mb=$(( $(stat -c %s "$file") / 1000000 ))
    row "$n" "$list" "$mb" "raw csv-core parse" "" "$RAW" "$file"
    if has validate; then
      row "$n" "$list" "$mb" "validate --format json" "" \
        "$BIN" validate "$file" --format json --fail-on never --quiet
    fi
    if has report; then
      if [ $HAS_REPORT = 1 ]; then
        row "$n" "$list" "$mb" "report --no-dedup" "" \
          "$BIN" report "$file" --no-dedup --quiet -o "$OUT/report-$list-$n.html"
      else
        printf '| %9s | %-8s | %6s | %-22s | %8s | %8s | %7s | %s\n' "$n" "$list" "$mb" \
          "report --no-dedup" - - - "skipped: binary built without polars"
      fi
    fi
  done
  # Deduplication on the list made for it (persons written several times), alone and inside
  # the report (the report's own overhead is the difference of the two rows).
  file="$synth/victims.csv"
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  if has dedup; then
    row "$n" synth "$mb" "dedup --format csv" "" "$BIN" dedup "$file" --format csv --quiet
  fi
  if has report && [ $HAS_REPORT = 1 ]; then
    row "$n" synth "$mb" "report (deduplicated)" "" \
      "$BIN" report "$file" --quiet -o "$OUT/report-dedup-$n.html"
  fi
done

# Growth from 1M (or from the first size when 1M was not run): each size's wall time, CPU time
# and peak memory over those at the base (a linear tool gives 0.25 at 250k and 5 at 5M).
base=1000000
grep -q "^$base	" "$scratch/rows" || base=${SIZES[0]}
if [ "$(cut -f1 "$scratch/rows" | sort -u | wc -l)" -gt 1 ]; then
  echo
  echo "growth from $base records (wall / CPU / peak memory):"
  awk -F'\t' -v base="$base" '
    { key = $2 " | " $3; w[$1, key] = $4; c[$1, key] = $5; m[$1, key] = $6; keys[key] = 1; sizes[$1] = 1 }
    END {
      for (key in keys) {
        if (!((base, key) in w)) continue
        line = sprintf("  %-35s", key)
        for (n in sizes) {
          if (n == base || !((n, key) in w)) continue
          r = (w[base, key] > 0) ? w[n, key] / w[base, key] : 0
          rc = (c[base, key] > 0) ? c[n, key] / c[base, key] : 0
          line = line sprintf("  %sk: %.2f / %.2f / %.2f", n / 1000, r, rc, m[n, key] / m[base, key])
        }
        print line
      }
    }' "$scratch/rows" | sort
fi
