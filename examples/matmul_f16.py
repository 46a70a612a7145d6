#!/usr/bin/env python3
"""Inputs and NumPy reference for matmul_f16.mlir.

Usage: matmul_f16.py OUTDIR -> OUTDIR/{a,b,c}.npy (c = the expected result).
np.matmul on float16 accumulates sequentially in k in f32 and rounds once,
which is exactly the cube + fixpipe contract (docs/Numerics.md), so the
comparison is bit-exact.
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(1)
a = rng.standard_normal((128, 512)).astype(np.float16)
b = rng.standard_normal((512, 256)).astype(np.float16)
np.save(f"{out}/a.npy", a)
np.save(f"{out}/b.npy", b)
np.save(f"{out}/c.npy", np.matmul(a, b))
