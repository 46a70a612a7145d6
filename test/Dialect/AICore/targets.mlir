// Each known target parses and selects its own limits.
// RUN: ascend-opt %s -split-input-file | FileCheck %s

// CHECK: #aicore.target<"Ascend910B4">
module attributes {aicore.target = #aicore.target<"Ascend910B4">} {
  func.func @f() {
    %0 = aicore.alloc : memref<196608xi8, #aicore.space<ub>>
    return
  }
}

// -----

// The coupled 310P has a 256 KB UB and no core regions.
// CHECK: #aicore.target<"Ascend310P">
// CHECK: aicore.alloc : memref<262144xi8, #aicore.space<ub>>
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @f() {
    %0 = aicore.alloc : memref<262144xi8, #aicore.space<ub>>
    aicore.set_flag <m> -> <v> event 0
    return
  }
}
