#!/usr/bin/env bash
# Configures (once) and builds everything into build/ with ninja and ccache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build}"
jobs="${ASCEND_JOBS:-2}"

"$root/scripts/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$build" -j"$jobs" "$@"
