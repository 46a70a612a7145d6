"""Inputs and NumPy references for lower-flash-attention.test.

The reference is unfused attention in f32 (docs: the op's numerics): scores
q.k in f32 times scale, causal -inf aligned bottom right, softmax in f32,
p.v in f32, one rounding to the element type. The kernel rounds exp(s - m)
to the element type before P.V and divides by l at the end, so it differs
from this by about one rounding of p (see the test's tolerances).
"""
import sys

import numpy as np

from references import Saver, attention32, random_half, rounded

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(7)


def case(name, q_shape, k_shape, dv, scale, causal, bf16):
    v_shape = k_shape[:3] + (dv,)
    stored, exact = random_half(rng, (q_shape, k_shape, v_shape), bf16)
    for tag, array in zip("qkv", stored):
        save(f"{name}_{tag}", array)
    o = attention32(*exact, scale, causal)
    save(f"{name}_o", rounded(o, bf16))


case("mha_f16", (2, 2, 128, 64), (2, 2, 192, 64), 64, 0.125, False, False)
case("gqa_causal_bf16", (1, 4, 128, 128), (1, 2, 192, 128), 128,
     0.0883883461, True, True)
case("mqa_causal_f16", (1, 2, 256, 64), (1, 1, 256, 64), 32, 0.125, True,
     False)
case("mha_bf16", (1, 2, 64, 128), (1, 2, 256, 128), 128, 0.0883883461, False,
     True)
