#!/usr/bin/env bash
# Builds `demarche` in release mode and installs it with the files it ships with:
#   PREFIX/bin/demarche
#   PREFIX/share/demarche/{default.demarche,parties.tsv,lexicon.tsv}   (the library's resources)
# The binary finds them there from any working directory, with no source tree (Bundled.swift).
# It is linked with --static-swift-stdlib: it needs no Swift runtime libraries at run time (only
# libc, libstdc++ and BLAS/LAPACK), and starts ~8 ms sooner than a build linked to the toolchain's
# shared Swift libraries (Benchmarks/README.md).
#   Scripts/install.sh PREFIX [extra `swift build` options, e.g. --scratch-path DIR]
# e.g. Scripts/install.sh /usr/local   or   Scripts/install.sh "$HOME/.local"
set -euo pipefail
if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: Scripts/install.sh PREFIX [swift build options]" >&2
  exit 2
fi
prefix=$1; shift
cd "$(dirname "$0")/.."
swift build -c release --product demarche --static-swift-stdlib "$@" >&2
bin=$(swift build -c release --static-swift-stdlib --show-bin-path "$@")
resources="$bin/Demarche_Demarche.resources"
for f in default.demarche parties.tsv lexicon.tsv; do
  if [ ! -f "$resources/$f" ]; then
    echo "install: $resources/$f is missing after the build" >&2
    exit 1
  fi
done
mkdir -p "$prefix/bin" "$prefix/share/demarche"
install -m 755 "$bin/demarche" "$prefix/bin/demarche"
install -m 644 "$resources/default.demarche" "$resources/parties.tsv" "$resources/lexicon.tsv" "$prefix/share/demarche/"
echo "installed $prefix/bin/demarche and $prefix/share/demarche/{default.demarche,parties.tsv,lexicon.tsv}"
