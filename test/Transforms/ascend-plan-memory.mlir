// RUN: ascend-opt %s -ascend-plan-memory -split-input-file -verify-diagnostics | FileCheck %s
// RUN: ascend-opt %s -ascend-plan-memory=reuse=false -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=NOREUSE

// Planned kernels run through ascend-run against NumPy: a byte shared by two
// live buffers would corrupt a result or be reported as a race.
// RUN: rm -rf %t && mkdir -p %t/dbuf %t/split %t/softmax
// RUN: ascend-opt %ascend_src_root/examples/vector_add_double_buffered.mlir -ascend-plan-memory -o %t/dbuf/kernel.mlir
// RUN: FileCheck %s --check-prefix=DBUF < %t/dbuf/kernel.mlir
// RUN: %python %ascend_src_root/examples/vector_add_double_buffered.py %t/dbuf
// RUN: ascend-run %t/dbuf/kernel.mlir --input 0=%t/dbuf/x.npy --input 1=%t/dbuf/y.npy --compare 2=%t/dbuf/z.npy | FileCheck %s --check-prefix=OK
// RUN: ascend-opt %ascend_src_root/examples/split_matmul_relu.mlir -ascend-plan-memory -o %t/split/kernel.mlir
// RUN: FileCheck %s --check-prefix=SPLIT < %t/split/kernel.mlir
// RUN: %python %ascend_src_root/examples/split_matmul_relu.py %t/split
// RUN: ascend-run %t/split/kernel.mlir --input 0=%t/split/a.npy --input 1=%t/split/b.npy --zeros 2 --compare 3=%t/split/out.npy | FileCheck %s --check-prefix=OK
// RUN: ascend-opt %ascend_src_root/examples/softmax_online.mlir -ascend-plan-memory -o %t/softmax/kernel.mlir
// RUN: FileCheck %s --check-prefix=SOFTMAX < %t/softmax/kernel.mlir
// RUN: %python %ascend_src_root/examples/softmax_online.py %t/softmax
// RUN: ascend-run %t/softmax/kernel.mlir --input 0=%t/softmax/x.npy --compare 1=%t/softmax/y.npy --rtol 0.001953125 --atol 1.1920929e-07 | FileCheck %s --check-prefix=OK
// OK: 0 mismatches

// Reuse adds memory dependences between pipes that only sync insertion
// orders: planned with reuse, a kernel synchronised by hand races, and the
// hazard checker says so; with reuse=false it runs clean.
// RUN: ascend-opt %S/Inputs/plan-memory-hand-synced.mlir -ascend-plan-memory -o %t/hand-reuse.mlir
// RUN: not ascend-run %t/hand-reuse.mlir --seed 1 --zeros 2 2>&1 | FileCheck %s --check-prefix=HAND-RACE
// RUN: ascend-opt %S/Inputs/plan-memory-hand-synced.mlir -ascend-plan-memory=reuse=false -o %t/hand-noreuse.mlir
// RUN: ascend-run %t/hand-noreuse.mlir --seed 1 --zeros 2 | FileCheck %s --check-prefix=HAND-CLEAN
// HAND-RACE: error: race: this write on MTE2 overlaps a read on V
// HAND-RACE-NEXT: mte.copy %arg1, %2
// HAND-CLEAN: ran @hand_synced

// The double-buffered vector add: all six buffers are used in the loop, so
// all are live together and none is reused.
// DBUF:      aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
// DBUF-NEXT: aicore.alloc {offset = 2048 : i64} : memref<1024xf16, #aicore.space<ub>>
// DBUF-NEXT: aicore.alloc {offset = 4096 : i64} : memref<1024xf16, #aicore.space<ub>>
// DBUF-NEXT: aicore.alloc {offset = 6144 : i64} : memref<1024xf16, #aicore.space<ub>>
// DBUF-NEXT: aicore.alloc {offset = 8192 : i64} : memref<1024xf16, #aicore.space<ub>>
// DBUF-NEXT: aicore.alloc {offset = 10240 : i64} : memref<1024xf16, #aicore.space<ub>>

