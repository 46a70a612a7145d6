// RUN: ascend-opt %s --ascend-fuse-vector | FileCheck %s
// RUN: ascend-opt %s --ascend-fuse-vector=report-skipped -verify-diagnostics -o /dev/null

// sigmoid as torch-mlir's generic raises: four ops, one chain.
// CHECK-LABEL: func.func @sigmoid
// CHECK-SAME: (%[[X:.*]]: tensor<16x4096xf16>)
// CHECK: %[[ONE:.*]] = arith.constant
// CHECK: %[[F:.*]] = ascend.fused_vector ins(%[[X]], %[[ONE]] : tensor<16x4096xf16>, tensor<f16>) -> tensor<16x4096xf16> {
// CHECK-NEXT: ^bb0(%[[A:.*]]: tensor<16x4096xf16>, %[[C:.*]]: tensor<f16>):
// CHECK-NEXT: %[[N:.*]] = ascend.neg %[[A]]
// CHECK-NEXT: %[[E:.*]] = ascend.exp %[[N]]
// CHECK-NEXT: %[[D:.*]] = ascend.add %[[E]], %[[C]]
// CHECK-NEXT: %[[R:.*]] = ascend.reciprocal %[[D]]
// CHECK-NEXT: ascend.yield %[[R]]
// CHECK-NEXT: }
// CHECK-NEXT: return %[[F]]
func.func @sigmoid(%x: tensor<16x4096xf16>) -> tensor<16x4096xf16> {
  %n = ascend.neg %x : tensor<16x4096xf16> -> tensor<16x4096xf16>
  %e = ascend.exp %n : tensor<16x4096xf16> -> tensor<16x4096xf16>
  %one = arith.constant dense<1.0> : tensor<f16>
  %d = ascend.add %e, %one : tensor<16x4096xf16>, tensor<f16> -> tensor<16x4096xf16>
  %r = ascend.reciprocal %d : tensor<16x4096xf16> -> tensor<16x4096xf16>
  return %r : tensor<16x4096xf16>
}

// The SwiGLU of a LLaMA MLP: silu(gate) * up between the matmuls, the
// inputs the matmuls' results (which the lowering then fuses as the
// chain's cube side).
// CHECK-LABEL: func.func @swiglu
// CHECK: %[[G:.*]] = ascend.matmul
// CHECK: %[[U:.*]] = ascend.matmul
// CHECK: %[[H:.*]] = ascend.fused_vector ins(%[[G]], %[[U]] :
// CHECK: ascend.silu
// CHECK-NEXT: ascend.mul
// CHECK: ascend.matmul %[[H]]
func.func @swiglu(%x: tensor<16x256xbf16>, %wg: tensor<256x512xbf16>, %wu: tensor<256x512xbf16>,
                  %wd: tensor<512x256xbf16>) -> tensor<16x256xbf16> {
  %g = ascend.matmul %x, %wg : tensor<16x256xbf16>, tensor<256x512xbf16> -> tensor<16x512xbf16>
  %u = ascend.matmul %x, %wu : tensor<16x256xbf16>, tensor<256x512xbf16> -> tensor<16x512xbf16>
  %s = ascend.silu %g : tensor<16x512xbf16> -> tensor<16x512xbf16>
  %h = ascend.mul %s, %u : tensor<16x512xbf16>, tensor<16x512xbf16> -> tensor<16x512xbf16>
  %y = ascend.matmul %h, %wd : tensor<16x512xbf16>, tensor<512x256xbf16> -> tensor<16x256xbf16>
  return %y : tensor<16x256xbf16>
}

