#!/usr/bin/env bash
# Feature ablation: trains on TrainingData/corpus (the train split; 5 folds for the calibration,
# C = 4) with one feature group turned on (the groups off by default) or off (the others) at a
# time, and prints macro-F1 on the corpus dev split, on the real articles of
# ../shared/eval/articles-dev (rows, and per-party verdicts right), on each
# ../shared/eval/dev-*.jsonl set and the seed article's gold rows (Scripts/articles_eval.py).
#   Scripts/ablation.sh [extra train options…]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/demarche
[ -x "$bin" ] || swift build -c release --product demarche >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "| setting | corpus dev | articles-dev rows | articles-dev verdicts (of 83) | dev-dsa_park2021 | dev-newsmtsc | seed gold (of 21) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
run() {
  local name=$1; shift
  "$bin" train --data TrainingData/corpus --out "$tmp/m.demarche" --folds 5 --c 4 "$@" >/dev/null
  local dev
  dev=$("$bin" eval --data TrainingData/dev --model "$tmp/m.demarche" --format json | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["macroF1"])')
  python3 Scripts/articles_eval.py --model "$tmp/m.demarche" --bin "$bin" --quiet --json "$tmp/r.json" >/dev/null
  python3 - "$tmp/r.json" "$name" "$dev" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); rows = r["rows"]; v = r["verdicts"]
get = lambda k, f: (f % rows[k]["macroF1"]) if k in rows else "-"
seed = str(rows["seed gold"]["right"]) if "seed gold" in rows else "-"
print(f"| {sys.argv[2]} | {sys.argv[3]} | {get('articles-dev', '%.3f')} | {v['right']} | {get('dev-dsa_park2021', '%.3f')} | {get('dev-newsmtsc', '%.3f')} | {seed} |")
PY
}
run "all features (default)" "$@"
run "with side-of-target terms" --with side "$@"
run "with cue attribution" --with attribution "$@"
run "with speaker role" --with speaker "$@"
run "with grammatical role" --with grammar "$@"
run "with clause scope" --with clause "$@"
run "with cues by party count" --with alone "$@"
for w in lexicon window negation role marks; do run "without $w" --without "$w" "$@"; done
run "no calibration" --no-calibration "$@"
run "class weights none" --class-weight none "$@"
run "neutral offset 0.5" --neutral-offset 0.5 "$@"
run "plain TF-IDF (no target features)" --plain-features "$@"
