#!/usr/bin/env bash
# The main job: install what is missing, build, run the example kernels
# through ascend-opt (parse, verify, print) and ascend-run (execute
# bit-accurately against NumPy, time on Ascend910B2, check for hazards).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ASCEND_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"

echo
echo "== ascend-opt --show-dialects"
"$build/bin/ascend-opt" --show-dialects
for f in "$root"/examples/*.mlir; do
  echo "== ascend-opt examples/$(basename "$f"): $("$build/bin/ascend-opt" "$f" | wc -l) lines, verified"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { # example, then ascend-run arguments
  local name="$1"; shift
  echo
  echo "== ascend-run examples/$name.mlir $*"
  mkdir -p "$work/$name"
  /usr/bin/python3 "$root/examples/$name.py" "$work/$name"
  (cd "$work/$name" && "$build/bin/ascend-run" "$root/examples/$name.mlir" "$@")
}
run vector_add --input x=x.npy --input y=y.npy --compare z=z.npy
run matmul_f16 --input a=a.npy --input b=b.npy --compare c=c.npy \
  --trace "$work/matmul_f16.trace.json"
run split_matmul_relu --input a=a.npy --input b=b.npy --zeros workspace --compare out=out.npy

# Unfused paged decode attention in plain linalg (a gather of KV-cache blocks
# by the block table, a context-length mask, softmax): ascend-run's default
# pipeline fuses it into ascend.paged_attention and runs one split kernel.
echo
echo "== ascend-run linalg-paged-attention.mlir: unfused linalg attention, fused and lowered by ascend-run"
mkdir -p "$work/paged"
/usr/bin/python3 "$root/test/ascend-run/Inputs/linalg_paged_attention.py" "$work/paged"
(cd "$work/paged" && "$build/bin/ascend-run" linalg-paged-attention.mlir \
  --input 0=q.npy --input 1=kc.npy --input 2=vc.npy --input 3=tables.npy \
  --input 4=lens.npy --compare 5=o.npy --atol 2e-3 --rtol 2e-3)

# Vector-vector fusion: LLaMA-3-8B's SwiGLU at 16 tokens as torch-mlir
# writes it (sigmoid, two multiplies: six ops once raised) runs as one
# vector kernel (ascend-fuse-vector), bit-identical to six launches.
echo
echo "== ascend-run examples/swiglu_fusion.mlir --seed 1: six elementwise ops, one launch"
"$build/bin/ascend-run" "$root/examples/swiglu_fusion.mlir" --seed 1
