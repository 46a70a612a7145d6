// vec.transpose and vec.gather have no measured latency in the target data.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @uncosted(%g: memref<16xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
    %i = aicore.alloc : memref<16xi32, #aicore.space<ub>>
    %d = aicore.alloc : memref<16xf16, #aicore.space<ub>>
    %s = memref.collapse_shape %a [[0, 1]] : memref<16x16xf16, #aicore.space<ub>> into memref<256xf16, #aicore.space<ub>>
    %c0 = arith.constant 0 : i32
    vec.fill %c0, %i : i32, memref<16xi32, #aicore.space<ub>>
    aicore.pipe_barrier <v>
    vec.transpose %a, %b : memref<16x16xf16, #aicore.space<ub>>, memref<16x16xf16, #aicore.space<ub>>
    aicore.pipe_barrier <v>
    vec.gather %s[%i], %d : memref<256xf16, #aicore.space<ub>>, memref<16xi32, #aicore.space<ub>>, memref<16xf16, #aicore.space<ub>>
    return
  }
}