// The split kernel: the cube core's L1, L0A, L0B, L0C and the vector cores'
// UB are separate buffers, each planned from offset 0.
// SPLIT:      aicore.core <cube>
// SPLIT-NEXT:   arith.constant
// SPLIT-NEXT:   aicore.alloc {offset = 0 : i64} : memref<64x64xf16, #aicore.space<l1>>
// SPLIT-NEXT:   aicore.alloc {offset = 8192 : i64} : memref<64x64xf16, #aicore.space<l1>>
// SPLIT-NEXT:   aicore.alloc {offset = 0 : i64} : memref<64x64xf16, #aicore.space<l0a>>
// SPLIT-NEXT:   aicore.alloc {offset = 0 : i64} : memref<64x64xf16, #aicore.space<l0b>>
// SPLIT-NEXT:   aicore.alloc {offset = 0 : i64} : memref<64x64xf32, #aicore.space<l0c>>
// SPLIT:      aicore.core <vector>
// SPLIT:        aicore.alloc {offset = 0 : i64} : memref<32x64xf32, #aicore.space<ub>>

// Online softmax: %m_new and %tile_stat are only used in the first loop, so
// %l_bc, first used after it, takes their bytes (and, being 8 KB, more).
// SOFTMAX:      aicore.alloc {offset = {{[0-9]+}} : i64} : memref<8x1xf32
// SOFTMAX-NEXT: %[[M_NEW:.*]] = aicore.alloc {offset = [[OFF:[0-9]+]] : i64} : memref<8x1xf32
// SOFTMAX-NEXT: %[[STAT:.*]] = aicore.alloc {offset = {{[0-9]+}} : i64} : memref<8x1xf32
// SOFTMAX:      scf.for
// SOFTMAX:      vec.copy %[[M_NEW]]
// SOFTMAX:      aicore.alloc {offset = [[OFF]] : i64} : memref<8x256xf32

// Reuse: %a is dead after the exp, %c is first used after it and takes its
// bytes; %b is live across both. Without reuse every buffer has its own.
// CHECK-LABEL: func.func @reuse
// CHECK:         aicore.alloc {offset = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 2048 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 0 : i64}
// NOREUSE-LABEL: func.func @reuse
// NOREUSE:         aicore.alloc {offset = 0 : i64}
// NOREUSE-NEXT:    aicore.alloc {offset = 2048 : i64}
// NOREUSE-NEXT:    aicore.alloc {offset = 4096 : i64}
func.func @reuse(%x: memref<1024xf16, #aicore.space<gm>>,
                 %y: memref<1024xf16, #aicore.space<gm>>,
                 %z: memref<1024xf16, #aicore.space<gm>>) {
  %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  %c = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  mte.copy %x, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  vec.exp %a, %b : memref<1024xf16, #aicore.space<ub>>
  mte.copy %y, %c : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  vec.add %c, %b, %c : memref<1024xf16, #aicore.space<ub>>
  mte.copy %c, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  return
}

// -----

