"""Inputs and NumPy references for lower-flash-attention-tails.test.

As flash_attention.py (unfused f32 attention, one rounding), for sequence
lengths that are not whole 64-row tiles and for explicit additive masks of
every broadcast rank. Masks are stored in the element type; the reference
adds their exact f32 values.
"""
import sys

import numpy as np

from references import Saver, attention32, random_half, rounded

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(11)
NEG = np.float32(-np.inf)


def case(name, q_shape, k_shape, dv, scale, causal, bf16, mask=None):
    """`mask`: an f32 array broadcasting to [B, Nq, Sq, Skv], or None."""
    v_shape = k_shape[:3] + (dv,)
    stored, exact = random_half(rng, (q_shape, k_shape, v_shape), bf16)
    for tag, array in zip("qkv", stored):
        save(f"{name}_{tag}", array)
    if mask is not None:
        stored_mask = rounded(mask, bf16)
        save(f"{name}_m", stored_mask)
        mask = (stored_mask.view(np.uint16).astype(np.uint32) << 16).view(
            np.float32) if bf16 else stored_mask.astype(np.float32)
    o = attention32(*exact, scale, causal, mask)
    save(f"{name}_o", rounded(o, bf16))


def additive(shape, hidden=0.0):
    """N(0, 1) values with a fraction `hidden` of -inf, never a whole row."""
    m = rng.standard_normal(shape).astype(np.float32)
    m[rng.random(shape) < hidden] = NEG
    m[..., 0] = rng.standard_normal(m.shape[:-1]).astype(np.float32)
    return m


def key_padding(valid, skv):
    """[B, 1, 1, Skv]: 0 on each batch element's keys [lo, hi), -inf off."""
    m = np.full((len(valid), 1, 1, skv), NEG, np.float32)
    for b, (lo, hi) in enumerate(valid):
        m[b, 0, 0, lo:hi] = 0
    return m


# Tails on Sq and Skv (Sq != Skv): the last query tile has 36 rows (32 on
# vector core 0, 4 on core 1), the last KV tile 13 keys.
case("tails_f16", (1, 2, 100, 64), (1, 2, 77, 64), 64, 0.125, False, False)
# One query (core 1 holds no row), keys 2 tiles + 2.
case("sq1_bf16", (2, 2, 1, 64), (2, 2, 130, 64), 64, 0.125, False, True)
# Causal with tails, Skv - Sq = 77: the diagonal starts one tile right and
# 13 keys in, so it crosses two KV tiles; last KV tile of 49 keys.
case("causal_tails_f16", (1, 2, 100, 64), (1, 2, 177, 64), 64, 0.125, True,
     False)
# GQA causal prefill with a 6-row last tile, bf16, Dv != D.
case("gqa_causal_tails_bf16", (1, 4, 70, 128), (1, 2, 70, 128), 64,
     0.0883883461, True, True)
# MQA causal, 20 queries after 130 cached tokens (one partial query tile).
case("mqa_causal_short_f16", (1, 4, 20, 64), (1, 1, 150, 64), 64, 0.125,
     True, False)
# One key (Sq > Skv), and one-row / one-key last tiles with causal.
case("skv1_f16", (1, 2, 70, 64), (1, 2, 1, 64), 64, 0.125, False, False)
case("causal_65_bf16", (1, 2, 65, 64), (1, 2, 65, 64), 64, 0.125, True, True)
# Masks of every rank: [Sq, Skv] with -inf holes, on tails.
case("mask2_f16", (1, 2, 100, 64), (1, 2, 77, 64), 64, 0.125, False, False,
     additive((100, 77), 0.2))
# [B, 1, Sq, Skv] combined with causal, bf16.
case("mask4_causal_bf16", (2, 2, 64, 64), (2, 2, 96, 64), 64, 0.125, True,
     True, additive((2, 1, 64, 96), 0.1))
# [Skv] (one key-padding row for everything), GQA.
case("mask1_gqa_f16", (1, 4, 80, 64), (1, 2, 100, 64), 64, 0.125, False,
     False, np.where(np.arange(100) < 90, 0, NEG).astype(np.float32))
# [Nq, Sq, 1]: one bias per query row and head, broadcast over keys.
case("mask3_rows_f16", (2, 2, 40, 64), (2, 2, 64, 64), 64, 0.125, False,
     False, additive((2, 40, 1)))
# Ragged batch through a key-padding mask [B, 1, 1, Skv]: valid lengths
# 77, 130 and 5, and one element left-padded (keys 70..129 valid), so its
# first KV tile is wholly masked.
case("ragged_bf16", (4, 2, 100, 64), (4, 2, 130, 64), 64, 0.125, False,
     True, key_padding([(0, 77), (0, 130), (0, 5), (70, 130)], 130))
case("ragged_f16", (4, 2, 100, 64), (4, 2, 130, 64), 64, 0.125, False,
     False, key_padding([(0, 77), (0, 130), (0, 5), (70, 130)], 130))
# Several 256-key KV tiles. Causal Sq = Skv = 600: the diagonal enters each
# of the four 64-key parts of a KV tile (query tiles 0..9), the last query
# tile has 24 rows and the last KV tile 88 keys.
case("causal_parts_f16", (1, 1, 600, 64), (1, 1, 600, 64), 64, 0.125, True,
     False)
# Causal, Skv - Sq = 197 = 3 * 64 + 5: query tile 0's diagonal band starts
# in the last part of KV tile 0 and runs on into KV tile 1; GQA, bf16.
case("causal_spill_bf16", (1, 2, 128, 64), (1, 1, 325, 64), 64, 0.125, True,
     True)
# Ragged over four KV tiles: lengths 1000 and 300, and one element
# left-padded by 300 keys, so its whole first KV tile is masked.
case("ragged_long_f16", (3, 2, 70, 64), (3, 2, 1000, 64), 64, 0.125, False,
     False, key_padding([(0, 1000), (0, 300), (300, 1000)], 1000))
# Not causal over three KV tiles (the cube two tiles ahead), the last of 18
# keys; GQA, Dv != D, bf16.
case("ahead_gqa_bf16", (2, 2, 130, 128), (2, 1, 530, 128), 64, 0.0883883461,
     False, True)
# Causal, Skv - Sq = 100 = 64 + 36: query tiles 0 and 1 see only KV tile 0
# (their bands start in its parts 1 and 2) and walk tile 1 wholly masked
# for the cube's two-tile lookahead; tile 2's band runs on into tile 1.
case("causal_pad_f16", (1, 2, 200, 64), (1, 2, 300, 64), 64, 0.125, True,
     False)
# An explicit mask with causal takes 128-key tiles (the 256-key tile's
# softmax does not fit UB with the mask's tiles): Skv - Sq = 300, the
# diagonal in both 64-key parts of a tile and running on into the next.
case("mask_causal_long_bf16", (1, 2, 300, 128), (1, 2, 600, 128), 128,
     0.0883883461, True, True, additive((1, 1, 300, 600), 0.1))
# Head dims 256 with a [B, 1, 1, Skv] mask: 128-key tiles too.
case("mask_d256_f16", (2, 1, 70, 256), (2, 1, 300, 256), 256, 0.0625, False,
     False, key_padding([(0, 300), (20, 250)], 300))
# Wide V rows: the last KV tile's P V runs in whole 16-key steps plus one
# padded step (one padded step over 255 keys would not fit L0B at Dv 256).
case("tail_dv256_f16", (1, 2, 70, 64), (1, 1, 511, 64), 256, 0.125, False,
     False)
case("tail_dv192_causal_bf16", (1, 1, 200, 64), (1, 1, 200, 64), 192, 0.125,
     True, True)
