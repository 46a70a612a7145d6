"""Inputs and NumPy references for rope-linalg.test: RoPE rotate-half as
written in linalg, every op rounded as the program rounds it (bf16 ops
round to bf16; the f32 body of the f16 program rounds once)."""
import sys
import numpy as np
from references import Saver, from_bf16, to_bf16

save = Saver(sys.argv[1])
rng = np.random.default_rng(31)
S, H, D = 16, 32, 128
pos = np.arange(S, dtype=np.float64)[:, None]
freqs = pos / 10000.0 ** (np.arange(D // 2) * 2 / D)
angle = np.concatenate([freqs, freqs], axis=-1)[:, None, :]  # [S, 1, D]
cos32, sin32 = np.cos(angle).astype(np.float32), np.sin(angle).astype(np.float32)


def rotate_half(x):
    return np.concatenate([-x[..., D // 2:], x[..., :D // 2]], axis=-1)


x = to_bf16(rng.standard_normal((S, H, D)).astype(np.float32) * 3)
c, s = to_bf16(cos32), to_bf16(sin32)
xf, cf, sf = from_bf16(x), from_bf16(c), from_bf16(s)
r16 = lambda a: from_bf16(to_bf16(a))
y = to_bf16(r16(xf * cf) + r16(rotate_half(xf) * sf))
for name, a in [("bf16_x", x), ("bf16_cos", c), ("bf16_sin", s), ("bf16_y", y)]:
    save(name, a)

x = (rng.standard_normal((S, H, D)) * 3).astype(np.float16)
x32 = x.astype(np.float32)
y = (x32 * cos32 + rotate_half(x32) * sin32).astype(np.float16)
for name, a in [("f16_x", x), ("f32_cos", cos32), ("f32_sin", sin32), ("f16_y", y)]:
    save(name, a)
