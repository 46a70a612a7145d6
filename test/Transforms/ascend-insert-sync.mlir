// RUN: ascend-opt %s -ascend-insert-sync -split-input-file | FileCheck %s

// Every case runs race-free: split the output and run each kernel (the
// hazard checker is on; a race or deadlock fails the run).
// RUN: rm -rf %t && mkdir -p %t
// RUN: ascend-opt %s -ascend-insert-sync -split-input-file -output-split-marker=NEXT-KERNEL -o %t/synced.mlir
// RUN: %python -c "for i, m in enumerate(open('%t/synced.mlir').read().split('NEXT-KERNEL')): open('%t/case%%d.mlir' %% i, 'w').write(m)"
// RUN: for f in %t/case*.mlir; do ascend-run $f --seed 1 > /dev/null || exit 1; done

// Errors, each with -verify-diagnostics.
// RUN: ascend-opt %S/Inputs/insert-sync-errors.mlir -ascend-insert-sync -split-input-file -verify-diagnostics

// Out of event ids: barriers on the source pipe, with a remark, race-free.
// RUN: ascend-opt %S/Inputs/insert-sync-fallback.mlir -ascend-insert-sync=max-event-ids=1 -verify-diagnostics | FileCheck %S/Inputs/insert-sync-fallback.mlir
// RUN: ascend-opt %S/Inputs/insert-sync-fallback.mlir -ascend-insert-sync=max-event-ids=1 -o %t/fallback.mlir 2>/dev/null
// RUN: ascend-run %t/fallback.mlir --kernel double_buffered --seed 1 | FileCheck %s --check-prefix=FALLBACK
// RUN: ascend-run %t/fallback.mlir --kernel scalar_source --seed 1 | FileCheck %s --check-prefix=FALLBACK
// FALLBACK: total: {{[0-9]+}} cycles

// The examples with every flag, barrier and cross-core flag stripped and put
// back by the pass: each matches its NumPy reference with a clean hazard
// check. Their cycle estimate is printed next to the hand-written kernel and
// to the same kernel with an aicore.pipe_barrier <all> after every tile op;
// the same after ascend-plan-memory (buffers that share bytes depend on each
// other); the pass leaves synchronised kernels (the examples, its own
// output) as they are.
// RUN: %python %S/Inputs/insert_sync_examples.py ascend-opt ascend-run %ascend_src_root %t | FileCheck %s --check-prefix=EXAMPLES
// EXAMPLES: vector_add: 2 set_flags, 0 cross-core flags, 0 barriers; matches NumPy with a clean hazard check; {{[0-9]+}} cycles (hand-written {{[0-9]+}}, barrier after every op {{[0-9]+}}); after ascend-plan-memory {{[0-9]+}} cycles; synchronised kernels unchanged
// EXAMPLES-NEXT: vector_add_double_buffered: 12 set_flags, 0 cross-core flags, 0 barriers; matches NumPy
// EXAMPLES-NEXT: matmul_f16: {{[0-9]+}} set_flags, 0 cross-core flags, 0 barriers; matches NumPy
// EXAMPLES-NEXT: split_matmul_relu: {{[0-9]+}} set_flags, 1 cross-core flags, 0 barriers; matches NumPy
// EXAMPLES-NEXT: softmax_online: 8 set_flags, 0 cross-core flags, 0 barriers; matches NumPy

// Straight line: one flag after the later of two loads covers both.
// CHECK-LABEL: func.func @straight_line
// CHECK:         mte.copy %arg0, %[[X:[0-9]+]]
// CHECK-NEXT:    mte.copy %arg1, %[[Y:[0-9]+]]
// CHECK-NEXT:    aicore.set_flag <mte2> -> <v> event 0
// CHECK-NEXT:    aicore.wait_flag <mte2> -> <v> event 0
// CHECK-NEXT:    vec.add %[[X]], %[[Y]], %[[Z:[0-9]+]]
// CHECK-NEXT:    aicore.set_flag <v> -> <mte3> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte3> event 0
// CHECK-NEXT:    mte.copy %[[Z]], %arg2
// CHECK-NEXT:    return
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @straight_line(%x: memref<2048xf16, #aicore.space<gm>>, %y: memref<2048xf16, #aicore.space<gm>>, %z: memref<2048xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %ub_x = aicore.alloc : memref<2048xf16, #aicore.space<ub>>
    %ub_y = aicore.alloc : memref<2048xf16, #aicore.space<ub>>
    %ub_z = aicore.alloc : memref<2048xf16, #aicore.space<ub>>
    mte.copy %x, %ub_x : memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<ub>>
    mte.copy %y, %ub_y : memref<2048xf16, #aicore.space<gm>>, memref<2048xf16, #aicore.space<ub>>
    vec.add %ub_x, %ub_y, %ub_z : memref<2048xf16, #aicore.space<ub>>
    mte.copy %ub_z, %z : memref<2048xf16, #aicore.space<ub>>, memref<2048xf16, #aicore.space<gm>>
    return
  }
}

