#!/usr/bin/env python3
"""Cycle estimates with and without software pipelining (issue 5).

Usage: /usr/bin/python3 bench/pipelining.py [--build DIR] [--target T]

Each kernel is written at tensor level, lowered twice with ascend-opt
--ascend-lower-to-kernel (multi-buffer=1 software-pipeline=false: no rings
and cube -> vector tiles handed over only all at once; the default: rings of
2 and tiles handed over one at a time)
and timed with ascend-run --timing-only --json on the target. Prints the
estimated microseconds of both, the speed-up (single / pipelined, above 1:
pipelining helps) and the busy share of the pipes that bound each run.
Simulated time, so the numbers are deterministic; results being identical
with and without rings is checked by test/ascend-run/multi-buffer.test.
"""
import argparse
import sys
import tempfile

from timing import DEFAULT_BUILD, lower_and_time, pipes

KERNELS = [
    ("softmax 4096x4096 f16",
     "func.func @k(%x: tensor<4096x4096xf16>) -> tensor<4096x4096xf16> {\n"
     "  %y = ascend.softmax %x dim 1 : tensor<4096x4096xf16> -> tensor<4096x4096xf16>\n"
     "  return %y : tensor<4096x4096xf16>\n}\n"),
    ("rms_norm 4096x4096 bf16",
     "func.func @k(%x: tensor<4096x4096xbf16>, %g: tensor<4096xbf16>) -> tensor<4096x4096xbf16> {\n"
     "  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : tensor<4096x4096xbf16>, tensor<4096xbf16> -> tensor<4096x4096xbf16>\n"
     "  return %y : tensor<4096x4096xbf16>\n}\n"),
    ("add 16M f16",
     "func.func @k(%x: tensor<16777216xf16>, %y: tensor<16777216xf16>) -> tensor<16777216xf16> {\n"
     "  %z = ascend.add %x, %y : tensor<16777216xf16>, tensor<16777216xf16> -> tensor<16777216xf16>\n"
     "  return %z : tensor<16777216xf16>\n}\n"),
    ("relu(matmul) 2048^3 f16",
     "func.func @k(%a: tensor<2048x2048xf16>, %b: tensor<2048x2048xf16>) -> tensor<2048x2048xf16> {\n"
     "  %c = ascend.matmul %a, %b : tensor<2048x2048xf16>, tensor<2048x2048xf16> -> tensor<2048x2048xf16>\n"
     "  %r = ascend.relu %c : tensor<2048x2048xf16> -> tensor<2048x2048xf16>\n"
     "  return %r : tensor<2048x2048xf16>\n}\n"),
    ("matmul 3072^3 f16",
     "func.func @k(%a: tensor<3072x3072xf16>, %b: tensor<3072x3072xf16>) -> tensor<3072x3072xf16> {\n"
     "  %c = ascend.matmul %a, %b : tensor<3072x3072xf16>, tensor<3072x3072xf16> -> tensor<3072x3072xf16>\n"
     "  return %c : tensor<3072x3072xf16>\n}\n"),
]


def bound(report):
    busiest = max(pipes(report), key=lambda p: p["utilization"])
    return f"{busiest['core']} {busiest['pipe']} {100 * busiest['utilization']:.0f}%"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=DEFAULT_BUILD)
    parser.add_argument("--target", default="Ascend910B2")
    args = parser.parse_args()
    print(f"target {args.target}; single = multi-buffer=1 software-pipeline=false, "
          "pipelined = default pipeline")
    print(f"{'kernel':26} {'single us':>10} {'pipelined us':>12} {'speed-up':>8}  bound (single -> pipelined)")
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in KERNELS:
            single = lower_and_time(
                args.build, source,
                f"target={args.target} multi-buffer=1 software-pipeline=false", tmp)
            piped = lower_and_time(args.build, source, f"target={args.target}", tmp)
            print(f"{name:26} {single['total_us']:10.1f} {piped['total_us']:12.1f} "
                  f"{single['total_us'] / piped['total_us']:8.2f}  {bound(single)} -> {bound(piped)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
