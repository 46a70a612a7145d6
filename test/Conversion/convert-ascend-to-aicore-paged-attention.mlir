// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics | FileCheck %s

// One split kernel launched from a host that allocates the S, PV and P
// slots (two slots of G = 8 query rows per block, 512 keys wide). Work
// items are (sequence, KV head), the 8 query heads of a KV head the rows of
// every product. Both regions read the sequence's length; the cube loads
// the item's Q once and walks the KV cache in steps (chunks) of 4 cache
// blocks of 128 tokens: it reads each block's id from the block table,
// views that block of the KV head's keys in the cache ([num_blocks *
// block_size, Nkv * D], row stride Nkv * D), loads the blocks the chunk has
// (the first always, the others under scf.if) into one L1 tile, computes
// one product per block into its columns of one L0C tile (a block past the
// sequence reads the first block again: finite scores, masked later) and
// writes the chunk's S with one fixpipe. P.V loads the V blocks before
// waiting for P, loads P once and accumulates the blocks' products in L0C.
// As for flash_attention, both regions run one chunk ahead with the
// cross-core flags inside the KV loops, the last chunk peeled; the vector
// cores take 4 rows each and mask the last chunk's keys from the length on
// with a 32-byte aligned window of an [8, 1024] table built once.
// (Tables of up to 5 blocks per sequence; a narrower table narrows the
// chunk, below.)