// -----

// The loop carries two WARs into its next iteration: the load overwrites
// what the add read, the add overwrites what the store read.
// CHECK-LABEL: func.func @loop_carried
// CHECK:         aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:    aicore.set_flag <mte3> -> <v> event 0
// CHECK-NEXT:    scf.for
// CHECK:           aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:      mte.copy
// CHECK-NEXT:      aicore.set_flag <mte2> -> <v> event 0
// CHECK-NEXT:      aicore.wait_flag <mte2> -> <v> event 0
// CHECK-NEXT:      aicore.wait_flag <mte3> -> <v> event 0
// CHECK-NEXT:      vec.add
// CHECK-NEXT:      aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:      aicore.set_flag <v> -> <mte3> event 0
// CHECK-NEXT:      aicore.wait_flag <v> -> <mte3> event 0
// CHECK-NEXT:      mte.copy
// CHECK-NEXT:      aicore.set_flag <mte3> -> <v> event 0
// CHECK-NEXT:    }
// CHECK-NEXT:    aicore.wait_flag <mte3> -> <v> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    return
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @loop_carried(%x: memref<4096xf16, #aicore.space<gm>>, %z: memref<4096xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c1024 = arith.constant 1024 : index
    %c4096 = arith.constant 4096 : index
    %ub = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %res = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    scf.for %i = %c0 to %c4096 step %c1024 {
      %xs = memref.subview %x[%i] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      %zs = memref.subview %z[%i] [1024] [1] : memref<4096xf16, #aicore.space<gm>> to memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
      mte.copy %xs, %ub : memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      vec.add %ub, %ub, %res : memref<1024xf16, #aicore.space<ub>>
      mte.copy %res, %zs : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, strided<[1], offset: ?>, #aicore.space<gm>>
    }
    return
  }
}

// -----

// MTE2 -> V then V -> MTE3 also orders the load before the second store.
// CHECK-LABEL: func.func @transitive
// CHECK-NOT:     <mte2> -> <mte3>
// CHECK:         aicore.wait_flag <v> -> <mte3> event 0
// CHECK-NEXT:    mte.copy %{{.*}}, %arg1
// CHECK-NEXT:    mte.copy %{{.*}}, %arg2
// CHECK-NEXT:    return
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @transitive(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>, %z: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    vec.exp %a, %b : memref<1024xf16, #aicore.space<ub>>
    mte.copy %b, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    mte.copy %a, %z : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
}

// -----

// Flags already there are followed: only the missing V -> MTE3 is added.
// CHECK-LABEL: func.func @existing
// CHECK:         mte.copy
// CHECK-NEXT:    aicore.set_flag <mte2> -> <v> event 0
// CHECK-NEXT:    aicore.wait_flag <mte2> -> <v> event 0
// CHECK-NEXT:    vec.exp
// CHECK-NEXT:    aicore.set_flag <v> -> <mte3> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte3> event 0
// CHECK-NEXT:    mte.copy
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @existing(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    mte.copy %x, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    aicore.set_flag <mte2> -> <v> event 0
    aicore.wait_flag <mte2> -> <v> event 0
    vec.exp %a, %a : memref<1024xf16, #aicore.space<ub>>
    mte.copy %a, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
}

// -----

// Inside a branch, flags order the branch's own ops; an op after the scf.if
// is ordered after the whole scf.if.
// CHECK-LABEL: func.func @branch
// CHECK:         scf.if
// CHECK-NEXT:      mte.copy
// CHECK-NEXT:      aicore.set_flag <mte2> -> <v> event 0
// CHECK-NEXT:      aicore.wait_flag <mte2> -> <v> event 0
// CHECK-NEXT:      vec.exp
// CHECK-NEXT:    } else {
// CHECK-NEXT:      vec.fill
// CHECK-NEXT:    }
// CHECK-NEXT:    aicore.set_flag <v> -> <mte3> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte3> event 0
// CHECK-NEXT:    mte.copy
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @branch(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc : memref<1024xf16, #aicore.space<ub>>
    %zero = arith.constant 0.0 : f16
    %c0 = arith.constant 0 : index
    %block = aicore.block_idx
    %c = arith.cmpi eq, %block, %c0 : index
    scf.if %c {
      mte.copy %x, %a : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
      vec.exp %a, %b : memref<1024xf16, #aicore.space<ub>>
    } else {
      vec.fill %zero, %b : f16, memref<1024xf16, #aicore.space<ub>>
    }
    mte.copy %b, %y : memref<1024xf16, #aicore.space<ub>>, memref<1024xf16, #aicore.space<gm>>
    return
  }
}

