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

// An intermediate that is also returned is one more result of the chain,
// read twice in the chain, it is one value.
// CHECK-LABEL: func.func @returned_intermediate
// CHECK: %[[F:.*]]:2 = ascend.fused_vector ins(%{{.*}}, %{{.*}} : tensor<64x128xf32>, tensor<64x128xf32>) -> tensor<64x128xf32>, tensor<64x128xf32>
// CHECK: %[[S:.*]] = ascend.add
// CHECK-NEXT: %[[M:.*]] = ascend.mul %[[S]], %[[S]]
// CHECK-NEXT: %[[R:.*]] = ascend.relu %[[M]]
// CHECK-NEXT: ascend.yield %[[R]], %[[S]]
// CHECK: return %[[F]]#1, %[[F]]#0
func.func @returned_intermediate(%x: tensor<64x128xf32>, %y: tensor<64x128xf32>)
    -> (tensor<64x128xf32>, tensor<64x128xf32>) {
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
  // expected-remark @+1 {{not fused into a vector chain: its result is only read by 'ascend.cast', which is left unfused}}
  %e = ascend.exp %x : tensor<64x128xf32> -> tensor<64x128xf32>
  // expected-remark @+1 {{not fused into a vector chain: it cannot be in a fused kernel: cast to bf16 with round mode <odd> is not lowered: the vector unit of Ascend910B2 has no f32 -> bf16 conversion in that mode}}
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

// Row-wise ops join chains: scale, mask, softmax over the last dim and a
// cast, one kernel.
// CHECK-LABEL: func.func @scaled_masked_softmax
// CHECK: ascend.fused_vector
// CHECK: ascend.mul
// CHECK-NEXT: ascend.add
// CHECK-NEXT: ascend.softmax
// CHECK-NEXT: ascend.cast
// CHECK-NEXT: ascend.yield
func.func @scaled_masked_softmax(%x: tensor<64x1024xf16>, %m: tensor<64x1024xf16>) -> tensor<64x1024xf32> {
  %c = arith.constant dense<0.125> : tensor<f16>
  %t = ascend.mul %x, %c : tensor<64x1024xf16>, tensor<f16> -> tensor<64x1024xf16>
  %a = ascend.add %t, %m : tensor<64x1024xf16>, tensor<64x1024xf16> -> tensor<64x1024xf16>
  %p = ascend.softmax %a dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
  %q = ascend.cast <rint> %p : tensor<64x1024xf16> -> tensor<64x1024xf32>
  return %q : tensor<64x1024xf32>
}

// Residual add + RMSNorm (LLaMA-3-8B, 512 tokens): one kernel.
// CHECK-LABEL: func.func @add_rms_norm
// CHECK: ascend.fused_vector ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<512x4096xbf16>, tensor<512x4096xbf16>, tensor<4096xbf16>)
// CHECK: ascend.add
// CHECK-NEXT: ascend.rms_norm
func.func @add_rms_norm(%x: tensor<512x4096xbf16>, %r: tensor<512x4096xbf16>, %g: tensor<4096xbf16>) -> tensor<512x4096xbf16> {
  %s = ascend.add %x, %r : tensor<512x4096xbf16>, tensor<512x4096xbf16> -> tensor<512x4096xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-05 : f32} : tensor<512x4096xbf16>, tensor<4096xbf16> -> tensor<512x4096xbf16>
  return %n : tensor<512x4096xbf16>
}

