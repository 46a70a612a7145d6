// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics | FileCheck %s

// Structure of the vector-core lowerings of broadcasting binary ops, silu,
// gelu, cast and rope <interleaved>; the splits at the end are what is not
// lowered yet. -verify-diagnostics lets those fail while the others print.

// A bias row against [B, S, C]: loaded, widened and broadcast to the tile
// once per block; the tail of 2 rows reads the leading rows of that tile.
// CHECK-LABEL: func.func @bias_row
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 6>}
// CHECK: memref.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : memref<2x25x256xbf16, #aicore.space<gm>> into memref<50x256xbf16, #aicore.space<gm>>
// CHECK: memref.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [1, 256] : memref<256xbf16, #aicore.space<gm>> into memref<1x256xbf16, #aicore.space<gm>>
// CHECK: %[[BLOCK:.*]] = aicore.block_idx
// CHECK: mte.copy {{.*}} : memref<1x256xbf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>, memref<1x256xbf16, #aicore.space<ub>>
// CHECK: vec.cast {{.*}} round <rint> : memref<1x256xbf16, #aicore.space<ub>>, memref<1x256xf32, #aicore.space<ub>>
// CHECK: vec.broadcast %{{.*}}, %[[ROW:.*]] : memref<1x256xf32, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
// CHECK: scf.for %{{.*}} = %[[BLOCK]] to %c6 step %c6 {
// CHECK:   vec.cast {{.*}} : memref<8x256xbf16, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
// CHECK:   vec.add %{{.*}}, %[[ROW]], %{{.*}} : memref<8x256xf32, #aicore.space<ub>>
// CHECK:   vec.cast {{.*}} round <rint> : memref<8x256xf32, #aicore.space<ub>>, memref<8x256xbf16, #aicore.space<ub>>
// CHECK: }
// CHECK: scf.if
// CHECK:   %[[LEAD:.*]] = memref.subview %[[ROW]][0, 0] [2, 256] [1, 1]
// CHECK:   vec.add %{{.*}}, %[[LEAD]], %{{.*}} : memref<2x256xf32, #aicore.space<ub>>, memref<2x256xf32, strided<[256, 1]>, #aicore.space<ub>>, memref<2x256xf32, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @bias_row(%x: tensor<2x25x256xbf16>, %b: tensor<256xbf16>) -> tensor<2x25x256xbf16> {
  %y = ascend.add %x, %b : tensor<2x25x256xbf16>, tensor<256xbf16> -> tensor<2x25x256xbf16>
  return %y : tensor<2x25x256xbf16>
}

// -----

// One value per row: each tile reads its [R, 1] values and broadcasts them.
// CHECK-LABEL: func.func @per_row
// CHECK: scf.for
// CHECK:   memref.subview %{{.*}}[%[[R:.*]], %c0] [37, 96] [1, 1]
// CHECK:   memref.subview %{{.*}}[%[[R]], 0] [37, 1] [1, 1] : memref<37x1xf16, #aicore.space<gm>>
// CHECK:   mte.copy {{.*}}, %[[COL:.*]] : memref<37x1xf16, strided<[1, 1], offset: ?>, #aicore.space<gm>>, memref<37x1xf16, #aicore.space<ub>>
// CHECK:   vec.broadcast %[[COL]], %[[WIDE:.*]] : memref<37x1xf16, #aicore.space<ub>>, memref<37x96xf16, #aicore.space<ub>>
// CHECK:   vec.mul %{{.*}}, %[[WIDE]], %{{.*}} : memref<37x96xf16, #aicore.space<ub>>
func.func @per_row(%x: tensor<37x96xf16>, %r: tensor<37x1xf16>) -> tensor<37x96xf16> {
  %y = ascend.mul %x, %r : tensor<37x96xf16>, tensor<37x1xf16> -> tensor<37x96xf16>
  return %y : tensor<37x96xf16>
}

// -----

