"""Inputs and NumPy references for reshape-and-cache.test: each token's key
and value rows land in the cache row its slot names (slot = block *
block_size + offset), tokens with a negative slot are skipped, every other
row keeps its old contents. The copy is exact."""
import sys
import numpy as np
from references import Saver

save = Saver(sys.argv[1])
rng = np.random.default_rng(23)


def case(name, tokens, nkv, d, dv, num_blocks, block_size, dtype, skip):
    def rand(shape):
        if dtype == "bf16":
            return rng.integers(0, 0x7F00, shape, dtype=np.uint16)
        return rng.integers(-128, 128, shape, dtype=np.int8)
    k, v = rand((tokens, nkv, d)), rand((tokens, nkv, dv))
    kc = rand((num_blocks, block_size, nkv, d))
    vc = rand((num_blocks, block_size, nkv, dv))
    slots = rng.choice(num_blocks * block_size, tokens, replace=False)
    slots = slots.astype(np.int32)
    slots[skip] = -1
    new_k, new_v = kc.copy(), vc.copy()
    for t, s in enumerate(slots):
        if s >= 0:
            new_k[s // block_size, s % block_size] = k[t]
            new_v[s // block_size, s % block_size] = v[t]
    for tag, a in [("k", k), ("v", v), ("kc", kc), ("vc", vc),
                   ("slots", slots), ("new_kc", new_k), ("new_vc", new_v)]:
        save(f"{name}_{tag}", a)


case("bf16", 5, 2, 64, 64, 8, 16, "bf16", skip=[2])
case("i8", 3, 4, 32, 64, 4, 8, "i8", skip=[])
