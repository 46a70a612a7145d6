#!/usr/bin/env python3
"""Interpreter throughput of ascend-run, with ratios against baselines timed
in this same script (the machine is shared and noisy; compare ratios, not
absolute numbers, between runs).

Usage: /usr/bin/python3 bench/interpreter.py [--build DIR] [--repeat N]
                                             [--verify-big]

Every wall time is the best of N runs of the whole `ascend-run` process
(time.perf_counter around subprocess.run): it includes process start, MLIR
context set-up, parsing, verification, .npy loading and the report. Nothing
is subtracted; the start-up cost is measured separately (`ascend-run --help`
and an empty kernel) so readers can see it.

1. Value mode (bit-accurate values, checked with --compare on every run) for
   three examples: simulated ops/s and tile ops/s. For matmul_f16 also the
   kernel's 2*M*N*K FLOP / wall time = bit-exact GFLOP/s, next to NumPy's
   float16 np.matmul on the same inputs, and the ratio ascend-run / NumPy.
2. --timing-only for the same kernels: ops/s and the speed-up over value mode.
3. Production-shape f16 matmuls (1024^3 on 32 blocks, 4096^3 on 512 blocks,
   a 128x256 output tile per block), generated here, checked with ascend-opt
   and run --timing-only only, with and without the hazard checker
   (--verify-big also runs the 1024^3 one once in value mode against
   np.matmul).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX = os.path.join(ROOT, "examples")
RAN = re.compile(r"ran @(\S+) on (\S+): (\d+) blocks, (\d+) ops executed "
                 r"\((\d+) tile ops\)")


def best_of(n, fn):
    """Best wall time of n calls of fn, and fn's last result."""
    best, out = float("inf"), None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout}{p.stderr}")
    return p


def ran_line(text):
    m = RAN.search(text)
    if not m:
        sys.exit("no 'ran @k on T: ...' line in:\n" + text)
    return int(m.group(4)), int(m.group(5))  # ops, tile ops


# A tiled f16 matmul of examples/matmul_f16.mlir's structure for any shape:
# block b computes the 128x256 output tile (b / (N/256), b % (N/256)), K in
# steps of 64: GM -> L1 (ND -> NZ), L1 -> L0A/L0B, mmad (init on the first
# step), fixpipe f32 -> f16 into its tile of C; flags as in the example.
BIG = """\
module attributes {{aicore.target = #aicore.target<"Ascend910B2">}} {{
  func.func @matmul_big(%a: memref<{M}x{K}xf16, #aicore.space<gm>>,
                        %b: memref<{K}x{N}xf16, #aicore.space<gm>>,
                        %c: memref<{M}x{N}xf16, #aicore.space<gm>>)
      attributes {{aicore.kernel = #aicore.kernel<block_dim = {BD}>}} {{
    %c0 = arith.constant 0 : index
    %c64 = arith.constant 64 : index
    %c128 = arith.constant 128 : index
    %c256 = arith.constant 256 : index
    %cnb = arith.constant {NB} : index
    %ck = arith.constant {K} : index
    %block = aicore.block_idx
    %bi = arith.divui %block, %cnb : index
    %bj = arith.remui %block, %cnb : index
    %m0 = arith.muli %bi, %c128 : index
    %n0 = arith.muli %bj, %c256 : index
    %l1a = aicore.alloc : memref<128x64xf16, #aicore.space<l1>>
    %l1b = aicore.alloc : memref<64x256xf16, #aicore.space<l1>>
    %l0a = aicore.alloc : memref<128x64xf16, #aicore.space<l0a>>
    %l0b = aicore.alloc : memref<64x256xf16, #aicore.space<l0b>>
    %l0c = aicore.alloc : memref<128x256xf32, #aicore.space<l0c>>

    aicore.set_flag <mte1> -> <mte2> event 0
    aicore.set_flag <m> -> <mte1> event 0
    scf.for %k = %c0 to %ck step %c64 {{
      %first = arith.cmpi eq, %k, %c0 : index
      %as = memref.subview %a[%m0, %k] [128, 64] [1, 1] : memref<{M}x{K}xf16, #aicore.space<gm>> to memref<128x64xf16, strided<[{K}, 1], offset: ?>, #aicore.space<gm>>
      %bs = memref.subview %b[%k, %n0] [64, 256] [1, 1] : memref<{K}x{N}xf16, #aicore.space<gm>> to memref<64x256xf16, strided<[{N}, 1], offset: ?>, #aicore.space<gm>>
      aicore.wait_flag <mte1> -> <mte2> event 0
      mte.copy %as, %l1a dst_layout <nz> : memref<128x64xf16, strided<[{K}, 1], offset: ?>, #aicore.space<gm>>, memref<128x64xf16, #aicore.space<l1>>
      mte.copy %bs, %l1b dst_layout <nz> : memref<64x256xf16, strided<[{N}, 1], offset: ?>, #aicore.space<gm>>, memref<64x256xf16, #aicore.space<l1>>
      aicore.set_flag <mte2> -> <mte1> event 0
      aicore.wait_flag <mte2> -> <mte1> event 0
      aicore.wait_flag <m> -> <mte1> event 0
      mte.copy %l1a, %l0a src_layout <nz> : memref<128x64xf16, #aicore.space<l1>>, memref<128x64xf16, #aicore.space<l0a>>
      mte.copy %l1b, %l0b src_layout <nz> : memref<64x256xf16, #aicore.space<l1>>, memref<64x256xf16, #aicore.space<l0b>>
      aicore.set_flag <mte1> -> <mte2> event 0
      aicore.set_flag <mte1> -> <m> event 0
      aicore.wait_flag <mte1> -> <m> event 0
      cube.mmad %l0a, %l0b, %l0c init(%first) : memref<128x64xf16, #aicore.space<l0a>>, memref<64x256xf16, #aicore.space<l0b>>, memref<128x256xf32, #aicore.space<l0c>>
      aicore.set_flag <m> -> <mte1> event 0
    }}
    aicore.wait_flag <mte1> -> <mte2> event 0
    aicore.wait_flag <m> -> <mte1> event 0

    %cs = memref.subview %c[%m0, %n0] [128, 256] [1, 1] : memref<{M}x{N}xf16, #aicore.space<gm>> to memref<128x256xf16, strided<[{N}, 1], offset: ?>, #aicore.space<gm>>
    aicore.set_flag <m> -> <fix> event 0
    aicore.wait_flag <m> -> <fix> event 0
    mte.fixpipe %l0c, %cs quant <f32_to_f16> : memref<128x256xf32, #aicore.space<l0c>>, memref<128x256xf16, strided<[{N}, 1], offset: ?>, #aicore.space<gm>>
    return
  }}
}}
"""

