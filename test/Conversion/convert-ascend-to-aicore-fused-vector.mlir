// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file | FileCheck %s

// An ascend.fused_vector is one vector kernel: each tile loads the inputs,
// runs the body's ops on UB tiles and stores only the result. bf16 ops
// compute in f32, so every intermediate is rounded to bf16 and widened
// again, exactly as the unfused kernels store and reload it.
// CHECK-LABEL: func.func @silu_mul_bf16
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 12>}
// CHECK: scf.for
// CHECK: mte.copy %{{.*}}, %[[G:.*]] : memref<1280xbf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1280xbf16, #aicore.space<ub>>
// CHECK: vec.cast %[[G]], %[[GW:.*]] round <rint> : memref<1280xbf16, #aicore.space<ub>>, memref<1280xf32, #aicore.space<ub>>
// CHECK: vec.exp
// CHECK: vec.div %[[GW]], %{{.*}}, %[[S:.*]] : memref<1280xf32
// CHECK: vec.cast %[[S]], %[[SR:.*]] round <rint> : memref<1280xf32, #aicore.space<ub>>, memref<1280xbf16, #aicore.space<ub>>
// CHECK: vec.cast %[[SR]], %[[SW:.*]] round <rint> : memref<1280xbf16, #aicore.space<ub>>, memref<1280xf32, #aicore.space<ub>>
// CHECK: mte.copy %{{.*}}, %[[U:.*]] : memref<1280xbf16, strided<[1], offset: ?>, #aicore.space<gm>>, memref<1280xbf16, #aicore.space<ub>>
// CHECK: vec.cast %[[U]], %[[UW:.*]] round <rint>
// CHECK: vec.mul %[[SW]], %[[UW]], %[[M:.*]] : memref<1280xf32
// CHECK: vec.cast %[[M]], %[[MR:.*]] round <rint> : memref<1280xf32, #aicore.space<ub>>, memref<1280xbf16, #aicore.space<ub>>
// CHECK-NEXT: memref.subview
// CHECK-NEXT: mte.copy %[[MR]], %{{.*}} : memref<1280xbf16, #aicore.space<ub>>, memref<1280xbf16, strided<[1], offset: ?>, #aicore.space<gm>>
// CHECK-NEXT: }
// The tail tile, the same chain on 1024 elements.
// CHECK: scf.if
// CHECK: vec.mul {{.*}} : memref<1024xf32
func.func @silu_mul_bf16(%g: tensor<16x1024xbf16>, %u: tensor<16x1024xbf16>) -> tensor<16x1024xbf16> {
  %h = ascend.fused_vector ins(%g, %u : tensor<16x1024xbf16>, tensor<16x1024xbf16>) -> tensor<16x1024xbf16> {
  ^bb0(%a: tensor<16x1024xbf16>, %b: tensor<16x1024xbf16>):
    %s = ascend.silu %a : tensor<16x1024xbf16> -> tensor<16x1024xbf16>
    %m = ascend.mul %s, %b : tensor<16x1024xbf16>, tensor<16x1024xbf16> -> tensor<16x1024xbf16>
    ascend.yield %m : tensor<16x1024xbf16>
  }
  return %h : tensor<16x1024xbf16>
}

// -----