// A ring (the same `ring` id): %r0 is dead before %r1 is used, as after a
// fully unrolled two-iteration loop, but the buffers of a ring are live
// together, so they never share bytes; %other, first used after the ring's
// last use, reuses %r0's bytes.
// CHECK-LABEL: func.func @ring
// CHECK:         aicore.alloc {offset = 0 : i64, ring = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 2048 : i64, ring = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 0 : i64}
func.func @ring(%x: memref<1024xf16, #aicore.space<gm>>,
                %y: memref<1024xf16, #aicore.space<gm>>) {
  %r0 = aicore.alloc {ring = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
  %r1 = aicore.alloc {ring = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
  %other = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  mte.copy %x, %r0 : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  mte.copy %r0, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  mte.copy %x, %r1 : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  mte.copy %r1, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  mte.copy %x, %other : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  return
}

// -----

// Loops: %acc is defined outside the loop and used in it, so it is live for
// every iteration and no buffer allocated in the loop takes its bytes. Inside
// one iteration %s reuses %in, which is dead after the exp; after the loop
// %out reuses them again.
// CHECK-LABEL: func.func @loop
// CHECK:         %[[ACC:.*]] = aicore.alloc {offset = 0 : i64}
// CHECK:         scf.for
// CHECK-NEXT:      memref.subview
// CHECK-NEXT:      aicore.alloc {offset = 2048 : i64}
// CHECK:           aicore.alloc {offset = 4096 : i64}
// CHECK:           aicore.alloc {offset = 2048 : i64}
// CHECK:         }
// CHECK-NEXT:    aicore.alloc {offset = 2048 : i64}
func.func @loop(%x: memref<4096xf16, #aicore.space<gm>>,
                %z: memref<1024xf16, #aicore.space<gm>>) {
  %c0 = arith.constant 0 : index
  %c1024 = arith.constant 1024 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f16
  %acc = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  vec.fill %zero, %acc : f16, memref<1024xf16, #aicore.space<ub>>
  scf.for %i = %c0 to %c4096 step %c1024 {
    %xs = memref.subview %x[%i] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    %in = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %xs, %in : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    %e = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    vec.exp %in, %e : memref<1024xf16, #aicore.space<ub>>
    %s = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    vec.mul %e, %e, %s : memref<1024xf16, #aicore.space<ub>>
    vec.add %acc, %s, %acc : memref<1024xf16, #aicore.space<ub>>
  }
  %out = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  vec.exp %acc, %out : memref<1024xf16, #aicore.space<ub>>
  mte.copy %out, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  return
}

// -----

// Derived values: %a's last direct use is the copy, but its view %v is read
// by the add, so %b (first used before that) must not take %a's bytes.
// CHECK-LABEL: func.func @views
// CHECK:         aicore.alloc {offset = 0 : i64} : memref<32x32xf16
// CHECK:         aicore.alloc {offset = 2048 : i64} : memref<512xf16
func.func @views(%x: memref<32x32xf16, #aicore.space<gm>>,
                 %y: memref<512xf16, #aicore.space<gm>>) {
  %a = aicore.alloc : memref<32x32xf16, #aicore.space<ub>>
  mte.copy %x, %a : memref<32x32xf16, #aicore.space<gm>>, memref<32x32xf16, #aicore.space<ub>>
  %flat = memref.collapse_shape %a [[0, 1]] : memref<32x32xf16, #aicore.space<ub>> into memref<1024xf16, #aicore.space<ub>>
  %v = memref.subview %flat[0] [512] [1] : memref<1024xf16, #aicore.space<ub>> to memref<512xf16, strided<[1]>, #aicore.space<ub>>
  %b = aicore.alloc : memref<512xf16, #aicore.space<ub>>
  mte.copy %y, %b : memref<512xf16, #aicore.space<gm>>, memref<512xf16, #aicore.space<ub>>
  vec.add %v, %b, %b : memref<512xf16, strided<[1]>, #aicore.space<ub>>, memref<512xf16, #aicore.space<ub>>, memref<512xf16, #aicore.space<ub>>
  mte.copy %b, %y : memref<512xf16, #aicore.space<ub>>, memref<512xf16, #aicore.space<gm>>
  return
}

// -----

// Buffers rotated through a loop's iteration arguments are live for the
// whole loop, and after it while the loop's results are used: %t, allocated
// in the loop, cannot take their bytes, and %late, after the loop, takes
// %t's.
// CHECK-LABEL: func.func @rotate
// CHECK:         aicore.alloc {offset = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 2048 : i64}
// CHECK:         scf.for
// CHECK:           aicore.alloc {offset = 4096 : i64}
// CHECK:         aicore.alloc {offset = 4096 : i64}
func.func @rotate(%x: memref<4096xf16, #aicore.space<gm>>,
                  %z: memref<1024xf16, #aicore.space<gm>>) {
  %c0 = arith.constant 0 : index
  %c1024 = arith.constant 1024 : index
  %c4096 = arith.constant 4096 : index
  %p = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  %q = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  %r:2 = scf.for %i = %c0 to %c4096 step %c1024 iter_args(%cur = %p, %prev = %q)
      -> (memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<ub>>) {
    %xs = memref.subview %x[%i] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    mte.copy %xs, %cur : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    %t = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    vec.add %cur, %prev, %t : memref<1024xf16, #aicore.space<ub>>
    vec.exp %t, %cur : memref<1024xf16, #aicore.space<ub>>
    scf.yield %prev, %cur : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<ub>>
  }
  vec.exp %r#1, %r#0 : memref<1024xf16, #aicore.space<ub>>
  %late = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  vec.exp %r#0, %late : memref<1024xf16, #aicore.space<ub>>
  mte.copy %late, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  return
}

// -----

// Fixed offsets are kept. %a must avoid %f (live when %a starts) and %g
// (fixed, live later while %a still is); %b starts after %f's last use and
// may take its bytes.
// CHECK-LABEL: func.func @fixed
// CHECK:         aicore.alloc {offset = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 4096 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 0 : i64}
// CHECK:         aicore.alloc {offset = 2048 : i64}
func.func @fixed(%x: memref<1024xf16, #aicore.space<gm>>,
                 %y: memref<1024xf16, #aicore.space<gm>>,
                 %z: memref<1024xf16, #aicore.space<gm>>) {
  %f = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
  %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
  mte.copy %x, %f : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  mte.copy %y, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  vec.add %f, %a, %a : memref<1024xf16, #aicore.space<ub>>
  %g = aicore.alloc {offset = 2048 : i64} : memref<1024xf16, #aicore.space<ub>>
  mte.copy %x, %g : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
  vec.add %a, %g, %b : memref<1024xf16, #aicore.space<ub>>
  mte.copy %b, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
  return
}

// -----

// Alignment: a 48-byte f16 tile in UB rounds up to 64 bytes (32-byte
// alignment), a 256-byte tile in L0A to 512 bytes.
// CHECK-LABEL: func.func @alignment
// CHECK:         aicore.alloc {offset = 0 : i64} : memref<24xf16, #aicore.space<ub>>
// CHECK-NEXT:    aicore.alloc {offset = 64 : i64} : memref<24xf16, #aicore.space<ub>>
// CHECK-NEXT:    aicore.alloc {offset = 0 : i64} : memref<8x16xf16, #aicore.space<l0a>>
// CHECK-NEXT:    aicore.alloc {offset = 512 : i64} : memref<8x16xf16, #aicore.space<l0a>>
func.func @alignment()
    -> (memref<24xf16, #aicore.space<ub>>, memref<24xf16, #aicore.space<ub>>,
        memref<8x16xf16, #aicore.space<l0a>>, memref<8x16xf16, #aicore.space<l0a>>) {
  %u0 = aicore.alloc : memref<24xf16, #aicore.space<ub>>
  %u1 = aicore.alloc : memref<24xf16, #aicore.space<ub>>
  %l0 = aicore.alloc : memref<8x16xf16, #aicore.space<l0a>>
  %l1 = aicore.alloc : memref<8x16xf16, #aicore.space<l0a>>
  return %u0, %u1, %l0, %l1 : memref<24xf16, #aicore.space<ub>>, memref<24xf16, #aicore.space<ub>>,
                              memref<8x16xf16, #aicore.space<l0a>>, memref<8x16xf16, #aicore.space<l0a>>
}

// -----

// A split kernel: the cube region's L1 and the vector region's UB are
// different physical buffers, each planned from 0.
// CHECK-LABEL: func.func @split
// CHECK:         aicore.core <cube>
// CHECK-NEXT:      aicore.alloc {offset = 0 : i64} : memref<64x64xf16, #aicore.space<l1>>
// CHECK-NEXT:      aicore.alloc {offset = 8192 : i64} : memref<64x64xf16, #aicore.space<l1>>
// CHECK:         aicore.core <vector>
// CHECK-NEXT:      aicore.alloc {offset = 0 : i64} : memref<64x64xf16, #aicore.space<ub>>
// CHECK-NEXT:      aicore.alloc {offset = 8192 : i64} : memref<64x64xf16, #aicore.space<ub>>
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @split(%a: memref<64x64xf16, #aicore.space<gm>>,
                   %b: memref<64x64xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    aicore.core <cube> {
      %l1a = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      %l1b = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      mte.copy %a, %l1a : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      mte.copy %b, %l1b : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      mte.copy %l1a, %b : memref<64x64xf16, #aicore.space<l1>>, memref<64x64xf16, #aicore.space<gm>>
    }
    aicore.core <vector> {
      %ua = aicore.alloc : memref<64x64xf16, #aicore.space<ub>>
      %ub = aicore.alloc : memref<64x64xf16, #aicore.space<ub>>
      mte.copy %a, %ua : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<ub>>
      vec.exp %ua, %ub : memref<64x64xf16, #aicore.space<ub>>
      mte.copy %ub, %b : memref<64x64xf16, #aicore.space<ub>>, memref<64x64xf16, #aicore.space<gm>>
    }
    return
  }
}

// -----

// Three 80 KB UB buffers live together fit the 310P's 256 KB UB...
// CHECK-LABEL: func.func @three_tiles_310p
// CHECK:         aicore.alloc {offset = 0 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 81920 : i64}
// CHECK-NEXT:    aicore.alloc {offset = 163840 : i64}
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @three_tiles_310p(%x: memref<40960xf16, #aicore.space<gm>>,
                              %y: memref<40960xf16, #aicore.space<gm>>) {
    %a = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    %c = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    mte.copy %x, %a : memref<40960xf16, #aicore.space<gm>>, memref<40960xf16, #aicore.space<ub>>
    mte.copy %y, %b : memref<40960xf16, #aicore.space<gm>>, memref<40960xf16, #aicore.space<ub>>
    vec.add %a, %b, %c : memref<40960xf16, #aicore.space<ub>>
    mte.copy %c, %x : memref<40960xf16, #aicore.space<ub>>, memref<40960xf16, #aicore.space<gm>>
    return
  }
}

