#!/usr/bin/env bash
# Retrains the bundled model from TrainingData/ (corpus and dev split) with the settings it ships with.
# Deterministic: the same data, settings and BLAS give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-Models/default.demarche}"
swift build -c release --product demarche >&2
.build/release/demarche train --data TrainingData/corpus TrainingData/dev --out "$out" \
  --c-grid 0.5,1,2,4,8 --folds 5 --seed 1
