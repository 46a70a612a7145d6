// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file | FileCheck %s

// reshape_and_cache lowers to a host (never a lone kernel): a copy kernel
// writes each token's K and V rows to the cache row its slot names, on the
// vector cores, tokens round-robin over blocks, a negative slot skipped.
// Caches that are arguments read by nothing else are updated in place:
// the result arguments are tied to them with aicore.aliases, no copy.
// CHECK-LABEL: func.func @tied
// CHECK-SAME: %[[KC:[^:]*]]: memref<8x16x2x64xbf16, #aicore.space<gm>>, %[[VC:[^:]*]]: memref<8x16x2x64xbf16, #aicore.space<gm>>, %{{[^:]*}}: memref<5xi32, #aicore.space<gm>>
// CHECK-SAME: %[[OK:[^:]*]]: memref<8x16x2x64xbf16, #aicore.space<gm>> {aicore.aliases = 2 : i64}
// CHECK-SAME: %[[OV:[^:]*]]: memref<8x16x2x64xbf16, #aicore.space<gm>> {aicore.aliases = 3 : i64}
// CHECK-NOT: memref.copy
// CHECK: call @tied_0_reshape_and_cache(%{{.*}}, %{{.*}}, %[[KC]], %[[VC]], %{{.*}}, %[[OK]], %[[OV]])
// CHECK: func.func private @tied_0_reshape_and_cache
// CHECK-SAME: aicore.kernel = #aicore.kernel<block_dim = 5>
// CHECK: %[[ROWS:.*]] = memref.expand_shape %{{.*}} output_shape [128, 128] : memref<16384xbf16, #aicore.space<gm>> into memref<128x128xbf16, #aicore.space<gm>>
// CHECK: %[[BLOCK:.*]] = aicore.block_idx
// CHECK: scf.for %[[T:.*]] = %[[BLOCK]] to %c5 step %c5
// CHECK:   %[[SLOT:.*]] = memref.load %{{.*}}[%[[T]]] : memref<5xi32, #aicore.space<gm>>
// CHECK:   %[[VALID:.*]] = arith.cmpi sge, %[[SLOT]], %c0_i32
// CHECK:   scf.if %[[VALID]]
// CHECK:     %[[ROW:.*]] = arith.index_cast %[[SLOT]] : i32 to index
// CHECK:     mte.copy %{{.*}}, %[[TILE:.*]] : memref<1x128xbf16, strided<[128, 1], offset: ?>, #aicore.space<gm>>, memref<1x128xbf16, #aicore.space<ub>>
// CHECK:     %[[DST:.*]] = memref.subview %[[ROWS]][%[[ROW]], %c0] [1, 128] [1, 1]
// CHECK:     mte.copy %[[TILE]], %[[DST]]
func.func @tied(%k: tensor<5x2x64xbf16>, %v: tensor<5x2x64xbf16>,
                %kc: tensor<8x16x2x64xbf16>, %vc: tensor<8x16x2x64xbf16>,
                %slots: tensor<5xi32>)
    -> (tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>) {
  %nk, %nv = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<5x2x64xbf16>, tensor<5x2x64xbf16>, tensor<8x16x2x64xbf16>,
        tensor<8x16x2x64xbf16>, tensor<5xi32>
      -> tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>
  return %nk, %nv : tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>
}

// -----

// A cache read again after the update keeps its old value: the new cache is
// a copy (memref.copy before the launch); the other is still tied.
// CHECK-LABEL: func.func @copied
// CHECK-SAME: %[[KC:[^:]*]]: memref<4x8x4x32xi8, #aicore.space<gm>>, %{{[^:]*}}: memref<4x8x4x64xi8, #aicore.space<gm>>, %{{[^:]*}}: memref<3xi32, #aicore.space<gm>>
// CHECK-SAME: %[[OK:[^:]*]]: memref<4x8x4x32xi8, #aicore.space<gm>>,
// CHECK-SAME: {aicore.aliases = 3 : i64}
// CHECK: memref.copy %[[KC]], %[[OK]]
// CHECK-NEXT: call @copied_0_reshape_and_cache
func.func @copied(%k: tensor<3x4x32xi8>, %v: tensor<3x4x64xi8>,
                  %kc: tensor<4x8x4x32xi8>, %vc: tensor<4x8x4x64xi8>,
                  %slots: tensor<3xi32>)
    -> (tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>, tensor<4x8x4x32xi8>) {
  %nk, %nv = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<3x4x32xi8>, tensor<3x4x64xi8>, tensor<4x8x4x32xi8>,
        tensor<4x8x4x64xi8>, tensor<3xi32>
      -> tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>
  return %nk, %nv, %kc : tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>, tensor<4x8x4x32xi8>
}
