// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file | FileCheck %s

// Elementwise ops become vector kernels: GM in and out, tiles round-robin
// over blocks, a static tail tile.
// CHECK-LABEL: func.func @add
// CHECK-SAME: (%[[A:.*]]: memref<100000xf16, #aicore.space<gm>>, %[[B:.*]]: memref<100000xf16, #aicore.space<gm>>, %[[C:.*]]: memref<100000xf16, #aicore.space<gm>>)
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 12>}
// CHECK: %[[BLOCK:.*]] = aicore.block_idx
// CHECK: scf.for %[[T:.*]] = %[[BLOCK]] to %c12 step %c12 {
// CHECK:   %[[OFF:.*]] = arith.muli %[[T]], %c8192
// CHECK:   aicore.alloc : memref<8192xf16, #aicore.space<ub>>
// CHECK:   memref.subview %[[A]][%[[OFF]]] [8192] [1]
// CHECK:   mte.copy
// CHECK:   vec.add {{.*}} : memref<8192xf16, #aicore.space<ub>>
// CHECK:   mte.copy {{.*}} : memref<8192xf16, #aicore.space<ub>>, memref<8192xf16, strided<[1], offset: ?>, #aicore.space<gm>>
// CHECK: }
// CHECK: scf.if
// CHECK:   vec.add {{.*}} : memref<1696xf16, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @add(%a: tensor<100000xf16>, %b: tensor<100000xf16>) -> tensor<100000xf16> {
  %c = ascend.add %a, %b : tensor<100000xf16>, tensor<100000xf16> -> tensor<100000xf16>
  return %c : tensor<100000xf16>
}

// -----

// bf16 has no vector arithmetic: cast to f32 and back around the op.
// CHECK-LABEL: func.func @exp_bf16
// CHECK-SAME: (%{{.*}}: memref<64x64xbf16, #aicore.space<gm>>, %{{.*}}: memref<64x64xbf16, #aicore.space<gm>>)
// CHECK: memref.collapse_shape
// CHECK: vec.cast {{.*}} round <rint> : memref<4096xbf16, #aicore.space<ub>>, memref<4096xf32, #aicore.space<ub>>
// CHECK: vec.exp {{.*}} : memref<4096xf32, #aicore.space<ub>>
// CHECK: vec.cast {{.*}} round <rint> : memref<4096xf32, #aicore.space<ub>>, memref<4096xbf16, #aicore.space<ub>>
func.func @exp_bf16(%x: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  %y = ascend.exp %x : tensor<64x64xbf16> -> tensor<64x64xbf16>
  return %y : tensor<64x64xbf16>
}

// -----

// neg is an exact multiplication by -1.
// CHECK-LABEL: func.func @neg
// CHECK: %[[M1:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: vec.muls %{{.*}}, %[[M1]], %{{.*}} : memref<1024xf32, #aicore.space<ub>>, f32
func.func @neg(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %y = ascend.neg %x : tensor<1024xf32> -> tensor<1024xf32>
  return %y : tensor<1024xf32>
}

// -----

