// Kernels whose scalar code reads GM or UB with memref.load, for
// timing-only-loads.test; one per function, picked with --kernel.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  // Copies %x to UB as often as %n[0] says: timing-only serves the count.
  func.func @count(%n: memref<2xi32, #aicore.space<gm>>,
                   %x: memref<64xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %v = memref.load %n[%c0] : memref<2xi32, #aicore.space<gm>>
    %len = arith.index_cast %v : i32 to index
    %u = aicore.alloc : memref<64xf16, #aicore.space<ub>>
    scf.for %i = %c0 to %len step %c1 {
      mte.copy %x, %u : memref<64xf16, #aicore.space<gm>>, memref<64xf16, #aicore.space<ub>>
    }
    return
  }

  // Float data: timing-only does not keep it.
  func.func @float_data(%x: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %v = memref.load %x[%c0] : memref<64xf32, #aicore.space<gm>>
    return
  }

  // An integer GM argument the kernel wrote first: timing-only skipped the
  // write, so the value is not there.
  func.func @written(%n: memref<8xi32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c3 = arith.constant 3 : i32
    %u = aicore.alloc : memref<8xi32, #aicore.space<ub>>
    vec.fill %c3, %u : i32, memref<8xi32, #aicore.space<ub>>
    aicore.set_flag <v> -> <mte3> event 0
    aicore.wait_flag <v> -> <mte3> event 0
    mte.copy %u, %n : memref<8xi32, #aicore.space<ub>>, memref<8xi32, #aicore.space<gm>>
    aicore.pipe_barrier <all>
    %v = memref.load %n[%c0] : memref<8xi32, #aicore.space<gm>>
    return
  }

  // An on-chip buffer: what a tile op left there was not computed.
  func.func @on_chip(%n: memref<8xi32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %u = aicore.alloc : memref<8xi32, #aicore.space<ub>>
    mte.copy %n, %u : memref<8xi32, #aicore.space<gm>>, memref<8xi32, #aicore.space<ub>>
    aicore.pipe_barrier <all>
    %v = memref.load %u[%c0] : memref<8xi32, #aicore.space<ub>>
    return
  }
}
