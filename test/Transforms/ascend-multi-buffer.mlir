// RUN: ascend-opt %s "-ascend-multi-buffer=report-skipped" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: ascend-opt %s -ascend-multi-buffer=depth=3 -split-input-file 2>/dev/null | FileCheck %s --check-prefix=DEPTH3
// RUN: ascend-opt %s -ascend-multi-buffer=depth=1 -split-input-file | FileCheck %s --check-prefix=DEPTH1
// RUN: not ascend-opt %s -ascend-multi-buffer=depth=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=DEPTH0
// DEPTH0: error: ascend-multi-buffer: depth must be in [1, 16] (buffers per ring; 1: off), got 0
// Deeper rings cost compile time (~8x per doubling) for nothing.
// RUN: not ascend-opt %s -ascend-multi-buffer=depth=17 2>&1 | FileCheck %s --check-prefix=DEPTH17
// DEPTH17: error: ascend-multi-buffer: depth must be in [1, 16] (buffers per ring; 1: off), got 17

// A tile loop with a known trip count: two buffers per ring (one ring id,
// so memory planning keeps them apart), copy j of the unrolled body uses
// buffer j, no epilogue.
// CHECK-LABEL: func.func @static_trip_count
// CHECK:         %[[IN0:.*]] = aicore.alloc {ring = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
// CHECK-NEXT:    %[[IN1:.*]] = aicore.alloc {ring = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
// CHECK-NEXT:    %[[OUT0:.*]] = aicore.alloc {ring = 1 : i64} : memref<1024xf16, #aicore.space<ub>>
// CHECK-NEXT:    %[[OUT1:.*]] = aicore.alloc {ring = 1 : i64} : memref<1024xf16, #aicore.space<ub>>
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c2
// CHECK-NOT:       aicore.alloc
// CHECK:           mte.copy %{{.*}}, %[[IN0]]
// CHECK:           vec.exp %[[IN0]], %[[OUT0]]
// CHECK:           mte.copy %[[OUT0]], %{{.*}}
// CHECK:           mte.copy %{{.*}}, %[[IN1]]
// CHECK:           vec.exp %[[IN1]], %[[OUT1]]
// CHECK:           mte.copy %[[OUT1]], %{{.*}}
// CHECK:         }
// CHECK-NOT:     scf.for
// CHECK:         return
// DEPTH3-LABEL: func.func @static_trip_count
// DEPTH3-COUNT-6: aicore.alloc
// DEPTH3:         scf.for
// DEPTH1-LABEL: func.func @static_trip_count
// DEPTH1:         scf.for
// DEPTH1-NEXT:      arith.muli
// DEPTH1-NEXT:      aicore.alloc
func.func @static_trip_count(%x: memref<8192xf16, #aicore.space<gm>>, %y: memref<8192xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c1024 = arith.constant 1024 : index
  scf.for %i = %c0 to %c8 step %c1 {
    %off = arith.muli %i, %c1024 : index
    %in = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %src = memref.subview %x[%off] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %src, %in : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    %out = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    vec.exp %in, %out : memref<1024xf16, #aicore.space<ub>>
    %dst = memref.subview %y[%off] [1024] [1] : memref<8192xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %out, %dst : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
  }
  return
}

// -----

// Round-robin over blocks: the trip count is not known, so an epilogue loop
// takes the odd iteration, with the first buffer of each ring.
// CHECK-LABEL: func.func @dynamic_trip_count
// CHECK:         %[[B0:.*]] = aicore.alloc {ring = 0 : i64} : memref<2048xf32, #aicore.space<ub>>
// CHECK-NEXT:    %[[B1:.*]] = aicore.alloc {ring = 0 : i64} : memref<2048xf32, #aicore.space<ub>>
// CHECK:         scf.for
// CHECK:           mte.copy %{{.*}}, %[[B0]]
// CHECK:           mte.copy %{{.*}}, %[[B1]]
// CHECK:         }
// CHECK:         scf.for
// CHECK-NOT:       aicore.alloc
// CHECK:           mte.copy %{{.*}}, %[[B0]]
// CHECK:         }
func.func @dynamic_trip_count(%x: memref<65536xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 4>} {
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %c2048 = arith.constant 2048 : index
  %block = aicore.block_idx
  scf.for %t = %block to %c32 step %c4 {
    %off = arith.muli %t, %c2048 : index
    %buf = aicore.alloc : memref<2048xf32, #aicore.space<ub>>
    %src = memref.subview %x[%off] [2048] [1] : memref<65536xf32, #aicore.space<gm>> to memref<2048xf32, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %src, %buf : memref<2048xf32, strided<[1], offset: ?>, #aicore.space<gm>>, memref<2048xf32, #aicore.space<ub>>
    vec.relu %buf, %buf : memref<2048xf32, #aicore.space<ub>>
    mte.copy %buf, %src : memref<2048xf32, #aicore.space<ub>>, memref<2048xf32, strided<[1], offset: ?>, #aicore.space<gm>>
  }
  return
}

