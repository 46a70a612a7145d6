// RUN: ascend-opt %s -convert-ascend-to-aicore | FileCheck %s

// ascend.repeat is a copy kernel: x as [rows, inner] (here [8 KV heads,
// 16 x 128]), each row window loaded once and stored `times` times side by
// side in the result seen as [8, 4 x 2048]; one row per block, so the 8
// rows spread over 8 vector cores.
// CHECK-LABEL: func.func @repeat_kv
// CHECK-SAME: aicore.kernel = #aicore.kernel<block_dim = 8>
// CHECK-DAG: %[[SRC:.*]] = memref.expand_shape %{{.*}} output_shape [8, 2048]
// CHECK-DAG: %[[DST:.*]] = memref.expand_shape %{{.*}} output_shape [8, 8192]
// CHECK: mte.copy %{{.*}}, %[[TILE:.*]] : memref<1x2048xbf16, strided<[2048, 1], offset: ?>, #aicore.space<gm>>, memref<1x2048xbf16, #aicore.space<ub>>
// CHECK: memref.subview %[[DST]][%{{.*}}, %{{.*}}] [1, 2048] [1, 1]
// CHECK: mte.copy %[[TILE]]
// CHECK: mte.copy %[[TILE]]
// CHECK: mte.copy %[[TILE]]
// CHECK: mte.copy %[[TILE]]
// CHECK-NOT: mte.copy
func.func @repeat_kv(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %r = ascend.repeat %k dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
  return %r : tensor<1x32x16x128xbf16>
}