// A single element on the left: broadcast once per block to a flat tile.
// CHECK-LABEL: func.func @scalar_lhs
// CHECK: mte.copy {{.*}} : memref<1xf32, strided<[1]>, #aicore.space<gm>>, memref<1xf32, #aicore.space<ub>>
// CHECK: vec.broadcast %{{.*}}, %[[S:.*]] : memref<1xf32, #aicore.space<ub>>, memref<3072xf32, #aicore.space<ub>>
// CHECK: scf.for
// CHECK:   vec.sub %[[S]], %{{.*}}, %{{.*}} : memref<3072xf32, #aicore.space<ub>>
// CHECK: scf.if
// CHECK:   %[[LEAD:.*]] = memref.subview %[[S]][0] [1568] [1]
// CHECK:   vec.sub %[[LEAD]], %{{.*}}, %{{.*}} : memref<1568xf32, strided<[1]>, #aicore.space<ub>>, memref<1568xf32, #aicore.space<ub>>, memref<1568xf32, #aicore.space<ub>>
func.func @scalar_lhs(%s: tensor<1xf32>, %x: tensor<20000xf32>) -> tensor<20000xf32> {
  %y = ascend.sub %s, %x : tensor<1xf32>, tensor<20000xf32> -> tensor<20000xf32>
  return %y : tensor<20000xf32>
}

// -----