// -----

// The inner loop's rings sit in front of it, inside the outer loop, which
// allocates nothing itself and stays rolled.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK-NEXT:      aicore.alloc {ring = 0 : i64} : memref<16x1024xf16, #aicore.space<l1>>
// CHECK-NEXT:      aicore.alloc {ring = 0 : i64} : memref<16x1024xf16, #aicore.space<l1>>
// CHECK:           scf.for %{{.*}} = %c0 to %c8 step %c2
func.func @nested(%a: memref<64x8192xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c1024 = arith.constant 1024 : index
  scf.for %i = %c0 to %c4 step %c1 {
    scf.for %k = %c0 to %c8 step %c1 {
      %row = arith.muli %i, %c16 : index
      %col = arith.muli %k, %c1024 : index
      %chunk = aicore.alloc : memref<16x1024xf16, #aicore.space<l1>>
      %src = memref.subview %a[%row, %col] [16, 1024] [1, 1] : memref<64x8192xf16, #aicore.space<gm>> to memref<16x1024xf16, strided<[8192, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %src, %chunk : memref<16x1024xf16, strided<[8192, 1], offset: ?>, #aicore.space<gm>>, memref<16x1024xf16, #aicore.space<l1>>
    }
  }
  return
}

// -----

// The outer loop has a buffer of its own: it unrolls with its inner loop,
// and the inner loop's copy gets a ring of its own (ring 2), as does the
// outer epilogue's (ring 3: the trip count is not known).
// CHECK-LABEL: func.func @outer_buffer
// CHECK:         aicore.alloc {ring = 1 : i64} : memref<16x128xf32, #aicore.space<l0c>>
// CHECK-NEXT:    aicore.alloc {ring = 1 : i64} : memref<16x128xf32, #aicore.space<l0c>>
// CHECK:         scf.for
// CHECK:           aicore.alloc {ring = 0 : i64} : memref<16x64xf16, #aicore.space<l1>>
// CHECK-NEXT:      aicore.alloc {ring = 0 : i64} : memref<16x64xf16, #aicore.space<l1>>
// CHECK:           aicore.alloc {ring = 2 : i64} : memref<16x64xf16, #aicore.space<l1>>
// CHECK-NEXT:      aicore.alloc {ring = 2 : i64} : memref<16x64xf16, #aicore.space<l1>>
// CHECK:         }
// CHECK:         scf.for
// CHECK:           aicore.alloc {ring = 3 : i64} : memref<16x64xf16, #aicore.space<l1>>
func.func @outer_buffer(%a: memref<16x256xf16, #aicore.space<gm>>, %c: memref<64x128xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 2>} {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  %block = aicore.block_idx
  scf.for %t = %block to %c4 step %c2 {
    %acc = aicore.alloc : memref<16x128xf32, #aicore.space<l0c>>
    scf.for %k = %c0 to %c256 step %c64 {
      %l0 = aicore.alloc : memref<16x64xf16, #aicore.space<l1>>
      %src = memref.subview %a[0, %k] [16, 64] [1, 1] : memref<16x256xf16, #aicore.space<gm>> to memref<16x64xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>
      mte.copy %src, %l0 : memref<16x64xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>, memref<16x64xf16, #aicore.space<l1>>
    }
  }
  return
}

// -----

// One iteration, planned buffers: nothing to do.
// CHECK-LABEL: func.func @left_alone
// CHECK:         scf.for %{{.*}} = %c0 to %c1 step %c1
// CHECK-NEXT:      aicore.alloc : memref<1024xf16
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK-NEXT:      aicore.alloc {offset = 0 : i64}
func.func @left_alone(%x: memref<1024xf16, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.for %i = %c0 to %c1 step %c1 {
    %buf = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %buf : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  }
  scf.for %i = %c0 to %c8 step %c1 {
    %buf = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %buf : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  }
  return
}

// -----

// Two 112 KiB rows do not fit the 192 KiB of UB: the loop stays as it is.
// CHECK-LABEL: func.func @too_big
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK-NEXT:      aicore.alloc
func.func @too_big(%x: memref<8x28672xf32, #aicore.space<gm>>)
    attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  // expected-remark @below {{loop left single-buffered: rings of 2 would need 229376 bytes of ub, more than the 196608 bytes it has}}
  scf.for %i = %c0 to %c8 step %c1 {
    %buf = aicore.alloc : memref<1x28672xf32, #aicore.space<ub>>
    %src = memref.subview %x[%i, 0] [1, 28672] [1, 1] : memref<8x28672xf32, #aicore.space<gm>> to memref<1x28672xf32, strided<[28672, 1], offset: ?>, #aicore.space<gm>>
    mte.copy %src, %buf : memref<1x28672xf32, strided<[28672, 1], offset: ?>, #aicore.space<gm>>, memref<1x28672xf32, #aicore.space<ub>>
  }
  return
}
