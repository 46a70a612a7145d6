"""Inputs and NumPy references for repeat-kv.test: np.repeat along the
head dim (each KV head serves its group of query heads)."""
import sys
import numpy as np
from references import Saver, to_bf16

save = Saver(sys.argv[1])
rng = np.random.default_rng(37)
for name, shape, times in (("8b", (1, 8, 16, 128), 4), ("70b", (1, 8, 1024, 128), 8)):
    k = to_bf16(rng.standard_normal(shape).astype(np.float32))
    save(f"k_{name}", k)
    save(f"krep_{name}", np.repeat(k, times, axis=1))
