// Row softmax y = softmax(x) over the last axis of an f16 [64, 1024] input,
// with the online (one-pass) max and sum of FlashAttention / "Online
// normalizer calculation for softmax" (Milakov & Gimelshein, 2018).
//
// 8 vector cores each take 8 rows. A row does not have to fit UB at once:
// columns stream through in tiles of 256, computing in f32.
//
//   pass 1, per tile t:  m_t  = rowmax(x_t)
//                        m'   = max(m, m_t)
//                        l    = l * exp(m - m') + rowsum(exp(x_t - m'))
//                        m    = m'
//   pass 2, per tile t:  y_t  = f16_rint(exp(x_t - m) * (1 / l))
//
// Subtracting the running max keeps every exp argument <= 0, so nothing
// overflows however large x is; rescaling l by exp(m - m') whenever the max
// grows keeps l = sum(exp(x - m)) over the columns seen so far.
//
// Pipes: MTE2 loads GM -> UB, V computes, MTE3 stores UB -> GM. Each UB
// buffer that two pipes share is handed over with a flag pair in each
// direction: MTE2 -> V ("x landed"), V -> MTE2 ("x was read, load the next
// tile"), V -> MTE3 ("y written"), MTE3 -> V ("y was stored, overwrite it").
// The reverse flags are set once before their loop so the first iteration's
// wait passes, and the set of the last iteration is consumed after the loop,
// so every set has exactly one wait.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @softmax_online(%x: memref<64x1024xf16, #aicore.space<gm>>,
                            %y: memref<64x1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} {
    %c0 = arith.constant 0 : index
    %c8 = arith.constant 8 : index
    %c256 = arith.constant 256 : index
    %c1024 = arith.constant 1024 : index
    %zero = arith.constant 0.0 : f32
    %neg_inf = arith.constant 0xFF800000 : f32
    %block = aicore.block_idx
    %row = arith.muli %block, %c8 : index

    // UB: the f16 tile as loaded / stored, the f32 working tile, a
    // broadcast row vector, and the per-row statistics (8 x f32 = 32 B each).
    %xh = aicore.alloc : memref<8x256xf16, #aicore.space<ub>>
    %yh = aicore.alloc : memref<8x256xf16, #aicore.space<ub>>
    %xf = aicore.alloc : memref<8x256xf32, #aicore.space<ub>>
    %bc = aicore.alloc : memref<8x256xf32, #aicore.space<ub>>
    %m = aicore.alloc : memref<8x1xf32, #aicore.space<ub>>
    %m_new = aicore.alloc : memref<8x1xf32, #aicore.space<ub>>
    %tile_stat = aicore.alloc : memref<8x1xf32, #aicore.space<ub>>
    %l = aicore.alloc : memref<8x1xf32, #aicore.space<ub>>

    // m = -inf makes the first rescale factor exp(-inf - m') = 0, so the
    // first tile needs no special case.
    vec.fill %neg_inf, %m : f32, memref<8x1xf32, #aicore.space<ub>>
    vec.fill %zero, %l : f32, memref<8x1xf32, #aicore.space<ub>>

    //===------------------------------------------------------------------===//
    // Pass 1: running max m and running sum l.
    //===------------------------------------------------------------------===//
    // xh starts free.
    aicore.set_flag <v> -> <mte2> event 0
    scf.for %col = %c0 to %c1024 step %c256 {
      %xs = memref.subview %x[%row, %col] [8, 256] [1, 1] : memref<64x1024xf16, #aicore.space<gm>> to memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>
      // The previous tile's cast has read xh.
      aicore.wait_flag <v> -> <mte2> event 0
      mte.copy %xs, %xh : memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<8x256xf16, #aicore.space<ub>>
      // The tile has landed in UB.
      aicore.set_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte2> -> <v> event 0
      vec.cast %xh, %xf round <rint> : memref<8x256xf16, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
      // xh is read; MTE2 may load the next tile while V works on this one.
      aicore.set_flag <v> -> <mte2> event 0

      // m' = max(m, rowmax(x_t))
      vec.reduce_rows <max> %xf, %tile_stat : memref<8x256xf32, #aicore.space<ub>>, memref<8x1xf32, #aicore.space<ub>>
      vec.max %m, %tile_stat, %m_new : memref<8x1xf32, #aicore.space<ub>>
      // l = l * exp(m - m'); m is dead after this, so it holds m - m'.
      vec.sub %m, %m_new, %m : memref<8x1xf32, #aicore.space<ub>>
      vec.exp %m, %m : memref<8x1xf32, #aicore.space<ub>>
      vec.mul %l, %m, %l : memref<8x1xf32, #aicore.space<ub>>
      // l += rowsum(exp(x_t - m'))
      vec.broadcast %m_new, %bc : memref<8x1xf32, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
      vec.sub %xf, %bc, %xf : memref<8x256xf32, #aicore.space<ub>>
      vec.exp %xf, %xf : memref<8x256xf32, #aicore.space<ub>>
      vec.reduce_rows <sum> %xf, %tile_stat : memref<8x256xf32, #aicore.space<ub>>, memref<8x1xf32, #aicore.space<ub>>
      vec.add %l, %tile_stat, %l : memref<8x1xf32, #aicore.space<ub>>
      // m = m'
      vec.copy %m_new, %m : memref<8x1xf32, #aicore.space<ub>>
    }
    // The last tile's "xh is read" stays set: pass 2's first wait consumes it.

    //===------------------------------------------------------------------===//
    // Pass 2: y = exp(x - m) * (1 / l), rounded to f16.
    //===------------------------------------------------------------------===//
    // One reciprocal per row instead of a division per element; m and l
    // are broadcast once for all tiles (%bc = m, %l_bc = 1 / l).
    %l_bc = aicore.alloc : memref<8x256xf32, #aicore.space<ub>>
    vec.reciprocal %l, %l : memref<8x1xf32, #aicore.space<ub>>
    vec.broadcast %m, %bc : memref<8x1xf32, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
    vec.broadcast %l, %l_bc : memref<8x1xf32, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>

    // yh starts free.
    aicore.set_flag <mte3> -> <v> event 0
    scf.for %col = %c0 to %c1024 step %c256 {
      %xs = memref.subview %x[%row, %col] [8, 256] [1, 1] : memref<64x1024xf16, #aicore.space<gm>> to memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>
      %ys = memref.subview %y[%row, %col] [8, 256] [1, 1] : memref<64x1024xf16, #aicore.space<gm>> to memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>
      aicore.wait_flag <v> -> <mte2> event 0
      mte.copy %xs, %xh : memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<8x256xf16, #aicore.space<ub>>
      aicore.set_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte2> -> <v> event 0
      vec.cast %xh, %xf round <rint> : memref<8x256xf16, #aicore.space<ub>>, memref<8x256xf32, #aicore.space<ub>>
      aicore.set_flag <v> -> <mte2> event 0

      vec.sub %xf, %bc, %xf : memref<8x256xf32, #aicore.space<ub>>
      vec.exp %xf, %xf : memref<8x256xf32, #aicore.space<ub>>
      vec.mul %xf, %l_bc, %xf : memref<8x256xf32, #aicore.space<ub>>
      // The previous tile's store has read yh.
      aicore.wait_flag <mte3> -> <v> event 0
      vec.cast %xf, %yh round <rint> : memref<8x256xf32, #aicore.space<ub>>, memref<8x256xf16, #aicore.space<ub>>
      // yh is written; store it.
      aicore.set_flag <v> -> <mte3> event 0
      aicore.wait_flag <v> -> <mte3> event 0
      mte.copy %yh, %ys : memref<8x256xf16, #aicore.space<ub>>, memref<8x256xf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>
      aicore.set_flag <mte3> -> <v> event 0
    }
    // Consume the last sets, so no flag is left pending when the kernel ends
    // (the final store is then complete too).
    aicore.wait_flag <v> -> <mte2> event 0
    aicore.wait_flag <mte3> -> <v> event 0
    return
  }
}
