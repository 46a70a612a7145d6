// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file | FileCheck %s

// lib/Analysis/MemoryPlan.cpp, the placement ascend-plan-memory makes, as
// the lowering asks it: a fused chain's tile is what a quarter of UB holds
// of the bytes the planner places for one probe tile, per element. exp(neg
// x) in f16 holds three f16 tiles (x, -x, e^-x): 6 bytes per element
// without reuse (rings of ascend-multi-buffer keep them live together), so
// 196608 / 4 / 6 = 8192 elements on Ascend910B2.
// CHECK-LABEL: func.func @neg_exp
// CHECK: aicore.alloc : memref<8192xf16, #aicore.space<ub>>
// CHECK: vec.muls
// CHECK: vec.exp
// CHECK-NOT: memref<8192xf32
func.func @neg_exp(%x: tensor<64x4096xf16>) -> tensor<64x4096xf16> {
  %y = ascend.fused_vector ins(%x : tensor<64x4096xf16>) -> tensor<64x4096xf16> {
  ^bb0(%a: tensor<64x4096xf16>):
    %n = ascend.neg %a : tensor<64x4096xf16> -> tensor<64x4096xf16>
    %e = ascend.exp %n : tensor<64x4096xf16> -> tensor<64x4096xf16>
    ascend.yield %e : tensor<64x4096xf16>
  }
  return %y : tensor<64x4096xf16>
}

// -----

// The same chain in bf16 computes in f32: per element the input and its
// f32 copy, for each op an f32 result and its bf16 rounding, and -x widened
// again for exp (2 + 4 + 2 * (4 + 2) + 4 = 22 bytes), so 196608 / 4 / 22 =
// 2234, rounded down to whole 256-byte repeats of bf16: 2176.
// CHECK-LABEL: func.func @neg_exp_bf16
// CHECK: aicore.alloc : memref<2176xbf16, #aicore.space<ub>>
func.func @neg_exp_bf16(%x: tensor<64x4096xbf16>) -> tensor<64x4096xbf16> {
  %y = ascend.fused_vector ins(%x : tensor<64x4096xbf16>) -> tensor<64x4096xbf16> {
  ^bb0(%a: tensor<64x4096xbf16>):
    %n = ascend.neg %a : tensor<64x4096xbf16> -> tensor<64x4096xbf16>
    %e = ascend.exp %n : tensor<64x4096xbf16> -> tensor<64x4096xbf16>
    ascend.yield %e : tensor<64x4096xbf16>
  }
  return %y : tensor<64x4096xbf16>
}
