#!/usr/bin/env bash
# Builds one libFuzzer target (with AddressSanitizer) and runs it.
#
#   Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags…]
#   TARGET: score | jsonl | csv | gazetteer | model | all (each in turn, SECONDS each)
#
# The library's three modules are compiled with -sanitize=fuzzer,address into objects, then the
# harness Fuzz/TARGET.swift is linked against them (SwiftPM executable targets do not link with
# libFuzzer). Seed corpora come from the repository's own files (copied or made into
# .build/fuzz/seeds/TARGET on first run); new inputs the fuzzer finds go to .build/fuzz/corpus/TARGET. A
# crash writes .build/fuzz/crash-TARGET-* and the script exits non-zero: turn the input into a
# regression test (docs/FUZZING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
target=${1:?usage: Scripts/fuzz.sh score|jsonl|csv|gazetteer|model|all SECONDS [libFuzzer flags]}
seconds=${2:?usage: Scripts/fuzz.sh TARGET SECONDS}
shift 2
if [ "$target" = all ]; then
  for t in score jsonl csv gazetteer model; do "$0" "$t" "$seconds" "$@"; done
  exit 0
fi
case "$target" in score|jsonl|csv|gazetteer|model) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

out=.build/fuzz
mkdir -p "$out/obj" "$out/corpus/$target"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 5 -I "$out/obj" -I Sources/CLinearAlgebra)

# Modules, rebuilt when a source is newer than its object.
module() {
  local name=$1; shift
  local obj="$out/obj/$name.o"
  if [ ! -f "$obj" ] || [ -n "$(find Sources/"$name" -name '*.swift' -newer "$obj" | head -1)" ]; then
    echo "fuzz: compiling $name" >&2
    swiftc "${flags[@]}" -wmo -c -module-name "$name" -emit-module -emit-module-path "$out/obj/$name.swiftmodule" \
      $(find Sources/"$name" -name '*.swift' | sort) -o "$obj"
  fi
}
module DemarcheText
module DemarcheML
module Demarche
binary="$out/fuzz-$target"
if [ ! -f "$binary" ] || [ -n "$(find Fuzz/"$target".swift Fuzz/FuzzSupport.swift "$out/obj" -newer "$binary" | head -1)" ]; then
  echo "fuzz: linking $binary" >&2
  swiftc "${flags[@]}" -module-name "Fuzz_$target" Fuzz/"$target".swift Fuzz/FuzzSupport.swift \
    "$out/obj/DemarcheText.o" "$out/obj/DemarcheML.o" "$out/obj/Demarche.o" -lblas -llapack -o "$binary"
fi

# Seeds from the repository's own files.
seeds="$out/seeds/$target"
if [ ! -d "$seeds" ] || [ -z "$(ls -A "$seeds" 2>/dev/null)" ]; then
  mkdir -p "$seeds"
  case "$target" in
    score)
      cp Examples/strait-talks.txt "$seeds/"
      python3 - "$seeds" <<'PY'
import json, sys, glob
out = sys.argv[1]
# a few sentences of the bundled corpus's dev split, one article each
for path in sorted(glob.glob("TrainingData/dev/*.jsonl"))[:8]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(l) for _, l in zip(range(6), f)]
    name = path.split("/")[-1].replace(".jsonl", ".txt")
    open(f"{out}/{name}", "w", encoding="utf-8").write(" ".join(r["text"] for r in rows) + "\n")
PY
      ;;
    jsonl)
      cp Tests/DemarcheCLITests/Fixtures/train.jsonl "$seeds/"
      for f in $(ls TrainingData/dev/*.jsonl | head -6); do head -5 "$f" > "$seeds/$(basename "$f")"; done
      ;;
    csv)
      cp Tests/DemarcheCLITests/Fixtures/train.csv "$seeds/"
      ;;
    gazetteer)
      head -40 TrainingData/parties.tsv > "$seeds/parties-head.tsv"
      # (awk, not grep | head: head closing the pipe early is a failure under pipefail)
      awk -F'\t' 'NR == 1 || ($2 == "person" && ++n <= 20)' TrainingData/parties.tsv > "$seeds/persons.tsv"
      awk -F'\t' 'NR == 1 || ($2 == "nonparty" && ++n <= 20)' TrainingData/parties.tsv > "$seeds/nonparty.tsv"
      ;;
    model)
      DEMARCHE_FUZZ_MAKE_SEED="$seeds/tiny.demarche" "$binary"
      ;;
  esac
fi

echo "fuzz: running $target for $seconds s" >&2
log="$out/$target.log"
set +e
"$binary" "$out/corpus/$target" "$seeds" -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$out/crash-$target-" -rss_limit_mb=4096 -timeout=20 "$@" 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(DONE|pulse)|stat::|ERROR|SUMMARY|Test unit written' >&2
status=${PIPESTATUS[0]}
set -e
runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
echo "fuzz: $target: ${runs:-?} inputs in $seconds s, exit status $status" >&2
exit "$status"