// An intermediate that is also returned must reach GM: the chain starts
// after it. One value read twice in the chain is one input.
// CHECK-LABEL: func.func @returned_intermediate
// CHECK: %[[S:.*]] = ascend.add
// CHECK: ascend.fused_vector ins(%[[S]] : tensor<64x128xf32>)
// CHECK: ascend.mul
// CHECK: ascend.relu
func.func @returned_intermediate(%x: tensor<64x128xf32>, %y: tensor<64x128xf32>)
    -> (tensor<64x128xf32>, tensor<64x128xf32>) {
  // expected-remark @+1 {{not fused into a vector chain: its result is also read by 'func.return', which is not in a fused chain, so it must reach GM}}
  %s = ascend.add %x, %y : tensor<64x128xf32>, tensor<64x128xf32> -> tensor<64x128xf32>
  %m = ascend.mul %s, %s : tensor<64x128xf32>, tensor<64x128xf32> -> tensor<64x128xf32>
  %r = ascend.relu %m : tensor<64x128xf32> -> tensor<64x128xf32>
  return %s, %r : tensor<64x128xf32>, tensor<64x128xf32>
}

// A row computed by an op and broadcast in the chain stays an input.
// CHECK-LABEL: func.func @broadcast_intermediate
// CHECK: %[[E:.*]] = ascend.exp %{{.*}} : tensor<128xf16>
// CHECK: ascend.fused_vector ins(%{{.*}}, %[[E]] : tensor<64x128xf16>, tensor<128xf16>)
func.func @broadcast_intermediate(%x: tensor<64x128xf16>, %b: tensor<128xf16>) -> tensor<64x128xf16> {
  // expected-remark @+1 {{not fused into a vector chain: its result broadcasts in the chain that reads it (only ops of the chain's shape fuse)}}
  %e = ascend.exp %b : tensor<128xf16> -> tensor<128xf16>
  %s = ascend.add %x, %e : tensor<64x128xf16>, tensor<128xf16> -> tensor<64x128xf16>
  %r = ascend.relu %s : tensor<64x128xf16> -> tensor<64x128xf16>
  return %r : tensor<64x128xf16>
}

// A value read by two chains is computed once, by its own kernel.
// CHECK-LABEL: func.func @two_chains
// CHECK: %[[N:.*]] = ascend.neg
// CHECK: ascend.fused_vector ins(%[[N]]
// CHECK: ascend.fused_vector ins(%[[N]]
func.func @two_chains(%x: tensor<64x128xf16>) -> (tensor<64x128xf16>, tensor<64x128xf16>) {
  // expected-remark @+1 {{not fused into a vector chain: its result is read by two different fused chains}}
  %n = ascend.neg %x : tensor<64x128xf16> -> tensor<64x128xf16>
  %e = ascend.exp %n : tensor<64x128xf16> -> tensor<64x128xf16>
  %a = ascend.abs %e : tensor<64x128xf16> -> tensor<64x128xf16>
  %r = ascend.relu %n : tensor<64x128xf16> -> tensor<64x128xf16>
  %q = ascend.sqrt %r : tensor<64x128xf16> -> tensor<64x128xf16>
  return %a, %q : tensor<64x128xf16>, tensor<64x128xf16>
}

// An op the target cannot lower on its own (no f32 -> bf16 conversion
// rounding to odd on 910B) is left out, so its error stays its own.
// CHECK-LABEL: func.func @unlowerable_member
// CHECK: %[[E:.*]] = ascend.exp
// CHECK: ascend.cast <odd> %[[E]]
func.func @unlowerable_member(%x: tensor<64x128xf32>) -> tensor<64x128xbf16> {
  // expected-remark @+1 {{not fused into a vector chain: its result is also read by 'ascend.cast', which is left unfused, so it must reach GM}}
  %e = ascend.exp %x : tensor<64x128xf32> -> tensor<64x128xf32>
  // expected-remark @+1 {{not fused into a vector chain: it cannot be lowered on its own: cast to bf16 with round mode <odd> is not lowered: the vector unit of Ascend910B2 has no f32 -> bf16 conversion in that mode}}
  %c = ascend.cast <odd> %e : tensor<64x128xf32> -> tensor<64x128xbf16>
  return %c : tensor<64x128xbf16>
}

// A single elementwise op is left as it is.
// CHECK-LABEL: func.func @single
// CHECK-NOT: ascend.fused_vector
// CHECK: ascend.relu
func.func @single(%x: tensor<64x128xf16>) -> tensor<64x128xf16> {
  %r = ascend.relu %x : tensor<64x128xf16> -> tensor<64x128xf16>
  return %r : tensor<64x128xf16>
}
