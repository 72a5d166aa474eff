#!/usr/bin/env bash
# The install works without the source tree: clones this checkout's HEAD into a temporary
# directory, installs from there into a temporary PREFIX with Scripts/install.sh, deletes the
# clone (and its build directory), then scores an article with PREFIX/bin/demarche from another
# directory — directly, through a symbolic link elsewhere on the PATH, and with DEMARCHE_MODEL
# overriding the bundled model. The output must equal what this checkout's `demarche` prints.
#   Scripts/test-install.sh [extra `swift build` options for the install, e.g. -Xswiftc -g0]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/demarche-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone -q --no-hardlinks "$repo" "$work/checkout"
"$work/checkout/Scripts/install.sh" "$work/prefix" "$@"
cp "$repo/Examples/strait-talks.txt" "$work/article.txt"
rm -rf "$work/checkout"
[ ! -e "$work/checkout" ] || { echo "install test: could not delete the checkout" >&2; exit 1; }

# Linked with --static-swift-stdlib: no Swift runtime library is needed where it runs.
if ldd "$work/prefix/bin/demarche" | grep -q 'libswift\|libFoundation\|libdispatch'; then
  echo "install test: the installed binary needs Swift runtime libraries: $(ldd "$work/prefix/bin/demarche" | grep -o 'lib[A-Za-z_]*swift[A-Za-z_]*\.so\|libFoundation[A-Za-z]*\.so' | sort -u | tr '\n' ' ')" >&2; exit 1
fi
mkdir -p "$work/elsewhere" "$work/path"
ln -s "$work/prefix/bin/demarche" "$work/path/demarche"
cd "$work/elsewhere"
direct=$("$work/prefix/bin/demarche" score ../article.txt --format json)
linked=$(PATH="$work/path:$PATH" demarche score ../article.txt --format json)
[ "$direct" = "$linked" ] || { echo "install test: a symbolic link to the binary scores differently" >&2; exit 1; }
echo "$direct" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["parties"], "no parties"; print("install test: scored", len(d["sentences"]), "sentences,", len(d["parties"]), "parties")'
# The same scores as the build in the repository (the installed model is the bundled one).
swift build --package-path "$repo" -c release --product demarche >&2
expected=$("$(swift build --package-path "$repo" -c release --show-bin-path)/demarche" score ../article.txt --format json)
[ "$direct" = "$expected" ] || { echo "install test: the installed binary scores differently from this checkout's build" >&2; exit 1; }
# DEMARCHE_MODEL still overrides: a missing file is reported, not silently replaced by the bundled one.
if DEMARCHE_MODEL="$work/none.demarche" "$work/prefix/bin/demarche" score ../article.txt >/dev/null 2>"$work/err"; then
  echo "install test: DEMARCHE_MODEL pointing at a missing file did not fail" >&2; exit 1
fi
grep -q "none.demarche" "$work/err" || { echo "install test: unexpected error: $(cat "$work/err")" >&2; exit 1; }
# Without its share/demarche directory the binary says what is missing and how to fix it.
mkdir -p "$work/bare"; cp "$work/prefix/bin/demarche" "$work/bare/demarche"
if "$work/bare/demarche" score ../article.txt >/dev/null 2>"$work/err"; then
  echo "install test: a binary without its data did not fail" >&2; exit 1
fi
grep -q "the bundled default.demarche was not found" "$work/err" || { echo "install test: unexpected error: $(cat "$work/err")" >&2; exit 1; }
echo "install test: OK (checkout deleted; $work/prefix/bin/demarche scored from another directory)"
