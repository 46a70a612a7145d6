// One padded nd -> nz load for lower-matmul-tails.test: 13 x 130 bf16 into
// 16 x 144 fractals (a K tail along rows), costed as the transfer of the
// src bytes plus an L1 fill of the 3 padding rows.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @pad_cost(%a: memref<13x130xbf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %l1 = aicore.alloc : memref<16x144xbf16, #aicore.space<l1>>
    mte.copy %a, %l1 dst_layout <nz> pad : memref<13x130xbf16, #aicore.space<gm>>, memref<16x144xbf16, #aicore.space<l1>>
    return
  }
}
