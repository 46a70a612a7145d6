#!/usr/bin/env python3
"""Inputs and references for lower-vector.test.

Usage: vector_cases.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. Binary ops and casts follow docs/Numerics.md
exactly; silu, gelu and rope references are computed in f64 (silu, gelu)
or f32 (rope) and rounded once, the test states the tolerance.
"""
import sys
import numpy as np
from references import Saver, from_bf16, to_bf16

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(11)


def bf16(shape, lo=-4, hi=4):
    return to_bf16(rng.uniform(lo, hi, shape).astype(np.float32))


# Binary ops with broadcasting: f16 ops round the exact result once (NumPy's
# float16 ufuncs do the same); bf16 ops compute in f32 and round to bf16,
# which is what the reference does, so every case is exact.
def binary_bf16(name, f, a, b):
    save(f"{name}_a", a)
    save(f"{name}_b", b)
    save(f"{name}_y", to_bf16(f(from_bf16(a), from_bf16(b))))


def binary(name, f, a, b):
    save(f"{name}_a", a)
    save(f"{name}_b", b)
    save(f"{name}_y", f(a, b))


binary_bf16("bias_bf16", np.add, bf16((4, 50, 256)), bf16(256))
binary("scale_f32", np.multiply,
       rng.standard_normal((107, 40)).astype(np.float32),
       rng.standard_normal((1, 1, 40)).astype(np.float32))
binary("row_ragged_f16", np.maximum,
       rng.standard_normal((33, 100)).astype(np.float16),
       rng.standard_normal(100).astype(np.float16))
binary_bf16("row_wide_bf16", np.subtract, bf16((3, 7168)), bf16(7168))
binary("per_row_f16", np.multiply,
       rng.standard_normal((3, 37, 96)).astype(np.float16),
       rng.standard_normal((3, 37, 1)).astype(np.float16))
binary_bf16("per_row_lhs_bf16", np.divide, bf16((45, 1)),
            to_bf16(rng.uniform(0.5, 4, (45, 160)).astype(np.float32)))
binary("per_row_wide_f32", np.subtract,
       rng.standard_normal((2, 20000)).astype(np.float32),
       rng.standard_normal((2, 1)).astype(np.float32))
binary("scalar_f32", np.divide,
       rng.standard_normal((10, 100)).astype(np.float32),
       np.array(3.7, np.float32))
binary("scalar_lhs_f16", np.subtract, np.array([[1.5]], np.float16),
       rng.standard_normal(100000).astype(np.float16))
binary_bf16("scalar_bf16", np.minimum, bf16(3001), to_bf16(np.array([0.25], np.float32)))
binary("outer_f32", np.add, rng.standard_normal((40, 1)).astype(np.float32),
       rng.standard_normal(64).astype(np.float32))


# silu and gelu: exact in f64, rounded once to the element type. The
# kernel's f32 steps and the contract's exp are not NumPy's.
def silu64(x):
    return x / (1 + np.exp(-x))


def gelu64(x):
    # 0.5 x (1 + tanh(z)) = x / (1 + e^-2z) exactly; 1 + tanh(z) cancels
    # to 0 in f64 for z below about -19, this form keeps the tiny result.
    z = np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)
    return x / (1 + np.exp(-2 * z))


for name, f in [("silu", silu64), ("gelu", gelu64)]:
    x = rng.uniform(-10, 10, (3, 1000)).astype(np.float16)
    save(f"{name}_f16_x", x)
    save(f"{name}_f16_y", f(x.astype(np.float64)).astype(np.float16))
    x = to_bf16(rng.uniform(-10, 10, 5000).astype(np.float32))
    save(f"{name}_bf16_x", x)
    save(f"{name}_bf16_y", to_bf16(f(from_bf16(x).astype(np.float64)).astype(np.float32)))
    x = rng.uniform(-10, 10, (77, 33)).astype(np.float32)
    save(f"{name}_f32_x", x)
    save(f"{name}_f32_y", f(x.astype(np.float64)).astype(np.float32))


