#!/usr/bin/env python3
"""Inputs and references for lower-cube-vector.test.

Usage: cube_vector.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. References follow docs/Numerics.md: matmuls
accumulate sequentially in k in f32 and round once to the result type (the
fused workspace holds that rounded value, as the unfused host's does);
relu and sub compute in f16, the bf16 add in f32 with one rounding, so
those are exact. silu is computed in f64 here (the contract's exp is not
NumPy's), so it is compared with a tolerance.
"""
import sys
import numpy as np
from references import Saver, from_bf16, to_bf16
from references import sequential_matmul as matmul32

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(5)


def f16(shape, scale):
    return (rng.standard_normal(shape) * scale).astype(np.float16)


a, b = f16((256, 192), 0.25), f16((192, 256), 0.25)
save("relu_a", a)
save("relu_b", b)
c = matmul32(a.astype(np.float32), b.astype(np.float32)).astype(np.float16)
save("relu_y", np.maximum(c, np.float16(0)))

a = to_bf16(rng.standard_normal((128, 256)).astype(np.float32) * 0.25)
b = to_bf16(rng.standard_normal((256, 384)).astype(np.float32) * 0.25)
bias = to_bf16(rng.standard_normal(384).astype(np.float32))
for name, x in [("a", a), ("b", b), ("bias", bias)]:
    save(f"bias_{name}", x)
c = from_bf16(to_bf16(matmul32(from_bf16(a), from_bf16(b))))
save("bias_y", to_bf16(c + from_bf16(bias)[None, :]))

a, b = f16((201, 100), 0.25), f16((100, 180), 0.25)
save("silu_a", a)
save("silu_b", b)
c = matmul32(a.astype(np.float32), b.astype(np.float32)).astype(np.float16)
x = c.astype(np.float64)
save("silu_y", (x / (1 + np.exp(-x))).astype(np.float16))

a, b, x = f16((2, 64, 96), 0.25), f16((2, 96, 64), 0.25), f16((2, 64, 64), 1.0)
for name, v in [("a", a), ("b", b), ("x", x)]:
    save(f"batch_{name}", v)
c = matmul32(a.astype(np.float32), b.astype(np.float32)).astype(np.float16)
save("batch_y", x - c)
