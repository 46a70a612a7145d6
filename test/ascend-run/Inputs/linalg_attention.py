"""Unfused attention in plain linalg (torch-mlir's form of LLaMA attention:
repeat_kv as a broadcasting generic, K transposed before a batch_matmul,
division by sqrt(head_dim), an additive causal mask constant, linalg.softmax,
batch_matmul with V) for linalg-attention.test: writes OUT/linalg-attention.mlir,
inputs and unfused f32 NumPy references."""
import sys

import numpy as np

from references import Saver, attention32

out = sys.argv[1]
save = Saver(out)
rng = np.random.default_rng(17)


def function(name, b, nq, nkv, sq, skv, d, causal):
    group = nq // nkv
    q, kv = f"{b}x{nq}x{sq}x{d}", f"{b}x{nkv}x{skv}x{d}"
    rep, s4 = f"{b}x{nkv}x{group}x{skv}x{d}", f"{b}x{nq}x{sq}x{skv}"
    s3, o3 = f"{b * nq}x{sq}x{skv}", f"{b * nq}x{sq}x{d}"
    lines = [f"func.func @{name}(%q: tensor<{q}xf16>, %k: tensor<{kv}xf16>, "
             f"%v: tensor<{kv}xf16>) -> tensor<{q}xf16> {{",
             "  %zero = arith.constant 0.0 : f16",
             f"  %sqrt_d = arith.constant {float(np.float16(np.sqrt(d)))!r} : f16"]
    for t in "kv":
        lines += [
            f"  %{t}5 = tensor.expand_shape %{t} [[0], [1, 2], [3], [4]] output_shape [{b}, {nkv}, 1, {skv}, {d}] : tensor<{kv}xf16> into tensor<{b}x{nkv}x1x{skv}x{d}xf16>",
            f"  %{t}e = tensor.empty() : tensor<{rep}xf16>",
            f"  %{t}r = linalg.generic {{indexing_maps = [#bcast, #id5], iterator_types = [\"parallel\", \"parallel\", \"parallel\", \"parallel\", \"parallel\"]}} ins(%{t}5 : tensor<{b}x{nkv}x1x{skv}x{d}xf16>) outs(%{t}e : tensor<{rep}xf16>) {{",
            "  ^bb0(%in: f16, %init: f16):",
            "    linalg.yield %in : f16",
            f"  }} -> tensor<{rep}xf16>",
            f"  %{t}rep = tensor.collapse_shape %{t}r [[0], [1, 2], [3], [4]] : tensor<{rep}xf16> into tensor<{b}x{nq}x{skv}x{d}xf16>"]
    lines += [
        f"  %et = tensor.empty() : tensor<{b}x{nq}x{d}x{skv}xf16>",
        f"  %kt = linalg.transpose ins(%krep : tensor<{b}x{nq}x{skv}x{d}xf16>) outs(%et : tensor<{b}x{nq}x{d}x{skv}xf16>) permutation = [0, 1, 3, 2]",
        f"  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<{q}xf16> into tensor<{b * nq}x{sq}x{d}xf16>",
        f"  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<{b}x{nq}x{d}x{skv}xf16> into tensor<{b * nq}x{d}x{skv}xf16>",
        f"  %es = tensor.empty() : tensor<{s3}xf16>",
        f"  %zs = linalg.fill ins(%zero : f16) outs(%es : tensor<{s3}xf16>) -> tensor<{s3}xf16>",
        f"  %s3 = linalg.batch_matmul ins(%q3, %kt3 : tensor<{b * nq}x{sq}x{d}xf16>, tensor<{b * nq}x{d}x{skv}xf16>) outs(%zs : tensor<{s3}xf16>) -> tensor<{s3}xf16>",
        f"  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [{b}, {nq}, {sq}, {skv}] : tensor<{s3}xf16> into tensor<{s4}xf16>",
        f"  %e4 = tensor.empty() : tensor<{s4}xf16>"]
    if causal:
        rows = ", ".join(
            "[" + ", ".join("0xFC00" if j > i + skv - sq else "0.0" for j in range(skv)) + "]"
            for i in range(sq))
        lines += [
            f"  %causal = arith.constant dense<[{rows}]> : tensor<{sq}x{skv}xf16>",
            f"  %t = linalg.generic {{indexing_maps = [#id4, #mask, #id4], iterator_types = [\"parallel\", \"parallel\", \"parallel\", \"parallel\"]}} ins(%s, %causal : tensor<{s4}xf16>, tensor<{sq}x{skv}xf16>) outs(%e4 : tensor<{s4}xf16>) {{",
            "  ^bb0(%a: f16, %m: f16, %init: f16):",
            "    %scaled = arith.divf %a, %sqrt_d : f16",
            "    %masked = arith.addf %scaled, %m : f16",
            "    linalg.yield %masked : f16"]
    else:
        lines += [
            f"  %t = linalg.generic {{indexing_maps = [#id4, #id4], iterator_types = [\"parallel\", \"parallel\", \"parallel\", \"parallel\"]}} ins(%s : tensor<{s4}xf16>) outs(%e4 : tensor<{s4}xf16>) {{",
            "  ^bb0(%a: f16, %init: f16):",
            "    %scaled = arith.divf %a, %sqrt_d : f16",
            "    linalg.yield %scaled : f16"]
    lines += [
        f"  }} -> tensor<{s4}xf16>",
        f"  %p = linalg.softmax dimension(3) ins(%t : tensor<{s4}xf16>) outs(%e4 : tensor<{s4}xf16>) -> tensor<{s4}xf16>",
        f"  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<{s4}xf16> into tensor<{s3}xf16>",
        f"  %v3 = tensor.collapse_shape %vrep [[0, 1], [2], [3]] : tensor<{b}x{nq}x{skv}x{d}xf16> into tensor<{b * nq}x{skv}x{d}xf16>",
        f"  %eo = tensor.empty() : tensor<{o3}xf16>",
        f"  %zo = linalg.fill ins(%zero : f16) outs(%eo : tensor<{o3}xf16>) -> tensor<{o3}xf16>",
        f"  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<{s3}xf16>, tensor<{b * nq}x{skv}x{d}xf16>) outs(%zo : tensor<{o3}xf16>) -> tensor<{o3}xf16>",
        f"  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [{b}, {nq}, {sq}, {d}] : tensor<{o3}xf16> into tensor<{q}xf16>",
        f"  return %o : tensor<{q}xf16>",
        "}"]

    arrays = [rng.standard_normal(shape).astype(np.float16)
              for shape in ((b, nq, sq, d), (b, nkv, skv, d), (b, nkv, skv, d))]
    for tag, array in zip("qkv", arrays):
        save(f"{name}_{tag}", array)
    scale = 1.0 / float(np.float16(np.sqrt(d)))
    o = attention32(*[a.astype(np.float32) for a in arrays], scale, causal)
    save(f"{name}_o", o.astype(np.float16))
    return "\n".join(lines)


