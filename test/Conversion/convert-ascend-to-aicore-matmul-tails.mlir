// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file | FileCheck %s

// M = 7, K = 33, N = 20: one output tile padded to 16 x 48 x 32. A's K
// tail runs along its columns, which the nd -> nz engine pads (rows of M
// stay unwritten); B's K tail runs along its rows, padded to 48 with zeros.
// The fixpipe writes the valid 7 x 20 corner of L0C.
// CHECK-LABEL: func.func @tail
// CHECK: %[[L0C:.*]] = aicore.alloc : memref<16x32xf32, #aicore.space<l0c>>
// CHECK: scf.for
// CHECK-NOT: scf.for
// CHECK:   %[[L1A:.*]] = aicore.alloc : memref<16x48xf16, #aicore.space<l1>>
// CHECK:   %[[L1B:.*]] = aicore.alloc : memref<48x32xf16, #aicore.space<l1>>
// CHECK:   %[[AROWS:.*]] = memref.subview %[[L1A]][0, 0] [7, 48] [1, 1]
// CHECK:   mte.copy %{{.*}}, %[[AROWS]] dst_layout <nz> pad : memref<7x33xf16, strided<[33, 1], offset: ?>, #aicore.space<gm>>, memref<7x48xf16, strided<[48, 1]>, #aicore.space<l1>>
// CHECK:   mte.copy %{{.*}}, %[[L1B]] dst_layout <nz> pad : memref<33x20xf16, strided<[20, 1], offset: ?>, #aicore.space<gm>>, memref<48x32xf16, #aicore.space<l1>>
// CHECK:   %[[L0A:.*]] = aicore.alloc : memref<16x48xf16, #aicore.space<l0a>>
// CHECK:   %[[L0B:.*]] = aicore.alloc : memref<48x32xf16, #aicore.space<l0b>>
// CHECK:   mte.copy %{{.*}}, %[[L0A]] src_layout <nz> : memref<16x48xf16, strided<[48, 1]>, #aicore.space<l1>>, memref<16x48xf16, #aicore.space<l0a>>
// CHECK:   mte.copy %{{.*}}, %[[L0B]] src_layout <nz> : memref<48x32xf16, strided<[32, 1]>, #aicore.space<l1>>, memref<48x32xf16, #aicore.space<l0b>>
// CHECK:   cube.mmad %[[L0A]], %[[L0B]], %[[L0C]] init(%true)
// CHECK:   %[[OUT:.*]] = memref.subview %arg2
// CHECK:   %[[VALID:.*]] = memref.subview %[[L0C]][0, 0] [7, 20] [1, 1] : memref<16x32xf32, #aicore.space<l0c>> to memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>
// CHECK:   mte.fixpipe %[[VALID]], %[[OUT]] quant <f32_to_f16> : memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>, memref<7x20xf16, strided<[20, 1], offset: ?>, #aicore.space<gm>>
func.func @tail(%a: tensor<7x33xf16>, %b: tensor<33x20xf16>) -> tensor<7x20xf16> {
  %c = ascend.matmul %a, %b : tensor<7x33xf16>, tensor<33x20xf16> -> tensor<7x20xf16>
  return %c : tensor<7x20xf16>
}

// -----

// Transposed operands: A's K now runs along rows (zero-padded to 48), its M
// along columns; B's N rows stay unwritten.
// CHECK-LABEL: func.func @tail_transposed
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<33x7xbf16, strided<[7, 1], offset: ?>, #aicore.space<gm>>, memref<48x16xbf16, #aicore.space<l1>>
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<20x33xbf16, strided<[33, 1], offset: ?>, #aicore.space<gm>>, memref<20x48xbf16, strided<[48, 1]>, #aicore.space<l1>>
// CHECK: mte.copy {{.*}} src_layout <nz> transpose : memref<48x16xbf16, strided<[16, 1]>, #aicore.space<l1>>, memref<16x48xbf16, #aicore.space<l0a>>
// CHECK: mte.copy {{.*}} src_layout <nz> transpose : memref<32x48xbf16, strided<[48, 1]>, #aicore.space<l1>>, memref<48x32xbf16, #aicore.space<l0b>>
// CHECK: mte.fixpipe {{.*}} quant <f32_to_bf16> : memref<7x20xf32, strided<[32, 1]>, #aicore.space<l0c>>
func.func @tail_transposed(%a: tensor<33x7xbf16>, %b: tensor<20x33xbf16>) -> tensor<7x20xbf16> {
  %c = ascend.matmul %a, %b {transpose_a, transpose_b} : tensor<33x7xbf16>, tensor<20x33xbf16> -> tensor<7x20xbf16>
  return %c : tensor<7x20xbf16>
}