// CHECK-LABEL: func.func @decode(
// CHECK-DAG: %[[S:.*]] = memref.alloc() : memref<64x512xf32, #aicore.space<gm>>
// CHECK-DAG: %[[PV:.*]] = memref.alloc() : memref<64x128xf32, #aicore.space<gm>>
// CHECK-DAG: %[[P:.*]] = memref.alloc() : memref<64x512xbf16, #aicore.space<gm>>
// CHECK: call @decode_0_paged_attention(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[S]], %[[PV]], %[[P]], %{{.*}})
// CHECK: func.func private @decode_0_paged_attention(%{{.*}}: memref<2x16x128xbf16, #aicore.space<gm>>, %[[KC:.*]]: memref<8x128x2x128xbf16, #aicore.space<gm>>, %{{.*}}: memref<8x128x2x128xbf16, #aicore.space<gm>>, %[[TABLES:.*]]: memref<2x5xi32, #aicore.space<gm>>, %[[LENS:.*]]: memref<2xi32, #aicore.space<gm>>, {{.*}}) attributes {aicore.kernel = #aicore.kernel<block_dim = 4>}
// CHECK: %[[KROWS:.*]] = memref.collapse_shape %[[KC]] {{\[}}[0, 1], [2, 3]] : memref<8x128x2x128xbf16, #aicore.space<gm>> into memref<1024x256xbf16, #aicore.space<gm>>
// CHECK: aicore.core <cube>
// CHECK: aicore.alloc : memref<16x128xbf16, #aicore.space<l1>>
// CHECK: aicore.alloc : memref<16x512xf32, #aicore.space<l0c>>
// CHECK: scf.for %[[ITEM:.*]] = %{{.*}} to %c4 step %c4
// CHECK: %[[SEQ:.*]] = arith.divui %[[ITEM]], %c2
// CHECK: %[[HEAD:.*]] = arith.remui %[[ITEM]], %c2
// CHECK: memref.load %[[LENS]][%[[SEQ]]]
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<8x128xbf16
// S of the first chunk, ahead of the loop: its blocks' K into one L1 tile.
// CHECK: %[[BLOCKS:.*]] = arith.select %{{.*}}, %{{.*}}, %c4 : index
// CHECK: aicore.alloc : memref<512x128xbf16, #aicore.space<l1>>
// CHECK: %[[ID:.*]] = memref.load %[[TABLES]][%[[SEQ]], %c0]
// CHECK: %[[IDX:.*]] = arith.index_cast %[[ID]] : i32 to index
// CHECK: %[[COL:.*]] = arith.muli %[[HEAD]], %c128
// CHECK: %[[ROW:.*]] = arith.muli %[[IDX]], %c128
// CHECK: memref.subview %[[KROWS]][%[[ROW]], %[[COL]]] [128, 128] [1, 1] : memref<1024x256xbf16, #aicore.space<gm>> to memref<128x128xbf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> : memref<128x128xbf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>, memref<128x128xbf16, strided<[128, 1], offset: ?>, #aicore.space<l1>>
// CHECK: %[[HAS1:.*]] = arith.cmpi ugt, %[[BLOCKS]], %c1
// CHECK: scf.if %[[HAS1]]
// CHECK-NEXT: memref.load %[[TABLES]][%[[SEQ]], %c1]
// Per block, its columns of S's L0C.
// CHECK: cube.mmad %{{.*}} : memref<16x128xbf16, #aicore.space<l0a>>, memref<128x128xbf16, #aicore.space<l0b>>, memref<16x128xf32, strided<[512, 1]>, #aicore.space<l0c>>
// CHECK: cube.mmad %{{.*}} : memref<16x128xbf16, #aicore.space<l0a>>, memref<128x128xbf16, #aicore.space<l0b>>, memref<16x128xf32, strided<[512, 1], offset: 128>, #aicore.space<l0c>>
// CHECK: cube.mmad %{{.*}} : memref<16x128xbf16, #aicore.space<l0a>>, memref<128x128xbf16, #aicore.space<l0b>>, memref<16x128xf32, strided<[512, 1], offset: 256>, #aicore.space<l0c>>
// CHECK: cube.mmad %{{.*}} : memref<16x128xbf16, #aicore.space<l0a>>, memref<128x128xbf16, #aicore.space<l0b>>, memref<16x128xf32, strided<[512, 1], offset: 384>, #aicore.space<l0c>>
// CHECK: mte.fixpipe %{{.*}} : memref<8x512xf32, strided<[512, 1]>, #aicore.space<l0c>>, memref<8x512xf32
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// CHECK: scf.for %[[KV:.*]] = %c0 to %{{.*}} step %c1
// CHECK-NEXT: %[[NEXT:.*]] = arith.addi %[[KV]], %c1
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 0
// P V: the V blocks first, then the wait, P once, the products accumulated.
// CHECK: aicore.alloc : memref<512x128xbf16, #aicore.space<l1>>
// CHECK: mte.copy
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> pad : memref<8x512xbf16
// CHECK: cube.mmad %{{.*}} init(%{{.*}})
// CHECK: scf.if
// CHECK: cube.mmad %{{.*}} init(%false)
// CHECK: mte.fixpipe %{{.*}} : memref<8x128xf32
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK-NEXT: }
// CHECK: aicore.cross_core_wait_flag <mte2> flag 1
// CHECK: mte.fixpipe
// CHECK-NEXT: aicore.cross_core_set_flag <fix> flag 2
// CHECK: aicore.core <vector>
// CHECK: %[[SUB:.*]] = aicore.sub_block_idx
// CHECK: %[[MINE:.*]] = arith.muli %[[SUB]], %c4
// The mask table: -inf, row r with 0 on its first 512 - r columns.
// CHECK: %[[TABLE:.*]] = aicore.alloc : memref<8x1024xf32, #aicore.space<ub>>
// CHECK: vec.fill %{{.*}}, %[[TABLE]]
// CHECK: memref.subview %[[TABLE]][%c0, %c0] [1, 512] [1, 1]
// CHECK: memref.subview %[[TABLE]][%c7, %c0] [1, 505] [1, 1]
// CHECK: scf.for
// CHECK: %[[LEN:.*]] = arith.index_cast
// CHECK: %[[LASTCHUNK:.*]] = arith.divui %{{.*}}, %c4
// CHECK: %[[BEFORE:.*]] = arith.muli %[[LASTCHUNK]], %c512
// CHECK: %[[VALID:.*]] = arith.subi %[[LEN]], %[[BEFORE]]
// CHECK: aicore.cross_core_wait_flag <mte2> flag 0
// CHECK: vec.muls %{{.*}} : memref<4x512xf32, #aicore.space<ub>>, f32
// CHECK: %[[ISLAST:.*]] = arith.cmpi eq, %[[LASTCHUNK]], %c0
// CHECK: scf.if %[[ISLAST]]
// CHECK: %[[FROM:.*]] = arith.subi %c512, %[[VALID]]
// CHECK: %[[REM:.*]] = arith.remui %[[FROM]], %c8
// CHECK: %[[COLUMN:.*]] = arith.subi %[[FROM]], %[[REM]]
// CHECK: memref.subview %[[TABLE]][%[[REM]], %[[COLUMN]]] [1, 512] [1, 1]
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
                  %vc: tensor<8x128x2x128xbf16>, %t: tensor<2x5xi32>,
                  %l: tensor<2xi32>) -> tensor<2x16x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.0883883461
      : tensor<2x16x128xbf16>, tensor<8x128x2x128xbf16>, tensor<8x128x2x128xbf16>,
        tensor<2x5xi32>, tensor<2xi32> -> tensor<2x16x128xbf16>
  return %o : tensor<2x16x128xbf16>
}

