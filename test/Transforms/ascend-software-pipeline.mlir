// RUN: ascend-opt %s "-ascend-software-pipeline=report-skipped" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: ascend-opt %s -ascend-software-pipeline=depth=3 -split-input-file 2>/dev/null | FileCheck %s --check-prefix=DEPTH3
// RUN: not ascend-opt %s -ascend-software-pipeline=depth=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=DEPTH0
// RUN: not ascend-opt %s -ascend-software-pipeline=depth=16 -split-input-file 2>&1 | FileCheck %s --check-prefix=DEPTH16
// DEPTH0: error: ascend-software-pipeline: depth must be in [1, 15] (a cross-core flag holds at most 15 pending sets), got 0
// DEPTH16: error: ascend-software-pipeline: depth must be in [1, 15] (a cross-core flag holds at most 15 pending sets), got 16

// The cube loop fixpipes tile %t into the workspace, the vector loop reads
// it back: tiles are handed over one at a time with flag 0 (ready) and
// credited back with flag 1 (consumed), two credits up front.
// CHECK-LABEL: func.func @chain
// CHECK:       aicore.core <cube>
// CHECK:         scf.for
// CHECK-NEXT:      aicore.cross_core_wait_flag <fix> flag 1
// CHECK:           mte.fixpipe
// CHECK-NEXT:      aicore.cross_core_set_flag <fix> flag 0
// CHECK-NEXT:    }
// CHECK-NEXT:    aicore.cross_core_wait_flag <fix> flag 1
// CHECK-NEXT:    aicore.cross_core_wait_flag <fix> flag 1
// CHECK:       aicore.core <vector>
// CHECK:         aicore.cross_core_set_flag <mte2> flag 1
// CHECK-NEXT:    aicore.cross_core_set_flag <mte2> flag 1
// CHECK-NEXT:    scf.for
// CHECK-NEXT:      aicore.cross_core_wait_flag <mte2> flag 0
// CHECK:           mte.copy
// CHECK:           vec.relu
// CHECK:           mte.copy
// CHECK-NEXT:      aicore.cross_core_set_flag <mte2> flag 1
// CHECK-NEXT:    }
// DEPTH3-LABEL: func.func @chain
// DEPTH3-COUNT-3: aicore.cross_core_wait_flag <fix> flag 1
// DEPTH3-COUNT-3: aicore.cross_core_set_flag <mte2> flag 1
func.func @chain(%ws: memref<64x16xf32, #aicore.space<gm>>, %out: memref<64x16xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %acc = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    scf.for %t = %c0 to %c4 step %c1 {
      %row = arith.muli %t, %c16 : index
      %tile = memref.subview %ws[%row, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.fixpipe %acc, %tile : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
    }
  }
  aicore.core <vector> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %c16 = arith.constant 16 : index
    %ub = aicore.alloc : memref<16x16xf32, #aicore.space<ub>>
    scf.for %t = %c0 to %c4 step %c1 {
      %row = arith.muli %t, %c16 : index
      %tile = memref.subview %ws[%row, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      %res = memref.subview %out[%row, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %tile, %ub : memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf32, #aicore.space<ub>>
      vec.relu %ub, %ub : memref<16x16xf32, #aicore.space<ub>>
      mte.copy %ub, %res : memref<16x16xf32, #aicore.space<ub>>, memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
    }
  }
  return
}

// -----

// The loops walk different tiles (the vector loop runs 8 iterations): the
// hand-over cannot pair tile with tile, so the kernel is left alone.
// CHECK-LABEL: func.func @different_tiles
// CHECK-NOT:   cross_core
// expected-remark @+1 {{not pipelined: the cube and vector tile loops do not walk the same tiles}}
func.func @different_tiles(%ws: memref<64x16xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %acc = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.fixpipe %acc, %tile : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
    }
  }
  aicore.core <vector> {
    %c0 = arith.constant 0 : index
    %c8 = arith.constant 8 : index
    %c1 = arith.constant 1 : index
    %ub = aicore.alloc : memref<8x16xf32, #aicore.space<ub>>
    scf.for %t = %c0 to %c8 step %c1 {
      %tile = memref.subview %ws[%t, 0] [8, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<8x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %tile, %ub : memref<8x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<8x16xf32, #aicore.space<ub>>
    }
  }
  return
}

// -----

// The vector loop reads nothing the cube loop writes: nothing to hand over.
// CHECK-LABEL: func.func @independent
// CHECK-NOT:   cross_core
// expected-remark @+1 {{not pipelined: the vector tile loop reads no GM buffer the cube tile loop writes}}
func.func @independent(%ws: memref<64x16xf32, #aicore.space<gm>>, %x: memref<64x16xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %acc = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.fixpipe %acc, %tile : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
    }
  }
  aicore.core <vector> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %ub = aicore.alloc : memref<16x16xf32, #aicore.space<ub>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %x[%t, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %tile, %ub : memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf32, #aicore.space<ub>>
    }
  }
  return
}

// -----

// Not a split kernel: nothing to do.
// CHECK-LABEL: func.func @vector_only
// CHECK-NOT:   cross_core
func.func @vector_only(%x: memref<1024xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  %ub = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  mte.copy %x, %ub : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  return
}

// -----

// The loops already hand data over with cross-core flags (a ping-pong such
// as FlashAttention's): left alone.
// CHECK-LABEL: func.func @already_synchronised
// CHECK-COUNT-2: cross_core
// CHECK-NOT:   cross_core
// expected-remark @+1 {{not pipelined: the tile loops already hold cross-core flags}}
func.func @already_synchronised(%ws: memref<64x16xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %acc = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.fixpipe %acc, %tile : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      aicore.cross_core_set_flag <fix> flag 0
    }
  }
  aicore.core <vector> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %ub = aicore.alloc : memref<16x16xf32, #aicore.space<ub>>
    scf.for %t = %c0 to %c4 step %c1 {
      aicore.cross_core_wait_flag <mte2> flag 0
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf32, #aicore.space<gm>> to memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %tile, %ub : memref<16x16xf32, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf32, #aicore.space<ub>>
    }
  }
  return
}

// -----

// The cube loop writes the shared buffer from L1 on MTE3, which a flag set
// on FIX would not order: left alone.
// CHECK-LABEL: func.func @not_fixpipe
// CHECK-NOT:   cross_core
// expected-remark @+1 {{not pipelined: the cube loop writes GM other than by fixpipe, or the vector loop reads it other than on MTE2}}
func.func @not_fixpipe(%ws: memref<64x16xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %l1 = aicore.alloc : memref<16x16xf16, #aicore.space<l1>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf16, #aicore.space<gm>> to memref<16x16xf16, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %l1, %tile : memref<16x16xf16, #aicore.space<l1>>, memref<16x16xf16, strided<[16, 1], offset: ?>, #aicore.space<gm>>
    }
  }
  aicore.core <vector> {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c1 = arith.constant 1 : index
    %ub = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
    scf.for %t = %c0 to %c4 step %c1 {
      %tile = memref.subview %ws[%t, 0] [16, 16] [1, 1] : memref<64x16xf16, #aicore.space<gm>> to memref<16x16xf16, strided<[16, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %tile, %ub : memref<16x16xf16, strided<[16, 1], offset: ?>, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<ub>>
    }
  }
  return
}
