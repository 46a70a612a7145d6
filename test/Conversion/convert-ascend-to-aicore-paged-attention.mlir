// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics | FileCheck %s

// One split kernel launched from a host that allocates the S, PV and P
// slots (two slots of G = 8 query rows per block). Work items are
// (sequence, KV head), the 8 query heads of a KV head the rows of every
// product. Both regions read the sequence's length; the cube reads each
// cache block's id from the block table and views that block of the KV
// head's keys and values in the cache ([num_blocks * block_size,
// Nkv * D], row stride Nkv * D). The 8 rows are padded to a fractal on the
// way to L1 and only they leave L0C. As for flash_attention, both regions
// run one cache block ahead with the cross-core flags inside the KV loops,
// the last block peeled; the vector cores take 4 rows each and mask the
// last block's keys from the length on with a window of a [0..0, -inf..-inf]
// row built once.

// CHECK-LABEL: func.func @decode(
// CHECK-DAG: %[[S:.*]] = memref.alloc() : memref<64x128xf32, #aicore.space<gm>>
// CHECK-DAG: %[[PV:.*]] = memref.alloc() : memref<64x128xf32, #aicore.space<gm>>
// CHECK-DAG: %[[P:.*]] = memref.alloc() : memref<64x128xbf16, #aicore.space<gm>>
// CHECK: call @decode_0_paged_attention(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[PV]], %[[P]], %{{.*}})
// CHECK: func.func private @decode_0_paged_attention(%{{.*}}: memref<2x16x128xbf16, #aicore.space<gm>>, %[[KC:.*]]: memref<8x128x2x128xbf16, #aicore.space<gm>>, %{{.*}}: memref<8x128x2x128xbf16, #aicore.space<gm>>, %[[TABLES:.*]]: memref<2x3xi32, #aicore.space<gm>>, %[[LENS:.*]]: memref<2xi32, #aicore.space<gm>>, {{.*}}) attributes {aicore.kernel = #aicore.kernel<block_dim = 4>}
// CHECK: %[[KROWS:.*]] = memref.collapse_shape %[[KC]] {{\[}}[0, 1], [2, 3]] : memref<8x128x2x128xbf16, #aicore.space<gm>> into memref<1024x256xbf16, #aicore.space<gm>>
// CHECK: aicore.core <cube>
// CHECK: scf.for %[[ITEM:.*]] = %{{.*}} to %c4 step %c4
// CHECK: %[[SEQ:.*]] = arith.divui %[[ITEM]], %c2
// CHECK: %[[HEAD:.*]] = arith.remui %[[ITEM]], %c2
// CHECK: memref.load %[[LENS]][%[[SEQ]]]
// S of the first cache block, ahead of the loop.
// CHECK: %[[ID:.*]] = memref.load %[[TABLES]][%[[SEQ]], %c0]
// CHECK: %[[IDX:.*]] = arith.index_cast %[[ID]] : i32 to index
// CHECK: %[[COL:.*]] = arith.muli %[[HEAD]], %c128
// CHECK: %[[ROW:.*]] = arith.muli %[[IDX]], %c128
// CHECK: memref.subview %[[KROWS]][%[[ROW]], %[[COL]]] [128, 128] [1, 1] : memref<1024x256xbf16, #aicore.space<gm>> to memref<128x128xbf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<8x128xbf16
// CHECK: cube.mmad %{{.*}} : memref<16x128xbf16, #aicore.space<l0a>>, memref<128x128xbf16, #aicore.space<l0b>>, memref<16x128xf32, #aicore.space<l0c>>
// CHECK: mte.fixpipe %{{.*}} : memref<8x128xf32
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: scf.for %[[KV:.*]] = %c0 to %{{.*}} step %c1
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[KV]], %c1
// CHECK: memref.load %[[TABLES]][%[[SEQ]], %[[NEXT]]]
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: memref.load %[[TABLES]][%[[SEQ]], %[[KV]]]
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK-NEXT: }
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: cube.mmad
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK: aicore.core <vector>
// CHECK: %[[SUB:.*]] = aicore.sub_block_idx
// CHECK: %[[MINE:.*]] = arith.muli %[[SUB]], %c4
// CHECK: %[[MASK:.*]] = aicore.alloc : memref<1x256xf32, #aicore.space<ub>>
// CHECK: vec.fill
// CHECK: vec.fill
// CHECK: scf.for
// CHECK: %[[LEN:.*]] = arith.index_cast
// CHECK: %[[LAST:.*]] = arith.divui
// CHECK: %[[BEFORE:.*]] = arith.muli %[[LAST]], %c128
// CHECK: %[[VALID:.*]] = arith.subi %[[LEN]], %[[BEFORE]]
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: vec.muls %{{.*}} : memref<4x128xf32, #aicore.space<ub>>, f32
// CHECK: %[[ISLAST:.*]] = arith.cmpi eq, %[[LAST]], %c0
// CHECK: scf.if %[[ISLAST]]
// CHECK: %[[FROM:.*]] = arith.subi %c128, %[[VALID]]
// CHECK: memref.subview %[[MASK]][%c0, %[[FROM]]] [1, 128] [1, 1]
// CHECK: vec.broadcast
// CHECK: vec.add
// CHECK: vec.reduce_rows <max>
// CHECK: vec.reduce_rows <sum>
// CHECK: vec.cast
// CHECK: mte.copy
// CHECK-NEXT: aicore.cross_core_set_flag <mte3> flag 1
// CHECK: scf.for
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: aicore.cross_core_set_flag <mte3> flag 1
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 2
// CHECK: vec.copy
// CHECK-NEXT: }
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 2
// CHECK: vec.div
// CHECK: vec.cast
// CHECK: mte.copy %{{.*}} : memref<4x128xbf16, #aicore.space<ub>>, memref<4x128xbf16
func.func @decode(%q: tensor<2x16x128xbf16>, %kc: tensor<8x128x2x128xbf16>,
                  %vc: tensor<8x128x2x128xbf16>, %t: tensor<2x3xi32>,
                  %l: tensor<2xi32>) -> tensor<2x16x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.0883883461
      : tensor<2x16x128xbf16>, tensor<8x128x2x128xbf16>, tensor<8x128x2x128xbf16>,
        tensor<2x3xi32>, tensor<2xi32> -> tensor<2x16x128xbf16>
  return %o : tensor<2x16x128xbf16>
}

