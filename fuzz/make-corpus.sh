#!/usr/bin/env bash
# Builds the fuzzers' seed corpus into DIR (emptied first) from the tests and
# examples: every test/**/*.mlir and examples/*.mlir, split at `// -----`
# (ascend-opt's -split-input-file) into one file per case, with full-line
# comments (RUN, CHECK, prose) dropped; and the IR that test/**/*.test files
# write with `echo "..." > x.mlir`. Files are named after their source.
# With a second argument, sources whose path matches that extended regexp
# are left out (the smoke tests' quick corpus).
#   fuzz/make-corpus.sh build-fuzz/fuzz/corpus
#   fuzz/make-corpus.sh build-fuzz/fuzz/corpus-quick 'attention|paged|llama'
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: make-corpus.sh DIR [SKIP-REGEXP]}"
skip="${2:-}"

rm -rf "$out"
mkdir -p "$out"
cd "$root"
sources() { # find arguments
  find "$@" | sort | { [ -n "$skip" ] && grep -Ev "$skip" || cat; }
}
sources test examples -name '*.mlir' | while read -r f; do
  awk -v prefix="$out/$(echo "$f" | tr / _)" '
    /^\/\/ -----/ { n++; next }
    /^[ \t]*\/\// { next }
    { print > (prefix "." n) }
  ' n=0 "$f"
done
sources test -name '*.test' | while read -r f; do
  n=0
  sed -n 's/^.*RUN: *echo "\([^"]*\)" *> *[^ ]*\.mlir.*$/\1/p' "$f" |
    while IFS= read -r ir; do
      printf '%s\n' "$ir" > "$out/$(echo "$f" | tr / _).$n"
      n=$((n + 1))
    done
done
echo "make-corpus.sh: $(ls "$out" | wc -l) seeds in $out"