// -----

// Static subviews of one buffer: the load into one half does not wait for
// the V op on the other half; the load into the half V reads does.
// CHECK-LABEL: func.func @halves
// CHECK:         vec.exp
// CHECK-NEXT:    aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:    mte.copy %arg0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    mte.copy %arg1
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @halves(%x: memref<1024xf32, #aicore.space<gm>>, %y: memref<1024xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %buf = aicore.alloc : memref<2x1024xf32, #aicore.space<ub>>
    %out = aicore.alloc : memref<1024xf32, #aicore.space<ub>>
    %h0 = memref.subview %buf[0, 0] [1, 1024] [1, 1] : memref<2x1024xf32, #aicore.space<ub>> to memref<1024xf32, #aicore.space<ub>>
    %h1 = memref.subview %buf[1, 0] [1, 1024] [1, 1] : memref<2x1024xf32, #aicore.space<ub>> to memref<1024xf32, strided<[1], offset: 1024>, #aicore.space<ub>>
    vec.exp %h0, %out : memref<1024xf32, #aicore.space<ub>>
    mte.copy %x, %h1 : memref<1024xf32, #aicore.space<gm>>, memref<1024xf32, strided<[1], offset: 1024>, #aicore.space<ub>>
    mte.copy %y, %h0 : memref<1024xf32, #aicore.space<gm>>, memref<1024xf32, #aicore.space<ub>>
    return
  }
}

// -----

// After memory planning: %c reuses %a's bytes, so the load into %c waits for
// the V op that reads %a; %b has bytes of its own.
// CHECK-LABEL: func.func @planned
// CHECK:         vec.exp
// CHECK-NEXT:    aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    mte.copy
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @planned(%x: memref<1024xf16, #aicore.space<gm>>, %y: memref<1024xf16, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %a = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
    %b = aicore.alloc {offset = 2048 : i64} : memref<1024xf16, #aicore.space<ub>>
    %c = aicore.alloc {offset = 0 : i64} : memref<1024xf16, #aicore.space<ub>>
    vec.exp %a, %b : memref<1024xf16, #aicore.space<ub>>
    mte.copy %y, %c : memref<1024xf16, #aicore.space<gm>>, memref<1024xf16, #aicore.space<ub>>
    return
  }
}

// -----

// The scalar pipe reads what V wrote, and V then overwrites what it read.
// CHECK-LABEL: func.func @scalar
// CHECK:         vec.exp
// CHECK-NEXT:    aicore.set_flag <v> -> <s> event 0
// CHECK-NEXT:    aicore.wait_flag <v> -> <s> event 0
// CHECK-NEXT:    memref.load
// CHECK-NEXT:    aicore.set_flag <s> -> <v> event 0
// CHECK-NEXT:    aicore.wait_flag <s> -> <v> event 0
// CHECK-NEXT:    vec.adds
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @scalar(%x: memref<64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    mte.copy %x, %a : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
    vec.exp %a, %a : memref<64xf32, #aicore.space<ub>>
    %s = memref.load %a[%c0] : memref<64xf32, #aicore.space<ub>>
    vec.adds %a, %s, %a : memref<64xf32, #aicore.space<ub>>, f32
    return
  }
}

// -----

// A loop whose trip count is not known: its carried flag is set and waited
// around it inside the outer loop, and may also run zero times.
// CHECK-LABEL: func.func @nested
// CHECK:         scf.for
// CHECK-NEXT:      vec.fill
// CHECK-NEXT:      aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:      scf.for
// CHECK:             aicore.wait_flag <v> -> <mte2> event 0
// CHECK:             vec.add
// CHECK-NEXT:        aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:      }
// CHECK-NEXT:      aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    }
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @nested(%x: memref<4096xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %n = aicore.block_dim
    %zero = arith.constant 0.0 : f32
    %ub = aicore.alloc : memref<512xf32, #aicore.space<ub>>
    %acc = aicore.alloc : memref<512xf32, #aicore.space<ub>>
    scf.for %o = %c0 to %c4 step %c1 {
      vec.fill %zero, %acc : f32, memref<512xf32, #aicore.space<ub>>
      scf.for %i = %c0 to %c4 step %n {
        %xs = memref.subview %x[%i] [512] [1] : memref<4096xf32, #aicore.space<gm>> to memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>
        mte.copy %xs, %ub : memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>, memref<512xf32, #aicore.space<ub>>
        vec.add %acc, %ub, %acc : memref<512xf32, #aicore.space<ub>>
      }
    }
    return
  }
}

