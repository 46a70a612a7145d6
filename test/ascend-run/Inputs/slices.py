"""Inputs and NumPy references of Inputs/slices.mlir: slices and
concatenations between ops are copies, so with exact ops around them
(neg, abs, relu) every result is exact."""
import sys

import numpy as np

from references import Saver, from_bf16, to_bf16

save = Saver(sys.argv[1])
rng = np.random.default_rng(5)

# A head split: [B, 3, H, D] with the K third taken out.
x = to_bf16(rng.standard_normal((4, 3, 8, 64)))
save("heads_x", x)
save("heads_k", to_bf16(-from_bf16(x)[:, 1:2]))

# QKV split of a fused projection's output along the last dim.
y = rng.standard_normal((16, 768)).astype(np.float16)
save("qkv_y", y)
a = np.abs(y)
save("qkv_q", np.maximum(a[:, :256], 0))
save("qkv_k", a[:, 256:512])
save("qkv_v", a[:, 512:])

# Concatenation along the last dim, rows of 100 and 28 f32 (not whole
# 32-byte blocks).
p = rng.standard_normal((2, 8, 100)).astype(np.float32)
q = rng.standard_normal((2, 8, 28)).astype(np.float32)
save("cat_p", p)
save("cat_q", q)
save("cat_r", np.maximum(np.concatenate([-p, q], axis=2), 0))

# insert_slice: a static cache write, and the last column of f32 rows.
cache = to_bf16(rng.standard_normal((1, 8, 64, 128)))
k = to_bf16(rng.standard_normal((1, 8, 16, 128)))
written = cache.copy()
written[:, :, 32:48] = to_bf16(-from_bf16(k))
save("cache_cache", cache)
save("cache_k", k)
save("cache_y", written)
x = rng.standard_normal((6, 40)).astype(np.float32)
t = rng.standard_normal(6).astype(np.float32)
tail = x.copy()
tail[:, 39] = np.abs(t)
save("tail_x", x)
save("tail_t", t)
save("tail_y", tail)
