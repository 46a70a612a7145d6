// A host reads constant globals only, whose elements fill the buffer
// exactly (host-constants.test).
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  memref.global "private" @mutable : memref<1024xf16, #aicore.space<gm>> = dense<1.0>
  func.func private @copy(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ub = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %ub : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <mte3> event 0
    aicore.wait_flag <mte2> -> <mte3> event 0
    mte.copy %ub, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
  memref.global "private" constant @short : memref<1024xf16, #aicore.space<gm>> = dense_resource<two_halves>
  func.func @reads_short(%y: memref<1024xf16, #aicore.space<gm>>) {
    %g = memref.get_global @short : memref<1024xf16, #aicore.space<gm>>
    call @copy(%g, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
  func.func @reads_mutable(%y: memref<1024xf16, #aicore.space<gm>>) {
    %g = memref.get_global @mutable : memref<1024xf16, #aicore.space<gm>>
    call @copy(%g, %y) : (memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<gm>>) -> ()
    return
  }
}

{-#
  dialect_resources: {
    builtin: {
      two_halves: "0x02000000003C0040"
    }
  }
#-}