// Matmul on the cube: output tiles over blocks, K chunks GM -> L1 (NZ),
// tile-k steps L1 -> L0A/L0B -> mmad, fixpipe to f16. The accumulator is
// allocated once; operand tiles where each chunk and step uses them (so
// ascend-multi-buffer can ring them).
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 6>}
// CHECK: aicore.alloc : memref<128x128xf32, #aicore.space<l0c>>
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %c6 step %c6 {
// CHECK:   scf.for %[[KC:.*]] = %c0 to %c512 step %c512 {
// CHECK:     %[[L1A:.*]] = aicore.alloc : memref<128x512xf16, #aicore.space<l1>>
// CHECK:     %[[L1B:.*]] = aicore.alloc : memref<512x128xf16, #aicore.space<l1>>
// CHECK:     mte.copy {{.*}}, %[[L1A]] dst_layout <nz> : memref<128x512xf16, strided<[512, 1], offset: ?>, #aicore.space<gm>>, memref<128x512xf16, #aicore.space<l1>>
// CHECK:     mte.copy {{.*}}, %[[L1B]] dst_layout <nz>
// CHECK:     scf.for %[[K:.*]] = %c0 to %c512 step %c64 {
// CHECK:       %[[SUM:.*]] = arith.addi %[[KC]], %[[K]]
// CHECK:       %[[FIRST:.*]] = arith.cmpi eq, %[[SUM]], %c0
// CHECK:       aicore.alloc : memref<128x64xf16, #aicore.space<l0a>>
// CHECK:       aicore.alloc : memref<64x128xf16, #aicore.space<l0b>>
// CHECK:       mte.copy {{.*}} src_layout <nz> : memref<128x64xf16, strided<[512, 1], offset: ?>, #aicore.space<l1>>, memref<128x64xf16, #aicore.space<l0a>>
// CHECK:       mte.copy {{.*}} src_layout <nz>
// CHECK:       cube.mmad {{.*}} init(%[[FIRST]])
// CHECK:     }
// CHECK:   }
// CHECK:   mte.fixpipe {{.*}} quant <f32_to_f16> : memref<128x128xf32, #aicore.space<l0c>>, memref<128x128xf16, strided<[384, 1], offset: ?>, #aicore.space<gm>>
func.func @matmul(%a: tensor<256x512xf16>, %b: tensor<512x384xf16>) -> tensor<256x384xf16> {
  %c = ascend.matmul %a, %b : tensor<256x512xf16>, tensor<512x384xf16> -> tensor<256x384xf16>
  return %c : tensor<256x384xf16>
}

// -----

// transpose_b: B tiles are read N x K and transposed on the L1 -> L0B load.
// CHECK-LABEL: func.func @matmul_tb
// CHECK: mte.copy {{.*}} src_layout <nz> transpose : memref<128x64xbf16, strided<[256, 1], offset: ?>, #aicore.space<l1>>, memref<64x128xbf16, #aicore.space<l0b>>
// CHECK: mte.fixpipe {{.*}} quant <f32_to_bf16>
func.func @matmul_tb(%a: tensor<128x256xbf16>, %b: tensor<128x256xbf16>) -> tensor<128x128xbf16> {
  %c = ascend.matmul %a, %b {transpose_b} : tensor<128x256xbf16>, tensor<128x256xbf16> -> tensor<128x128xbf16>
  return %c : tensor<128x128xbf16>
}


// -----

// Softmax over the last dim: [R, C] tiles of rows (R = 8 fits a quarter of
// UB), cast to f32, row max and sum as [R, 1] values broadcast back, one
// rounding; 6 full tiles over 6 blocks and a static tail of 2 rows.
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 6>}
// CHECK: %[[BLOCK:.*]] = aicore.block_idx
// CHECK: scf.for %[[T:.*]] = %[[BLOCK]] to %c6 step %c6 {
// CHECK:   %[[ROW:.*]] = arith.muli %[[T]], %c8
// CHECK:   memref.subview %{{.*}}[%[[ROW]], 0] [8, 256] [1, 1]
// CHECK:   mte.copy
// CHECK:   vec.cast {{.*}} round <rint> : memref<8x256xf16, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
// CHECK:   vec.reduce_rows <max> {{.*}} : memref<8x256xf32, #aicore.space<ub>>, memref<8x1xf32, #aicore.space<ub>>
// CHECK:   vec.broadcast {{.*}} : memref<8x1xf32, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
// CHECK:   vec.sub
// CHECK:   vec.exp
// CHECK:   vec.reduce_rows <sum>
// CHECK:   vec.broadcast
// CHECK:   vec.div
// CHECK:   vec.cast {{.*}} round <rint> : memref<8x256xf32, #aicore.space<ub>>, memref<8x256xf16, #aicore.space<ub>>
// CHECK:   mte.copy {{.*}} : memref<8x256xf16, #aicore.space<ub>>, memref<8x256xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
// CHECK: }
// CHECK: scf.if
// CHECK:   memref.subview %{{.*}}[%c48, 0] [2, 256] [1, 1]
// CHECK:   vec.div {{.*}} : memref<2x256xf32, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @softmax(%x: tensor<50x256xf16>) -> tensor<50x256xf16> {
  %y = ascend.softmax %x dim 1 : tensor<50x256xf16> -> tensor<50x256xf16>
  return %y : tensor<50x256xf16>
}

