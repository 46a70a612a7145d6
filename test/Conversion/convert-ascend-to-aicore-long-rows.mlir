// RUN: ascend-opt %s --convert-ascend-to-aicore="vector-tile=1024" | FileCheck %s
// RUN: ascend-opt %s --convert-ascend-to-aicore | FileCheck %s --check-prefix=UB
// A vector tile longer than a row that does not fit UB still chunks it.
// RUN: ascend-opt %s --convert-ascend-to-aicore="vector-tile=70000" | FileCheck %s --check-prefix=UB

// A row longer than the vector tile goes one row at a time in
// chunks of whole 64-column groups (4160 = 5 x 832), three passes: the max,
// the sum of exp(x - max) carried into column 0 of each chunk's reduction
// (columns 1..63 zero: one 256-byte repeat; the chunk from column 64), the
// result.
// CHECK-LABEL: func.func @softmax_long
// CHECK: vec.fill %[[NEG_INF:.*]], %[[MAX:.*]] : f32, memref<1x1xf32
// CHECK: scf.for %{{.*}} = %c0 to %c4160 step %c832
// CHECK:   vec.reduce_rows <max> %{{.*}}, %[[CHUNK_MAX:.*]] : memref<1x832xf32
// CHECK:   vec.max %[[MAX]], %[[CHUNK_MAX]], %[[MERGED:.*]] :
// CHECK:   vec.copy %[[MERGED]], %[[MAX]]
// CHECK: vec.fill %{{.*}}, %[[SUM:.*]] : f32, memref<1x1xf32
// CHECK: scf.for %{{.*}} = %c0 to %c4160 step %c832
// CHECK:   %[[CARRIED:.*]] = aicore.alloc : memref<1x896xf32
// CHECK:   %[[ZEROS:.*]] = memref.subview %[[CARRIED]][0, 0] [1, 64]
// CHECK:   vec.fill %{{.*}}, %[[ZEROS]]
// CHECK:   %[[FIRST:.*]] = memref.subview %[[CARRIED]][0, 0] [1, 1]
// CHECK:   vec.copy %[[SUM]], %[[FIRST]]
// CHECK:   %[[EXPS:.*]] = memref.subview %[[CARRIED]][0, 64] [1, 832]
// CHECK:   vec.exp %{{.*}}, %[[EXPS]]
// CHECK:   vec.reduce_rows <sum> %[[CARRIED]], %[[SUM]] : memref<1x896xf32
// CHECK: scf.for %{{.*}} = %c0 to %c4160 step %c832
// CHECK:   vec.exp
// CHECK:   vec.broadcast %[[SUM]]
// CHECK:   vec.div
// CHECK:   mte.copy %{{.*}} : memref<1x832xf16, #aicore.space<ub>>, memref<1x832xf16, strided<[4160, 1], offset: ?>, #aicore.space<gm>>

// Without vector-tile the row fits UB and goes whole.
// UB-LABEL: func.func @softmax_long
// UB-NOT: scf.for %{{.*}} step %c832
// UB: vec.reduce_rows <max> %{{.*}} : memref<{{[0-9]+}}x4160xf32
func.func @softmax_long(%x: tensor<2x4160xf16>) -> tensor<2x4160xf16> {
  %y = ascend.softmax %x dim 1 : tensor<2x4160xf16> -> tensor<2x4160xf16>
  return %y : tensor<2x4160xf16>
}

// Longer than UB holds (16 bytes per f16 column, a quarter of 192 KiB per
// tile): chunks without any option, the last one shorter (20000 = 6 x 2880
// + 2720).
// CHECK-LABEL: func.func @softmax_beyond_ub
// UB-LABEL: func.func @softmax_beyond_ub
// UB: scf.for %{{.*}} = %c0 to %c17280 step %c2880
// UB: vec.reduce_rows <max> %{{.*}} : memref<1x2880xf32
// UB: vec.reduce_rows <max> %{{.*}} : memref<1x2720xf32
func.func @softmax_beyond_ub(%x: tensor<3x20000xf16>) -> tensor<3x20000xf16> {
  %y = ascend.softmax %x dim 1 : tensor<3x20000xf16> -> tensor<3x20000xf16>
  return %y : tensor<3x20000xf16>
}

// rms_norm: the sum of squares carried the same way, then the result with
// gamma's chunk loaded next to x's.
// CHECK-LABEL: func.func @rms_norm_long
// CHECK: vec.fill %{{.*}}, %[[SUM:.*]] : f32, memref<1x1xf32
// CHECK: scf.for %{{.*}} = %c0 to %c4160 step %c832
// CHECK:   %[[CARRIED:.*]] = aicore.alloc : memref<1x896xf32
// CHECK:   vec.copy %[[SUM]], %{{.*}} : memref<1x1xf32, #aicore.space<ub>>, memref<1x1xf32, strided<[896, 1]>
// CHECK:   %[[SQUARES:.*]] = memref.subview %[[CARRIED]][0, 64] [1, 832]
// CHECK:   vec.mul %[[X:.*]], %[[X]], %[[SQUARES]]
// CHECK:   vec.reduce_rows <sum> %[[CARRIED]], %[[SUM]]
// CHECK: vec.muls %[[SUM]]
// CHECK: vec.adds
// CHECK: vec.rsqrt
// CHECK: scf.for %{{.*}} = %c0 to %c4160 step %c832
// CHECK:   vec.broadcast
// CHECK:   vec.mul
// CHECK:   memref.subview %expand_shape[0, %{{.*}}] [1, 832] {{.*}} : memref<1x4160xf16, #aicore.space<gm>>
// CHECK:   vec.mul
// UB-LABEL: func.func @rms_norm_long
// UB-NOT: step %c832
func.func @rms_norm_long(%x: tensor<2x4160xf16>, %g: tensor<4160xf16>) -> tensor<2x4160xf16> {
  %y = ascend.rms_norm %x, %g : tensor<2x4160xf16>, tensor<4160xf16> -> tensor<2x4160xf16>
  return %y : tensor<2x4160xf16>
}
