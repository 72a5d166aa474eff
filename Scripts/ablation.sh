#!/usr/bin/env bash
# Feature ablation: trains on TrainingData/corpus (the train split) with one feature group turned
# on (the groups off by default) or off (the others) at a time, and prints macro-F1 on the corpus
# dev split, on each ../shared/eval/dev-*.jsonl file (when present) and the number of the 21
# seed-article gold rows labeled right.
#   Scripts/ablation.sh [extra train options…]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/demarche
[ -x "$bin" ] || swift build -c release --product demarche >&2
tmp=$(mktemp -d)
sets=(TrainingData/dev)
for f in ../shared/eval/dev-*.jsonl; do [ -f "$f" ] && sets+=("$f"); done
gold=../shared/examples/korea-2022.gold.jsonl
macro() { "$bin" eval --data "$1" --model "$2" --format json | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["macroF1"])'; }
header="| setting |"; for s in "${sets[@]}"; do header+=" $(basename "$s" .jsonl) |"; done
[ -f "$gold" ] && header+=" seed gold (of 21) |"
echo "$header"
echo "|$(printf ' --- |%.0s' $(seq 0 $(( ${#sets[@]} + 1 ))))"
run() {
  local name=$1; shift
  "$bin" train --data TrainingData/corpus --out "$tmp/m.demarche" --folds 0 "$@" >/dev/null
  local line="| $name |"
  for s in "${sets[@]}"; do line+=" $(macro "$s" "$tmp/m.demarche") |"; done
  if [ -f "$gold" ]; then
    line+=" $("$bin" eval --data "$gold" --model "$tmp/m.demarche" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(round(d["accuracy"]*d["rows"]))') |"
  fi
  echo "$line"
}
run "all features (default)" "$@"
run "with side-of-target terms" --with side "$@"
run "with cue attribution" --with attribution "$@"
run "with speaker role" --with speaker "$@"
run "with grammatical role" --with grammar "$@"
run "with clause scope" --with clause "$@"
run "with cues by party count" --with alone "$@"
for w in lexicon window negation role marks; do run "without $w" --without "$w" "$@"; done
run "plain TF-IDF (no target features)" --plain-features "$@"
rm -rf "$tmp"
