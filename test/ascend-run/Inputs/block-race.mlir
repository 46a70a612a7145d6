// Every block copies the same input tile to the same output tile: the
// blocks race on the output (the offset forgot aicore.block_idx).
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @block_race(%x: memref<4096xf16, #aicore.space<gm>>, %z: memref<4096xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 4>} {
    %u = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %xs = memref.subview %x[0] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1]>, #aicore.space<gm>>
    %zs = memref.subview %z[0] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1]>, #aicore.space<gm>>
    mte.copy %xs, %u : memref<1024xf16, strided<[1]>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <mte3> event 0
    aicore.wait_flag <mte2> -> <mte3> event 0
    mte.copy %u, %zs : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1]>, #aicore.space<gm>>
    return
  }
}