// Rows wider than a tile: [1, 2176] chunks numbered row-major (row = unit /
// chunks), the row operand read per chunk, then one loop of tail chunks.
// CHECK-LABEL: func.func @wide_row
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 9>}
// CHECK: scf.for %[[U:.*]] = %{{.*}} to %c9 step %c9 {
// CHECK:   %[[ROW:.*]] = arith.divui %[[U]], %c3
// CHECK:   %[[CHUNK:.*]] = arith.remui %[[U]], %c3
// CHECK:   %[[COL:.*]] = arith.muli %[[CHUNK]], %c2176
// CHECK:   memref.subview %{{.*}}[%[[ROW]], %[[COL]]] [1, 2176] [1, 1] : memref<3x7168xbf16, #aicore.space<gm>>
// CHECK:   memref.subview %{{.*}}[0, %[[COL]]] [1, 2176] [1, 1] : memref<1x7168xbf16, #aicore.space<gm>>
// CHECK:   vec.add {{.*}} : memref<1x2176xf32, #aicore.space<ub>>
// CHECK: }
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %c3 step %c9 {
// CHECK:   memref.subview %{{.*}}[%[[T]], %c6528] [1, 640] [1, 1]
// CHECK:   vec.add {{.*}} : memref<1x640xf32, #aicore.space<ub>>
func.func @wide_row(%x: tensor<3x7168xbf16>, %b: tensor<7168xbf16>) -> tensor<3x7168xbf16> {
  %y = ascend.add %x, %b : tensor<3x7168xbf16>, tensor<7168xbf16> -> tensor<3x7168xbf16>
  return %y : tensor<3x7168xbf16>
}

// -----

// silu = x / (1 + e^-x) in f32, one rounding to f16 at the end.
// CHECK-LABEL: func.func @silu
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[M1:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: vec.cast %{{.*}}, %[[X:.*]] round <rint> : memref<1024xf16, #aicore.space<ub>>, memref<1024xf32, #aicore.space<ub>>
// CHECK: vec.muls %[[X]], %[[M1]], %[[A:[^ ]*]] :
// CHECK: vec.exp %[[A]], %[[B:[^ ]*]] :
// CHECK: vec.adds %[[B]], %[[ONE]], %[[A]] :
// CHECK: vec.div %[[X]], %[[A]], %[[Y:[^ ]*]] :
// CHECK: vec.cast %[[Y]], %{{.*}} round <rint> : memref<1024xf32, #aicore.space<ub>>, memref<1024xf16, #aicore.space<ub>>
func.func @silu(%x: tensor<1024xf16>) -> tensor<1024xf16> {
  %y = ascend.silu %x : tensor<1024xf16> -> tensor<1024xf16>
  return %y : tensor<1024xf16>
}

// -----

// A table row per position against [S, H, D] (RoPE's cos/sin over the
// heads): tiles never straddle two positions (32 rows, one position each),
// and each reads its position's row (row / 32) once and broadcasts it.
// CHECK-LABEL: func.func @per_position
// CHECK: %[[TABLE:.*]] = memref.collapse_shape %arg1 {{\[\[}}0, 1], [2]] : memref<16x1x128xf16, #aicore.space<gm>> into memref<16x128xf16, #aicore.space<gm>>
// CHECK: scf.for %[[T:.*]] = %{{.*}} to %c16 step %c16
// CHECK:   %[[ROW:.*]] = arith.muli %[[T]], %c32 : index
// CHECK:   mte.copy %{{.*}} : memref<32x128xf16, strided<[128, 1], offset: ?>, #aicore.space<gm>>, memref<32x128xf16, #aicore.space<ub>>
// CHECK:   %[[POS:.*]] = arith.divui %[[ROW]], %c32 : index
// CHECK:   %[[WIN:.*]] = memref.subview %[[TABLE]][%[[POS]], %c0] [1, 128] [1, 1]
// CHECK:   mte.copy %[[WIN]], %[[R:.*]] : memref<1x128xf16, strided<[128, 1], offset: ?>, #aicore.space<gm>>, memref<1x128xf16, #aicore.space<ub>>
// CHECK:   vec.broadcast %[[R]], %{{.*}} : memref<1x128xf16, #aicore.space<ub>>, memref<32x128xf16, #aicore.space<ub>>
func.func @per_position(%x: tensor<16x32x128xf16>, %t: tensor<16x1x128xf16>) -> tensor<16x32x128xf16> {
  %y = ascend.mul %x, %t : tensor<16x32x128xf16>, tensor<16x1x128xf16> -> tensor<16x32x128xf16>
  return %y : tensor<16x32x128xf16>
}

// -----

// tanh as Ascend C's Tanh: clamp to [-8.8, 8.8], e = exp(2x),
// (e - 1) / (e + 1), on f32 tiles; one rounding to f16 at the end.
// CHECK-LABEL: func.func @tanh
// CHECK-DAG: %[[HI:.*]] = arith.constant 8.800000e+00 : f32
// CHECK-DAG: %[[LO:.*]] = arith.constant -8.800000e+00 : f32
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[MONE:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: vec.cast %{{.*}}, %[[X:[^ ]*]] round <rint> : memref<1024xf16, #aicore.space<ub>>, memref<1024xf32, #aicore.space<ub>>
// CHECK: vec.mins %[[X]], %[[HI]], %[[A:[^ ]*]] :
// CHECK: vec.maxs %[[A]], %[[LO]], %[[B:[^ ]*]] :
// CHECK: vec.muls %[[B]], %[[TWO]], %[[A]] :
// CHECK: vec.exp %[[A]], %[[B]] :
// CHECK: vec.adds %[[B]], %[[MONE]], %[[A]] :
// CHECK: vec.adds %[[B]], %[[ONE]], %[[C:[^ ]*]] :
// CHECK: vec.div %[[A]], %[[C]], %[[B]] :
// CHECK: vec.cast %[[B]], %[[Y:[^ ]*]] round <rint> : memref<1024xf32, #aicore.space<ub>>, memref<1024xf16, #aicore.space<ub>>
// CHECK: mte.copy %[[Y]]
func.func @tanh(%x: tensor<1024xf16>) -> tensor<1024xf16> {
  %y = ascend.tanh %x : tensor<1024xf16> -> tensor<1024xf16>
  return %y : tensor<1024xf16>
}

// -----

// erf as Ascend C's Erf: clamp to [-3.92, 3.92], x P(x^2) / Q(x^2) in
// Horner form; f16 results round with ties away (<round>).
// CHECK-LABEL: func.func @erf
// CHECK-DAG: %[[HI:.*]] = arith.constant 3.920000e+00 : f32
// CHECK-DAG: %[[P5:.*]] = arith.constant 0.0534437485 : f32
// CHECK-DAG: %[[Q0:.*]] = arith.constant 26267.2246 : f32
// CHECK: vec.mins %[[X:[^ ]*]], %[[HI]], %{{.*}} :
// CHECK: vec.maxs
// CHECK: vec.mul %[[C:[^ ]*]], %[[C]], %[[X2:[^ ]*]] :
// CHECK: vec.muls %[[X2]], %[[P5]], %{{.*}} :
// CHECK-COUNT-9: vec.mul
// CHECK: vec.adds %{{.*}}, %[[Q0]], %[[Q:[^ ]*]] :
// CHECK-NEXT: vec.div %[[P:[^ ]*]], %[[Q]], %[[E:[^ ]*]] :
// CHECK: vec.cast %[[E]], %[[Y:[^ ]*]] round <round> : memref<1024xf32, #aicore.space<ub>>, memref<1024xf16, #aicore.space<ub>>
// CHECK: mte.copy %[[Y]]
func.func @erf(%x: tensor<1024xf16>) -> tensor<1024xf16> {
  %y = ascend.erf %x : tensor<1024xf16> -> tensor<1024xf16>
  return %y : tensor<1024xf16>
}

// -----

// gelu (tanh form) = x / (1 + e^u) with u = x (c0 + c1 x^2),
// c0 = -2 sqrt(2/pi), c1 = 0.044715 c0.
// CHECK-LABEL: func.func @gelu
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[C0:.*]] = arith.constant -1.59576917 : f32
// CHECK-DAG: %[[C1:.*]] = arith.constant -0.0713548139 : f32
// CHECK: mte.copy %{{.*}}, %[[X:.*]] : memref<1024xf32, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf32, #aicore.space<ub>>
// CHECK: vec.mul %[[X]], %[[X]], %[[A:[^ ]*]] :
// CHECK: vec.muls %[[A]], %[[C1]], %[[B:[^ ]*]] :
// CHECK: vec.adds %[[B]], %[[C0]], %[[A]] :
// CHECK: vec.mul %[[A]], %[[X]], %[[B]] :
// CHECK: vec.exp %[[B]], %[[A]] :
// CHECK: vec.adds %[[A]], %[[ONE]], %[[B]] :
// CHECK: vec.div %[[X]], %[[B]], %[[Y:[^ ]*]] :
// CHECK: mte.copy %[[Y]]
func.func @gelu(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %y = ascend.gelu %x : tensor<1024xf32> -> tensor<1024xf32>
  return %y : tensor<1024xf32>
}

// -----

// f16 -> bf16 goes through f32 (exact); only the narrowing takes the mode.
// CHECK-LABEL: func.func @cast_f16_bf16
// CHECK: vec.cast {{.*}} round <rint> : memref<4096xf16, #aicore.space<ub>>, memref<4096xf32, #aicore.space<ub>>
// CHECK-NEXT: aicore.alloc
// CHECK-NEXT: vec.cast {{.*}} round <trunc> : memref<4096xf32, #aicore.space<ub>>, memref<4096xbf16, #aicore.space<ub>>
func.func @cast_f16_bf16(%x: tensor<64x64xf16>) -> tensor<64x64xbf16> {
  %y = ascend.cast <trunc> %x : tensor<64x64xf16> -> tensor<64x64xbf16>
  return %y : tensor<64x64xbf16>
}

// -----

// rope <interleaved>: the scalar unit writes one head's pair-swap offsets
// and the per-pair offsets once per block, the vector unit offsets the
// other heads; per position, gathers spread cos and [-sin, sin] over the
// pairs and swap the pairs of x, then y = x * c' + swap(x) * s'.
// CHECK-LABEL: func.func @rope_interleaved
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 8>}
// CHECK: %[[SWAP:.*]] = aicore.alloc : memref<8x64xi32, #aicore.space<ub>>
// CHECK: %[[PAIR:.*]] = aicore.alloc : memref<1x64xi32, #aicore.space<ub>>
// CHECK: %[[SPAIR:.*]] = aicore.alloc : memref<1x64xi32, #aicore.space<ub>>
// CHECK: scf.for %[[I:.*]] = %c0 to %c32 step %c1 {
// CHECK:   %[[EVEN:.*]] = arith.muli %[[I]], %c2
// CHECK:   %[[ODD:.*]] = arith.addi %[[EVEN]], %c1
// CHECK:   memref.store %{{.*}}, %[[SWAP]][%c0, %[[EVEN]]]
// CHECK:   memref.store %{{.*}}, %[[SWAP]][%c0, %[[ODD]]]
// CHECK:   memref.store %{{.*}}, %[[PAIR]][%c0, %[[EVEN]]]
// CHECK:   memref.store %{{.*}}, %[[PAIR]][%c0, %[[ODD]]]
// CHECK:   memref.store %{{.*}}, %[[SPAIR]][%c0, %[[EVEN]]]
// CHECK:   memref.store %{{.*}}, %[[SPAIR]][%c0, %[[ODD]]]
// CHECK: }
// CHECK: scf.for %[[H:.*]] = %c1 to %c8 step %c1 {
// CHECK:   %[[BASE:.*]] = arith.muli %[[H]], %c64
// CHECK:   %[[BASE32:.*]] = arith.index_cast %[[BASE]] : index to i32
// CHECK:   vec.adds %{{.*}}, %[[BASE32]], %{{.*}} : memref<1x64xi32, strided<[64, 1], offset: ?>, #aicore.space<ub>>, i32
// CHECK: }
// CHECK: scf.for
// CHECK:   vec.cast %{{.*}}, %[[X:.*]] round <rint> : memref<8x64xf16, #aicore.space<ub>>, memref<8x64xf32, #aicore.space<ub>>
// CHECK:   vec.cast %{{.*}}, %[[C:.*]] round <rint> : memref<1x32xf16, #aicore.space<ub>>, memref<1x32xf32, #aicore.space<ub>>
// CHECK:   vec.cast %{{.*}}, %[[S:.*]] round <rint> : memref<1x32xf16, #aicore.space<ub>>, memref<1x32xf32, #aicore.space<ub>>
// CHECK:   vec.muls %[[S]], %{{.*}}, %{{.*}} : memref<1x32xf32, #aicore.space<ub>>, memref<1x32xf32, strided<[64, 1]>, #aicore.space<ub>>, f32
// CHECK:   vec.copy %[[S]], %{{.*}} : memref<1x32xf32, #aicore.space<ub>>, memref<1x32xf32, strided<[64, 1], offset: 32>, #aicore.space<ub>>
// CHECK:   vec.gather %[[C]][%[[PAIR]]], %[[C2:[^ ]*]] : memref<1x32xf32, #aicore.space<ub>>, memref<1x64xi32, #aicore.space<ub>>, memref<1x64xf32, #aicore.space<ub>>
// CHECK:   vec.gather %{{.*}}[%[[SPAIR]]], %[[S2:[^ ]*]] : memref<1x64xf32, #aicore.space<ub>>, memref<1x64xi32, #aicore.space<ub>>, memref<1x64xf32, #aicore.space<ub>>
// CHECK:   vec.gather %[[X]][%[[SWAP]]], %[[XS:[^ ]*]] : memref<8x64xf32, #aicore.space<ub>>, memref<8x64xi32, #aicore.space<ub>>, memref<8x64xf32, #aicore.space<ub>>
// CHECK:   vec.broadcast %[[C2]], %[[CB:[^ ]*]] : memref<1x64xf32, #aicore.space<ub>>, memref<8x64xf32, #aicore.space<ub>>
// CHECK:   vec.mul %[[X]], %[[CB]], %[[P:[^ ]*]] :
// CHECK:   vec.broadcast %[[S2]], %[[SB:[^ ]*]] :
// CHECK:   vec.mul %[[XS]], %[[SB]], %[[Q:[^ ]*]] :
// CHECK:   vec.add %[[P]], %[[Q]], %[[Y:[^ ]*]] :
// CHECK:   vec.cast %[[Y]], %{{.*}} round <rint> : memref<8x64xf32, #aicore.space<ub>>, memref<8x64xf16, #aicore.space<ub>>
// CHECK-NOT: ascend.
func.func @rope_interleaved(%x: tensor<2x4x8x64xf16>, %c: tensor<4x32xf16>, %s: tensor<4x32xf16>) -> tensor<2x4x8x64xf16> {
  %y = ascend.rope <interleaved> %x, %c, %s : tensor<2x4x8x64xf16>, tensor<4x32xf16>, tensor<4x32xf16> -> tensor<2x4x8x64xf16>
  return %y : tensor<2x4x8x64xf16>
}

// -----

func.func @broadcast_leading(%a: tensor<2x3x16xf16>, %b: tensor<1x3x16xf16>) -> tensor<2x3x16xf16> {
  // expected-error @+1 {{rhs of shape [1x3x16] broadcasts against the result [2x3x16] in a way that is not lowered yet; expected the result's shape, a row along the last dim ([C] or [1, ..., C]), one value per row ([..., R, 1]), a row per leading index ([A, 1, ..., C]) or a single element}}
  %c = ascend.add %a, %b : tensor<2x3x16xf16>, tensor<1x3x16xf16> -> tensor<2x3x16xf16>
  return %c : tensor<2x3x16xf16>
}

// -----

func.func @broadcast_rows_of_batches(%a: tensor<3x1xf32>, %b: tensor<2x1x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{lhs of shape [3x1] broadcasts against the result [2x3x4] in a way that is not lowered yet}}
  %c = ascend.mul %a, %b : tensor<3x1xf32>, tensor<2x1x4xf32> -> tensor<2x3x4xf32>
  return %c : tensor<2x3x4xf32>
}

