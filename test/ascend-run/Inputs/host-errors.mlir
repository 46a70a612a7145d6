// Host functions ascend-run refuses to run, each for one reason.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @copy(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ub = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %ub : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <mte3> event 0
    aicore.wait_flag <mte2> -> <mte3> event 0
    mte.copy %ub, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
  // The store may start before the load has landed: a race.
  func.func @racy_copy(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ub = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %ub : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    mte.copy %ub, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
  func.func @plain(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    return
  }
  func.func private @declared(memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>)

  func.func @calls_plain(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    call @plain(%x, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @calls_declared(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    call @declared(%x, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @ping(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    call @copy(%x, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    call @pong(%y, %x) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @pong(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    call @ping(%x, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @slices(%x: memref<2048xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    %half = memref.subview %x[0] [1024] [1] : memref<2048xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1]>, #aicore.space<gm>>
    call @copy(%y, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @uninitialized(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    %ws = memref.alloc() : memref<1024xf16, #aicore.space<gm>>
    call @copy(%ws, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @after_free(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    %ws = memref.alloc() : memref<1024xf16, #aicore.space<gm>>
    call @copy(%x, %ws) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    memref.dealloc %ws : memref<1024xf16, #aicore.space<gm>>
    call @copy(%ws, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @calls_racy(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    %ws = memref.alloc() : memref<1024xf16, #aicore.space<gm>>
    call @copy(%x, %ws) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    call @racy_copy(%ws, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    memref.dealloc %ws : memref<1024xf16, #aicore.space<gm>>
    return
  }
  func.func @frees_argument(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>) {
    call @copy(%x, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    memref.dealloc %y : memref<1024xf16, #aicore.space<gm>>
    return
  }
}