// f16 ops compute in f16: no casts. A bias row is loaded once per block and
// broadcast; the input read twice is loaded once per tile.
// CHECK-LABEL: func.func @bias_square_f16
// CHECK: %[[ROW:.*]] = aicore.alloc : memref<1x256xf16, #aicore.space<ub>>
// CHECK: mte.copy %{{.*}}, %[[ROW]]
// CHECK: vec.broadcast %[[ROW]], %[[B:.*]] : memref<1x256xf16, #aicore.space<ub>>, memref<[[R:[0-9]+]]x256xf16, #aicore.space<ub>>
// CHECK: scf.for
// CHECK-COUNT-1: mte.copy %{{.*}} : memref<[[R]]x256xf16, strided<[256, 1], offset: ?>, #aicore.space<gm>>, memref<[[R]]x256xf16, #aicore.space<ub>>
// CHECK-NOT: vec.cast
// CHECK: vec.add %{{.*}}, %[[B]], %[[S:.*]] : memref<[[R]]x256xf16
// CHECK-NEXT: aicore.alloc
// CHECK-NEXT: vec.mul %[[S]], %[[S]]
// CHECK-NEXT: memref.subview
// CHECK-NEXT: mte.copy
func.func @bias_square_f16(%x: tensor<64x256xf16>, %b: tensor<256xf16>) -> tensor<64x256xf16> {
  %y = ascend.fused_vector ins(%x, %b : tensor<64x256xf16>, tensor<256xf16>) -> tensor<64x256xf16> {
  ^bb0(%a: tensor<64x256xf16>, %r: tensor<256xf16>):
    %s = ascend.add %a, %r : tensor<64x256xf16>, tensor<256xf16> -> tensor<64x256xf16>
    %q = ascend.mul %s, %s : tensor<64x256xf16>, tensor<64x256xf16> -> tensor<64x256xf16>
    ascend.yield %q : tensor<64x256xf16>
  }
  return %y : tensor<64x256xf16>
}

// -----

// Residual add + RMSNorm: tiles of whole rows; the sum is rounded to bf16
// and widened again before the norm reads it, as the two kernels would
// store and reload it; gamma is loaded and widened once per block.
// CHECK-LABEL: func.func @add_rms_norm
// CHECK: mte.copy %{{.*}}, %[[G:.*]] : memref<1x1024xbf16, strided<[1024, 1], offset: ?>, #aicore.space<gm>>, memref<1x1024xbf16, #aicore.space<ub>>
// CHECK: vec.cast %[[G]], %[[GAMMA:.*]] round <rint>
// CHECK: scf.for
// CHECK: vec.add %{{.*}}, %{{.*}}, %[[S:.*]] : memref<1x1024xf32
// CHECK: vec.cast %[[S]], %[[SR:.*]] round <rint> : memref<1x1024xf32, #aicore.space<ub>>, memref<1x1024xbf16, #aicore.space<ub>>
// CHECK: vec.cast %[[SR]], %[[SW:.*]] round <rint> : memref<1x1024xbf16, #aicore.space<ub>>, memref<1x1024xf32, #aicore.space<ub>>
// The norm reads the widened sum alone, so it works on that tile in place.
// CHECK-NOT: vec.copy
// CHECK: vec.reduce_rows <sum>
// CHECK: vec.rsqrt
// CHECK: vec.mul %{{.*}}, %[[GAMMA]], %[[SW]]
// CHECK: vec.cast %[[SW]], %[[Y:.*]] round <rint> : memref<1x1024xf32, #aicore.space<ub>>, memref<1x1024xbf16, #aicore.space<ub>>
// CHECK: mte.copy %[[Y]]
func.func @add_rms_norm(%x: tensor<64x1024xbf16>, %r: tensor<64x1024xbf16>, %g: tensor<1024xbf16>) -> tensor<64x1024xbf16> {
  %y = ascend.fused_vector ins(%x, %r, %g : tensor<64x1024xbf16>, tensor<64x1024xbf16>, tensor<1024xbf16>) -> tensor<64x1024xbf16> {
  ^bb0(%a: tensor<64x1024xbf16>, %b: tensor<64x1024xbf16>, %c: tensor<1024xbf16>):
    %s = ascend.add %a, %b : tensor<64x1024xbf16>, tensor<64x1024xbf16> -> tensor<64x1024xbf16>
    %n = ascend.rms_norm %s, %c {epsilon = 1.0e-05 : f32} : tensor<64x1024xbf16>, tensor<1024xbf16> -> tensor<64x1024xbf16>
    ascend.yield %n : tensor<64x1024xbf16>
  }
  return %y : tensor<64x1024xbf16>
}
