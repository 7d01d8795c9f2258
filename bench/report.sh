#!/usr/bin/env bash
# Benchmark (not a timed test): `museum report --no-dedup` on synthetic lists of 1,000,000
# victims, release build. Budget (DESIGN.md §9): under 10 s on the 2-core machine.
#
#   bench/report.sh                          # build release, generate the lists once, run
#   ROWS=100000 bench/report.sh              # smaller lists
#   MUSEUM=/path/to/museum bench/report.sh   # an existing binary (no build)
#   RUNS=5 BUDGET=10 bench/report.sh
#
# Two lists, both from the seeded bench/gen_report_victims.py, written once to bench-out/ (git-ignored):
#   archival  dates as archives write them (15% `10.11.1937`), a little noise;
#   iso       the same with every date in EDTF (`1937-11-10`).
# Until the archival date parser lands, `10.11.1937` is a finding, so the archival list has
# ~500,000 findings and the iso list ~4,000: the pair shows what findings cost.
#
# Each run prints wall time, CPU time (user+sys) and peak memory, and the stage timings
# (MUSEUM_TIMINGS=1). On a shared machine compare CPU time too: wall time counts waiting for
# other processes. Exit 1 when the best wall time of the archival list is over budget.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out}
BUDGET=${BUDGET:-10}
mkdir -p "$OUT"

if [ -z "${MUSEUM:-}" ]; then
  cargo build --release -p museum-cli
  BIN="${CARGO_TARGET_DIR:-target}/release/museum"
else
  BIN=$MUSEUM
fi

archival="$OUT/synthetic-$ROWS-victims.csv"
iso="$OUT/synthetic-iso-$ROWS-victims.csv"
[ -s "$archival" ] || python3 bench/gen_report_victims.py --rows "$ROWS" --seed 1937 --out "$archival"
[ -s "$iso" ] || python3 bench/gen_report_victims.py --rows "$ROWS" --seed 1937 --iso --out "$iso"

echo "binary:  $BIN ($("$BIN" --version))"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs a command; prints wall/CPU/memory and the stage timings, leaves the wall time in $SECS.
timed() {
  local label=$1
  shift
  MUSEUM_TIMINGS=1 /usr/bin/time -f "%e %U %S %M" -o "$OUT/.time" "$@" >/dev/null 2>"$OUT/.err" || true
  local user sys kb
  read -r SECS user sys kb < "$OUT/.time"
  printf '%-40s wall %6.2f s  cpu %6.2f s  %5d MB\n' "$label" "$SECS" \
    "$(awk "BEGIN{print $user + $sys}")" "$((kb / 1024))"
  grep '^timings:' "$OUT/.err" | sed 's/^/    /' || true
}

best=""
for list in "$archival" "$iso"; do
  echo "input:   $list, $(du -h "$list" | cut -f1)"
  for i in $(seq 1 "$RUNS"); do
    timed "report --no-dedup (run $i)" "$BIN" report "$list" --no-dedup --quiet -o "$OUT/report.html"
    if [ "$list" = "$archival" ]; then
      if [ -z "$best" ] || awk "BEGIN{exit !($SECS < $best)}"; then best=$SECS; fi
    fi
  done
  timed "stats (read + statistics)" "$BIN" stats "$list" --quiet --format json
  timed "validate (read + validation)" "$BIN" validate "$list" --quiet --format json --fail-on never
done
echo "report:  $OUT/report.html, $(du -h "$OUT/report.html" | cut -f1)"
if awk "BEGIN{exit !($best < $BUDGET)}"; then
  echo "OK: best report run on the archival list ${best} s < ${BUDGET} s budget"
else
  echo "OVER BUDGET: best report run on the archival list ${best} s >= ${BUDGET} s"
  exit 1
fi
