#!/usr/bin/env python3
"""Inputs and references for lower-to-kernel.test.

Usage: lowering_cases.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. References follow docs/Numerics.md: matmuls
accumulate sequentially in k in f32 and round once.
"""
import sys
import numpy as np
from references import (Saver, from_bf16, rms_norm32, rope_half32,
                        sequential_matmul, softmax32, to_bf16)

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(7)


# f16 matmul at a prefill shape and at a decode shape (M = 16).
for m, k, n in [(256, 512, 384), (16, 256, 512)]:
    a = rng.standard_normal((m, k)).astype(np.float16)
    b = rng.standard_normal((k, n)).astype(np.float16)
    save(f"mm_{m}_a", a)
    save(f"mm_{m}_b", b)
    save(f"mm_{m}_c", np.matmul(a, b))

# bf16 matmul with transpose_b (B stored N x K).
a = to_bf16(rng.standard_normal((128, 256)).astype(np.float32))
bt = to_bf16(rng.standard_normal((128, 256)).astype(np.float32))
save("mmtb_a", a)
save("mmtb_b", bt)
save("mmtb_c", to_bf16(sequential_matmul(from_bf16(a), from_bf16(bt).T)))

# f16 add over 100000 elements: full tiles and a tail.
x = rng.standard_normal(100000).astype(np.float16)
y = rng.standard_normal(100000).astype(np.float16)
save("add_x", x)
save("add_y", y)
save("add_z", x + y)

# bf16 exp through f32: NumPy's exp is not the contract's, so the test
# allows one bf16 ulp.
e = to_bf16(rng.uniform(-4, 4, (64, 64)).astype(np.float32))
save("exp_x", e)
save("exp_y", to_bf16(np.exp(from_bf16(e))))


# Softmax and rms_norm: f32 math, one rounding (tolerances in the test).
s = rng.uniform(-6, 6, (50, 256)).astype(np.float16)
save("softmax_f16_x", s)
save("softmax_f16_y", softmax32(s.astype(np.float32)).astype(np.float16))
s = rng.uniform(-6, 6, (4, 3, 64)).astype(np.float32)
save("softmax_f32_x", s)
save("softmax_f32_y", softmax32(s))

r = to_bf16(rng.standard_normal((22, 512)).astype(np.float32))
g = to_bf16(rng.uniform(0.5, 1.5, 512).astype(np.float32))
save("rms_bf16_x", r)
save("rms_bf16_g", g)
save("rms_bf16_y", to_bf16(rms_norm32(from_bf16(r), from_bf16(g), 9.99999974e-6)))
r = rng.standard_normal((4, 7168)).astype(np.float16)
g = rng.uniform(0.5, 1.5, 7168).astype(np.float32)
save("rms_long_x", r)
save("rms_long_g", g)
save("rms_long_y", rms_norm32(r.astype(np.float32), g, 1e-6).astype(np.float16))

# batch_matmul: one matrix per tile row of blocks, and with transpose_b and
# several output tiles per matrix (np.matmul on float16 batches accumulates
# like the 2-D case).
a = rng.standard_normal((4, 64, 128)).astype(np.float16)
b = rng.standard_normal((4, 128, 96)).astype(np.float16)
save("bmm_a", a)
save("bmm_b", b)
save("bmm_c", np.matmul(a, b))
a = rng.standard_normal((2, 256, 128)).astype(np.float16)
bt = rng.standard_normal((2, 256, 128)).astype(np.float16)
save("bmmtb_a", a)
save("bmmtb_b", bt)
save("bmmtb_c", np.matmul(a, np.swapaxes(bt, 1, 2)))


# rope <half>: f32 products and sums, one rounding to f16. cos/sin as f32
# tables per token, and as f16 tables shared by every batch.
angle = rng.uniform(0, 2 * np.pi, (16, 64)).astype(np.float32)
x = rng.standard_normal((16, 8, 128)).astype(np.float16)
c, s = np.cos(angle), np.sin(angle)
save("rope_f16_x", x)
save("rope_f16_c", c)
save("rope_f16_s", s)
save("rope_f16_y", rope_half32(x.astype(np.float32), c, s).astype(np.float16))
angle = rng.uniform(0, 2 * np.pi, (5, 32)).astype(np.float32)
x = rng.standard_normal((2, 5, 4, 64)).astype(np.float16)
c, s = np.cos(angle).astype(np.float16), np.sin(angle).astype(np.float16)
save("rope_b_x", x)
save("rope_b_c", c)
save("rope_b_s", s)
save("rope_b_y", rope_half32(x.astype(np.float32), c.astype(np.float32),
                             s.astype(np.float32)).astype(np.float16))
