// Kernels that fail at run time, one per function; tests pick them with
// --kernel.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  // The subview offset comes from the block index: block 1 reads past the end.
  func.func @out_of_bounds(%x: memref<64xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 2>} {
    %c48 = arith.constant 48 : index
    %b = aicore.block_idx
    %o = arith.muli %b, %c48 : index
    %v = memref.subview %x[%o] [32] [1] : memref<64xf16, #aicore.space<gm>> to memref<32xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %u = aicore.alloc : memref<32xf16, #aicore.space<ub>>
    mte.copy %v, %u : memref<32xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<32xf16, #aicore.space<ub>>
    return
  }

  // Each buffer fits UB alone; together they do not.
  func.func @ub_overflow(%x: memref<64xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<65536xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<65536xf16, #aicore.space<ub>>
    return
  }

  func.func @unsupported(%x: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c = arith.constant 1.0 : f32
    %e = math.exp %c : f32
    return
  }

  func.func @gather_out_of_range(%x: memref<64xf16, #aicore.space<gm>>, %i: memref<64xi32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ux = aicore.alloc : memref<64xf16, #aicore.space<ub>>
    %ui = aicore.alloc : memref<64xi32, #aicore.space<ub>>
    %ud = aicore.alloc : memref<64xf16, #aicore.space<ub>>
    mte.copy %x, %ux : memref<64xf16, #aicore.space<gm>>, memref<64xf16, #aicore.space<ub>>
    mte.copy %i, %ui : memref<64xi32, #aicore.space<gm>>, memref<64xi32, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.gather %ux[%ui], %ud : memref<64xf16, #aicore.space<ub>>, memref<64xi32, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>
    return
  }

  // A UB view whose offset comes from the block index: 8 floats (32 bytes)
  // in block 0, 11 (44 bytes, not 32-byte aligned) in block 1.
  func.func @unaligned_ub_view(%x: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 2>} {
    %c3 = arith.constant 3 : index
    %c8 = arith.constant 8 : index
    %b = aicore.block_idx
    %s = arith.muli %b, %c3 : index
    %o = arith.addi %s, %c8 : index
    %u = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %v = memref.subview %u[%o] [8] [1] : memref<64xf32, #aicore.space<ub>> to memref<8xf32, strided<[1], offset: ?>, #aicore.space<ub>>
    %g = memref.subview %x[0] [8] [1] : memref<64xf32, #aicore.space<gm>> to memref<8xf32, strided<[1]>, #aicore.space<gm>>
    mte.copy %g, %v : memref<8xf32, strided<[1]>, #aicore.space<gm>>, memref<8xf32, strided<[1], offset: ?>, #aicore.space<ub>>
    return
  }

  // The same view cast to static offset 8, which only block 0's view has:
  // the copy's type states an offset the verifier accepted.
  func.func @unaligned_cast_view(%x: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 2>} {
    %c3 = arith.constant 3 : index
    %c8 = arith.constant 8 : index
    %b = aicore.block_idx
    %s = arith.muli %b, %c3 : index
    %o = arith.addi %s, %c8 : index
    %u = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %v = memref.subview %u[%o] [8] [1] : memref<64xf32, #aicore.space<ub>> to memref<8xf32, strided<[1], offset: ?>, #aicore.space<ub>>
    %w = memref.cast %v : memref<8xf32, strided<[1], offset: ?>, #aicore.space<ub>> to memref<8xf32, strided<[1], offset: 8>, #aicore.space<ub>>
    %g = memref.subview %x[0] [8] [1] : memref<64xf32, #aicore.space<gm>> to memref<8xf32, strided<[1]>, #aicore.space<gm>>
    mte.copy %g, %w : memref<8xf32, strided<[1]>, #aicore.space<gm>>, memref<8xf32, strided<[1], offset: 8>, #aicore.space<ub>>
    return
  }
}