// -----

// rms_norm: leading dims collapsed into rows, gamma loaded and cast once
// per block, x * rsqrt(sum(x^2) * (1/C) + eps) * gamma in f32.
// CHECK-LABEL: func.func @rms_norm
// CHECK-DAG: %[[EPS:.*]] = arith.constant 9.99999974E-6 : f32
// CHECK-DAG: %[[INV:.*]] = arith.constant 3.906250e-03 : f32
// CHECK: memref.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : memref<2x3x256xbf16, #aicore.space<gm>> into memref<6x256xbf16, #aicore.space<gm>>
// CHECK: memref.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [1, 256] : memref<256xbf16, #aicore.space<gm>> into memref<1x256xbf16, #aicore.space<gm>>
// CHECK: mte.copy
// CHECK: %[[GAMMA:.*]] = aicore.alloc : memref<1x256xf32, #aicore.space<ub>>
// CHECK: vec.cast {{.*}}, %[[GAMMA]] round <rint>
// CHECK: scf.for
// CHECK:   vec.mul %[[X:.*]], %[[X]], %{{.*}} : memref<6x256xf32, #aicore.space<ub>>
// CHECK:   vec.reduce_rows <sum> {{.*}} : memref<6x256xf32, #aicore.space<ub>>, memref<6x1xf32, #aicore.space<ub>>
// CHECK:   vec.muls %{{.*}}, %[[INV]], %{{.*}} : memref<6x1xf32, #aicore.space<ub>>, f32
// CHECK:   vec.adds %{{.*}}, %[[EPS]], %{{.*}} : memref<6x1xf32, #aicore.space<ub>>, f32
// CHECK:   vec.rsqrt {{.*}} : memref<6x1xf32, #aicore.space<ub>>
// CHECK:   vec.broadcast
// CHECK:   vec.mul
// CHECK:   vec.broadcast %[[GAMMA]], %{{.*}} : memref<1x256xf32, #aicore.space<ub>>, memref<6x256xf32, #aicore.space<ub>>
// CHECK:   vec.mul
// CHECK:   vec.cast {{.*}} round <rint> : memref<6x256xf32, #aicore.space<ub>>, memref<6x256xbf16, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @rms_norm(%x: tensor<2x3x256xbf16>, %g: tensor<256xbf16>) -> tensor<2x3x256xbf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 9.99999974E-6 : f32} : tensor<2x3x256xbf16>, tensor<256xbf16> -> tensor<2x3x256xbf16>
  return %y : tensor<2x3x256xbf16>
}

// -----

// A row too long for a quarter of UB runs one row per tile, gamma (f32)
// used without a broadcast.
// CHECK-LABEL: func.func @rms_norm_long
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 4>}
// CHECK: %[[GAMMA:.*]] = aicore.alloc : memref<1x7168xf32, #aicore.space<ub>>
// CHECK: scf.for
// CHECK:   vec.rsqrt {{.*}} : memref<1x1xf32, #aicore.space<ub>>
// CHECK:   vec.broadcast {{.*}} : memref<1x1xf32, #aicore.space<ub>>, memref<1x7168xf32, #aicore.space<ub>>
// CHECK:   vec.mul
// CHECK-NOT: vec.broadcast
// CHECK:   vec.mul %{{.*}}, %[[GAMMA]], %{{.*}} : memref<1x7168xf32, #aicore.space<ub>>
// CHECK: }
func.func @rms_norm_long(%x: tensor<4x7168xf16>, %g: tensor<7168xf32>) -> tensor<4x7168xf16> {
  %y = ascend.rms_norm %x, %g : tensor<4x7168xf16>, tensor<7168xf32> -> tensor<4x7168xf16>
  return %y : tensor<4x7168xf16>
}

// -----

