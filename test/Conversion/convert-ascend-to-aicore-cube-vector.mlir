// RUN: ascend-opt %s -split-input-file -convert-ascend-to-aicore | FileCheck %s
// RUN: ascend-opt %s -split-input-file "-convert-ascend-to-aicore=fuse-epilogues=false" | FileCheck %s --check-prefix=UNFUSED

// A matmul whose only user is elementwise: the host launches one fused
// kernel with a GM workspace for the matmul result (its element type). The
// cube region fixpipes each tile into the workspace; the vector region
// walks the same tiles over the same blocks, the first vector core taking
// ceil(73 / 2) = 37 rows of the tile, the second 36, one row at a time
// (52 f16 columns are not whole 32-byte blocks), the bias row first as
// the op has it.

// CHECK-LABEL: func.func @edge(
// CHECK-SAME: %[[A:[^:]+]]: memref<73x64xf16, #aicore.space<gm>>, %[[B:[^:]+]]: memref<64x52xf16, #aicore.space<gm>>, %[[BIAS:[^:]+]]: memref<1x52xf16, #aicore.space<gm>>, %[[OUT:[^:]+]]: memref<73x52xf16, #aicore.space<gm>>) {
// CHECK-NEXT: %[[W:.*]] = memref.alloc() : memref<73x52xf16, #aicore.space<gm>>
// CHECK-NEXT: call @edge_0_matmul_add(%[[A]], %[[B]], %[[BIAS]], %[[W]], %[[OUT]])
// CHECK-NEXT: memref.dealloc %[[W]]
// CHECK-NEXT: return
// CHECK-LABEL: func.func private @edge_0_matmul_add(
// CHECK-SAME: %[[WS:arg3]]: memref<73x52xf16, #aicore.space<gm>>, %[[Y:arg4]]: memref<73x52xf16, #aicore.space<gm>>)
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 1>}
// CHECK: aicore.core <cube> {
// CHECK: cube.mmad
// CHECK: %[[WT:.*]] = memref.subview %[[WS]]
// CHECK: mte.fixpipe %{{.*}}, %[[WT]] quant <f32_to_f16>
// CHECK: aicore.core <vector> {
// CHECK: %[[SUB:.*]] = aicore.sub_block_idx
// CHECK: %[[BLOCK:.*]] = aicore.block_idx
// CHECK: scf.for %{{.*}} = %[[BLOCK]] to
// CHECK: arith.cmpi eq, %[[SUB]], %c0
// CHECK: scf.for %{{.*}} = %c0 to %c37 step %c1 {
// CHECK: mte.copy %{{.*}} : memref<1x52xf16, strided<[52, 1], offset: ?>, #aicore.space<gm>>, memref<1x52xf16, #aicore.space<ub>>
// CHECK: memref.subview %[[WS]]
// CHECK: vec.add
// CHECK: memref.subview %[[Y]]
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %c0 to %c36 step %c1 {
// CHECK: vec.add

// fuse-epilogues=false: one launch per op, as before.
// UNFUSED-LABEL: func.func @edge(
// UNFUSED: call @edge_0_matmul(
// UNFUSED: call @edge_1_add(
// UNFUSED-NOT: aicore.core
func.func @edge(%a: tensor<73x64xf16>, %b: tensor<64x52xf16>, %bias: tensor<1x52xf16>) -> tensor<73x52xf16> {
  %c = ascend.matmul %a, %b : tensor<73x64xf16>, tensor<64x52xf16> -> tensor<73x52xf16>
  %y = ascend.add %bias, %c : tensor<1x52xf16>, tensor<73x52xf16> -> tensor<73x52xf16>
  return %y : tensor<73x52xf16>
}

// -----

// Not fused: the matmul result has a second user (it is returned).
// CHECK-LABEL: func.func @two_users(
// CHECK: call @two_users_0_matmul(
// CHECK: call @two_users_1_relu(
// CHECK-NOT: aicore.core
func.func @two_users(%a: tensor<32x32xf16>, %b: tensor<32x32xf16>) -> (tensor<32x32xf16>, tensor<32x32xf16>) {
  %c = ascend.matmul %a, %b : tensor<32x32xf16>, tensor<32x32xf16> -> tensor<32x32xf16>
  %r = ascend.relu %c : tensor<32x32xf16> -> tensor<32x32xf16>
  return %c, %r : tensor<32x32xf16>, tensor<32x32xf16>
}

// -----

// Not fused: the epilogue's other operand is one value per row, neither
// the matmul's shape nor a row.
// CHECK-LABEL: func.func @per_row(
// CHECK: call @per_row_0_matmul(
// CHECK: call @per_row_1_mul(
func.func @per_row(%a: tensor<32x32xf16>, %b: tensor<32x32xf16>, %s: tensor<32x1xf16>) -> tensor<32x32xf16> {
  %c = ascend.matmul %a, %b : tensor<32x32xf16>, tensor<32x32xf16> -> tensor<32x32xf16>
  %y = ascend.mul %c, %s : tensor<32x32xf16>, tensor<32x1xf16> -> tensor<32x32xf16>
  return %y : tensor<32x32xf16>
}
