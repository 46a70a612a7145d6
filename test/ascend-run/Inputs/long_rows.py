"""Inputs and NumPy references of Inputs/long-rows.mlir.

The reference follows the contract's order: x - max in f32, its exp rounded
to f32 (from f64), summed sequentially in f32 (np.cumsum adds in order; np.sum is
pairwise), divided in f32, rounded once to the element type.
"""
import sys

import numpy as np

from references import Saver, from_bf16, to_bf16

save = Saver(sys.argv[1])
rng = np.random.default_rng(11)


def softmax32(x):
    x = x.astype(np.float32)
    shifted = (x - x.max(axis=-1, keepdims=True)).astype(np.float64)
    e = np.exp(shifted).astype(np.float32)
    return e / np.cumsum(e, axis=-1, dtype=np.float32)[..., -1:]


# Scaled normals: a wide range of exponents, many results far below 1.
x = (rng.standard_normal((3, 20000)) * 5).astype(np.float16)
save("f16_x", x)
save("f16_y", softmax32(x).astype(np.float16))

xb = to_bf16(rng.standard_normal((2, 2, 16448)) * 5)
save("bf16_x", xb)
save("bf16_y", to_bf16(softmax32(from_bf16(xb))))

x32 = (rng.standard_normal((2, 17000)) * 5).astype(np.float32)
save("f32_x", x32)
save("f32_y", softmax32(x32))

save("fits_x", (rng.standard_normal((8, 4160)) * 12).astype(np.float16))
