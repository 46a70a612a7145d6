#!/usr/bin/env python3
"""Paged decode attention on Ascend910B2 under the cycle model (issue 6).

Usage: /usr/bin/python3 bench/decode_attention.py [--build DIR]
           [--lengths 128,256,...] [--block-size 128]

LLaMA-3-70B decode: batch 16, 64 query heads over 8 KV heads, head_dim 128,
bf16, 128-token cache blocks (--block-size to change). One `ascend.paged_attention` per context
length (every sequence that long), plus one ragged batch (lengths spread
from 128 to 8K), lowered by --ascend-lower-to-kernel and timed with
`ascend-run --timing-only --no-hazard-check --json`; block tables (shuffled
block ids) and lengths are passed as --input files, the rest is --seed data.

Decode is memory-bound, so the figure of merit is the KV-cache bandwidth:
K and V bytes of the cache blocks the kernel reads (whole blocks) per
simulated second, against the target's HBM peak. Cube % is the M pipe's
busy share over all cube cores. Simulated time: deterministic.
"""
import argparse
import os
import sys
import tempfile

import numpy as np

from timing import DEFAULT_BUILD, lower_and_time, pipes

B, NQ, NKV, D = 16, 64, 8, 128


def source(num_blocks, max_blocks, block):
    q = f"tensor<{B}x{NQ}x{D}xbf16>"
    cache = f"tensor<{num_blocks}x{block}x{NKV}x{D}xbf16>"
    tables = f"tensor<{B}x{max_blocks}xi32>"
    lens = f"tensor<{B}xi32>"
    return (f"func.func @decode(%q: {q}, %kc: {cache}, %vc: {cache}, %t: {tables}, %l: {lens}) -> {q} {{\n"
            f"  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l scale 0.0883883461\n"
            f"      : {q}, {cache}, {cache}, {tables}, {lens} -> {q}\n"
            f"  return %o : {q}\n}}\n")


def run(build, lengths, block, tmp):
    """(us, KV bytes read, HBM peak bytes/s, cube utilisation)."""
    blocks = [-(-n // block) for n in lengths]
    num_blocks, max_blocks = sum(blocks), max(blocks)
    ids = np.random.default_rng(0).permutation(num_blocks).astype(np.int32)
    tables = np.zeros((B, max_blocks), np.int32)
    at = 0
    for b, n in enumerate(blocks):
        tables[b, :n] = ids[at:at + n]
        at += n
    np.save(os.path.join(tmp, "tables.npy"), tables)
    np.save(os.path.join(tmp, "lens.npy"), np.array(lengths, np.int32))
    r = lower_and_time(build, source(num_blocks, max_blocks, block), "", tmp,
                       inputs=(f"3={tmp}/tables.npy", f"4={tmp}/lens.npy"))
    launches = r.get("launches", [r])
    cube_busy = sum(p["busy_cycles"] for p in pipes(r)
                    if p["core"] == "cube" and p["pipe"] == "m")
    cube_cores = max(l.get("cube_cores", 0) for l in launches) or 1
    cycles = r["total_cycles"]
    kv_bytes = num_blocks * block * NKV * D * 2 * 2
    peak = max(l["peak_gm_bytes_per_second"] for l in launches)
    return r["total_us"], kv_bytes, peak, cube_busy / (cube_cores * cycles)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=DEFAULT_BUILD)
    parser.add_argument("--lengths", default="128,256,512,1024,2048,4096,8192")
    parser.add_argument("--block-size", type=int, default=128,
                        help="tokens per cache block")
    args = parser.parse_args()
    rows = [(str(n), [n] * B) for n in map(int, args.lengths.split(","))]
    ragged = [int(x) for x in np.linspace(128, 8192, B).round()]
    rows.append(("128..8K", ragged))
    print(f"{'context':>8} {'us':>9} {'KV MB':>8} {'GB/s':>7} {'% HBM':>6} {'cube %':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, lengths in rows:
            us, kv, peak, cube = run(args.build, lengths, args.block_size, tmp)
            rate = kv / (us * 1e-6)
            print(f"{label:>8} {us:9.1f} {kv / 1e6:8.1f} {rate / 1e9:7.0f} "
                  f"{100 * rate / peak:6.1f} {100 * cube:6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
