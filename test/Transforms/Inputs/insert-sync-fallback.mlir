// With one event id per pipe pair, the double-buffered loop's second
// buffer set cannot get its own loop-carried flags: they become barriers on
// their source pipe, with a remark (run from ../ascend-insert-sync.mlir).

// CHECK-LABEL: func.func @double_buffered
// CHECK-COUNT-2: aicore.set_flag
// CHECK:       scf.for
// CHECK:         aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    mte.copy %{{.*}}, %[[XB0:[0-9]+]]
// CHECK:         vec.add %[[XB0]]
// CHECK:         aicore.pipe_barrier <v>
// CHECK-NEXT:    mte.copy %{{.*}}, %[[XB1:[0-9]+]]
// CHECK:         aicore.pipe_barrier <mte3>
// CHECK-NEXT:    vec.add %[[XB1]]
// CHECK-NOT:   event 1
// CHECK:       return
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @double_buffered(%x: memref<8192xf16, #aicore.space<gm>>, %z: memref<8192xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c1024 = arith.constant 1024 : index
    %c2048 = arith.constant 2048 : index
    %c8192 = arith.constant 8192 : index
    %xb0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %zb0 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %xb1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %zb1 = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    scf.for %i = %c0 to %c8192 step %c2048 {
      %o1 = arith.addi %i, %c1024 : index
      %x0 = memref.subview %x[%i] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %z0 = memref.subview %z[%i] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %x1 = memref.subview %x[%o1] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %z1 = memref.subview %z[%o1] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      mte.copy %x0, %xb0 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      vec.add %xb0, %xb0, %zb0 : memref<1024xf16, #aicore.space<ub>>
      mte.copy %zb0, %z0 : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      // expected-remark @+1 {{no free event id for <v> -> <mte2> (1 per pipe pair): ordered by a barrier on <v> instead}}
      mte.copy %x1, %xb1 : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      // expected-remark @+1 {{no free event id for <mte3> -> <v> (1 per pipe pair): ordered by a barrier on <mte3> instead}}
      vec.add %xb1, %xb1, %zb1 : memref<1024xf16, #aicore.space<ub>>
      mte.copy %zb1, %z1 : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    }
    return
  }

// A flag from the scalar pipe that finds no id becomes a barrier on <all>:
// no other barrier drains S. Here the S -> V flag for %b is pending while
// the loop-carried S -> V flag for %d is set.

// CHECK-LABEL: func.func @scalar_source
// CHECK:         scf.for
// CHECK:           aicore.set_flag <s> -> <v> event 0
// CHECK-NEXT:      aicore.pipe_barrier <all>
// CHECK-NEXT:      vec.exp
  func.func @scalar_source(%x: memref<64xf32, #aicore.space<gm>>, %y: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %in = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %b = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %d = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    mte.copy %x, %in : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
    scf.for %i = %c0 to %c4 step %c1 {
      vec.add %in, %d, %a : memref<64xf32, #aicore.space<ub>>
      %v = memref.load %a[%c0] : memref<64xf32, #aicore.space<ub>>
      memref.store %v, %b[%c1] : memref<64xf32, #aicore.space<ub>>
      memref.store %v, %d[%c1] : memref<64xf32, #aicore.space<ub>>
      // expected-remark @+1 {{no free event id for <s> -> <v> (1 per pipe pair): ordered by a barrier on <all> instead}}
      vec.exp %b, %b : memref<64xf32, #aicore.space<ub>>
    }
    mte.copy %b, %y : memref<64xf32, #aicore.space<ub>>, memref<64xf32, #aicore.space<gm>>
    return
  }
}
