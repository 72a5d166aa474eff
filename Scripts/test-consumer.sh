#!/usr/bin/env bash
# A package that depends on Demarche by version, as SwiftPM users do: clones this checkout's HEAD
# into a temporary directory, tags it, creates a consumer package with
# `.package(url: <clone>, from: <tag>)`, builds it (debug) and runs the README's library example.
# The consumer's main.swift is the README's first `swift` block under "## The library" that starts
# with `import Demarche`, verbatim; the training block after it is compiled too (inside a function
# that is not called), so both stay true to the API. Fails when either does not build, when the
# example does not print a label for the sentence and a line per party, or when resolution fails
# (e.g. unsafe build flags: "contains unsafe build flags").
#   Scripts/test-consumer.sh            (Ctrl-C safe; the temporary directory is removed)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/demarche-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. A clone of HEAD (committed state only), tagged above any tag the repository has.
git clone -q --no-hardlinks "$repo" "$work/demarche"
highest=$(git -C "$work/demarche" tag --list '[0-9]*.[0-9]*.[0-9]*' | sort -V | tail -n 1)
if [ -n "$highest" ]; then
  IFS=. read -r major _ _ <<<"$highest"
  tag="$((major + 1)).0.0"
else
  tag=1.0.0
fi
git -C "$work/demarche" -c user.name=ci -c user.email=ci@localhost tag -a "$tag" -m "consumer test"
echo "consumer: depends on $work/demarche from: \"$tag\""

# 2. The consumer package.
mkdir -p "$work/consumer/Sources/Consumer"
cat >"$work/consumer/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [.package(url: "$work/demarche", from: "$tag")],
    targets: [.executableTarget(name: "Consumer", dependencies: [.product(name: "Demarche", package: "demarche")])]
)
SWIFT
python3 - "$repo/README.md" "$work/consumer/Sources/Consumer/main.swift" <<'PY'
import re, sys
readme = open(sys.argv[1], encoding="utf-8").read()
section = readme.split("\n## The library\n", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```swift\n(.*?)```", section, re.S)
example = next(i for i, b in enumerate(blocks) if b.startswith("import Demarche"))
training = blocks[example + 1]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(blocks[example])
    out.write("\n// The README's training block, type-checked but not run (it needs mine.jsonl).\n")
    out.write("func trainingExample() throws {\n")
    out.write("".join("    " + line + "\n" for line in training.splitlines()))
    out.write("}\n")
PY
echo "consumer: main.swift is"
sed 's/^/    /' "$work/consumer/Sources/Consumer/main.swift"

# 3. Build (debug: a release build of the dependency takes minutes) and run from elsewhere.
swift build --package-path "$work/consumer" 2>&1 | tail -n 3
bin=$(swift build --package-path "$work/consumer" --show-bin-path)
out=$(cd "$work" && "$bin/Consumer")
echo "consumer: output"
echo "$out" | sed 's/^/    /'
first=$(echo "$out" | head -n 1)
case "$first" in
  hostile\ *|conciliatory\ *|neutral\ *) ;;
  *) echo "consumer: expected 'LABEL P(hostile)' on the first line, got: $first" >&2; exit 1 ;;
esac
if ! echo "$out" | grep -q "^North Korea "; then
  echo "consumer: expected a line for North Korea (Pyongyang) from the article" >&2
  exit 1
fi
echo "consumer: OK (by version $tag, bundled model from $bin/Demarche_Demarche.resources)"
