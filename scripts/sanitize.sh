#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ (gcc, -O1 with assertions and debug info) and runs every test
# through ctest. See docs/Robustness.md.
#   ASCEND_JOBS        build and test jobs (default 2)
#   ASCEND_SANITIZE    sanitizers (default address,undefined)
#   ASCEND_BUILD_DIR   build directory (default build-asan)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build-asan}"
jobs="${ASCEND_JOBS:-2}"
sanitize="${ASCEND_SANITIZE:-address,undefined}"

# LLVM's allocators poison memory in our instrumented code that Debian's
# uninstrumented MLIR never unpoisons; ctest sets the same for each test, these
# cover gtest discovery at build time and tools run by hand.
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

"$root/scripts/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  CC=gcc CXX=g++ cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DASCEND_SANITIZE="$sanitize"
fi
ninja -C "$build" -j"$jobs"
cd "$build"
ctest --output-on-failure -j"$jobs"
