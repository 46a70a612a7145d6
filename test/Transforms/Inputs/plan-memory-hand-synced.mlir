// A kernel synchronised by hand, before memory planning: %c could take %a's
// bytes (%a is dead after the exp), but the flags only order MTE2 -> V, so
// nothing orders the load into %c after V's read of %a.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @hand_synced(%x: memref<1024xf16, #aicore.space<gm>>,
                         %y: memref<1024xf16, #aicore.space<gm>>,
                         %z: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %c = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.exp %a, %b : memref<1024xf16, #aicore.space<ub>>
    mte.copy %y, %c : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.add %c, %b, %c : memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %c, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
}
