#!/usr/bin/env python3
"""Vector-vector fusion on Ascend910B2 under the cycle model (issue 14).

Usage: /usr/bin/python3 bench/vector_fusion.py [--build DIR] [--tokens 16,512]

Each program is lowered by --ascend-lower-to-kernel twice in this run:
fused (the default, ascend-fuse-vector on) and unfused
(`fuse-vector=false`, every other option the same), and timed with
`ascend-run --timing-only --no-hazard-check --json`. Prints launches,
simulated microseconds and the unfused / fused ratio. Simulated time:
deterministic, independent of the host.

Programs:
- LLaMA-3-8B MLP block (H 4096, I 14336, bf16) as torch-mlir writes it:
  linalg.matmul with a zero fill, silu decomposed as x * sigmoid(x) (a
  sigmoid generic: negf, exp, addf 1, divf 1 / d; a mulf generic), the
  gating mulf generic, the down projection.
- residual add + RMSNorm over [512, 4096] bf16 (ascend ops), the sum
  returned too (the residual stream a transformer block adds to again).
- GPT-2 MLP (768 -> 3072 -> 768, f16, 512 tokens): matmul + bias, GELU
  (tanh form, ascend.gelu), matmul + bias.
"""
import argparse
import sys
import tempfile

from timing import DEFAULT_BUILD, lower_and_time

PAR2 = '["parallel", "parallel"]'
ID2 = "affine_map<(d0, d1) -> (d0, d1)>"


def generic(name, ins, out_type, body, dtype):
    """One elementwise linalg.generic over 2-D operands of `out_type`."""
    args = ", ".join(f"%{i}" for i in ins)
    types = ", ".join([out_type] * len(ins))
    maps = ", ".join([ID2] * (len(ins) + 1))
    block_args = ", ".join(f"%a{i}: {dtype}" for i in range(len(ins)))
    return (f"  %{name}_e = tensor.empty() : {out_type}\n"
            f"  %{name} = linalg.generic {{indexing_maps = [{maps}], iterator_types = {PAR2}}}"
            f" ins({args} : {types}) outs(%{name}_e : {out_type}) {{\n"
            f"  ^bb0({block_args}, %out: {dtype}):\n{body}"
            f"  }} -> {out_type}\n")


def matmul(name, a, b, m, k, n, dtype):
    t = f"tensor<{m}x{n}x{dtype}>"
    return (f"  %{name}_e = tensor.empty() : {t}\n"
            f"  %{name}_z = linalg.fill ins(%zero : {dtype}) outs(%{name}_e : {t}) -> {t}\n"
            f"  %{name} = linalg.matmul ins(%{a}, %{b} : tensor<{m}x{k}x{dtype}>, tensor<{k}x{n}x{dtype}>)"
            f" outs(%{name}_z : {t}) -> {t}\n")


def llama_mlp(tokens, hidden=4096, inter=14336, dt="bf16"):
    ti = f"tensor<{tokens}x{inter}x{dt}>"
    sigmoid = (f"    %n = arith.negf %a0 : {dt}\n    %e = math.exp %n : {dt}\n"
               f"    %d = arith.addf %e, %one : {dt}\n    %r = arith.divf %one, %d : {dt}\n"
               f"    linalg.yield %r : {dt}\n")
    mul = f"    %p = arith.mulf %a0, %a1 : {dt}\n    linalg.yield %p : {dt}\n"
    return (f"func.func @mlp(%x: tensor<{tokens}x{hidden}x{dt}>, %wg: tensor<{hidden}x{inter}x{dt}>,"
            f" %wu: tensor<{hidden}x{inter}x{dt}>, %wd: tensor<{inter}x{hidden}x{dt}>)"
            f" -> tensor<{tokens}x{hidden}x{dt}> {{\n"
            f"  %zero = arith.constant 0.0 : {dt}\n  %one = arith.constant 1.0 : {dt}\n"
            + matmul("g", "x", "wg", tokens, hidden, inter, dt)
            + generic("sig", ["g"], ti, sigmoid, dt)
            + generic("silu", ["g", "sig"], ti, mul, dt)
            + matmul("u", "x", "wu", tokens, hidden, inter, dt)
            + generic("h", ["silu", "u"], ti, mul, dt)
            + matmul("y", "h", "wd", tokens, inter, hidden, dt)
            + f"  return %y : tensor<{tokens}x{hidden}x{dt}>\n}}\n")


def residual_rms_norm(rows=512, hidden=4096, dt="bf16"):
    t = f"tensor<{rows}x{hidden}x{dt}>"
    return (f"func.func @norm(%x: {t}, %res: {t}, %g: tensor<{hidden}x{dt}>) -> ({t}, {t}) {{\n"
            f"  %s = ascend.add %x, %res : {t}, {t} -> {t}\n"
            f"  %n = ascend.rms_norm %s, %g {{epsilon = 1.0e-05 : f32}} : {t}, tensor<{hidden}x{dt}> -> {t}\n"
            f"  return %s, %n : {t}, {t}\n}}\n")


def gpt2_mlp(tokens=512, d=768, f=3072, dt="f16"):
    tx, th = f"tensor<{tokens}x{d}x{dt}>", f"tensor<{tokens}x{f}x{dt}>"
    return (f"func.func @mlp(%x: {tx}, %w1: tensor<{d}x{f}x{dt}>, %b1: tensor<{f}x{dt}>,"
            f" %w2: tensor<{f}x{d}x{dt}>, %b2: tensor<{d}x{dt}>) -> {tx} {{\n"
            f"  %a = ascend.matmul %x, %w1 : {tx}, tensor<{d}x{f}x{dt}> -> {th}\n"
            f"  %ab = ascend.add %a, %b1 : {th}, tensor<{f}x{dt}> -> {th}\n"
            f"  %h = ascend.gelu %ab : {th} -> {th}\n"
            f"  %o = ascend.matmul %h, %w2 : {th}, tensor<{f}x{d}x{dt}> -> {tx}\n"
            f"  %y = ascend.add %o, %b2 : {tx}, tensor<{d}x{dt}> -> {tx}\n"
            f"  return %y : {tx}\n}}\n")


def run(build, source, options, tmp):
    r = lower_and_time(build, source, options, tmp)
    return len(r.get("launches", [r])), r["total_us"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=DEFAULT_BUILD)
    parser.add_argument("--tokens", default="16,512")
    args = parser.parse_args()
    programs = [(f"LLaMA-3-8B MLP, {t} tokens", llama_mlp(int(t)))
                for t in args.tokens.split(",")]
    programs += [("residual add + RMSNorm [512, 4096]", residual_rms_norm()),
                 ("GPT-2 MLP, GELU(tanh), 512 tokens", gpt2_mlp())]
    print(f"{'program':40} {'launches':>13} {'unfused us':>11} {'fused us':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in programs:
            lu, tu = run(args.build, source, "fuse-vector=false", tmp)
            lf, tf = run(args.build, source, "", tmp)
            print(f"{name:40} {lu:>6} -> {lf:<5} {tu:>11.3f} {tf:>10.3f} {tu / tf:>6.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
