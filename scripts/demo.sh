#!/usr/bin/env bash
# The main job: install what is missing, build, and run the example kernels
# through ascend-opt (parse, verify, print).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"

echo
echo "== ascend-opt --show-dialects"
"$build/bin/ascend-opt" --show-dialects
for f in "$root"/examples/*.mlir; do
  echo
  echo "== ascend-opt examples/$(basename "$f")"
  "$build/bin/ascend-opt" "$f"
done
