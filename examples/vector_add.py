#!/usr/bin/env python3
"""Inputs and NumPy reference for vector_add.mlir.

Usage: vector_add.py OUTDIR  -> OUTDIR/{x,y,z}.npy (z = the expected result).
NumPy's float16 add is correctly rounded, as the vector unit's (Numerics.md).
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(0)
x = rng.standard_normal(16384).astype(np.float16)
y = rng.standard_normal(16384).astype(np.float16)
np.save(f"{out}/x.npy", x)
np.save(f"{out}/y.npy", y)
np.save(f"{out}/z.npy", x + y)