// -----

// Two loops in a row that hand one buffer between the same pipes: the second
// loop's first wait consumes the first loop's last set.
// CHECK-LABEL: func.func @two_loops
// CHECK:         aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:    scf.for
// CHECK:           vec.max
// CHECK-NEXT:      aicore.set_flag <v> -> <mte2> event 0
// CHECK-NEXT:    }
// CHECK-NEXT:    vec.exp
// CHECK-NEXT:    scf.for
// CHECK:           aicore.wait_flag <v> -> <mte2> event 0
// CHECK:         }
// CHECK-NEXT:    aicore.wait_flag <v> -> <mte2> event 0
// CHECK-NEXT:    return
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @two_loops(%x: memref<4096xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    %c0 = arith.constant 0 : index
    %c512 = arith.constant 512 : index
    %c4096 = arith.constant 4096 : index
    %ub = aicore.alloc : memref<512xf32, #aicore.space<ub>>
    %acc = aicore.alloc : memref<512xf32, #aicore.space<ub>>
    scf.for %i = %c0 to %c4096 step %c512 {
      %xs = memref.subview %x[%i] [512] [1] : memref<4096xf32, #aicore.space<gm>> to memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>
      mte.copy %xs, %ub : memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>, memref<512xf32, #aicore.space<ub>>
      vec.max %acc, %ub, %acc : memref<512xf32, #aicore.space<ub>>
    }
    vec.exp %acc, %acc : memref<512xf32, #aicore.space<ub>>
    scf.for %i = %c0 to %c4096 step %c512 {
      %xs = memref.subview %x[%i] [512] [1] : memref<4096xf32, #aicore.space<gm>> to memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>
      mte.copy %xs, %ub : memref<512xf32, strided<[1], offset: ?>, #aicore.space<gm>>, memref<512xf32, #aicore.space<ub>>
      vec.add %acc, %ub, %acc : memref<512xf32, #aicore.space<ub>>
    }
    return
  }
}

// -----

// Split kernel: the cube region writes the GM workspace the vector region
// reads, so a cross-core flag orders them.
// CHECK-LABEL: func.func @cross_core
// CHECK:         aicore.core <cube>
// CHECK:           mte.fixpipe
// CHECK-NEXT:      aicore.cross_core_set_flag <fix> flag 0
// CHECK-NEXT:    }
// CHECK:         aicore.core <vector>
// CHECK:           aicore.cross_core_wait_flag <mte2> flag 0
// CHECK-NEXT:      mte.copy
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @cross_core(%a: memref<64x64xf16, #aicore.space<gm>>, %ws: memref<64x64xf32, #aicore.space<gm>>, %out: memref<64x64xf32, #aicore.space<gm>>)
      attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
    aicore.core <cube> {
      %init = arith.constant true
      %l1 = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      %l0a = aicore.alloc : memref<64x64xf16, #aicore.space<l0a>>
      %l0b = aicore.alloc : memref<64x64xf16, #aicore.space<l0b>>
      %l0c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      mte.copy %a, %l1 dst_layout <nz> : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      mte.copy %l1, %l0a src_layout <nz> : memref<64x64xf16, #aicore.space<l1>>, memref<64x64xf16, #aicore.space<l0a>>
      mte.copy %l1, %l0b src_layout <nz> transpose : memref<64x64xf16, #aicore.space<l1>>, memref<64x64xf16, #aicore.space<l0b>>
      cube.mmad %l0a, %l0b, %l0c init(%init) : memref<64x64xf16, #aicore.space<l0a>>, memref<64x64xf16, #aicore.space<l0b>>, memref<64x64xf32, #aicore.space<l0c>>
      mte.fixpipe %l0c, %ws : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<gm>>
    }
    aicore.core <vector> {
      %c32 = arith.constant 32 : index
      %sub = aicore.sub_block_idx
      %row = arith.muli %sub, %c32 : index
      %in = memref.subview %ws[%row, 0] [32, 64] [1, 1] : memref<64x64xf32, #aicore.space<gm>> to memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
      %res = memref.subview %out[%row, 0] [32, 64] [1, 1] : memref<64x64xf32, #aicore.space<gm>> to memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
      %ub = aicore.alloc : memref<32x64xf32, #aicore.space<ub>>
      mte.copy %in, %ub : memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>, memref<32x64xf32, #aicore.space<ub>>
      vec.relu %ub, %ub : memref<32x64xf32, #aicore.space<ub>>
      mte.copy %ub, %res : memref<32x64xf32, #aicore.space<ub>>, memref<32x64xf32, strided<[64, 1], offset: ?>, #aicore.space<gm>>
    }
    return
  }
}
