#!/usr/bin/env bash
# Do two builds of `museum` write the same bytes? Runs the same commands with both on `datasets/`
# and on two synthetic lists (the default shape and `--profile multi-source`) and compares every
# output file and every exit code. For refactorings that must not change behaviour (issue 18).
#
#   bench/identical.sh OLD_BIN NEW_BIN [WORKDIR]
#
# OLD_BIN is typically a build of the commit before the change (`git worktree add /tmp/base
# <rev> && cargo build --manifest-path /tmp/base/Cargo.toml`), NEW_BIN the build under test. Both
# need the `stats` feature (the default) for `report` and `stats`. Exit 0 when identical; else
# the differing files are listed (`diff -r`) and the exit is 1.
# Durations ("0.42 s"), the version banner and the output folder's own path are masked.
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
work=${3:-$(mktemp -d -t museum-identical.XXXXXX)}
root=$(cd "$(dirname "$0")/.." && pwd)
victims=${VICTIMS:-3000}

mkdir -p "$work"
# The inputs are written once, by the old build, so both builds read the same files.
"$old" -q synth --victims "$victims" --seed 11 --out "$work/in/synth" >/dev/null
"$old" -q synth --profile multi-source --victims "$victims" --seed 12 --out "$work/in/multi" >/dev/null
cp -r "$root/datasets" "$work/in/datasets"

run() { # tag bin
  local tag=$1 bin=$2 out="$work/$1"
  rm -rf "$out"
  mkdir -p "$out"
  local d="$work/in/datasets" s="$work/in/synth" m="$work/in/multi"
  step() { # name, command…: stdout to name.out, stderr to name.err, exit code to name.code
    local name=$1
    shift
    set +e
    (cd "$work/in" && "$@") >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.code"
    set -e
  }
  step validate-datasets "$bin" --color never validate "$d"
  step validate-datasets-json "$bin" validate "$d" --format json
  step validate-synth-json "$bin" validate "$s" --format json
  step validate-multi-sarif "$bin" validate "$m/victims.csv" --format sarif
  step rules-json "$bin" rules --format json
  step report-datasets-html "$bin" report "$d" -o "$out/report-datasets.html"
  step report-datasets-md "$bin" report "$d" -o "$out/report-datasets.md"
  step report-datasets-json "$bin" report "$d" -o "$out/report-datasets.json"
  step report-synth-html "$bin" report "$s" -o "$out/report-synth.html"
  step report-synth-json "$bin" report "$s" -o "$out/report-synth.json"
  step stats-datasets-json "$bin" stats "$d" --format json
  step stats-synth-json "$bin" stats "$s" --format json
  step export-json "$bin" export "$d" -o "$out/export.json"
  step export-jsonl "$bin" export "$d" --format jsonl -o "$out/export-jsonl"
  step export-package "$bin" export "$d" --format datapackage -o "$out/export-package"
  step export-parquet "$bin" export "$d" --format parquet -o "$out/export-parquet"
  step export-synth-jsonl "$bin" export "$s" --format jsonl -o "$out/export-synth-jsonl" --no-redact
  step dedup-datasets-json "$bin" dedup "$d" --format json
  step dedup-synth-json "$bin" dedup "$s/victims.csv" --kind victims --format json --truth "$s/truth.csv"
  step dedup-synth-csv "$bin" dedup "$s/victims.csv" --kind victims --format csv -o "$out/dedup-synth.csv"
  step dedup-multi-json "$bin" dedup "$m/victims.csv" --kind victims --format json --truth "$m/truth.csv"
  step dedup-multi-model "$bin" dedup "$m/victims.csv" --kind victims --save-model "$out/model.json"
  step persons-synth "$bin" persons "$s/victims.csv" --kind victims --registry "$out/persons.csv" --format json
  step review-synth "$bin" review "$s/victims.csv" --kind victims -o "$out/review.csv"
  step search-datasets "$bin" search "Сейфуллин" "$d" --format json
  step name "$bin" name "Тулепов Абдулла Кенжебекович" --format json
  step vocab-multi "$bin" vocab "$m/victims.csv" --format json
  step schema "$bin" schema --out "$out/schemas"
  # The generator itself: the same seed must give the same files (both profiles, several threads).
  step synth-default "$bin" synth --victims "$victims" --seed 11 --out "$out/synth"
  step synth-multi "$bin" synth --profile multi-source --victims "$victims" --seed 12 --out "$out/multi"
  # Mask what may honestly differ: durations and the version banner.
  find "$out" -type f \( -name '*.out' -o -name '*.err' -o -name '*.json' -o -name '*.html' -o -name '*.md' \) -print0 |
    xargs -0 sed -i -E "s|$out|<out>|g; s/[0-9]+(\\.[0-9]+)? ?(s|ms|µs)\\b/<t>/g; s/museum [0-9]+\\.[0-9]+\\.[0-9]+[^ \"]*/museum <v>/g"
}

run old "$old"
run new "$new"
if diff -r "$work/old" "$work/new" >"$work/diff.txt"; then
  echo "identical: $(find "$work/old" -type f | wc -l) files ($work)"
else
  echo "DIFFERENT ($work/diff.txt):"
  grep -E '^(diff|Only|Binary)' "$work/diff.txt" | head -40
  exit 1
fi
