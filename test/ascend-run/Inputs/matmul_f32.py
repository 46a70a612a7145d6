"""Inputs and references of Inputs/matmul-f32.mlir. The contract's f32
cube.mmad (docs/Numerics.md): each product rounded to f32, added
sequentially in k in f32; np.cumsum adds in order, so the reference is
bit-exact."""
import sys

import numpy as np

from references import Saver

save = Saver(sys.argv[1])
rng = np.random.default_rng(7)


def matmul_in_order(a, b):
    products = (a[:, :, None] * b[None, :, :]).astype(np.float32)
    return np.cumsum(products, axis=1, dtype=np.float32)[:, -1, :]


a = rng.standard_normal((64, 128)).astype(np.float32)
b = rng.standard_normal((128, 64)).astype(np.float32)
save("linalg_a", a)
save("linalg_b", b)
save("linalg_c", matmul_in_order(a, b))

a = rng.standard_normal((200, 300)).astype(np.float32)
b = rng.standard_normal((300, 136)).astype(np.float32)
save("ragged_a", a)
save("ragged_b", b)
save("ragged_c", matmul_in_order(a, b))

a = rng.standard_normal((64, 96)).astype(np.float32)
b = rng.standard_normal((80, 96)).astype(np.float32)
save("tb_a", a)
save("tb_b", b)
save("tb_c", matmul_in_order(a, b.T.copy()))
