// Hand-written host functions: GM workspaces, views and kernel launches.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  // z = x + y on two vector cores, 1024 elements each.
  func.func @add(%x: memref<2048xf16, #aicore.space<gm>>, %y: memref<2048xf16, #aicore.space<gm>>, %z: memref<2048xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 2>} {
    %c1024 = arith.constant 1024 : index
    %block = aicore.block_idx
    %offset = arith.muli %block, %c1024 : index
    %xs = memref.subview %x[%offset] [1024] [1] : memref<2048xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %ys = memref.subview %y[%offset] [1024] [1] : memref<2048xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %zs = memref.subview %z[%offset] [1024] [1] : memref<2048xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %ub_x = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %ub_y = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %ub_z = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %xs, %ub_x : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    mte.copy %ys, %ub_y : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.add %ub_x, %ub_y, %ub_z : memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %ub_z, %zs : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    return
  }

  // out = (x + y) + y through a workspace; x arrives as 32 x 64.
  func.func @twice(%x: memref<32x64xf16, #aicore.space<gm>>, %y: memref<2048xf16, #aicore.space<gm>>, %out: memref<2048xf16, #aicore.space<gm>>) {
    %flat = memref.collapse_shape %x [[0, 1]] : memref<32x64xf16, #aicore.space<gm>> into memref<2048xf16, #aicore.space<gm>>
    %ws = memref.alloc() : memref<2048xf16, #aicore.space<gm>>
    call @add(%flat, %y, %ws) : (memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>) -> ()
    call @add(%ws, %y, %out) : (memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>) -> ()
    memref.dealloc %ws : memref<2048xf16, #aicore.space<gm>>
    return
  }

  // The entry point: runs @twice inline, then launches @add with one
  // buffer as both inputs, then copies.
  func.func @outer(%x: memref<32x64xf16, #aicore.space<gm>>, %y: memref<2048xf16, #aicore.space<gm>>, %out: memref<2048xf16, #aicore.space<gm>>, %doubled: memref<2048xf16, #aicore.space<gm>>, %copy: memref<32x64xf16, #aicore.space<gm>>) {
    call @twice(%x, %y, %out) : (memref<32x64xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>) -> ()
    call @add(%y, %y, %doubled) : (memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<gm>>) -> ()
    %rows = memref.expand_shape %doubled [[0, 1]] output_shape [32, 64] : memref<2048xf16, #aicore.space<gm>> into memref<32x64xf16, #aicore.space<gm>>
    memref.copy %rows, %copy : memref<32x64xf16, #aicore.space<gm>> to memref<32x64xf16, #aicore.space<gm>>
    return
  }
}
