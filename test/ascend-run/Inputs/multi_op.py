#!/usr/bin/env python3
"""Inputs and references for lower-multi-op.test.

Usage: multi_op.py OUTDIR. bf16 arrays are uint16 bit patterns, as
ascend-run binds them. References follow docs/Numerics.md: matmuls
accumulate sequentially in k in f32 and round once; vector ops compute in
f32 (bf16) or the element type (f16) and round once. Intermediates are
rounded to their tensor's type, as the workspaces between kernels hold them.
"""
import sys
import numpy as np
from references import (Saver, from_bf16, rms_norm32, rope_half32, softmax32,
                        to_bf16)
from references import sequential_matmul as matmul32

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(11)


def matmul16(a, b):
    return matmul32(a.astype(np.float32), b.astype(np.float32)).astype(np.float16)


# scores: softmax(q @ k^T); the scores are scaled so softmax is not one-hot.
q = (rng.standard_normal((64, 128)) * 0.25).astype(np.float16)
k = (rng.standard_normal((256, 128)) * 0.25).astype(np.float16)
save("scores_q", q)
save("scores_k", k)
save("scores_p", softmax32(matmul16(q, k.T).astype(np.float32)).astype(np.float16))

# mlp: every step is exact given its inputs, so the chain is too.
x = rng.standard_normal((2, 16, 256)).astype(np.float16)
w1 = (rng.standard_normal((256, 512)) * 0.0625).astype(np.float16)
w3 = (rng.standard_normal((256, 512)) * 0.0625).astype(np.float16)
w2 = (rng.standard_normal((512, 256)) * 0.0625).astype(np.float16)
t = x.reshape(32, 256)
h = np.maximum(matmul16(t, w1), np.float16(0)) * matmul16(t, w3)
for name, a in [("x", x), ("w1", w1), ("w3", w3), ("w2", w2)]:
    save(f"mlp_{name}", a)
save("mlp_y", matmul16(h, w2).reshape(2, 16, 256))

# norm_proj in bf16: s = x + res, n = rms_norm(s) * g, y = n @ w.
x = to_bf16(rng.standard_normal((32, 256)).astype(np.float32))
res = to_bf16(rng.standard_normal((32, 256)).astype(np.float32))
g = to_bf16(rng.uniform(0.5, 1.5, 256).astype(np.float32))
w = to_bf16((rng.standard_normal((256, 128)) * 0.0625).astype(np.float32))
s = to_bf16(from_bf16(x) + from_bf16(res))
n = to_bf16(rms_norm32(from_bf16(s), from_bf16(g), 9.99999997e-7))
for name, a in [("x", x), ("res", res), ("g", g), ("w", w), ("s", s), ("n", n)]:
    save(f"norm_{name}", a)
save("norm_y", to_bf16(matmul32(from_bf16(n), from_bf16(w))))

# q_rope: q = x @ wq, split into 4 heads of 128, rope <half> per token.
x = rng.standard_normal((16, 256)).astype(np.float16)
wq = (rng.standard_normal((256, 512)) * 0.0625).astype(np.float16)
angle = rng.uniform(0, 2 * np.pi, (16, 64)).astype(np.float32)
c, sn = np.cos(angle), np.sin(angle)
heads = matmul16(x, wq).reshape(16, 4, 128).astype(np.float32)
for name, a in [("x", x), ("wq", wq), ("cos", c), ("sin", sn)]:
    save(f"rope_{name}", a)
save("rope_y", rope_half32(heads, c, sn).astype(np.float16).reshape(16, 512))

# aliases: m = (-x) * (-x), rounded once; x itself; m again as 64 x 64.
x = rng.standard_normal(4096).astype(np.float16)
m = (-x) * (-x)
save("alias_x", x)
save("alias_m", m)
save("alias_m2", m.reshape(64, 64))

# With "check-norm-chain", checks the matmul of norm_proj against the norm
# the kernel computed (its %result2), not NumPy's: the matmul is exact given
# its input, so the launch chain must reproduce it bit for bit.
if len(sys.argv) > 2 and sys.argv[2] == "check-norm-chain":
    n_kernel = np.load(f"{out}/norm_n_kernel.npy")
    y_kernel = np.load(f"{out}/norm_y_kernel.npy")
    want = to_bf16(matmul32(from_bf16(n_kernel), from_bf16(w)))
    print("norm_proj matmul of the kernel's norm:",
          "exact" if np.array_equal(y_kernel, want) else
          f"{np.count_nonzero(y_kernel != want)} mismatches")
