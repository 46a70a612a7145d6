#!/usr/bin/env python3
"""Inputs and NumPy reference for vector_add_double_buffered.mlir.

Usage: vector_add_double_buffered.py OUTDIR -> OUTDIR/{x,y,z}.npy.
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(3)
x = rng.standard_normal(32768).astype(np.float16)
y = rng.standard_normal(32768).astype(np.float16)
np.save(f"{out}/x.npy", x)
np.save(f"{out}/y.npy", y)
np.save(f"{out}/z.npy", x + y)
