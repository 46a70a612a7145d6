"""Inputs and NumPy references for lower-paged-attention.test.

The reference is unfused attention in f32 over each sequence's keys, gathered
from the caches through its block table (the op's definition): q.k in f32
times scale, softmax in f32, p.v in f32, one rounding to the element type.
Block ids are a shuffled, non-contiguous subset of the cache; unused table
entries hold an id past the cache (they must be ignored), and every cache row
holds finite random data, including the rows past a sequence's length in its
last block (read, then masked).
"""
import sys

import numpy as np

from references import Saver, attention32, random_half, rounded

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(11)


def case(name, batch, nq, nkv, d, dv, num_blocks, block_size, max_blocks,
         lens, scale, bf16):
    shapes = [(batch, nq, d), (num_blocks, block_size, nkv, d),
              (num_blocks, block_size, nkv, dv)]
    stored, exact = random_half(rng, shapes, bf16)
    q, kc, vc = exact
    ids = rng.permutation(num_blocks)
    tables = np.full((batch, max_blocks), num_blocks + 7, np.int32)
    used = 0
    for b, length in enumerate(lens):
        n = -(-length // block_size)
        tables[b, :n] = ids[used:used + n]
        used += n
    assert used <= num_blocks
    o = np.zeros((batch, nq, dv), np.float32)
    for b, length in enumerate(lens):
        t = np.arange(length)
        blocks = tables[b, t // block_size]
        k = kc[blocks, t % block_size]  # [L, Nkv, D]
        v = vc[blocks, t % block_size]
        o[b] = attention32(q[b][None, :, None, :],
                           np.swapaxes(k, 0, 1)[None],
                           np.swapaxes(v, 0, 1)[None], scale, False)[0, :, 0]
    for tag, array in zip(("q", "kc", "vc"), stored):
        save(f"{name}_{tag}", array)
    save(f"{name}_tables", tables)
    save(f"{name}_lens", np.array(lens, np.int32))
    save(f"{name}_o", rounded(o, bf16))


case("gqa_bf16", 4, 16, 2, 64, 64, 20, 32, 4, [1, 45, 128, 70], 0.125, True)
case("gqa_f16", 2, 16, 2, 128, 128, 8, 128, 3, [129, 384], 0.0883883461,
     False)
case("mha_f16", 3, 4, 4, 128, 64, 16, 16, 5, [37, 1, 64], 0.0883883461,
     False)
case("gqa3_bf16", 2, 6, 2, 64, 64, 6, 64, 2, [64, 100], 0.125, True)
# 128-token blocks, 4 per step of the KV walk (512 keys): lengths of three
# steps with one block in the last (1100), one whole step (512) and a step
# and a block (640); bf16.
case("gqa_long_bf16", 3, 16, 2, 128, 128, 20, 128, 9, [1100, 512, 640],
     0.0883883461, True)
# GQA 32:1 (16 rows per vector core): 2 blocks of 128 tokens per step.
case("gqa32_bf16", 2, 64, 2, 128, 128, 12, 128, 9, [1100, 300], 0.0883883461,
     True)
# An odd number of KV heads (3) and of query heads per KV head (3): one KV
# head per work item, all its rows on vector core 0.
case("odd_heads_f16", 2, 9, 3, 64, 64, 10, 32, 4, [50, 97], 0.125, False)
# Two KV heads per work item: 7 sequences x 4 KV heads (28 pairs) exceed
# the 24 blocks; G = 3, so each vector core takes one head's 3 rows.
# 128-token blocks, 4 per chunk; lengths ending in all four chunk slots.
case("pairs_bf16", 7, 12, 4, 64, 64, 20, 128, 5,
     [1, 130, 600, 256, 77, 512, 300], 0.125, True)
