"""Inputs and NumPy references for llama-decode.test.

A LLaMA decode attention step (examples/llama_decode_attention.mlir's
program): RMSNorm, Q/K/V projections, RoPE on Q and K, the new tokens' K/V
written to the paged cache by slot, paged attention over the updated cache.
The reference follows the ops in f32 with each op's result rounded to bf16
(matmuls sequential in k, as the cube adds); its softmax and RMSNorm are
NumPy's, so the test states a tolerance (one bf16 ulp, 2^-7) for the
attention output and the cache rows computed from RMSNorm.

`small`: the program at small sizes, every value checked. `real`: only the
integer inputs (slots, block tables, lengths) for the example's real
LLaMA-3-70B shapes, run timing-only.
"""
import sys

import numpy as np

from references import (Saver, attention32, from_bf16, rms_norm32, rope_half32,
                        sequential_matmul, to_bf16)

save = Saver(sys.argv[1])
rng = np.random.default_rng(29)


def paging(batch, lens, num_blocks, block_size, width):
    """Block tables (shuffled blocks, unused entries repeat a used id) and
    each sequence's slot for its newest token (position len - 1)."""
    ids = rng.permutation(num_blocks).astype(np.int32)
    tables = np.zeros((batch, width), np.int32)
    used = 0
    for b, length in enumerate(lens):
        n = -(-length // block_size)
        tables[b, :n] = ids[used:used + n]
        tables[b, n:] = ids[0]
        used += n
    assert used <= num_blocks
    slots = [tables[b, (n - 1) // block_size] * block_size + (n - 1) % block_size
             for b, n in enumerate(lens)]
    return tables, np.array(slots, np.int32), np.array(lens, np.int32)


def small():
    batch, hidden, nq, nkv, d = 4, 1024, 8, 2, 128
    num_blocks, block_size, width = 12, 128, 3
    lens = [1, 130, 384, 77]
    r16 = lambda a: from_bf16(to_bf16(a.astype(np.float32)))
    x = r16(rng.standard_normal((batch, hidden)))
    gamma = r16(1 + 0.1 * rng.standard_normal(hidden))
    wq, wk, wv = (r16(rng.standard_normal((hidden, n)) / np.sqrt(hidden))
                  for n in (nq * d, nkv * d, nkv * d))
    pos = np.array(lens, np.float32)[:, None] - 1
    angle = pos / 10000.0 ** (np.arange(d // 2, dtype=np.float32) * 2 / d)
    cos, sin = np.cos(angle).astype(np.float32), np.sin(angle).astype(np.float32)
    kc = r16(rng.standard_normal((num_blocks, block_size, nkv, d)))
    vc = r16(rng.standard_normal((num_blocks, block_size, nkv, d)))
    tables, slots, lens32 = paging(batch, lens, num_blocks, block_size, width)

    h = r16(rms_norm32(x, gamma, 1e-5))
    q = r16(sequential_matmul(h, wq)).reshape(batch, nq, d)
    k = r16(sequential_matmul(h, wk)).reshape(batch, nkv, d)
    v = r16(sequential_matmul(h, wv)).reshape(batch, nkv, d)
    q, k = r16(rope_half32(q, cos, sin)), r16(rope_half32(k, cos, sin))
    new_kc, new_vc = kc.copy(), vc.copy()
    for b, s in enumerate(slots):
        new_kc[s // block_size, s % block_size] = k[b]
        new_vc[s // block_size, s % block_size] = v[b]
    o = np.zeros((batch, nq, d), np.float32)
    for b, length in enumerate(lens):
        t = np.arange(length)
        blocks = tables[b, t // block_size]
        keys = np.swapaxes(new_kc[blocks, t % block_size], 0, 1)[None]
        values = np.swapaxes(new_vc[blocks, t % block_size], 0, 1)[None]
        o[b] = attention32(q[b][None, :, None, :], keys, values,
                           np.float32(0.0883883461), False)[0, :, 0]
    for name, a in [("x", x), ("gamma", gamma), ("wq", wq), ("wk", wk),
                    ("wv", wv), ("kc", kc), ("vc", vc), ("o", o),
                    ("new_kc", new_kc), ("new_vc", new_vc)]:
        save(f"small_{name}", to_bf16(a))
    for name, a in [("cos", cos), ("sin", sin), ("tables", tables),
                    ("slots", slots), ("lens", lens32)]:
        save(f"small_{name}", a)


def real():
    # LLaMA-3-70B decode, batch 16, 2048 blocks of 128 tokens, up to 64 per
    # sequence; contexts of 1-2K tokens keep the timing run short.
    lens = [2048 - 61 * b for b in range(16)]
    tables, slots, lens32 = paging(16, lens, 2048, 128, 64)
    save("real_tables", tables)
    save("real_slots", slots)
    save("real_lens", lens32)


small()
real()
