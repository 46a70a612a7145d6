#!/usr/bin/env python3
"""Inputs and references for lower-matmul-tails.test.

Usage: matmul_tails.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. References follow docs/Numerics.md: f32 products of
the f16/bf16 inputs accumulated sequentially in k, rounded once to the
result type; the zero K padding of the kernel adds +0 and changes nothing.
"""
import sys
import numpy as np
from references import from_bf16, sequential_matmul, to_bf16

out = sys.argv[1]
rng = np.random.default_rng(11)


def case(name, a_shape, b_shape, dtype, ta=False, tb=False):
    """Random operands stored as the kernel reads them (transposed when the
    flag says so) and the rounded reference."""
    a32 = rng.standard_normal(a_shape).astype(np.float32)
    b32 = rng.standard_normal(b_shape).astype(np.float32)
    if dtype == "f16":
        a, b = a32.astype(np.float16), b32.astype(np.float16)
        a32, b32 = a.astype(np.float32), b.astype(np.float32)
    else:
        a, b = to_bf16(a32), to_bf16(b32)
        a32, b32 = from_bf16(a), from_bf16(b)
    if ta:
        a32 = np.swapaxes(a32, -1, -2)
    if tb:
        b32 = np.swapaxes(b32, -1, -2)
    c32 = sequential_matmul(a32, b32)
    c = c32.astype(np.float16) if dtype == "f16" else to_bf16(c32)
    np.save(f"{out}/{name}_a.npy", a)
    np.save(f"{out}/{name}_b.npy", b)
    np.save(f"{out}/{name}_c.npy", c)


case("decode_f16", (1, 4096), (4096, 128), "f16")
case("decode_bf16", (1, 5000), (5000, 64), "bf16")
case("mm_7x100x33_tb", (7, 100), (33, 100), "bf16", tb=True)
case("mm_200x77x130", (200, 77), (77, 130), "f16")
case("mm_200x77x130_ta", (77, 200), (77, 130), "f16", ta=True)
case("mm_40x50x24_ta_tb", (50, 40), (24, 50), "bf16", ta=True, tb=True)
case("bmm_3x15x17x31", (3, 15, 17), (3, 17, 31), "f16")
case("bmm_2x33x40x20_tb", (2, 33, 40), (2, 20, 40), "bf16", tb=True)
