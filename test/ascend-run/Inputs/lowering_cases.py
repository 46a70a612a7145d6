#!/usr/bin/env python3
"""Inputs and references for lower-to-kernel.test.

Usage: lowering_cases.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. References follow docs/Numerics.md: matmuls
accumulate sequentially in k in f32 and round once.
"""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(7)


def to_bf16(x32):
    """f32 -> bf16 bits, round to nearest even (finite inputs)."""
    bits = x32.astype(np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def from_bf16(b):
    return (b.astype(np.uint32) << 16).view(np.float32)


def sequential_matmul(a32, b32):
    acc = np.zeros((a32.shape[0], b32.shape[1]), np.float32)
    for k in range(a32.shape[1]):
        acc = acc + a32[:, k:k + 1] * b32[k:k + 1, :]
    return acc


def save(name, array):
    np.save(f"{out}/{name}.npy", array)


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
