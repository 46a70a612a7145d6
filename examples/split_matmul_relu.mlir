// A split (910B) kernel: the cube core computes a 64x64 f16 matmul into a GM
// workspace, the block's two vector cores each apply relu to 32 of its rows.
// Cube results reach the vector cores only through GM; a cross-core flag set
// after the fixpipe orders the workspace write before the vector reads.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @matmul_relu(%a: memref<64x64xf16, #aicore.space<gm>>,
                         %b: memref<64x64xf16, #aicore.space<gm>>,
                         %workspace: memref<64x64xf32, #aicore.space<gm>>,
                         %out: memref<64x64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    aicore.core <cube> {
      %init = arith.constant true
      %l1a = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      %l1b = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      %l0a = aicore.alloc : memref<64x64xf16, #aicore.space<l0a>>
      %l0b = aicore.alloc : memref<64x64xf16, #aicore.space<l0b>>
      %l0c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      mte.copy %a, %l1a dst_layout <nz> : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      mte.copy %b, %l1b dst_layout <nz> : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      aicore.set_flag <mte2> -> <mte1> event 0
      aicore.wait_flag <mte2> -> <mte1> event 0
      mte.copy %l1a, %l0a src_layout <nz> : memref<64x64xf16, #aicore.space<l1>>, memref<64x64xf16, #aicore.space<l0a>>
      mte.copy %l1b, %l0b src_layout <nz> : memref<64x64xf16, #aicore.space<l1>>, memref<64x64xf16, #aicore.space<l0b>>
      aicore.set_flag <mte1> -> <m> event 0
      aicore.wait_flag <mte1> -> <m> event 0
      cube.mmad %l0a, %l0b, %l0c init(%init) : memref<64x64xf16, #aicore.space<l0a>>, memref<64x64xf16, #aicore.space<l0b>>, memref<64x64xf32, #aicore.space<l0c>>
      aicore.set_flag <m> -> <fix> event 0
      aicore.wait_flag <m> -> <fix> event 0
      mte.fixpipe %l0c, %workspace : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<gm>>
      // Released once the fixpipe write has finished.
      aicore.cross_core_set_flag <fix> flag 0
    }
    aicore.core <vector> {
      %c32 = arith.constant 32 : index
      %sub = aicore.sub_block_idx
      %row = arith.muli %sub, %c32 : index
      %in = memref.subview %workspace[%row, 0] [32, 64] [1, 1] : memref<64x64xf32, #aicore.space<gm>> to memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
      %res = memref.subview %out[%row, 0] [32, 64] [1, 1] : memref<64x64xf32, #aicore.space<gm>> to memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
      %ub = aicore.alloc : memref<32x64xf32, #aicore.space<ub>>
      aicore.cross_core_wait_flag <mte2> flag 0
      mte.copy %in, %ub : memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>, memref<32x64xf32, #aicore.space<ub>>
      aicore.set_flag <mte2> -> <v> event 0
      aicore.wait_flag <mte2> -> <v> event 0
      vec.relu %ub, %ub : memref<32x64xf32, #aicore.space<ub>>
      aicore.set_flag <v> -> <mte3> event 0
      aicore.wait_flag <v> -> <mte3> event 0
      mte.copy %ub, %res : memref<32x64xf32, #aicore.space<ub>>, memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
    }
    return
  }
}