// -----

func.func @cast_odd_bf16(%x: tensor<64xf32>) -> tensor<64xbf16> {
  // expected-error @+1 {{cast to bf16 with round mode <odd> is not lowered: the vector unit of Ascend910B2 has no f32 -> bf16 conversion in that mode}}
  %y = ascend.cast <odd> %x : tensor<64xf32> -> tensor<64xbf16>
  return %y : tensor<64xbf16>
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @cast_floor_310p(%x: tensor<64xf32>) -> tensor<64xf16> {
    // expected-error @+1 {{cast to f16 with round mode <floor> is not lowered: the vector unit of Ascend310P has no f32 -> f16 conversion in that mode}}
    %y = ascend.cast <floor> %x : tensor<64xf32> -> tensor<64xf16>
    return %y : tensor<64xf16>
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @silu_bf16_310p(%x: tensor<64xbf16>) -> tensor<64xbf16> {
    // expected-error @+1 {{bf16 is computed through f32 casts, which Ascend310P does not have}}
    %y = ascend.silu %x : tensor<64xbf16> -> tensor<64xbf16>
    return %y : tensor<64xbf16>
  }
}

// -----

func.func @rope_interleaved_narrow_head(%x: tensor<16x4x24xf32>, %c: tensor<16x12xf32>) -> tensor<16x4x24xf32> {
  // expected-error @+1 {{rope <interleaved> with head dim 24 is not lowered yet: each half row of 12 f32 elements must be whole 32-byte UB blocks, expected a head dim that is a multiple of 16}}
  %y = ascend.rope <interleaved> %x, %c, %c : tensor<16x4x24xf32>, tensor<16x12xf32>, tensor<16x12xf32> -> tensor<16x4x24xf32>
  return %y : tensor<16x4x24xf32>
}

// -----

func.func @rope_interleaved_many_heads(%x: tensor<2x256x128xbf16>, %c: tensor<2x64xbf16>) -> tensor<2x256x128xbf16> {
  // expected-error @+1 {{one position of rope needs 1182976 bytes of UB, more than the 196608 bytes UB has; that many heads are not lowered yet}}
  %y = ascend.rope <interleaved> %x, %c, %c : tensor<2x256x128xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16> -> tensor<2x256x128xbf16>
  return %y : tensor<2x256x128xbf16>
}
