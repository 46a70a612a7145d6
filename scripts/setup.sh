#!/usr/bin/env bash
# Installs what the build needs from Debian 12's own packages, if missing.
# Safe to run repeatedly: it only calls apt-get when a package is absent.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ python3 python3-numpy libgtest-dev
  llvm-19-dev llvm-19-tools libmlir-19-dev mlir-19-tools
  # LLVM 19's exported CMake targets name these libraries.
  libzstd-dev zlib1g-dev libedit-dev libcurl4-openssl-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