// A row the chain cannot hold whole in UB (softmax over 32000 f32 logits
// with a scale and an exp after it): the chain is fused again without its
// row-wise op, which runs on its own in column chunks.
// CHECK-LABEL: func.func @long_rows
// CHECK: %[[T:.*]] = ascend.fused_vector
// CHECK: ascend.mul
// CHECK-NEXT: ascend.add
// CHECK: %[[P:.*]] = ascend.softmax %[[T]]
// CHECK: ascend.exp %[[P]]
func.func @long_rows(%x: tensor<8x32000xf32>, %m: tensor<8x32000xf32>) -> tensor<8x32000xf32> {
  %c = arith.constant dense<0.5> : tensor<f32>
  %t = ascend.mul %x, %c : tensor<8x32000xf32>, tensor<f32> -> tensor<8x32000xf32>
  // expected-remark @+1 {{not fused into a vector chain: its result is only read by 'ascend.softmax', which is left unfused}}
  %a = ascend.add %t, %m : tensor<8x32000xf32>, tensor<8x32000xf32> -> tensor<8x32000xf32>
  // expected-remark @+1 {{not fused into a vector chain: it cannot be in a fused kernel: its rows of 32000 elements do not fit UB whole, which a fused kernel needs; on its own it goes through UB in column chunks}}
  %p = ascend.softmax %a dim 1 : tensor<8x32000xf32> -> tensor<8x32000xf32>
  %e = ascend.exp %p : tensor<8x32000xf32> -> tensor<8x32000xf32>
  return %e : tensor<8x32000xf32>
}

// DeepSeek-V3's hidden size: the rows fit UB one at a time, single
// buffered, so the chain is one kernel.
// CHECK-LABEL: func.func @add_rms_norm_7168
// CHECK: ascend.fused_vector
// CHECK: ascend.add
// CHECK-NEXT: ascend.rms_norm
// CHECK-NEXT: ascend.cast
func.func @add_rms_norm_7168(%x: tensor<16x7168xbf16>, %r: tensor<16x7168xbf16>, %g: tensor<7168xbf16>) -> tensor<16x7168xf32> {
  %s = ascend.add %x, %r : tensor<16x7168xbf16>, tensor<16x7168xbf16> -> tensor<16x7168xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-06 : f32} : tensor<16x7168xbf16>, tensor<7168xbf16> -> tensor<16x7168xbf16>
  %c = ascend.cast <rint> %n : tensor<16x7168xbf16> -> tensor<16x7168xf32>
  return %c : tensor<16x7168xf32>
}

// The residual stream goes on after the norm: the sum is a second result
// of the chain, written to GM by the same kernel.
// CHECK-LABEL: func.func @residual_returned
// CHECK: %[[F:.*]]:2 = ascend.fused_vector
// CHECK: ascend.yield %{{.*}}, %{{.*}} : tensor<16x4096xbf16>, tensor<16x4096xbf16>
// CHECK: return %[[F]]#1, %[[F]]#0
func.func @residual_returned(%x: tensor<16x4096xbf16>, %r: tensor<16x4096xbf16>, %g: tensor<4096xbf16>)
    -> (tensor<16x4096xbf16>, tensor<16x4096xbf16>) {
  %s = ascend.add %x, %r : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-06 : f32} : tensor<16x4096xbf16>, tensor<4096xbf16> -> tensor<16x4096xbf16>
  return %s, %n : tensor<16x4096xbf16>, tensor<16x4096xbf16>
}

// A value read outside the chain before the chain ends cannot be a result
// of the fused op, which stands where the chain ends.
// CHECK-LABEL: func.func @read_before_the_end
// CHECK: %[[S:.*]] = ascend.add
// CHECK: ascend.matmul %[[S]]
// CHECK: ascend.fused_vector ins(%[[S]]
func.func @read_before_the_end(%x: tensor<64x64xf16>, %y: tensor<64x64xf16>, %w: tensor<64x64xf16>)
    -> (tensor<64x64xf16>, tensor<64x64xf16>) {
  // expected-remark @+1 {{not fused into a vector chain: its result is also read by 'ascend.matmul', which is not in a fused chain, before the chain that reads it ends}}
  %s = ascend.add %x, %y : tensor<64x64xf16>, tensor<64x64xf16> -> tensor<64x64xf16>
  %p = ascend.matmul %s, %w : tensor<64x64xf16>, tensor<64x64xf16> -> tensor<64x64xf16>
  %e = ascend.exp %s : tensor<64x64xf16> -> tensor<64x64xf16>
  %r = ascend.relu %e : tensor<64x64xf16> -> tensor<64x64xf16>
  return %p, %r : tensor<64x64xf16>, tensor<64x64xf16>
}
