// Small kernels whose results numerics_numpy.py checks bit for bit against
// NumPy references written to docs/Numerics.md; numerics-numpy.test runs
// each one with --kernel. Flags are set as a real kernel needs them, so the
// kernels stay race-free under the hazard checker.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {

  //===--------------------------------------------------------------------===//
  // Row and column reductions, f32 and f16: sum, max, min.
  //===--------------------------------------------------------------------===//

  func.func @reduce_f32(%x: memref<32x224xf32, #aicore.space<gm>>,
                        %row_sum: memref<32x1xf32, #aicore.space<gm>>,
                        %row_max: memref<32x1xf32, #aicore.space<gm>>,
                        %row_min: memref<32x1xf32, #aicore.space<gm>>,
                        %col_sum: memref<1x224xf32, #aicore.space<gm>>,
                        %col_max: memref<1x224xf32, #aicore.space<gm>>,
                        %col_min: memref<1x224xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ux = aicore.alloc : memref<32x224xf32, #aicore.space<ub>>
    %rs = aicore.alloc : memref<32x1xf32, #aicore.space<ub>>
    %rx = aicore.alloc : memref<32x1xf32, #aicore.space<ub>>
    %rn = aicore.alloc : memref<32x1xf32, #aicore.space<ub>>
    %cs = aicore.alloc : memref<1x224xf32, #aicore.space<ub>>
    %cx = aicore.alloc : memref<1x224xf32, #aicore.space<ub>>
    %cn = aicore.alloc : memref<1x224xf32, #aicore.space<ub>>
    mte.copy %x, %ux : memref<32x224xf32, #aicore.space<gm>>, memref<32x224xf32, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.reduce_rows <sum> %ux, %rs : memref<32x224xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<ub>>
    vec.reduce_rows <max> %ux, %rx : memref<32x224xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<ub>>
    vec.reduce_rows <min> %ux, %rn : memref<32x224xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<ub>>
    vec.reduce_cols <sum> %ux, %cs : memref<32x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<ub>>
    vec.reduce_cols <max> %ux, %cx : memref<32x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<ub>>
    vec.reduce_cols <min> %ux, %cn : memref<32x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %rs, %row_sum : memref<32x1xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<gm>>
    mte.copy %rx, %row_max : memref<32x1xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<gm>>
    mte.copy %rn, %row_min : memref<32x1xf32, #aicore.space<ub>>, memref<32x1xf32, #aicore.space<gm>>
    mte.copy %cs, %col_sum : memref<1x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<gm>>
    mte.copy %cx, %col_max : memref<1x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<gm>>
    mte.copy %cn, %col_min : memref<1x224xf32, #aicore.space<ub>>, memref<1x224xf32, #aicore.space<gm>>
    return
  }

  func.func @reduce_f16(%x: memref<32x224xf16, #aicore.space<gm>>,
                        %row_sum: memref<32x1xf16, #aicore.space<gm>>,
                        %row_max: memref<32x1xf16, #aicore.space<gm>>,
                        %row_min: memref<32x1xf16, #aicore.space<gm>>,
                        %col_sum: memref<1x224xf16, #aicore.space<gm>>,
                        %col_max: memref<1x224xf16, #aicore.space<gm>>,
                        %col_min: memref<1x224xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ux = aicore.alloc : memref<32x224xf16, #aicore.space<ub>>
    %rs = aicore.alloc : memref<32x1xf16, #aicore.space<ub>>
    %rx = aicore.alloc : memref<32x1xf16, #aicore.space<ub>>
    %rn = aicore.alloc : memref<32x1xf16, #aicore.space<ub>>
    %cs = aicore.alloc : memref<1x224xf16, #aicore.space<ub>>
    %cx = aicore.alloc : memref<1x224xf16, #aicore.space<ub>>
    %cn = aicore.alloc : memref<1x224xf16, #aicore.space<ub>>
    mte.copy %x, %ux : memref<32x224xf16, #aicore.space<gm>>, memref<32x224xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.reduce_rows <sum> %ux, %rs : memref<32x224xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<ub>>
    vec.reduce_rows <max> %ux, %rx : memref<32x224xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<ub>>
    vec.reduce_rows <min> %ux, %rn : memref<32x224xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<ub>>
    vec.reduce_cols <sum> %ux, %cs : memref<32x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<ub>>
    vec.reduce_cols <max> %ux, %cx : memref<32x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<ub>>
    vec.reduce_cols <min> %ux, %cn : memref<32x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %rs, %row_sum : memref<32x1xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<gm>>
    mte.copy %rx, %row_max : memref<32x1xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<gm>>
    mte.copy %rn, %row_min : memref<32x1xf16, #aicore.space<ub>>, memref<32x1xf16, #aicore.space<gm>>
    mte.copy %cs, %col_sum : memref<1x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<gm>>
    mte.copy %cx, %col_max : memref<1x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<gm>>
    mte.copy %cn, %col_min : memref<1x224xf16, #aicore.space<ub>>, memref<1x224xf16, #aicore.space<gm>>
    return
  }

  //===--------------------------------------------------------------------===//
  // Saturating casts.
  //===--------------------------------------------------------------------===//

  // f32 -> f16 with rint: overflow to inf, subnormals kept, NaN -> 0x7E00.
  func.func @cast_f32_f16(%x: memref<4096xf32, #aicore.space<gm>>,
                          %y: memref<4096xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ux = aicore.alloc : memref<4096xf32, #aicore.space<ub>>
    %uy = aicore.alloc : memref<4096xf16, #aicore.space<ub>>
    mte.copy %x, %ux : memref<4096xf32, #aicore.space<gm>>, memref<4096xf32, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.cast %ux, %uy round <rint> : memref<4096xf32, #aicore.space<ub>>, memref<4096xf16, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %uy, %y : memref<4096xf16, #aicore.space<ub>>, memref<4096xf16, #aicore.space<gm>>
    return
  }

  // f16 -> i8 in every rounding mode the 910B allows, over all 65,536 f16
  // bit patterns, 8192 at a time on each of 8 vector cores.
  func.func @cast_f16_i8(%x: memref<65536xf16, #aicore.space<gm>>,
                         %rint: memref<65536xi8, #aicore.space<gm>>,
                         %round: memref<65536xi8, #aicore.space<gm>>,
                         %floor: memref<65536xi8, #aicore.space<gm>>,
                         %ceil: memref<65536xi8, #aicore.space<gm>>,
                         %trunc: memref<65536xi8, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} {
    %c8192 = arith.constant 8192 : index
    %block = aicore.block_idx
    %at = arith.muli %block, %c8192 : index
    %xs = memref.subview %x[%at] [8192] [1] : memref<65536xf16, #aicore.space<gm>> to memref<8192xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %s0 = memref.subview %rint[%at] [8192] [1] : memref<65536xi8, #aicore.space<gm>> to memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    %s1 = memref.subview %round[%at] [8192] [1] : memref<65536xi8, #aicore.space<gm>> to memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    %s2 = memref.subview %floor[%at] [8192] [1] : memref<65536xi8, #aicore.space<gm>> to memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    %s3 = memref.subview %ceil[%at] [8192] [1] : memref<65536xi8, #aicore.space<gm>> to memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    %s4 = memref.subview %trunc[%at] [8192] [1] : memref<65536xi8, #aicore.space<gm>> to memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    %ux = aicore.alloc : memref<8192xf16, #aicore.space<ub>>
    %u0 = aicore.alloc : memref<8192xi8, #aicore.space<ub>>
    %u1 = aicore.alloc : memref<8192xi8, #aicore.space<ub>>
    %u2 = aicore.alloc : memref<8192xi8, #aicore.space<ub>>
    %u3 = aicore.alloc : memref<8192xi8, #aicore.space<ub>>
    %u4 = aicore.alloc : memref<8192xi8, #aicore.space<ub>>
    mte.copy %xs, %ux : memref<8192xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<8192xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.cast %ux, %u0 round <rint> : memref<8192xf16, #aicore.space<ub>>, memref<8192xi8, #aicore.space<ub>>
    vec.cast %ux, %u1 round <round> : memref<8192xf16, #aicore.space<ub>>, memref<8192xi8, #aicore.space<ub>>
    vec.cast %ux, %u2 round <floor> : memref<8192xf16, #aicore.space<ub>>, memref<8192xi8, #aicore.space<ub>>
    vec.cast %ux, %u3 round <ceil> : memref<8192xf16, #aicore.space<ub>>, memref<8192xi8, #aicore.space<ub>>
    vec.cast %ux, %u4 round <trunc> : memref<8192xf16, #aicore.space<ub>>, memref<8192xi8, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %u0, %s0 : memref<8192xi8, #aicore.space<ub>>, memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %u1, %s1 : memref<8192xi8, #aicore.space<ub>>, memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %u2, %s2 : memref<8192xi8, #aicore.space<ub>>, memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %u3, %s3 : memref<8192xi8, #aicore.space<ub>>, memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %u4, %s4 : memref<8192xi8, #aicore.space<ub>>, memref<8192xi8, strided<[1], offset: ?>, #aicore.space<gm>>
    return
  }

  // f32 -> i32 in every rounding mode: beyond +-2^31 saturates, NaN -> 0.
  func.func @cast_f32_i32(%x: memref<4096xf32, #aicore.space<gm>>,
                          %rint: memref<4096xi32, #aicore.space<gm>>,
                          %round: memref<4096xi32, #aicore.space<gm>>,
                          %floor: memref<4096xi32, #aicore.space<gm>>,
                          %ceil: memref<4096xi32, #aicore.space<gm>>,
                          %trunc: memref<4096xi32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ux = aicore.alloc : memref<4096xf32, #aicore.space<ub>>
    %u0 = aicore.alloc : memref<4096xi32, #aicore.space<ub>>
    %u1 = aicore.alloc : memref<4096xi32, #aicore.space<ub>>
    %u2 = aicore.alloc : memref<4096xi32, #aicore.space<ub>>
    %u3 = aicore.alloc : memref<4096xi32, #aicore.space<ub>>
    %u4 = aicore.alloc : memref<4096xi32, #aicore.space<ub>>
    mte.copy %x, %ux : memref<4096xf32, #aicore.space<gm>>, memref<4096xf32, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.cast %ux, %u0 round <rint> : memref<4096xf32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<ub>>
    vec.cast %ux, %u1 round <round> : memref<4096xf32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<ub>>
    vec.cast %ux, %u2 round <floor> : memref<4096xf32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<ub>>
    vec.cast %ux, %u3 round <ceil> : memref<4096xf32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<ub>>
    vec.cast %ux, %u4 round <trunc> : memref<4096xf32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %u0, %rint : memref<4096xi32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<gm>>
    mte.copy %u1, %round : memref<4096xi32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<gm>>
    mte.copy %u2, %floor : memref<4096xi32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<gm>>
    mte.copy %u3, %ceil : memref<4096xi32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<gm>>
    mte.copy %u4, %trunc : memref<4096xi32, #aicore.space<ub>>, memref<4096xi32, #aicore.space<gm>>
    return
  }

  //===--------------------------------------------------------------------===//
  // i8 x i8 -> i32 matmul, read out of L0C unchanged, requantised to i8 and
  // dequantised to f16, with a scalar and a per-channel scale.
  //===--------------------------------------------------------------------===//

  func.func @matmul_i8(%a: memref<64x128xi8, #aicore.space<gm>>,
                       %b: memref<128x64xi8, #aicore.space<gm>>,
                       %channel_scale: memref<64xf32, #aicore.space<gm>>,
                       %c: memref<64x64xi32, #aicore.space<gm>>,
                       %q: memref<64x64xi8, #aicore.space<gm>>,
                       %q_channel: memref<64x64xi8, #aicore.space<gm>>,
                       %h: memref<64x64xf16, #aicore.space<gm>>,
                       %h_channel: memref<64x64xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %init = arith.constant true
    // 0x3B4A4587 = 0.0030864195...: its low 13 bits are not zero, so the
    // fixpipe's 19-bit truncation of the scale changes results.
    %scale = arith.constant 0x3B4A4587 : f32
    // 0x3A83126F = 0.001 (rounded to f32), also with low bits set.
    %dq_scale = arith.constant 0x3A83126F : f32
    %l1a = aicore.alloc : memref<64x128xi8, #aicore.space<l1>>
    %l1b = aicore.alloc : memref<128x64xi8, #aicore.space<l1>>
    %l1s = aicore.alloc : memref<64xf32, #aicore.space<l1>>
    %l0a = aicore.alloc : memref<64x128xi8, #aicore.space<l0a>>
    %l0b = aicore.alloc : memref<128x64xi8, #aicore.space<l0b>>
    %l0c = aicore.alloc : memref<64x64xi32, #aicore.space<l0c>>
    mte.copy %a, %l1a dst_layout <nz> : memref<64x128xi8, #aicore.space<gm>>, memref<64x128xi8, #aicore.space<l1>>
    mte.copy %b, %l1b dst_layout <nz> : memref<128x64xi8, #aicore.space<gm>>, memref<128x64xi8, #aicore.space<l1>>
    mte.copy %channel_scale, %l1s : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<l1>>
    aicore.set_flag <mte2> -> <mte1> event 0
    aicore.wait_flag <mte2> -> <mte1> event 0
    mte.copy %l1a, %l0a src_layout <nz> : memref<64x128xi8, #aicore.space<l1>>, memref<64x128xi8, #aicore.space<l0a>>
    mte.copy %l1b, %l0b src_layout <nz> : memref<128x64xi8, #aicore.space<l1>>, memref<128x64xi8, #aicore.space<l0b>>
    aicore.set_flag <mte1> -> <m> event 0
    aicore.wait_flag <mte1> -> <m> event 0
    cube.mmad %l0a, %l0b, %l0c init(%init) : memref<64x128xi8, #aicore.space<l0a>>, memref<128x64xi8, #aicore.space<l0b>>, memref<64x64xi32, #aicore.space<l0c>>
    aicore.set_flag <m> -> <fix> event 0
    aicore.wait_flag <m> -> <fix> event 0
    // The per-channel scales were loaded by MTE2 with the operands; the
    // flags above (MTE2 -> MTE1 -> M -> FIX) already order them before the
    // fixpipe.
    mte.fixpipe %l0c, %c : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xi32, #aicore.space<gm>>
    mte.fixpipe %l0c, %q quant <requant> scale(%scale : f32) offset -37 : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xi8, #aicore.space<gm>>
    mte.fixpipe %l0c, %q_channel quant <requant> scale(%l1s : memref<64xf32, #aicore.space<l1>>) offset 11 relu : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xi8, #aicore.space<gm>>
    mte.fixpipe %l0c, %h quant <dequant> scale(%dq_scale : f32) : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xf16, #aicore.space<gm>>
    mte.fixpipe %l0c, %h_channel quant <dequant> scale(%l1s : memref<64xf32, #aicore.space<l1>>) relu : memref<64x64xi32, #aicore.space<l0c>>, memref<64x64xf16, #aicore.space<gm>>
    return
  }
}
