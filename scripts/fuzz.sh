#!/usr/bin/env bash
# Builds the libFuzzer targets into build-fuzz/ (clang-19, -DASCEND_FUZZ=ON)
# and runs one of them. See docs/Robustness.md.
#   scripts/fuzz.sh                                  build only
#   scripts/fuzz.sh fuzz-run 300                     5 minutes of fuzz-run
#   scripts/fuzz.sh fuzz-lower 36000 -jobs=8 -workers=2   long run, 8 jobs on 2 cores
# Extra arguments go to libFuzzer. Inputs it finds accumulate in
# build-fuzz/fuzz/work/TARGET/corpus (seeds: build-fuzz/fuzz/corpus), crashes
# and hangs in build-fuzz/fuzz/work/TARGET/artifacts/ (-jobs logs:
# build-fuzz/fuzz/work/TARGET/fuzz-N.log). Rerun one input with
#   build-fuzz/bin/TARGET FILE
#   ASCEND_JOBS        build jobs (default 2)
#   ASCEND_BUILD_DIR   build directory (default build-fuzz)
#   ASCEND_FUZZ_SANITIZE  sanitizers of a new build directory (default
#                      address,undefined; "undefined" with ASCEND_FUZZ_OPT=-O2
#                      runs 2-3x more inputs per second, for long runs)
#   ASCEND_FUZZ_OPT    optimisation level of a new build directory (default -O1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build-fuzz}"
jobs="${ASCEND_JOBS:-2}"

"$root/scripts/setup.sh"
for p in clang-19 libclang-rt-19-dev; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang-19 libclang-rt-19-dev
    break
  fi
done
if [ ! -f "$build/build.ninja" ]; then
  CC=clang-19 CXX=clang++-19 cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="${ASCEND_FUZZ_OPT:--O1} -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="${ASCEND_FUZZ_OPT:--O1} -g" \
    -DASCEND_SANITIZE="${ASCEND_FUZZ_SANITIZE:-address,undefined}" \
    -DASCEND_FUZZ=ON
fi
ninja -C "$build" -j"$jobs" fuzz-parse fuzz-lower fuzz-run fuzz-corpus
[ $# -eq 0 ] && exit 0

target="$1"
seconds="${2:-60}"
shift $(($# < 2 ? $# : 2))
work="$build/fuzz/work/$target"
mkdir -p "$work/corpus" "$work/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_poisoning=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cd "$work"
exec "$build/bin/$target" "$work/corpus" "$build/fuzz/corpus" \
  -dict="$root/fuzz/ascend.dict" -artifact_prefix="$work/artifacts/" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 "$@"
