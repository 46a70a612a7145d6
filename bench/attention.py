#!/usr/bin/env python3
"""FlashAttention prefill on Ascend910B2 under the cycle model (issue 6).

Usage: /usr/bin/python3 bench/attention.py [--build DIR] [--lengths 1024,2048,...]

For batch 1, one head, head_dim 128, f16, Sq = Skv = L, one program (batch
matmul Q.K^T, a constant scale, softmax, batch matmul with V) lowered by
--ascend-lower-to-kernel twice: fused (the default: ascend-fuse-attention
makes it one `ascend.flash_attention` kernel) and unfused
(`fuse-attention=false fuse-epilogues=false`: one kernel per op through
GM); causal is `ascend.flash_attention ... causal` written directly. Each is
timed with
`ascend-run --timing-only --no-hazard-check --json`. Prints microseconds,
TFLOP/s (4 * L^2 * D FLOP, halved when causal) and cube utilisation, and the
unfused / fused time ratio. Simulated time: deterministic.
"""
import argparse
import sys
import tempfile

from timing import DEFAULT_BUILD, lower_and_time, pipes

D = 128


def fused_causal(length):
    t = f"tensor<1x1x{length}x{D}xf16>"
    return (f"func.func @attn(%q: {t}, %k: {t}, %v: {t}) -> {t} {{\n"
            f"  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461 causal : {t}, {t}, {t} -> {t}\n"
            f"  return %o : {t}\n}}\n")


def unfused(length):
    """Attention as a frontend writes it (one head, batch 1)."""
    x = f"tensor<1x{length}x{D}xf16>"
    s = f"tensor<1x{length}x{length}xf16>"
    return (f"func.func @attn(%q: {x}, %k: {x}, %v: {x}) -> {x} {{\n"
            f"  %c = arith.constant dense<0.0883883461> : tensor<1xf16>\n"
            f"  %s = ascend.batch_matmul %q, %k {{transpose_b}} : {x}, {x} -> {s}\n"
            f"  %t = ascend.mul %s, %c : {s}, tensor<1xf16> -> {s}\n"
            f"  %p = ascend.softmax %t dim 2 : {s} -> {s}\n"
            f"  %o = ascend.batch_matmul %p, %v : {s}, {x} -> {x}\n"
            f"  return %o : {x}\n}}\n")


def run(build, source, options, tmp):
    """Microseconds and cube (M pipe) utilisation over all launches."""
    r = lower_and_time(build, source, options, tmp)
    launches = r.get("launches", [r])
    cube_busy = sum(p["busy_cycles"] for p in pipes(r)
                    if p["core"] == "cube" and p["pipe"] == "m")
    cube_cores = max(l.get("cube_cores", 0) for l in launches) or 1
    cycles = r["total_cycles"]
    return r["total_us"], cube_busy / (cube_cores * cycles) if cycles else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=DEFAULT_BUILD)
    parser.add_argument("--lengths", default="1024,2048,4096,8192")
    args = parser.parse_args()
    print(f"{'L':>6} {'causal':>6} {'fused us':>9} {'TFLOP/s':>8} {'cube %':>6} "
          f"{'unfused us':>10} {'TFLOP/s':>8} {'cube %':>6} {'unfused/fused':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for length in map(int, args.lengths.split(",")):
            flops = 4.0 * length * length * D
            u_us, u_cube = run(args.build, unfused(length),
                               "fuse-attention=false fuse-epilogues=false", tmp)
            for causal in (False, True):
                source = fused_causal(length) if causal else unfused(length)
                f_us, f_cube = run(args.build, source, "", tmp)
                useful = flops / 2 if causal else flops
                line = (f"{length:6} {str(causal):>6} {f_us:9.1f} {useful / f_us / 1e6:8.2f} "
                        f"{100 * f_cube:6.1f}")
                if not causal:
                    line += (f" {u_us:10.1f} {flops / u_us / 1e6:8.2f} {100 * u_cube:6.1f}"
                             f" {u_us / f_us:13.2f}")
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
