#!/usr/bin/env python3
"""Inputs and NumPy reference for softmax_online.mlir.

Usage: softmax_online.py OUTDIR -> OUTDIR/{x,y}.npy (y = the expected result).

The reference is the textbook two-pass softmax in float32 (np.exp in
float32, np.max / np.sum over the whole row), rounded to float16 at the end.
The kernel computes the same function in another order (online max, sums
per 256-column tile, exp per docs/Numerics.md, a multiply by 1 / l instead
of a divide), so its f32 values differ from these by a few f32 ulps; after
rounding to f16 that is at most one f16 ulp where the f32 value lies near a
rounding boundary. The test allows two f16 ulps (rtol 2^-10 = 2 ulps at the
bottom of a binade) plus an atol of two f16 subnormal steps (2^-23) for the
outputs that underflow into the f16 subnormal range.

Rows are chosen so the online algorithm is exercised: a row's max may sit in
the first tile (the running max never changes), in the last tile (every
tile rescales the running sum), or anywhere; and one row group is large
enough (|x| up to ~120) that exp(x) without the max shift would overflow f32.
"""
import sys
import numpy as np

R, C = 64, 1024
out = sys.argv[1]
rng = np.random.default_rng(3)

cols = np.arange(C, dtype=np.float64) / C
x = rng.standard_normal((R, C))
x[16:32] += 8.0 * cols             # increasing: the max is in the last tile
x[32:48] -= 8.0 * cols             # decreasing: the max is in the first tile
x[48:64] *= 30.0                   # large: exp(x) alone would overflow f32
x[0, :] = 0.0                      # constant row: exactly 1/1024 everywhere
x = x.astype(np.float16)

xf = x.astype(np.float32)
m = xf.max(axis=1, keepdims=True)
e = np.exp(xf - m)                 # float32 in, float32 out
s = e.sum(axis=1, keepdims=True, dtype=np.float32)
yf = e / s
y = yf.astype(np.float16)

# Sanity of the reference itself: probabilities that sum to one per row.
assert yf.dtype == np.float32 and np.isfinite(yf).all()
assert np.allclose(yf.sum(axis=1, dtype=np.float64), 1.0, atol=1e-5), "f32 rows"
# In f16 each of 1024 outputs carries up to half an ulp of rounding error.
assert np.allclose(y.astype(np.float64).sum(axis=1), 1.0, atol=2e-3), "f16 rows"
assert (y[0] == np.float16(1.0 / C)).all()

np.save(f"{out}/x.npy", x)
np.save(f"{out}/y.npy", y)