// -----

// K = 77: whole 64-element steps, then a 13-element tail padded to one
// 16-wide step in L1 and L0 tiles of its own, accumulating.
// CHECK-LABEL: func.func @k_tail
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c64 {
// CHECK:   %[[L1A:.*]] = aicore.alloc : memref<16x64xf16, #aicore.space<l1>>
// CHECK:   %[[L1B:.*]] = aicore.alloc : memref<64x16xf16, #aicore.space<l1>>
// CHECK:   mte.copy %{{.*}}, %[[L1A]] dst_layout <nz> : memref<16x64xf16
// CHECK:   cube.mmad
// CHECK: }
// CHECK: memref.subview %arg0[%c0, %c64] [16, 13]
// CHECK: memref.subview %arg1[%c64, %c0] [13, 16]
// CHECK: mte.copy {{.*}} dst_layout <nz> pad : memref<16x13xf16, strided<[77, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<l1>>
// CHECK: mte.copy {{.*}} dst_layout <nz> pad : memref<13x16xf16, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<l1>>
// CHECK: cube.mmad {{.*}} init(%false) : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
// CHECK: mte.fixpipe
func.func @k_tail(%a: tensor<16x77xf16>, %b: tensor<77x16xf16>) -> tensor<16x16xf16> {
  %c = ascend.matmul %a, %b : tensor<16x77xf16>, tensor<77x16xf16> -> tensor<16x16xf16>
  return %c : tensor<16x16xf16>
}

// -----

// M = 144, N = 136 with 128 x 128 tiles: the last tile row (16 rows) and
// column (8 columns) get their own static code under scf.if, with operand
// tiles of their own size and the top-left corner of the 128 x 128
// accumulator.
// CHECK-LABEL: func.func @edges
// CHECK-SAME: block_dim = 4
// CHECK: %[[L0C:.*]] = aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
// CHECK: %[[ROW:.*]] = arith.muli %{{.*}}, %c128
// CHECK: %[[COL:.*]] = arith.muli %{{.*}}, %c128
// CHECK: %[[LASTROW:.*]] = arith.cmpi eq, %[[ROW]], %c128
// CHECK: scf.if %[[LASTROW]] {
// CHECK:   %[[LASTCOL:.*]] = arith.cmpi eq, %[[COL]], %c128
// CHECK:   scf.if %[[LASTCOL]] {
// CHECK:     mte.copy {{.*}} dst_layout <nz> pad : memref<64x8xf16, strided<[136, 1], offset: ?>, #aicore.space<gm>>, memref<64x16xf16, #aicore.space<l1>>
// CHECK:     cube.mmad {{.*}} : memref<16x64xf16, #aicore.space<l0a>>, memref<64x16xf16, #aicore.space<l0b>>, memref<16x16xf32, strided<[128, 1]>, #aicore.space<l0c>>
// CHECK:     mte.fixpipe {{.*}} : memref<16x8xf32, strided<[128, 1]>, #aicore.space<l0c>>, memref<16x8xf16, strided<[136, 1], offset: ?>, #aicore.space<gm>>
// CHECK:   } else {
// CHECK:     mte.fixpipe {{.*}} : memref<16x128xf32, strided<[128, 1]>, #aicore.space<l0c>>, memref<16x128xf16, strided<[136, 1], offset: ?>, #aicore.space<gm>>
// CHECK:   }
// CHECK: } else {
// CHECK:   scf.if
// CHECK:     mte.fixpipe {{.*}} : memref<128x8xf32, strided<[128, 1]>, #aicore.space<l0c>>
// CHECK:   } else {
// CHECK:     mte.fixpipe %[[L0C]], %{{.*}} quant <f32_to_f16> : memref<128x128xf32, #aicore.space<l0c>>
func.func @edges(%a: tensor<144x64xf16>, %b: tensor<64x136xf16>) -> tensor<144x136xf16> {
  %c = ascend.matmul %a, %b : tensor<144x64xf16>, tensor<64x136xf16> -> tensor<144x136xf16>
  return %c : tensor<144x136xf16>
}
