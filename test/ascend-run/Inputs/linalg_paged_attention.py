"""Unfused paged decode attention in plain linalg (ascend-fuse-attention's
paged form: K and V gathered from the caches by the block table with
tensor.gather, flattened to tokens and transposed to heads, repeat_kv,
Q.K^T / sqrt(head_dim) + a key-padding mask computed from context_lens by a
linalg.generic, linalg.softmax, P.V) for linalg-paged-attention.test: writes
OUT/linalg-paged-attention.mlir, inputs and the NumPy reference (unfused f32
attention over each sequence's first context_lens[b] gathered tokens).
Unused table entries hold valid block ids: the unfused form gathers them.
"""
import sys

import numpy as np

from references import Saver, attention32

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(23)

B, NQ, NKV, D, BS, MAX_BLOCKS, NUM_BLOCKS = 3, 16, 2, 128, 16, 6, 24
LENS = [1, 45, 96]
T, G = MAX_BLOCKS * BS, NQ // NKV
SQRT_D = float(np.float16(np.sqrt(D)))

cache = f"{NUM_BLOCKS}x{BS}x{NKV}x{D}xf16"
gathered = f"{B}x{MAX_BLOCKS}x1x{BS}x{NKV}x{D}xf16"
tokens, heads = f"{B}x{T}x{NKV}x{D}xf16", f"{B}x{NKV}x{T}x{D}xf16"
rep5, rep = f"{B}x{NKV}x{G}x{T}x{D}xf16", f"{B}x{NQ}x{T}x{D}xf16"
s4, s3 = f"{B}x{NQ}x1x{T}xf16", f"{B * NQ}x1x{T}xf16"
source = f"""#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#lens = affine_map<(d0, d1) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#mask = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
func.func @paged_decode(%q: tensor<{B}x{NQ}x1x{D}xf16>, %kc: tensor<{cache}>, %vc: tensor<{cache}>, %tables: tensor<{B}x{MAX_BLOCKS}xi32>, %lens: tensor<{B}xi32>) -> tensor<{B}x{NQ}x1x{D}xf16> {{
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %sqrt_d = arith.constant {SQRT_D!r} : f16
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [{B}, {MAX_BLOCKS}, 1] : tensor<{B}x{MAX_BLOCKS}xi32> into tensor<{B}x{MAX_BLOCKS}x1xi32>
  %e = tensor.empty() : tensor<{heads}>
  %e5 = tensor.empty() : tensor<{rep5}>
"""
for t in "kv":
    source += f"""  %{t}g = tensor.gather %{t}c[%idx] gather_dims([0]) : (tensor<{cache}>, tensor<{B}x{MAX_BLOCKS}x1xi32>) -> tensor<{gathered}>
  %{t}f = tensor.collapse_shape %{t}g [[0], [1, 2, 3], [4], [5]] : tensor<{gathered}> into tensor<{tokens}>
  %{t}h = linalg.transpose ins(%{t}f : tensor<{tokens}>) outs(%e : tensor<{heads}>) permutation = [0, 2, 1, 3]
  %{t}5 = tensor.expand_shape %{t}h [[0], [1, 2], [3], [4]] output_shape [{B}, {NKV}, 1, {T}, {D}] : tensor<{heads}> into tensor<{B}x{NKV}x1x{T}x{D}xf16>
  %{t}r = linalg.generic {{indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}} ins(%{t}5 : tensor<{B}x{NKV}x1x{T}x{D}xf16>) outs(%e5 : tensor<{rep5}>) {{
  ^bb0(%in: f16, %init: f16):
    linalg.yield %in : f16
  }} -> tensor<{rep5}>
  %{t}rep = tensor.collapse_shape %{t}r [[0], [1, 2], [3], [4]] : tensor<{rep5}> into tensor<{rep}>
"""
source += f"""  %et = tensor.empty() : tensor<{B}x{NQ}x{D}x{T}xf16>
  %kt = linalg.transpose ins(%krep : tensor<{rep}>) outs(%et : tensor<{B}x{NQ}x{D}x{T}xf16>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<{B}x{NQ}x1x{D}xf16> into tensor<{B * NQ}x1x{D}xf16>
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<{B}x{NQ}x{D}x{T}xf16> into tensor<{B * NQ}x{D}x{T}xf16>
  %es = tensor.empty() : tensor<{s3}>
  %zs = linalg.fill ins(%zero : f16) outs(%es : tensor<{s3}>) -> tensor<{s3}>
  %s3 = linalg.batch_matmul ins(%q3, %kt3 : tensor<{B * NQ}x1x{D}xf16>, tensor<{B * NQ}x{D}x{T}xf16>) outs(%zs : tensor<{s3}>) -> tensor<{s3}>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [{B}, {NQ}, 1, {T}] : tensor<{s3}> into tensor<{s4}>
  %em = tensor.empty() : tensor<{B}x{T}xf16>
  %m = linalg.generic {{indexing_maps = [#lens, #id2], iterator_types = ["parallel", "parallel"]}} ins(%lens : tensor<{B}xi32>) outs(%em : tensor<{B}x{T}xf16>) {{
  ^bb0(%len: i32, %init: f16):
    %i = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i32
    %keep = arith.cmpi slt, %ii, %len : i32
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  }} -> tensor<{B}x{T}xf16>
  %e4 = tensor.empty() : tensor<{s4}>
  %t = linalg.generic {{indexing_maps = [#id4, #mask, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}} ins(%s, %m : tensor<{s4}>, tensor<{B}x{T}xf16>) outs(%e4 : tensor<{s4}>) {{
  ^bb0(%a: f16, %b: f16, %init: f16):
    %scaled = arith.divf %a, %sqrt_d : f16
    %masked = arith.addf %scaled, %b : f16
    linalg.yield %masked : f16
  }} -> tensor<{s4}>
  %p = linalg.softmax dimension(3) ins(%t : tensor<{s4}>) outs(%e4 : tensor<{s4}>) -> tensor<{s4}>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<{s4}> into tensor<{s3}>
  %v3 = tensor.collapse_shape %vrep [[0, 1], [2], [3]] : tensor<{rep}> into tensor<{B * NQ}x{T}x{D}xf16>
  %eo = tensor.empty() : tensor<{B * NQ}x1x{D}xf16>
  %zo = linalg.fill ins(%zero : f16) outs(%eo : tensor<{B * NQ}x1x{D}xf16>) -> tensor<{B * NQ}x1x{D}xf16>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<{s3}>, tensor<{B * NQ}x{T}x{D}xf16>) outs(%zo : tensor<{B * NQ}x1x{D}xf16>) -> tensor<{B * NQ}x1x{D}xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [{B}, {NQ}, 1, {D}] : tensor<{B * NQ}x1x{D}xf16> into tensor<{B}x{NQ}x1x{D}xf16>
  return %o : tensor<{B}x{NQ}x1x{D}xf16>
}}
"""
with open(f"{out}/linalg-paged-attention.mlir", "w") as f:
    f.write(source)

q = rng.standard_normal((B, NQ, 1, D)).astype(np.float16)
kc = rng.standard_normal((NUM_BLOCKS, BS, NKV, D)).astype(np.float16)
vc = rng.standard_normal((NUM_BLOCKS, BS, NKV, D)).astype(np.float16)
# Shuffled, non-contiguous blocks; padding entries repeat valid ids.
tables = rng.permutation(NUM_BLOCKS)[:B * MAX_BLOCKS].reshape(B, MAX_BLOCKS).astype(np.int32)
o = np.zeros((B, NQ, 1, D), np.float32)
for b, length in enumerate(LENS):
    t = np.arange(length)
    blocks = tables[b, t // BS]
    k = np.swapaxes(kc[blocks, t % BS].astype(np.float32), 0, 1)[None]
    v = np.swapaxes(vc[blocks, t % BS].astype(np.float32), 0, 1)[None]
    o[b] = attention32(q[b][None].astype(np.float32), k, v, 1.0 / SQRT_D, False)[0]
for name, array in (("q", q), ("kc", kc), ("vc", vc), ("tables", tables),
                    ("lens", np.array(LENS, np.int32)), ("o", o.astype(np.float16))):
    save(name, array)