# Casts: f32 -> f16 in every mode, by bracketing x between its two nearest
# f16 neighbours (x within f16's finite range; subnormals included).
def cast_f16(x32, mode):
    x = x32.astype(np.float64)
    near = x32.astype(np.float16)
    n = near.astype(np.float64)
    lo = np.where(n > x, np.nextafter(near, np.float16(-np.inf)), near).astype(np.float64)
    hi = np.where(n < x, np.nextafter(near, np.float16(np.inf)), near).astype(np.float64)
    exact = lo == hi
    if mode == "rint":
        r = n
    elif mode == "floor":
        r = lo
    elif mode == "ceil":
        r = hi
    elif mode == "trunc":
        r = np.where(x > 0, lo, hi)
    elif mode == "round":
        tie = (x - lo) == (hi - x)
        r = np.where(tie, np.where(x > 0, hi, lo), n)
    elif mode == "odd":
        lo_odd = lo.astype(np.float16).view(np.uint16) & 1
        r = np.where(lo_odd == 1, lo, hi)
    return np.where(exact, x, r).astype(np.float16)


# Ordinary values, values near the f16 subnormal range, and exact ties
# (f16 midpoints) so that round and rint differ.
x = np.concatenate([
    rng.standard_normal(2000) * 100,
    rng.standard_normal(1000) * 1e-5,
    (rng.integers(-2048, 2048, 1099) + 0.5) / 64,
]).astype(np.float32)
save("cast_f32_x", x)
for mode in ["rint", "round", "floor", "ceil", "trunc", "odd"]:
    save(f"cast_f32_f16_{mode}_y", cast_f16(x, mode))
# f32 -> bf16 truncation drops the low 16 bits.
save("cast_f32_bf16_trunc_y", (x.view(np.uint32) >> 16).astype(np.uint16))
h = rng.standard_normal((33, 65)).astype(np.float16) * np.float16(30)
save("cast_f16_x", h)
save("cast_f16_bf16_y", to_bf16(h.astype(np.float32)))
save("cast_f16_f32_y", h.astype(np.float32))
b = bf16((33, 65), -300, 300)
save("cast_bf16_x", b)
save("cast_bf16_f16_y", from_bf16(b).astype(np.float16))
save("cast_bf16_f32_y", from_bf16(b))


# rope <interleaved>: pairs (2i, 2i+1); f32 products and sum, one rounding.
def rope_interleaved32(x32, c32, s32):
    x1, x2 = x32[..., 0::2], x32[..., 1::2]
    c, s = c32[..., None, :], s32[..., None, :]
    y = np.empty_like(x32)
    y[..., 0::2] = x1 * c - x2 * s
    y[..., 1::2] = x2 * c + x1 * s
    return y


angle = rng.uniform(0, 2 * np.pi, (16, 64)).astype(np.float32)
x = rng.standard_normal((16, 8, 128)).astype(np.float16)
save("rope_il_f16_x", x)
save("rope_il_f16_c", np.cos(angle))
save("rope_il_f16_s", np.sin(angle))
save("rope_il_f16_y", rope_interleaved32(x.astype(np.float32), np.cos(angle),
                                         np.sin(angle)).astype(np.float16))
angle = rng.uniform(0, 2 * np.pi, (5, 32)).astype(np.float32)
x = to_bf16(rng.standard_normal((2, 5, 3, 64)).astype(np.float32))
c, s = to_bf16(np.cos(angle)), to_bf16(np.sin(angle))
save("rope_il_bf16_x", x)
save("rope_il_bf16_c", c)
save("rope_il_bf16_s", s)
save("rope_il_bf16_y", to_bf16(rope_interleaved32(from_bf16(x), from_bf16(c),
                                                  from_bf16(s))))
angle = rng.uniform(0, 2 * np.pi, (7, 24)).astype(np.float32)
x = rng.standard_normal((7, 1, 48)).astype(np.float32)
save("rope_il_f32_x", x)
save("rope_il_f32_c", np.cos(angle))
save("rope_il_f32_s", np.sin(angle))
save("rope_il_f32_y", rope_interleaved32(x, np.cos(angle), np.sin(angle)))