def single_head(name, sq, skv, d):
    """One head with 2-D linalg.matmul (no batch dim), K transposed by
    linalg.transpose, scaled by 1 / sqrt(head_dim) in a generic."""
    s2, o2 = f"{sq}x{skv}", f"{sq}x{d}"
    lines = [f"func.func @{name}(%q: tensor<{sq}x{d}xf16>, %k: tensor<{skv}x{d}xf16>, "
             f"%v: tensor<{skv}x{d}xf16>) -> tensor<{o2}xf16> {{",
             "  %zero = arith.constant 0.0 : f16",
             f"  %sqrt_d = arith.constant {float(np.float16(np.sqrt(d)))!r} : f16",
             f"  %et = tensor.empty() : tensor<{d}x{skv}xf16>",
             f"  %kt = linalg.transpose ins(%k : tensor<{skv}x{d}xf16>) outs(%et : tensor<{d}x{skv}xf16>) permutation = [1, 0]",
             f"  %es = tensor.empty() : tensor<{s2}xf16>",
             f"  %zs = linalg.fill ins(%zero : f16) outs(%es : tensor<{s2}xf16>) -> tensor<{s2}xf16>",
             f"  %s = linalg.matmul ins(%q, %kt : tensor<{sq}x{d}xf16>, tensor<{d}x{skv}xf16>) outs(%zs : tensor<{s2}xf16>) -> tensor<{s2}xf16>",
             f"  %t = linalg.generic {{indexing_maps = [#id2, #id2], iterator_types = [\"parallel\", \"parallel\"]}} ins(%s : tensor<{s2}xf16>) outs(%es : tensor<{s2}xf16>) {{",
             "  ^bb0(%a: f16, %init: f16):",
             "    %scaled = arith.divf %a, %sqrt_d : f16",
             "    linalg.yield %scaled : f16",
             f"  }} -> tensor<{s2}xf16>",
             f"  %p = linalg.softmax dimension(1) ins(%t : tensor<{s2}xf16>) outs(%es : tensor<{s2}xf16>) -> tensor<{s2}xf16>",
             f"  %eo = tensor.empty() : tensor<{o2}xf16>",
             f"  %zo = linalg.fill ins(%zero : f16) outs(%eo : tensor<{o2}xf16>) -> tensor<{o2}xf16>",
             f"  %o = linalg.matmul ins(%p, %v : tensor<{s2}xf16>, tensor<{skv}x{d}xf16>) outs(%zo : tensor<{o2}xf16>) -> tensor<{o2}xf16>",
             f"  return %o : tensor<{o2}xf16>",
             "}"]
    arrays = [rng.standard_normal(shape).astype(np.float16)
              for shape in ((sq, d), (skv, d), (skv, d))]
    for tag, array in zip("qkv", arrays):
        save(f"{name}_{tag}", array)
    scale = 1.0 / float(np.float16(np.sqrt(d)))
    o = attention32(*[a.astype(np.float32)[None, None] for a in arrays], scale,
                    False)
    save(f"{name}_o", o[0, 0].astype(np.float16))
    return "\n".join(lines)


header = """#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#mask = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
"""
functions = [function("gqa_causal", 1, 4, 2, 128, 128, 64, True),
             function("mha", 2, 2, 2, 64, 192, 128, False),
             single_head("single_head", 100, 300, 64)]
with open(f"{out}/linalg-attention.mlir", "w") as f:
    f.write(header + "\n\n".join(functions) + "\n")