// -----

// MHA: one query row per item, on vector core 0; vector core 1 skips the
// work but waits and sets every flag, outside its guards (the cube's waits
// count both vector cores).

// CHECK-LABEL: func.func private @mha_0_paged_attention(
// CHECK: aicore.core <vector>
// CHECK: %[[SUB:.*]] = aicore.sub_block_idx
// CHECK: scf.for
// CHECK: %[[FIRST:.*]] = arith.cmpi eq, %[[SUB]], %c0
// CHECK: scf.if %[[FIRST]] {
// CHECK: vec.fill
// CHECK: }
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: scf.if
// CHECK: vec.reduce_rows <max> %{{.*}} : memref<1x16xf32, #aicore.space<ub>>, memref<1x1xf32, #aicore.space<ub>>
// CHECK: }
// CHECK-NEXT: aicore.cross_core_set_flag <mte3> flag 1
// CHECK: scf.for
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: aicore.cross_core_set_flag <mte3> flag 1
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 2
// CHECK: vec.copy
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: aicore.cross_core_wait_flag <mte2> flag 2
func.func @mha(%q: tensor<2x2x64xf16>, %kc: tensor<4x16x2x64xf16>,
               %vc: tensor<4x16x2x64xf16>, %t: tensor<2x2xi32>,
               %l: tensor<2xi32>) -> tensor<2x2x64xf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.125
      : tensor<2x2x64xf16>, tensor<4x16x2x64xf16>, tensor<4x16x2x64xf16>,
        tensor<2x2xi32>, tensor<2xi32> -> tensor<2x2x64xf16>
  return %o : tensor<2x2x64xf16>
}
