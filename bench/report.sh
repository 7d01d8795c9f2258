#!/usr/bin/env bash
# Benchmark (not a timed test): `museum report` on synthetic lists of 1,000,000 victims,
# release build. Budgets (issue 7): under 10 s with `--no-dedup`, under 90 s with
# deduplication, on the 2-core machine.
#
#   bench/report.sh                          # build release, generate the lists once, run
#   ROWS=100000 bench/report.sh              # smaller lists
#   MUSEUM=/path/to/museum bench/report.sh   # an existing binary (no build)
#   RUNS=5 BUDGET=10 DEDUP_BUDGET=90 bench/report.sh
#
# Three lists, written once to bench-out/ (git-ignored), all synthetic:
#   archival  bench/gen_report_victims.py (seeded): dates as archives write them (15%
#             `10.11.1937`), a little noise, few duplicates;
#   iso       the same with every date in EDTF (`1937-11-10`);
#   synth     `museum synth --victims ROWS --seed 1` (persons written several times in several
#             scripts, namesakes, families): the list deduplication is measured on.
#
# Each run prints wall time, CPU time (user+sys) and peak memory, and the stage timings
# (MUSEUM_TIMINGS=1). On a shared machine compare CPU time too: wall time counts waiting for
# other processes. Exit 1 when the best wall time of a list is over budget.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out}
BUDGET=${BUDGET:-10}
DEDUP_BUDGET=${DEDUP_BUDGET:-90}
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
synth="$OUT/synth-$ROWS"
[ -s "$synth/victims.csv" ] || "$BIN" synth --victims "$ROWS" --seed 1 --out "$synth" --quiet

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
echo "input:   $synth/victims.csv, $(du -h "$synth/victims.csv" | cut -f1)"
best_synth=""
for i in $(seq 1 "$RUNS"); do
  timed "report --no-dedup (run $i)" "$BIN" report "$synth/victims.csv" --no-dedup --quiet -o "$OUT/report-synth.html"
  if [ -z "$best_synth" ] || awk "BEGIN{exit !($SECS < $best_synth)}"; then best_synth=$SECS; fi
done
timed "report (with deduplication)" "$BIN" report "$synth/victims.csv" --quiet -o "$OUT/report-synth.html"
dedup_secs=$SECS
timed "dedup alone" "$BIN" dedup "$synth/victims.csv" --quiet --format csv
echo "report:  $OUT/report-synth.html, $(du -h "$OUT/report-synth.html" | cut -f1)"
status=0
if awk "BEGIN{exit !($best < $BUDGET)}"; then
  echo "OK: best report --no-dedup run on the archival list ${best} s < ${BUDGET} s budget"
else
  echo "OVER BUDGET: best report --no-dedup run on the archival list ${best} s >= ${BUDGET} s"
  status=1
fi
if awk "BEGIN{exit !($best_synth < $BUDGET)}"; then
  echo "OK: best report --no-dedup run on the synth list ${best_synth} s < ${BUDGET} s budget"
else
  echo "OVER BUDGET: best report --no-dedup run on the synth list ${best_synth} s >= ${BUDGET} s"
  status=1
fi
if awk "BEGIN{exit !($dedup_secs < $DEDUP_BUDGET)}"; then
  echo "OK: report with deduplication on the synth list ${dedup_secs} s < ${DEDUP_BUDGET} s budget"
else
  echo "OVER BUDGET: report with deduplication on the synth list ${dedup_secs} s >= ${DEDUP_BUDGET} s"
  status=1
fi
exit $status