// -----

// ...but not the 910B2's 192 KB: the third does not fit while the other two
// are live.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @three_tiles_910b2(%x: memref<40960xf16, #aicore.space<gm>>,
                               %y: memref<40960xf16, #aicore.space<gm>>) {
    // expected-note @below {{live buffer: 81920 bytes of ub at offset 0}}
    %a = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    // expected-note @below {{live buffer: 81920 bytes of ub at offset 81920}}
    %b = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    // expected-error @below {{'aicore.alloc' op needs 81920 bytes of ub but only 32768 of Ascend910B2's 196608 are free while it is live; live buffers: 81920 bytes at 0, 81920 bytes at 81920}}
    %c = aicore.alloc : memref<40960xf16, #aicore.space<ub>>
    mte.copy %x, %a : memref<40960xf16, #aicore.space<gm>>, memref<40960xf16, #aicore.space<ub>>
    mte.copy %y, %b : memref<40960xf16, #aicore.space<gm>>, memref<40960xf16, #aicore.space<ub>>
    vec.add %a, %b, %c : memref<40960xf16, #aicore.space<ub>>
    mte.copy %c, %x : memref<40960xf16, #aicore.space<ub>>, memref<40960xf16, #aicore.space<gm>>
    return
  }
}

// -----

// Enough bytes are free, but fixed buffers split them into ranges that are
// each too small; the alignment is part of the need.
func.func @fragmented(%x: memref<49137xf16, #aicore.space<gm>>) {
  // expected-note @below {{live buffer: 32 bytes of ub at offset 65536 (fixed by its offset attribute)}}
  %f0 = aicore.alloc {offset = 65536 : i64} : memref<16xf16, #aicore.space<ub>>
  // expected-note @below {{live buffer: 32 bytes of ub at offset 131072 (fixed by its offset attribute)}}
  %f1 = aicore.alloc {offset = 131072 : i64} : memref<16xf16, #aicore.space<ub>>
  // expected-error @below {{'aicore.alloc' op needs 98304 bytes of ub (98274 rounded up to its 32-byte alignment); 196544 of Ascend910B2's 196608 are free while it is live, but the largest free range is 65536 bytes; live buffers: 32 bytes at 65536, 32 bytes at 131072}}
  %big = aicore.alloc : memref<49137xf16, #aicore.space<ub>>
  vec.add %f0, %f1, %f0 : memref<16xf16, #aicore.space<ub>>
  mte.copy %x, %big : memref<49137xf16, #aicore.space<gm>>, memref<49137xf16, #aicore.space<ub>>
  vec.add %f0, %f1, %f0 : memref<16xf16, #aicore.space<ub>>
  return
}
