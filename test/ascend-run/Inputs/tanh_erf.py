"""Inputs and NumPy references for lower-tanh-erf.test.

ascend.tanh and ascend.erf on every f16 and bf16 bit pattern (NaN, inf,
subnormals included) and on random f32, and GELU in both forms as written in
linalg. The references follow each op's f32 steps (references.tanh32 and
erf32, docs/Numerics.md) and round as the kernel does, so every check is
bit-exact.
"""
import sys
import numpy as np
from references import (Saver, erf32, f16_ties_away, from_bf16, quiet_nan,
                        tanh32, to_bf16)

save = Saver(sys.argv[1])
rng = np.random.default_rng(17)
f32 = np.float32
np.seterr(all="ignore")  # inf and NaN inputs are part of the test

every_f16 = np.arange(65536, dtype=np.uint16).view(np.float16).reshape(256, 256)
every_bf16 = np.arange(65536, dtype=np.uint16).reshape(256, 256)
save("all_f16", every_f16)
save("all_bf16", every_bf16)
x = rng.uniform(-10, 10, (64, 1000)).astype(f32)
save("rand_f32", x)

for name, fn in [("tanh", tanh32), ("erf", erf32)]:
    y = quiet_nan(fn(every_f16.astype(f32)))
    # The 910B's Erf rounds its f16 result with ties away (CAST_ROUND).
    save(f"{name}_f16_y", f16_ties_away(y) if name == "erf" else y.astype(np.float16))
    save(f"{name}_bf16_y", to_bf16(quiet_nan(fn(from_bf16(every_bf16)))))
    save(f"{name}_f32_y", fn(x))

# GELU, erf form, f32, in the program's order.
g = rng.standard_normal((64, 3072)).astype(f32) * f32(3)
save("gelu_erf_x", g)
save("gelu_erf_y", (g * f32(0.5)) * (erf32(g * f32(0.707106769)) + f32(1)))

# GELU, tanh form, bf16 storage, f32 steps, one final rounding.
b = to_bf16(rng.standard_normal((64, 3072)).astype(f32) * f32(3))
w = from_bf16(b)
inner = (w + ((w * w) * w) * f32(0.044715)) * f32(0.797884583)
save("gelu_tanh_x", b)
save("gelu_tanh_y", to_bf16((w * f32(0.5)) * (tanh32(inner) + f32(1))))
