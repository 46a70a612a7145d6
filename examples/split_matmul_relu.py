#!/usr/bin/env python3
"""Inputs and NumPy reference for split_matmul_relu.mlir.

Usage: split_matmul_relu.py OUTDIR -> OUTDIR/{a,b,out}.npy.
The f32 result is accumulated sequentially in k, as cube.mmad does
(docs/Numerics.md); np.matmul in float32 would use a blocked BLAS order.
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(2)
a = rng.standard_normal((64, 64)).astype(np.float16)
b = rng.standard_normal((64, 64)).astype(np.float16)
acc = np.zeros((64, 64), np.float32)
for k in range(64):
    acc = acc + a[:, k:k + 1].astype(np.float32) * b[k:k + 1, :].astype(np.float32)
np.save(f"{out}/a.npy", a)
np.save(f"{out}/b.npy", b)
np.save(f"{out}/out.npy", np.maximum(acc, np.float32(0)))
