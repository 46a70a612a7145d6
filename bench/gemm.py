#!/usr/bin/env python3
"""Estimated GEMM times on Ascend910B2 next to hardware measurements.

Usage: /usr/bin/python3 bench/gemm.py [--build DIR] [--tile M,N,K]

For each shape of shared/reference/ascend-hardware.md's calibration table,
writes the tensor-level matmul, lowers it with ascend-opt
--ascend-lower-to-kernel, times it with ascend-run --timing-only --json and
prints the estimate, cube and MTE2 utilisation and the ratio estimate /
measured (below 1: the model is faster than the hardware was).
The hazard check is off here: these shapes are checked at small sizes by
test/ascend-run/lower-to-kernel.test, and it would dominate the run time.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

# (name, M, K, N, dtype, measured us, source note)
SHAPES = [
    ("gemm 1536^3 f16", 1536, 1536, 1536, "f16", 38.8, "pto-isa, A3, cube busy 54.5%"),
    ("gemm 3072^3 f16", 3072, 3072, 3072, "f16", 206.7, "pto-isa, A3, 79.0%"),
    ("gemm 6144^3 f16", 6144, 6144, 6144, "f16", 1506.0, "pto-isa, A3, 86.7%"),
    ("gemm 7680^3 f16", 7680, 7680, 7680, "f16", 3168.0, "pto-isa, A3, 80.6%"),
    ("decode 16x5120x17408 bf16", 16, 5120, 17408, "bf16", 136.0, "A3 roofline notes, memory bound"),
]


def kernel(m, k, n, dtype):
    return (f"func.func @gemm(%a: tensor<{m}x{k}x{dtype}>, %b: tensor<{k}x{n}x{dtype}>) -> tensor<{m}x{n}x{dtype}> {{\n"
            f"  %c = ascend.matmul %a, %b : tensor<{m}x{k}x{dtype}>, tensor<{k}x{n}x{dtype}> -> tensor<{m}x{n}x{dtype}>\n"
            f"  return %c : tensor<{m}x{n}x{dtype}>\n}}\n")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(root, "build"))
    parser.add_argument("--tile", default="128,128,64", help="tile-m,tile-n,tile-k")
    args = parser.parse_args()
    tm, tn, tk = args.tile.split(",")
    opt = os.path.join(args.build, "bin", "ascend-opt")
    run = os.path.join(args.build, "bin", "ascend-run")
    pipeline = f"--ascend-lower-to-kernel=tile-m={tm} tile-n={tn} tile-k={tk}"
    print(f"pipeline: {pipeline}")
    print(f"{'kernel':28} {'est us':>9} {'meas us':>9} {'est/meas':>8} {'cube%':>6} {'mte2%':>6} {'TFLOP/s':>8} {'sim s':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, m, k, n, dtype, measured, note in SHAPES:
            src = os.path.join(tmp, "gemm.mlir")
            low = os.path.join(tmp, "gemm.kernel.mlir")
            with open(src, "w") as f:
                f.write(kernel(m, k, n, dtype))
            subprocess.run([opt, src, pipeline, "-o", low], check=True)
            start = time.perf_counter()
            out = subprocess.run([run, low, "--timing-only", "--no-hazard-check", "--seed", "1",
                                  "--json"], check=True, capture_output=True, text=True).stdout
            seconds = time.perf_counter() - start
            r = json.loads(out)
            util = {(p["core"], p["pipe"]): p["utilization"] for p in r["pipes"]}
            print(f"{name:28} {r['total_us']:9.1f} {measured:9.1f} {r['total_us'] / measured:8.2f} "
                  f"{100 * util[('cube', 'm')]:6.1f} {100 * util[('cube', 'mte2')]:6.1f} "
                  f"{r['cube_flops_per_second'] / 1e12:8.1f} {seconds:6.2f}   ({note})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
