"""Inputs and NumPy references of Inputs/long-rows.mlir (softmax, rms_norm).

The reference follows the contract's order: x - max in f32, its exp rounded
to f32 (from f64), summed in f32 in vec.reduce_rows' order (vcadd_sum; a row
in column chunks sums to the same bits), divided in f32, rounded once to the
element type.
"""
import sys

import numpy as np

from references import Saver, from_bf16, to_bf16, vcadd_sum

save = Saver(sys.argv[1])
rng = np.random.default_rng(11)


def softmax_in_order(x):
    x = x.astype(np.float32)
    shifted = (x - x.max(axis=-1, keepdims=True)).astype(np.float64)
    e = np.exp(shifted).astype(np.float32)
    return e / vcadd_sum(e)


# Scaled normals: a wide range of exponents, many results far below 1.
x = (rng.standard_normal((3, 20000)) * 5).astype(np.float16)
save("f16_x", x)
save("f16_y", softmax_in_order(x).astype(np.float16))

xb = to_bf16(rng.standard_normal((2, 2, 16448)) * 5)
save("bf16_x", xb)
save("bf16_y", to_bf16(softmax_in_order(from_bf16(xb))))

x32 = (rng.standard_normal((2, 17000)) * 5).astype(np.float32)
save("f32_x", x32)
save("f32_y", softmax_in_order(x32))

save("fits_x", (rng.standard_normal((8, 4160)) * 12).astype(np.float16))


def rms_norm_in_order(x, g, eps):
    """f32 throughout: squares, their sum (vcadd_sum), * (1 / C) with the f32
    constant, + eps, rsqrt as 1 / sqrt in f64 rounded to f32 (correctly
    rounded, as docs/Numerics.md's rsqrt), x * r, * gamma."""
    x = x.astype(np.float32)
    squares = x * x
    total = vcadd_sum(squares)
    mean = total * np.float32(1.0 / x.shape[-1])
    shifted = mean + np.float32(eps)
    r = (1.0 / np.sqrt(shifted.astype(np.float64))).astype(np.float32)
    return (x * r) * g.astype(np.float32)


xb = to_bf16(rng.standard_normal((4, 16384)) * 3)
gb = to_bf16(rng.standard_normal(16384))
save("norm_bf16_x", xb)
save("norm_bf16_g", gb)
save("norm_bf16_y", to_bf16(rms_norm_in_order(from_bf16(xb), from_bf16(gb), 1e-5)))

x32 = rng.standard_normal((2, 65536)).astype(np.float32)
g32 = rng.standard_normal(65536).astype(np.float32)
save("norm_f32_x", x32)
save("norm_f32_g", g32)
save("norm_f32_y", rms_norm_in_order(x32, g32, 1e-6))

save("norm_fits_x", (rng.standard_normal((8, 4160)) * 3).astype(np.float16))
save("norm_fits_g", rng.standard_normal(4160).astype(np.float16))

# Rows that are not whole 32-byte blocks: padded in UB (-inf / 0), the same
# bits as the contract's order over the row's own elements.
x = (rng.standard_normal((8, 333)) * 5).astype(np.float32)
save("ragged_f32_x", x)
save("ragged_f32_y", softmax_in_order(x))
x = (rng.standard_normal((24, 100)) * 5).astype(np.float16)
save("ragged_f16_x", x)
save("ragged_f16_y", softmax_in_order(x).astype(np.float16))
xb = to_bf16(rng.standard_normal((16, 333)) * 3)
gb = to_bf16(rng.standard_normal(333))
save("ragged_norm_x", xb)
save("ragged_norm_g", gb)
save("ragged_norm_y", to_bf16(rms_norm_in_order(from_bf16(xb), from_bf16(gb), 1e-5)))
# GPT-2's vocabulary: rows longer than UB, in column chunks with a ragged
# last chunk.
x = (rng.standard_normal((2, 50257)) * 5).astype(np.float32)
save("vocab_x", x)
save("vocab_y", softmax_in_order(x))
