// RUN: ascend-opt %s -convert-ascend-to-aicore="tile-k=40" -split-input-file -verify-diagnostics
// RUN: not ascend-opt %s -convert-ascend-to-aicore="tile-m=0" 2>&1 | FileCheck %s --check-prefix=ZERO

// Output tiles of any size are padded to fractals, but L0 K steps must be
// whole fractals at fractal offsets of the L1 chunk.
func.func @tile_k(%a: tensor<7x100xbf16>, %b: tensor<100x33xbf16>) -> tensor<7x33xbf16> {
  // expected-error @+1 {{tile-k must be a multiple of the cube's k0 (16 for bf16), got 40}}
  %c = ascend.matmul %a, %b : tensor<7x100xbf16>, tensor<100x33xbf16> -> tensor<7x33xbf16>
  return %c : tensor<7x33xbf16>
}
// ZERO: error: convert-ascend-to-aicore: tile-m must be in [1, 4096] (a 16 x 4096 f16 tile is already twice the 64 KiB of L0A), got 0
