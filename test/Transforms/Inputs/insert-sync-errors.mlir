// Every error ascend-insert-sync emits (run from ../ascend-insert-sync.mlir).

module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @unknown_pipe(%x: memref<64xf32, #aicore.space<gm>>) {
    %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    %b = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    mte.copy %x, %a : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
    // expected-error @+1 {{accesses memory on no pipe ascend-insert-sync knows; expected tile ops (aicore::TileOpInterface) and memref.load/store}}
    memref.copy %a, %b : memref<64xf32, #aicore.space<ub>> to memref<64xf32, #aicore.space<ub>>
    return
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @unknown_region(%x: memref<64xf32, #aicore.space<gm>>) {
    %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    // expected-error @+1 {{ascend-insert-sync orders code in scf.for and scf.if only; cannot look into 'scf.execute_region'}}
    scf.execute_region {
      mte.copy %x, %a : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
      scf.yield
    }
    return
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @outside_regions(%x: memref<64xf32, #aicore.space<gm>>, %y: memref<64xf32, #aicore.space<gm>>) {
    %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
    // expected-error @+1 {{tile op outside the aicore.core regions of a kernel that has them; ascend-insert-sync expected every tile op inside the region of its core type}}
    mte.copy %x, %a : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
    aicore.core <vector> {
      mte.copy %a, %y : memref<64xf32, #aicore.space<ub>>, memref<64xf32, #aicore.space<gm>>
    }
    return
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @nested_region(%x: memref<64xf32, #aicore.space<gm>>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    scf.for %i = %c0 to %c1 step %c1 {
      // expected-error @+1 {{ascend-insert-sync expects aicore.core regions directly in the function body}}
      aicore.core <vector> {
        %a = aicore.alloc : memref<64xf32, #aicore.space<ub>>
        mte.copy %x, %a : memref<64xf32, #aicore.space<gm>>, memref<64xf32, #aicore.space<ub>>
      }
    }
    return
  }
}

// -----

// Both regions write the same GM bytes: nothing says which goes first.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @both_write(%ws: memref<64x64xf32, #aicore.space<gm>>) {
    aicore.core <cube> {
      %l0c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      // expected-note @+1 {{the other write}}
      mte.fixpipe %l0c, %ws : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<gm>>
    }
    aicore.core <vector> {
      %ub = aicore.alloc : memref<64x64xf32, #aicore.space<ub>>
      // expected-error @+1 {{writes GM bytes that the other core type's region also writes (see the note), so which goes first is ambiguous}}
      mte.copy %ub, %ws : memref<64x64xf32, #aicore.space<ub>>, memref<64x64xf32, #aicore.space<gm>>
    }
    return
  }
}

// -----

// Each region reads what the other writes before writing what the other
// reads: ordered at the top level, both would wait first.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @deadlock(%to_vector: memref<64x64xf32, #aicore.space<gm>>, %to_cube: memref<64x64xf16, #aicore.space<gm>>) {
    aicore.core <cube> {
      %l1 = aicore.alloc : memref<64x64xf16, #aicore.space<l1>>
      %l0c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      // expected-error @+1 {{cross-core deadlock: this region would wait before this op for the other region, which waits for this region's signal first (see the notes)}}
      mte.copy %to_cube, %l1 dst_layout <nz> : memref<64x64xf16, #aicore.space<gm>>, memref<64x64xf16, #aicore.space<l1>>
      // expected-note @+1 {{this region's signal, after this op}}
      mte.fixpipe %l0c, %to_vector : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<gm>>
    }
    aicore.core <vector> {
      %a = aicore.alloc : memref<64x64xf32, #aicore.space<ub>>
      %b = aicore.alloc : memref<64x64xf16, #aicore.space<ub>>
      // expected-note @+1 {{the other region's wait, before this op}}
      mte.copy %to_vector, %a : memref<64x64xf32, #aicore.space<gm>>, memref<64x64xf32, #aicore.space<ub>>
      // expected-note @+1 {{the other region's signal, after this op}}
      mte.copy %b, %to_cube : memref<64x64xf16, #aicore.space<ub>>, memref<64x64xf16, #aicore.space<gm>>
    }
    return
  }
}

// -----

// Every cross-core flag id is taken by the kernel's own flags.
module attributes {aicore.target = #aicore.target<"Ascend910B2">} {
  func.func @no_flag_left(%ws: memref<64x64xf32, #aicore.space<gm>>) {
    aicore.core <cube> {
      %l0c = aicore.alloc : memref<64x64xf32, #aicore.space<l0c>>
      mte.fixpipe %l0c, %ws : memref<64x64xf32, #aicore.space<l0c>>, memref<64x64xf32, #aicore.space<gm>>
    }
    aicore.core <vector> {
      %ub = aicore.alloc : memref<64x64xf32, #aicore.space<ub>>
      aicore.cross_core_set_flag <mte3> flag 0
      aicore.cross_core_set_flag <mte3> flag 1
      aicore.cross_core_set_flag <mte3> flag 2
      aicore.cross_core_set_flag <mte3> flag 3
      aicore.cross_core_set_flag <mte3> flag 4
      aicore.cross_core_set_flag <mte3> flag 5
      aicore.cross_core_set_flag <mte3> flag 6
      aicore.cross_core_set_flag <mte3> flag 7
      aicore.cross_core_set_flag <mte3> flag 8
      aicore.cross_core_set_flag <mte3> flag 9
      aicore.cross_core_set_flag <mte3> flag 10
      aicore.cross_core_set_flag <mte3> flag 11
      aicore.cross_core_set_flag <mte3> flag 12
      aicore.cross_core_set_flag <mte3> flag 13
      aicore.cross_core_set_flag <mte3> flag 14
      aicore.cross_core_set_flag <mte3> flag 15
      // expected-error @+1 {{ascend-insert-sync needs more cross-core flags than the 16 of Ascend910B2}}
      mte.copy %ws, %ub : memref<64x64xf32, #aicore.space<gm>>, memref<64x64xf32, #aicore.space<ub>>
    }
    return
  }
}