// batch_matmul walks (matrix, tile row, tile column); GM views are the
// rank-reduced matrices of the 3-D operands.
// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 8>}
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %c8 step %c8 {
// CHECK:   %[[MATRIX:.*]] = arith.divui %[[T]], %c4
// CHECK:   memref.subview %{{.*}}[%[[MATRIX]], %{{.*}}, %{{.*}}] [1, 128, 128] [1, 1, 1] : memref<2x256x128xf16, #aicore.space<gm>> to memref<128x128xf16, strided<[128, 1], offset: ?>, #aicore.space<gm>>
// CHECK:   cube.mmad
// CHECK:   mte.fixpipe {{.*}} memref<128x128xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
func.func @batch_matmul(%a: tensor<2x256x128xf16>, %b: tensor<2x128x256xf16>) -> tensor<2x256x256xf16> {
  %c = ascend.batch_matmul %a, %b : tensor<2x256x128xf16>, tensor<2x128x256xf16> -> tensor<2x256x256xf16>
  return %c : tensor<2x256x256xf16>
}

// -----

// rope <half>: one position (batch x sequence index) per tile, its cos/sin
// row shared by the batches (position mod S), cast to f32 and broadcast over
// the heads; the halves of the f32 tile are column subviews.
// CHECK-LABEL: func.func @rope
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 8>}
// CHECK: memref.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : memref<2x4x8x64xf16, #aicore.space<gm>> into memref<64x64xf16, #aicore.space<gm>>
// CHECK: scf.for %[[P:.*]] = %{{.*}} to %c8 step %c8 {
// CHECK:   %[[FIRST:.*]] = arith.muli %[[P]], %c8
// CHECK:   %[[ROW:.*]] = arith.remui %[[P]], %c4
// CHECK:   memref.subview %{{.*}}[%[[FIRST]], 0] [8, 64] [1, 1]
// CHECK:   vec.cast {{.*}} round <rint> : memref<8x64xf16, #aicore.space<ub>>, memref<8x64xf32, #aicore.space<ub>>
// CHECK:   memref.subview %{{.*}}[%[[ROW]], 0] [1, 32] [1, 1] : memref<4x32xf16, #aicore.space<gm>>
// CHECK:   vec.broadcast %{{.*}}, %[[C:.*]] : memref<1x32xf32, #aicore.space<ub>>, memref<8x32xf32, #aicore.space<ub>>
// CHECK:   memref.subview %{{.*}}[%[[ROW]], 0] [1, 32] [1, 1] : memref<4x32xf16, #aicore.space<gm>>
// CHECK:   vec.broadcast %{{.*}}, %[[S:.*]] : memref<1x32xf32, #aicore.space<ub>>, memref<8x32xf32, #aicore.space<ub>>
// CHECK:   %[[X1:.*]] = memref.subview %[[X:.*]][0, 0] [8, 32] [1, 1] : memref<8x64xf32, #aicore.space<ub>> to memref<8x32xf32, strided<[64, 1]>, #aicore.space<ub>>
// CHECK:   %[[X2:.*]] = memref.subview %[[X]][0, 32] [8, 32] [1, 1] : memref<8x64xf32, #aicore.space<ub>> to memref<8x32xf32, strided<[64, 1], offset: 32>, #aicore.space<ub>>
// CHECK:   %[[Y1:.*]] = memref.subview %[[Y:.*]][0, 0] [8, 32]
// CHECK:   %[[Y2:.*]] = memref.subview %[[Y]][0, 32] [8, 32]
// CHECK:   vec.mul %[[X1]], %[[C]], %[[P1:[^ ]*]] :
// CHECK:   vec.mul %[[X2]], %[[S]], %[[P2:[^ ]*]] :
// CHECK:   vec.sub %[[P1]], %[[P2]], %[[Y1]] :
// CHECK:   vec.mul %[[X2]], %[[C]], %[[P1]] :
// CHECK:   vec.mul %[[X1]], %[[S]], %[[P2]] :
// CHECK:   vec.add %[[P1]], %[[P2]], %[[Y2]] :
// CHECK:   vec.cast %[[Y]], %{{.*}} round <rint> : memref<8x64xf32, #aicore.space<ub>>, memref<8x64xf16, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @rope(%x: tensor<2x4x8x64xf16>, %c: tensor<4x32xf16>, %s: tensor<4x32xf16>) -> tensor<2x4x8x64xf16> {
  %y = ascend.rope <half> %x, %c, %s : tensor<2x4x8x64xf16>, tensor<4x32xf16>, tensor<4x32xf16> -> tensor<2x4x8x64xf16>
  return %y : tensor<2x4x8x64xf16>
}
