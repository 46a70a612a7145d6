// z = x + y for 16384 f16 values on 8 vector cores of an Ascend 910B2, 2048
// values per core: GM -> UB on MTE2, add on V, UB -> GM on MTE3, with one
// flag pair ordering each hand-over between pipes.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @vector_add(%x: memref<16384xf16, #aicore.space<gm>>,
                        %y: memref<16384xf16, #aicore.space<gm>>,
                        %z: memref<16384xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 8>} {
    %c2048 = arith.constant 2048 : index
    %block = aicore.block_idx
    %offset = arith.muli %block, %c2048 : index
    %xs = memref.subview %x[%offset] [2048] [1] : memref<16384xf16, #aicore.space<gm>> to memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %ys = memref.subview %y[%offset] [2048] [1] : memref<16384xf16, #aicore.space<gm>> to memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %zs = memref.subview %z[%offset] [2048] [1] : memref<16384xf16, #aicore.space<gm>> to memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>

    %ub_x = aicore.alloc : memref<2048xf16, #aicore.space<ub>>
    %ub_y = aicore.alloc : memref<2048xf16, #aicore.space<ub>>
    %ub_z = aicore.alloc : memref<2048xf16, #aicore.space<ub>>

    mte.copy %xs, %ub_x : memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<2048xf16, #aicore.space<ub>>
    mte.copy %ys, %ub_y : memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<2048xf16, #aicore.space<ub>>
    // MTE2 -> V: the add starts once both loads have landed in UB.
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.add %ub_x, %ub_y, %ub_z : memref<2048xf16, #aicore.space<ub>>
    // V -> MTE3: the store starts once the add has written z.
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %ub_z, %zs : memref<2048xf16, #aicore.space<ub>>, memref<2048xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    return
  }
}
