#!/usr/bin/env bash
# Copies the files that ship with the library into its SwiftPM resources, so that an installed
# binary and a dependent package find them without the source tree (see Sources/Demarche/Model/Bundled.swift).
# The top-level files are the source of truth; rerun this after changing any of them
# (Scripts/train-default-model.sh runs it when it writes Models/default.demarche).
#   Scripts/sync-resources.sh          copy them
#   Scripts/sync-resources.sh --check  only compare (exit 1 and name each file that differs)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=Sources/Demarche/Resources
pairs=(
  "Models/default.demarche:$dest/default.demarche"
  "TrainingData/parties.tsv:$dest/parties.tsv"
  "TrainingData/lexicon.tsv:$dest/lexicon.tsv"
)
status=0
for pair in "${pairs[@]}"; do
  src=${pair%%:*} dst=${pair#*:}
  if [ "${1:-}" = "--check" ]; then
    if cmp -s "$src" "$dst"; then
      echo "resources: $dst equals $src"
    else
      echo "resources: $dst differs from $src (run Scripts/sync-resources.sh and commit)" >&2
      status=1
    fi
  else
    mkdir -p "$dest"
    cp "$src" "$dst"
    echo "resources: copied $src to $dst"
  fi
done
exit $status
