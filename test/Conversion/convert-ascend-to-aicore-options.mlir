// Tile options override the defaults and are checked.
// RUN: ascend-opt %s -convert-ascend-to-aicore="tile-m=64 tile-n=128 tile-k=128 block-dim=3" | FileCheck %s
// RUN: not ascend-opt %s -convert-ascend-to-aicore="tile-k=100" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ascend-opt %s -convert-ascend-to-aicore="target=Ascend910" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: ascend-opt %s -convert-ascend-to-aicore="target=Ascend910B4" | FileCheck %s --check-prefix=B4
// RUN: not ascend-opt %s -convert-ascend-to-aicore="target=Ascend310P" 2>&1 | FileCheck %s --check-prefix=COUPLED

// Numeric options are range-checked before any pass runs, in the pass and
// in --ascend-lower-to-kernel, which hands them on (a block-dim of 2^31 used
// to run for minutes, one of 65536 to print IR its own verifier rejects).
// RUN: not ascend-opt %s -convert-ascend-to-aicore="block-dim=65536" 2>&1 | FileCheck %s --check-prefix=BLOCKS
// RUN: not ascend-opt %s --ascend-lower-to-kernel="block-dim=65536" 2>&1 | FileCheck %s --check-prefix=BLOCKS
// BLOCKS: error: convert-ascend-to-aicore: block-dim must be in [0, 65535] (0: from the work and the cores; a launch has at most 65535 blocks), got 65536
// RUN: not ascend-opt %s -convert-ascend-to-aicore="vector-tile=-9223372036854775808" 2>&1 | FileCheck %s --check-prefix=VTILE
// VTILE: error: convert-ascend-to-aicore: vector-tile must be in [0, 262144] (elements per vector tile, 0: from the UB size; no UB holds more than 256 KiB), got -9223372036854775808
// RUN: not ascend-opt %s --ascend-lower-to-kernel="tile-n=4097" 2>&1 | FileCheck %s --check-prefix=TILE-N
// TILE-N: error: convert-ascend-to-aicore: tile-n must be in [1, 4096] (a 16 x 4096 f16 tile is already twice the 64 KiB of L0A), got 4097
// RUN: not ascend-opt %s -convert-ascend-to-aicore="tile-k=0" 2>&1 | FileCheck %s --check-prefix=TILE-K
// TILE-K: error: convert-ascend-to-aicore: tile-k must be in [1, 4096] (a 16 x 4096 f16 tile is already twice the 64 KiB of L0A), got 0
// RUN: not ascend-opt %s --ascend-lower-to-kernel="multi-buffer=64" 2>&1 | FileCheck %s --check-prefix=RINGS
// RINGS: error: ascend-multi-buffer: depth must be in [1, 16] (buffers per ring; 1: off), got 64
// The largest legal block-dim gives IR that verifies again.
// RUN: ascend-opt %s --ascend-lower-to-kernel="block-dim=65535" | ascend-opt | FileCheck %s --check-prefix=MAX-BLOCKS
// MAX-BLOCKS: block_dim = 65535

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 3>}
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c512
// CHECK: aicore.alloc : memref<64x512xf16, #aicore.space<l1>>
// CHECK: aicore.alloc : memref<512x128xf16, #aicore.space<l1>>
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c128
// BAD: error: tile-k must be a multiple of the cube's k0 (16 for f16), got 100
// B4: module attributes {aicore.target = #aicore.target<"Ascend910B4">}
// B4: block_dim = 6
// COUPLED: error: on Ascend310P cube results leave through UB, which is not lowered yet
// TARGET: error: unknown target 'Ascend910'; known targets: Ascend910B2, Ascend910B4, Ascend310P
func.func @matmul(%a: tensor<256x512xf16>, %b: tensor<512x384xf16>) -> tensor<256x384xf16> {
  %c = ascend.matmul %a, %b : tensor<256x512xf16>, tensor<512x384xf16> -> tensor<256x384xf16>
  return %c : tensor<256x384xf16>
}
