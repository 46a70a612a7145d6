#!/usr/bin/env python3
"""Inputs and references for host-launch.test: f16 adds, each rounded once
(NumPy's float16 addition is correctly rounded, as vec.add is)."""
import sys
import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(5)
x = rng.standard_normal((32, 64)).astype(np.float16)
y = rng.standard_normal(2048).astype(np.float16)
np.save(f"{out}/x.npy", x)
np.save(f"{out}/y.npy", y)
np.save(f"{out}/out.npy", (x.reshape(2048) + y) + y)
np.save(f"{out}/doubled.npy", y + y)
np.save(f"{out}/copy.npy", (y + y).reshape(32, 64))
