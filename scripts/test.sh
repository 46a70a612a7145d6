#!/usr/bin/env bash
# Runs every test (lit and GoogleTest) through ctest, after installing what is
# missing and building. ctest's summary line is the last thing printed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j2
