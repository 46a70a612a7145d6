// Tile options override the defaults and are checked.
// RUN: ascend-opt %s -convert-ascend-to-aicore="tile-m=64 tile-n=128 tile-k=128 block-dim=3" | FileCheck %s
// RUN: not ascend-opt %s -convert-ascend-to-aicore="tile-k=100" 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not ascend-opt %s -convert-ascend-to-aicore="target=Ascend910" 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: ascend-opt %s -convert-ascend-to-aicore="target=Ascend910B4" | FileCheck %s --check-prefix=B4
// RUN: not ascend-opt %s -convert-ascend-to-aicore="target=Ascend310P" 2>&1 | FileCheck %s --check-prefix=COUPLED

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 3>}
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c512
// CHECK: aicore.alloc : memref<64x512xf16, #aicore.space<l1>>
// CHECK: aicore.alloc : memref<512x128xf16, #aicore.space<l1>>
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c128
// BAD: error: tile-m, tile-n and tile-k must be positive and tile-k a multiple of the cube's k0 (16 for f16), got 128x128x100
// B4: module attributes {aicore.target = #aicore.target<"Ascend910B4">}
// B4: block_dim = 6
// COUPLED: error: on Ascend310P cube results leave through UB, which is not lowered yet
// TARGET: error: unknown target 'Ascend910'; known targets: Ascend910B2, Ascend910B4, Ascend310P
func.func @matmul(%a: tensor<256x512xf16>, %b: tensor<512x384xf16>) -> tensor<256x384xf16> {
  %c = ascend.matmul %a, %b : tensor<256x512xf16>, tensor<512x384xf16> -> tensor<256x384xf16>
  return %c : tensor<256x384xf16>
}
