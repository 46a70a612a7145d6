// z = x + y for 32768 f16 values on 8 vector cores, double-buffered: each
// core streams its 4096 values in tiles of 1024 through two sets of UB
// buffers (ping: event 0, pong: event 1), so MTE2 loads tile i+1 while V adds
// tile i and MTE3 stores tile i-1. Four flag pairs per buffer set:
//   in-ready  MTE2 -> V     the inputs have landed before the add reads them
//   in-free   V -> MTE2     the add has read them before the next load
//   out-ready V -> MTE3     the result is written before the store reads it
//   out-free  MTE3 -> V     the store has read it before the next add
// The "free" flags are set once before the loop (the buffers start free) and
// waited once after it, so every set has exactly one wait.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @vector_add_double_buffered(%x: memref<32768xf16, #aicore.space<gm>>,
                                        %y: memref<32768xf16, #aicore.space<gm>>,
                                        %z: memref<32768xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} {
    %c0 = arith.constant 0 : index
    %c1024 = arith.constant 1024 : index
    %c2048 = arith.constant 2048 : index
    %c4096 = arith.constant 4096 : index
    %block = aicore.block_idx
    %base = arith.muli %block, %c4096 : index
    %xb0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %yb0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %zb0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %xb1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %yb1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %zb1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte2> event 0
    aicore.set_flag <v> -> <mte2> event 1
    aicore.set_flag <mte3> -> <v> event 0
    aicore.set_flag <mte3> -> <v> event 1
    scf.for %i = %c0 to %c4096 step %c2048 {
      %o0 = arith.addi %base, %i : index
      %o1 = arith.addi %o0, %c1024 : index
      // Tile i, buffers 0, event 0.
      %x0g = memref.subview %x[%o0] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %y0g = memref.subview %y[%o0] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %z0g = memref.subview %z[%o0] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      aicore.wait_flag <v> -> <mte2> event 0   // [in-free-0] V has read the previous tile of these inputs
      mte.copy %x0g, %xb0 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      mte.copy %y0g, %yb0 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      aicore.set_flag <mte2> -> <v> event 0    // [in-ready-0] the inputs have landed
      aicore.wait_flag <mte2> -> <v> event 0   // [in-ready-0]
      aicore.wait_flag <mte3> -> <v> event 0   // [out-free-0] MTE3 has stored the previous result
      vec.add %xb0, %yb0, %zb0 : memref<1024xf16, #aicore.space<ub>>
      aicore.set_flag <v> -> <mte2> event 0    // [in-free-0]
      aicore.set_flag <v> -> <mte3> event 0    // [out-ready-0] the result is written
      aicore.wait_flag <v> -> <mte3> event 0   // [out-ready-0]
      mte.copy %zb0, %z0g : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      aicore.set_flag <mte3> -> <v> event 0    // [out-free-0]
      // Tile i+1, buffers 1, event 1.
      %x1g = memref.subview %x[%o1] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %y1g = memref.subview %y[%o1] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %z1g = memref.subview %z[%o1] [1024] [1] : memref<32768xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      aicore.wait_flag <v> -> <mte2> event 1   // [in-free-1] V has read the previous tile of these inputs
      mte.copy %x1g, %xb1 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      mte.copy %y1g, %yb1 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      aicore.set_flag <mte2> -> <v> event 1    // [in-ready-1] the inputs have landed
      aicore.wait_flag <mte2> -> <v> event 1   // [in-ready-1]
      aicore.wait_flag <mte3> -> <v> event 1   // [out-free-1] MTE3 has stored the previous result
      vec.add %xb1, %yb1, %zb1 : memref<1024xf16, #aicore.space<ub>>
      aicore.set_flag <v> -> <mte2> event 1    // [in-free-1]
      aicore.set_flag <v> -> <mte3> event 1    // [out-ready-1] the result is written
      aicore.wait_flag <v> -> <mte3> event 1   // [out-ready-1]
      mte.copy %zb1, %z1g : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      aicore.set_flag <mte3> -> <v> event 1    // [out-free-1]
    }
    aicore.wait_flag <v> -> <mte2> event 0
    aicore.wait_flag <v> -> <mte2> event 1
    aicore.wait_flag <mte3> -> <v> event 0
    aicore.wait_flag <mte3> -> <v> event 1
    return
  }
}