EMPTY = """\
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @empty(%x: memref<16xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    return
  }
}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--verify-big", action="store_true",
                    help="also run the 1024^3 matmul once in value mode")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="ascend-bench-")
    try:
        bench(args, tmp)
    finally:
        shutil.rmtree(tmp)


def bench(args, tmp):
    runner = os.path.join(args.build, "bin", "ascend-run")
    opt = os.path.join(args.build, "bin", "ascend-opt")
    n = args.repeat
    for tool in (runner, opt):
        if not os.access(tool, os.X_OK):
            sys.exit(f"{tool} missing: ninja -C {args.build} -j2 "
                     f"{os.path.basename(tool)}")
    p = lambda name: os.path.join(tmp, name)

    # Deterministic inputs, the same generators and seeds as examples/*.py.
    for script in ("matmul_f16.py", "vector_add_double_buffered.py",
                   "softmax_online.py"):
        sub = p(script[:-3])
        os.mkdir(sub)
        run([sys.executable, os.path.join(EX, script), sub])
    mm, va, sm = p("matmul_f16"), p("vector_add_double_buffered"), p("softmax_online")
    kernels = [  # name, kernel, value-mode arguments, timing-only arguments
        ("matmul_f16", os.path.join(EX, "matmul_f16.mlir"),
         [f"--input=a={mm}/a.npy", f"--input=b={mm}/b.npy", f"--compare=c={mm}/c.npy"],
         [f"--input=a={mm}/a.npy", f"--input=b={mm}/b.npy", "--zeros=c"]),
        ("vector_add_double_buffered", os.path.join(EX, "vector_add_double_buffered.mlir"),
         [f"--input=x={va}/x.npy", f"--input=y={va}/y.npy", f"--compare=z={va}/z.npy"],
         [f"--input=x={va}/x.npy", f"--input=y={va}/y.npy", "--zeros=z"]),
        # Tolerance as in test/ascend-run/softmax-online.test (not bit-exact
        # by design against NumPy's two-pass softmax).
        ("softmax_online", os.path.join(EX, "softmax_online.mlir"),
         [f"--input=x={sm}/x.npy", f"--compare=y={sm}/y.npy",
          "--rtol=0.001953125", "--atol=1.1920929e-07"],
         [f"--input=x={sm}/x.npy", "--zeros=y"]),
    ]

    rev = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                         capture_output=True, text=True).stdout.strip()
    print(f"ascend-run: {runner} (source {rev or 'unknown'}); best of {n} "
          "wall-clock runs each; every time includes process start-up")
    with open(p("empty.mlir"), "w") as f:
        f.write(EMPTY)
    t_help, _ = best_of(n, lambda: run([runner, "--help"]))
    t_empty, _ = best_of(n, lambda: run([runner, p("empty.mlir"), "--zeros=x"]))
    print(f"start-up: ascend-run --help {t_help * 1e3:.1f} ms, "
          f"empty kernel {t_empty * 1e3:.1f} ms\n")

    print("value mode (bit-accurate; --compare checked on every run)")
    print(f"{'kernel':28} {'ops':>6} {'tile ops':>8} {'wall ms':>8} "
          f"{'ops/s':>9} {'tile ops/s':>10}")
    value = {}
    for name, kernel, vargs, _ in kernels:
        def once():
            out = run([runner, kernel] + vargs).stdout
            if "-> OK" not in out:
                sys.exit(f"{name}: compare failed\n{out}")
            return out
        t, out = best_of(n, once)
        ops, tiles = ran_line(out)
        value[name] = t
        print(f"{name:28} {ops:6d} {tiles:8d} {t * 1e3:8.1f} "
              f"{ops / t:9.3g} {tiles / t:10.3g}")

    # matmul_f16 against NumPy's float16 matmul on the same inputs.
    a, b = np.load(f"{mm}/a.npy"), np.load(f"{mm}/b.npy")
    (M, K), N = a.shape, b.shape[1]
    flop = 2 * M * N * K
    assert np.array_equal(np.matmul(a, b).view(np.uint16),
                          np.load(f"{mm}/c.npy").view(np.uint16))
    t_np16, _ = best_of(n, lambda: np.matmul(a, b))
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    t_np32, _ = best_of(n, lambda: np.matmul(a32, b32))
    g_run, g_np16 = flop / value["matmul_f16"] / 1e9, flop / t_np16 / 1e9
    print(f"\nmatmul {M}x{K} @ {K}x{N} f16 ({flop:.3g} FLOP):")
    print(f"  ascend-run (value mode, bit-exact)  {g_run:8.4f} GFLOP/s")
    print(f"  NumPy np.matmul float16             {g_np16:8.4f} GFLOP/s")
    print(f"  ratio ascend-run / NumPy float16    {g_run / g_np16:8.3f}")
    print(f"  (context: NumPy float32 BLAS        {flop / t_np32 / 1e9:8.3f} GFLOP/s,"
          " not bit-exact with the cube)")

    print("\n--timing-only (no tile values)")
    print(f"{'kernel':28} {'ops':>6} {'wall ms':>8} {'ops/s':>9} "
          f"{'vs value':>8} {'est. us':>8}")
    for name, kernel, _, targs in kernels:
        t, proc = best_of(n, lambda: run([runner, kernel, "--timing-only",
                                          "--json"] + targs))
        ops, _ = ran_line(proc.stderr)
        est = json.loads(proc.stdout)["total_us"]
        print(f"{name:28} {ops:6d} {t * 1e3:8.1f} {ops / t:9.3g} "
              f"{value[name] / t:7.1f}x {est:8.2f}")

    # Production shapes, timed only.
    for M in (1024, 4096):
        N = K = M
        big = p(f"matmul_big_{M}.mlir")
        with open(big, "w") as f:
            f.write(BIG.format(M=M, N=N, K=K, NB=N // 256,
                               BD=(M // 128) * (N // 256)))
        run([opt, big, "-o", os.devnull])
        cmd = [runner, big, "--timing-only", "--json",
               "--zeros=a", "--zeros=b", "--zeros=c"]
        t, proc = best_of(n, lambda: run(cmd))
        t_nh, _ = best_of(n, lambda: run(cmd + ["--no-hazard-check"]))
        ops, tiles = ran_line(proc.stderr)
        r = json.loads(proc.stdout)
        print(f"\nbig matmul {M}x{K} @ {K}x{N} f16, block_dim {r['block_dim']} on "
              f"{r['cube_cores']} cube cores, --timing-only "
              f"(generated, checked with ascend-opt):")
        print(f"  {ops} ops ({tiles} tile ops) in {t * 1e3:.1f} ms wall = "
              f"{ops / t:.3g} ops/s; estimated {r['total_us']:.1f} us on "
              f"{r['target']} ({r['cube_flops_per_second'] / 1e12:.1f} TFLOP/s)")
        print(f"  with --no-hazard-check: {t_nh * 1e3:.1f} ms = {ops / t_nh:.3g} "
              f"ops/s ({t / t_nh:.1f}x faster)")
    if args.verify_big:  # once: ~2 GFLOP each, too slow to repeat
        M = N = K = 1024
        big, flop = p("matmul_big_1024.mlir"), 2 * M * N * K
        rng = np.random.default_rng(5)
        a = rng.standard_normal((M, K)).astype(np.float16)
        b = rng.standard_normal((K, N)).astype(np.float16)
        t_np, c = best_of(1, lambda: np.matmul(a, b))
        for nm, x in (("a", a), ("b", b), ("c", c)):
            np.save(p(f"big_{nm}.npy"), x)
        t, proc = best_of(1, lambda: run([
            runner, big, f"--input=a={p('big_a.npy')}",
            f"--input=b={p('big_b.npy')}", f"--compare=c={p('big_c.npy')}"]))
        if "-> OK" not in proc.stdout:
            sys.exit(f"big matmul: compare failed\n{proc.stdout}")
        print(f"\nbig matmul {M}^3 in value mode, once, compare OK: "
              f"{flop / t / 1e9:.4f} GFLOP/s ({t:.1f} s); NumPy float16 "
              f"{flop / t_np / 1e9:.4f} GFLOP/s; ratio {t_np / t:.3f}")

if __name__ == "__main__":
    main()
