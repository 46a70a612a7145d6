#!/usr/bin/env python3
"""Error of long-row softmax sums (issue 14; docs/Numerics.md, row sums).

Usage: /usr/bin/python3 bench/reduction_error.py [--build DIR]

An f32 softmax over 8 rows of 32,768 and of 131,072 elements (uniform in
[-10, 10] and standard normal, NumPy default_rng(2024)) is lowered by
--ascend-lower-to-kernel and run by ascend-run (rows longer than UB go
through in column chunks). Prints the largest relative error against the
softmax computed in f64 from the same inputs, for the run and for what a
sequential f32 sum (the order the interpreter used before) would give.
Values, not time: deterministic.
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "test",
                                "ascend-run", "Inputs"))
from references import vcadd_sum  # noqa: E402

DEFAULT_BUILD = os.path.join(os.path.dirname(__file__), "..", "build")


def rel(y, ref):
    return float(np.max(np.abs(y.astype(np.float64) - ref) / ref))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=DEFAULT_BUILD)
    args = parser.parse_args()
    run = os.path.join(args.build, "bin", "ascend-run")
    rng = np.random.default_rng(2024)
    print("inputs              row length  sequential sum  ascend-run  "
          "(ascend-run == vcadd model)")
    with tempfile.TemporaryDirectory() as tmp:
        for what, draw in (("uniform [-10, 10]", lambda s: rng.uniform(-10, 10, s)),
                           ("standard normal", rng.standard_normal)):
            for n in (32768, 131072):
                x = draw((8, n)).astype(np.float32)
                program = os.path.join(tmp, "softmax.mlir")
                with open(program, "w") as f:
                    f.write(f"func.func @softmax(%x: tensor<8x{n}xf32>) -> "
                            f"tensor<8x{n}xf32> {{\n  %y = ascend.softmax %x dim 1 "
                            f": tensor<8x{n}xf32> -> tensor<8x{n}xf32>\n"
                            f"  return %y : tensor<8x{n}xf32>\n}}\n")
                np.save(os.path.join(tmp, "x.npy"), x)
                out = os.path.join(tmp, "y.npy")
                subprocess.run([run, program, "--input", "x=" + os.path.join(tmp, "x.npy"),
                                "--output", "result0=" + out, "--no-hazard-check"],
                               check=True, stdout=subprocess.DEVNULL)
                y = np.load(out)
                x64 = x.astype(np.float64)
                e64 = np.exp(x64 - x64.max(-1, keepdims=True))
                ref = e64 / e64.sum(-1, keepdims=True)
                e = np.exp((x - x.max(-1, keepdims=True)).astype(np.float64)).astype(np.float32)
                seq = e / np.cumsum(e, axis=-1, dtype=np.float32)[..., -1:]
                model = e / vcadd_sum(e)
                print(f"{what:18s}  {n:10d}  {rel(seq, ref):14.2e}  {rel(y, ref):10.2e}  "
                      f"{np.array_equal(model, y)}")


if __name__ == "__main__":
    main()