// -----

// A table of one block per sequence (contexts up to 128 tokens): chunks of
// one block, so S and P move 128 keys, not 512.
// CHECK-LABEL: func.func @short_table(
// CHECK-DAG: memref.alloc() : memref<64x128xf32, #aicore.space<gm>>
// CHECK-DAG: memref.alloc() : memref<64x128xbf16, #aicore.space<gm>>
// CHECK: aicore.alloc : memref<16x128xf32, #aicore.space<l0c>>
func.func @short_table(%q: tensor<2x16x128xbf16>, %kc: tensor<8x128x2x128xbf16>,
                       %vc: tensor<8x128x2x128xbf16>, %t: tensor<2x1xi32>,
                       %l: tensor<2xi32>) -> tensor<2x16x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.0883883461
      : tensor<2x16x128xbf16>, tensor<8x128x2x128xbf16>, tensor<8x128x2x128xbf16>,
        tensor<2x1xi32>, tensor<2xi32> -> tensor<2x16x128xbf16>
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

// -----

// More (sequence, KV head) pairs (16 x 8) than the target's 24 blocks: a
// work item takes two KV heads, so one GM transfer carries a cache block's
// K of both ([128, 2 x 128], 512-byte aligned) and each head keeps its Q in
// L1 and its S and P.V in L0C tiles of its own; the slots hold 16 rows per
// block, one head per vector core.
// CHECK-LABEL: func.func @decode_pairs(
// CHECK-DAG: memref.alloc() : memref<768x512xf32, #aicore.space<gm>>
// CHECK-DAG: memref.alloc() : memref<768x128xf32, #aicore.space<gm>>
// CHECK: aicore.core <cube>
// CHECK-COUNT-2: aicore.alloc : memref<16x128xbf16, #aicore.space<l1>>
// CHECK: scf.for %[[ITEM:.*]] = %{{.*}} to %c64 step %c24
// CHECK: arith.divui %[[ITEM]], %c4
// CHECK: aicore.alloc : memref<512x256xbf16, #aicore.space<l1>>
// CHECK: mte.copy %{{.*}}, %{{.*}} dst_layout <nz> : memref<128x256xbf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<128x256xbf16, strided<[256, 1], offset: ?>, #aicore.space<l1>>
// CHECK: cube.mmad
// CHECK: cube.mmad
// CHECK: aicore.core <vector>
// CHECK: aicore.alloc : memref<8x128xf32, #aicore.space<ub>>
func.func @decode_pairs(%q: tensor<16x64x128xbf16>, %kc: tensor<64x128x8x128xbf16>,
                        %vc: tensor<64x128x8x128xbf16>, %t: tensor<16x4xi32>,
                        %l: tensor<16xi32>) -> tensor<16x64x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l scale 0.0883883461
      : tensor<16x64x128xbf16>, tensor<64x128x8x128xbf16>, tensor<64x128x8x128xbf16>, tensor<16x4xi32>, tensor<16xi32> -> tensor<16x64x128xbf16>
  return %o : tensor<16x64x128xbf16>
}
