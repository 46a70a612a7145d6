// RUN: ascend-opt %s "-ascend-fuse-attention=report-unmatched" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: ascend-opt %S/Inputs/fuse-attention-linalg.mlir -ascend-raise-linalg -ascend-fuse-attention | FileCheck %s --check-prefix=LINALG
//
// Structural checks (the fused programs run against NumPy in
// test/ascend-run/linalg-attention.test and lower-flash-attention*.test).
// Each case checks the operands, scale, mask and causal flag of the fused op
// and that the unfused chain is gone (or, for the negative cases, that it
// stays, with the reason as a remark).

// The linalg input (Inputs/fuse-attention-linalg.mlir): torch-mlir's LLaMA
// attention with repeat_kv and a causal mask fuses, after raising, into one
// op reading the 2 KV heads; scale = 1 / 2.828125 (sqrt(8) in f16). Every
// linalg op (repeats, transpose, fills) is gone.
// LINALG-LABEL: func.func @llama_attention
// LINALG-SAME: (%[[Q:.*]]: tensor<1x4x4x8xf16>, %[[K:.*]]: tensor<1x2x4x8xf16>, %[[V:.*]]: tensor<1x2x4x8xf16>)
// LINALG-NEXT: %[[O:.*]] = ascend.flash_attention %[[Q]], %[[K]], %[[V]] scale 0.353591174 causal : tensor<1x4x4x8xf16>, tensor<1x2x4x8xf16>, tensor<1x2x4x8xf16> -> tensor<1x4x4x8xf16>
// LINALG-NEXT: return %[[O]]

// torch-mlir's 4-D form: collapse to [B*N, S, D], K transposed by
// linalg.transpose (no transpose_b), division by sqrt(D) = 8, expand back.
// CHECK-LABEL: func.func @mha_4d_div
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x16x64xf16>, %[[K:.*]]: tensor<2x4x32x64xf16>, %[[V:.*]]: tensor<2x4x32x64xf16>)
// CHECK-NEXT: %[[O:.*]] = ascend.flash_attention %[[Q]], %[[K]], %[[V]] scale 1.250000e-01 : tensor<2x4x16x64xf16>, tensor<2x4x32x64xf16>, tensor<2x4x32x64xf16> -> tensor<2x4x16x64xf16>
// CHECK-NEXT: return %[[O]]
func.func @mha_4d_div(%q: tensor<2x4x16x64xf16>, %k: tensor<2x4x32x64xf16>, %v: tensor<2x4x32x64xf16>) -> tensor<2x4x16x64xf16> {
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x16x64xf16> into tensor<8x16x64xf16>
  %e = tensor.empty() : tensor<2x4x64x32xf16>
  %kt = linalg.transpose ins(%k : tensor<2x4x32x64xf16>) outs(%e : tensor<2x4x64x32xf16>) permutation = [0, 1, 3, 2]
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<2x4x64x32xf16> into tensor<8x64x32xf16>
  %s3 = ascend.batch_matmul %q3, %kt3 : tensor<8x16x64xf16>, tensor<8x64x32xf16> -> tensor<8x16x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 4, 16, 32] : tensor<8x16x32xf16> into tensor<2x4x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<2x4x16x32xf16>, tensor<f16> -> tensor<2x4x16x32xf16>
  %p = ascend.softmax %t dim 3 : tensor<2x4x16x32xf16> -> tensor<2x4x16x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x4x16x32xf16> into tensor<8x16x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x4x32x64xf16> into tensor<8x32x64xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 4, 16, 64] : tensor<8x16x64xf16> into tensor<2x4x16x64xf16>
  return %o : tensor<2x4x16x64xf16>
}

// -----

// The 3-D form users write by hand: transpose_b, a multiplication by the
// scale (constant on the left), bf16. Nothing spells B and N, so the fused op
// sees B = 1, N = 8.
// CHECK-LABEL: func.func @mha_3d_mul_bf16
// CHECK-SAME: (%[[Q:.*]]: tensor<8x16x64xbf16>, %[[K:.*]]: tensor<8x32x64xbf16>, %[[V:.*]]: tensor<8x32x64xbf16>)
// CHECK-DAG: %[[Q4:.*]] = tensor.expand_shape %[[Q]] {{\[}}[0, 1], [2], [3]] output_shape [1, 8, 16, 64]
// CHECK-DAG: %[[K4:.*]] = tensor.expand_shape %[[K]] {{\[}}[0, 1], [2], [3]] output_shape [1, 8, 32, 64]
// CHECK-DAG: %[[V4:.*]] = tensor.expand_shape %[[V]] {{\[}}[0, 1], [2], [3]] output_shape [1, 8, 32, 64]
// CHECK: %[[O:.*]] = ascend.flash_attention %[[Q4]], %[[K4]], %[[V4]] scale 1.250000e-01 : {{.*}} -> tensor<1x8x16x64xbf16>
// CHECK-NEXT: %[[O3:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0, 1], [2], [3]] : tensor<1x8x16x64xbf16> into tensor<8x16x64xbf16>
// CHECK-NEXT: return %[[O3]]
func.func @mha_3d_mul_bf16(%q: tensor<8x16x64xbf16>, %k: tensor<8x32x64xbf16>, %v: tensor<8x32x64xbf16>) -> tensor<8x16x64xbf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xbf16>, tensor<8x32x64xbf16> -> tensor<8x16x32xbf16>
  %c = arith.constant dense<0.125> : tensor<bf16>
  %t = ascend.mul %c, %s : tensor<bf16>, tensor<8x16x32xbf16> -> tensor<8x16x32xbf16>
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xbf16> -> tensor<8x16x32xbf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xbf16>, tensor<8x32x64xbf16> -> tensor<8x16x64xbf16>
  return %o : tensor<8x16x64xbf16>
}

// -----

// Grouped-query attention as HuggingFace's repeat_kv lowers: unsqueeze,
// broadcast 2 KV heads to 2x4, reshape to 8 heads. The fused op reads the
// 2 KV heads; the scale is the f16 value of 1/sqrt(64) as stored.
// CHECK-LABEL: func.func @gqa
// CHECK-SAME: (%[[Q:.*]]: tensor<1x8x16x64xf16>, %[[K:.*]]: tensor<1x2x32x64xf16>, %[[V:.*]]: tensor<1x2x32x64xf16>)
// CHECK-NEXT: %[[O:.*]] = ascend.flash_attention %[[Q]], %[[K]], %[[V]] scale 1.250000e-01 : tensor<1x8x16x64xf16>, tensor<1x2x32x64xf16>, tensor<1x2x32x64xf16> -> tensor<1x8x16x64xf16>
// CHECK-NEXT: return %[[O]]
#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @gqa(%q: tensor<1x8x16x64xf16>, %k: tensor<1x2x32x64xf16>, %v: tensor<1x2x32x64xf16>) -> tensor<1x8x16x64xf16> {
  %k5 = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [1, 2, 1, 32, 64] : tensor<1x2x32x64xf16> into tensor<1x2x1x32x64xf16>
  %e = tensor.empty() : tensor<1x2x4x32x64xf16>
  %kr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%k5 : tensor<1x2x1x32x64xf16>) outs(%e : tensor<1x2x4x32x64xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<1x2x4x32x64xf16>
  %k4 = tensor.collapse_shape %kr [[0], [1, 2], [3], [4]] : tensor<1x2x4x32x64xf16> into tensor<1x8x32x64xf16>
  %k3 = tensor.collapse_shape %k4 [[0, 1], [2], [3]] : tensor<1x8x32x64xf16> into tensor<8x32x64xf16>
  %vr = linalg.broadcast ins(%v : tensor<1x2x32x64xf16>) outs(%e : tensor<1x2x4x32x64xf16>) dimensions = [2]
  %v3 = tensor.collapse_shape %vr [[0, 1, 2], [3], [4]] : tensor<1x2x4x32x64xf16> into tensor<8x32x64xf16>
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x8x16x64xf16> into tensor<8x16x64xf16>
  %s = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<0.125> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o3 = ascend.batch_matmul %p, %v3 : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 8, 16, 64] : tensor<8x16x64xf16> into tensor<1x8x16x64xf16>
  return %o : tensor<1x8x16x64xf16>
}

// -----

// A constant 0 / -inf mask hiding exactly the keys j > i + Skv - Sq
// (Sq = 2 new tokens after 2 cached ones) is bottom-right causal.
// CHECK-LABEL: func.func @causal
// CHECK-NOT: arith.constant
// CHECK: %[[O:.*]] = ascend.flash_attention %{{.*}}, %{{.*}}, %{{.*}} scale 2.500000e-01 causal : tensor<1x3x2x16xf16>, tensor<1x3x4x16xf16>, tensor<1x3x4x16xf16> -> tensor<1x3x2x16xf16>
// CHECK-NOT: ascend.add
func.func @causal(%q: tensor<3x2x16xf16>, %k: tensor<3x4x16xf16>, %v: tensor<3x4x16xf16>) -> tensor<3x2x16xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<3x2x16xf16>, tensor<3x4x16xf16> -> tensor<3x2x4xf16>
  %c = arith.constant dense<4.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<3x2x4xf16>, tensor<f16> -> tensor<3x2x4xf16>
  %m = arith.constant dense<[[0.0, 0.0, 0.0, 0xFC00], [0.0, 0.0, 0.0, 0.0]]> : tensor<2x4xf16>
  %u = ascend.add %t, %m : tensor<3x2x4xf16>, tensor<2x4xf16> -> tensor<3x2x4xf16>
  %p = ascend.softmax %u dim 2 : tensor<3x2x4xf16> -> tensor<3x2x4xf16>
  %o = ascend.batch_matmul %p, %v : tensor<3x2x4xf16>, tensor<3x4x16xf16> -> tensor<3x2x16xf16>
  return %o : tensor<3x2x16xf16>
}

// -----

// The same shapes with a top-left aligned triangle (query i sees keys
// j <= i) is not flash_attention's causal: it stays an explicit mask.
// CHECK-LABEL: func.func @top_left_triangle
// CHECK: %[[M:.*]] = arith.constant dense<{{.*}}> : tensor<2x4xf16>
// CHECK: ascend.flash_attention %{{.*}}, %{{.*}}, %{{.*}} mask %[[M]] scale 2.500000e-01 :
// CHECK-NOT: causal
func.func @top_left_triangle(%q: tensor<3x2x16xf16>, %k: tensor<3x4x16xf16>, %v: tensor<3x4x16xf16>) -> tensor<3x2x16xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<3x2x16xf16>, tensor<3x4x16xf16> -> tensor<3x2x4xf16>
  %c = arith.constant dense<4.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<3x2x4xf16>, tensor<f16> -> tensor<3x2x4xf16>
  %m = arith.constant dense<[[0.0, 0xFC00, 0xFC00, 0xFC00], [0.0, 0.0, 0xFC00, 0xFC00]]> : tensor<2x4xf16>
  %u = ascend.add %t, %m : tensor<3x2x4xf16>, tensor<2x4xf16> -> tensor<3x2x4xf16>
  %p = ascend.softmax %u dim 2 : tensor<3x2x4xf16> -> tensor<3x2x4xf16>
  %o = ascend.batch_matmul %p, %v : tensor<3x2x4xf16>, tensor<3x4x16xf16> -> tensor<3x2x16xf16>
  return %o : tensor<3x2x16xf16>
}

// -----

// An explicit 4-D mask [B, 1, Sq, Skv] (padding per sequence), mask on the
// left of the add: it broadcasts as flash_attention's mask does.
// CHECK-LABEL: func.func @explicit_mask_4d
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x16x64xbf16>, %[[K:.*]]: tensor<2x4x32x64xbf16>, %[[V:.*]]: tensor<2x4x32x64xbf16>, %[[M:.*]]: tensor<2x1x16x32xbf16>)
// CHECK-NEXT: %[[O:.*]] = ascend.flash_attention %[[Q]], %[[K]], %[[V]] mask %[[M]] scale 1.250000e-01 :
// CHECK-NEXT: return %[[O]]
func.func @explicit_mask_4d(%q: tensor<2x4x16x64xbf16>, %k: tensor<2x4x32x64xbf16>, %v: tensor<2x4x32x64xbf16>, %m: tensor<2x1x16x32xbf16>) -> tensor<2x4x16x64xbf16> {
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x16x64xbf16> into tensor<8x16x64xbf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x4x32x64xbf16> into tensor<8x32x64xbf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<8x16x64xbf16>, tensor<8x32x64xbf16> -> tensor<8x16x32xbf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 4, 16, 32] : tensor<8x16x32xbf16> into tensor<2x4x16x32xbf16>
  %c = arith.constant dense<8.0> : tensor<bf16>
  %t = ascend.div %s, %c : tensor<2x4x16x32xbf16>, tensor<bf16> -> tensor<2x4x16x32xbf16>
  %u = ascend.add %m, %t : tensor<2x1x16x32xbf16>, tensor<2x4x16x32xbf16> -> tensor<2x4x16x32xbf16>
  %p = ascend.softmax %u dim 3 : tensor<2x4x16x32xbf16> -> tensor<2x4x16x32xbf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x4x16x32xbf16> into tensor<8x16x32xbf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x4x32x64xbf16> into tensor<8x32x64xbf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<8x16x32xbf16>, tensor<8x32x64xbf16> -> tensor<8x16x64xbf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 4, 16, 64] : tensor<8x16x64xbf16> into tensor<2x4x16x64xbf16>
  return %o : tensor<2x4x16x64xbf16>
}

// -----

// A 3-D mask with every batch dim [B*N, Sq, Skv] and a 3-D chain whose Q is a
// collapse of [2, 4, ...]: the mask is reshaped to [2, 4, Sq, Skv] like Q.
// CHECK-LABEL: func.func @explicit_mask_3d
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x16x64xf16>, %{{.*}}: tensor<8x32x64xf16>, %{{.*}}: tensor<8x32x64xf16>, %[[M:.*]]: tensor<8x16x32xf16>)
// CHECK: %[[M4:.*]] = tensor.expand_shape %[[M]] {{\[}}[0, 1], [2], [3]] output_shape [2, 4, 16, 32]
// CHECK: %[[O:.*]] = ascend.flash_attention %[[Q]], %{{.*}}, %{{.*}} mask %[[M4]] scale 1.250000e-01 : tensor<2x4x16x64xf16>, tensor<2x4x32x64xf16>, tensor<2x4x32x64xf16>, tensor<2x4x16x32xf16> -> tensor<2x4x16x64xf16>
// CHECK: tensor.collapse_shape %[[O]]
func.func @explicit_mask_3d(%q: tensor<2x4x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>, %m: tensor<8x16x32xf16>) -> tensor<8x16x64xf16> {
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x16x64xf16> into tensor<8x16x64xf16>
  %s = ascend.batch_matmul %q3, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  %u = ascend.add %t, %m : tensor<8x16x32xf16>, tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %p = ascend.softmax %u dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative: softmax over the query axis.
// CHECK-LABEL: func.func @softmax_other_axis
// CHECK-NOT: ascend.flash_attention
// CHECK: ascend.softmax
func.func @softmax_other_axis(%q: tensor<8x16x64xf16>, %k: tensor<8x16x64xf16>, %v: tensor<8x16x64xf16>) -> tensor<8x16x64xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x16x64xf16> -> tensor<8x16x16xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x16xf16>, tensor<f16> -> tensor<8x16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the softmax is over dim 1, not the key axis (the last dim, 2)}}
  %p = ascend.softmax %t dim 1 : tensor<8x16x16xf16> -> tensor<8x16x16xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x16xf16>, tensor<8x16x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative: no scale (the rule: unscaled softmax(Q.K^T).V is not fused).
// CHECK-LABEL: func.func @missing_scale
// CHECK-NOT: ascend.flash_attention
func.func @missing_scale(%q: tensor<8x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>) -> tensor<8x16x64xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{no scale: the scores come from ascend.batch_matmul, not ascend.mul or ascend.div by a constant; unscaled softmax(Q.K^T).V is not fused}}
  %p = ascend.softmax %s dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative: the scaled scores are also returned, so fusing would compute
// them twice.
// CHECK-LABEL: func.func @second_user
// CHECK-NOT: ascend.flash_attention
func.func @second_user(%q: tensor<8x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>) -> (tensor<8x16x64xf16>, tensor<8x16x32xf16>) {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the softmax input has 2 users; fusing would compute it twice}}
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o, %t : tensor<8x16x64xf16>, tensor<8x16x32xf16>
}

// -----

// Negative: the attention probabilities are also returned.
// CHECK-LABEL: func.func @probabilities_returned
// CHECK-NOT: ascend.flash_attention
func.func @probabilities_returned(%q: tensor<8x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>) -> (tensor<8x16x64xf16>, tensor<8x16x32xf16>) {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{the softmax result has 2 users}}
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o, %p : tensor<8x16x64xf16>, tensor<8x16x32xf16>
}

// -----

// Negative: a multiplicative mask is not attention's additive one.
// CHECK-LABEL: func.func @multiplicative_mask
// CHECK-NOT: ascend.flash_attention
func.func @multiplicative_mask(%q: tensor<8x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>, %m: tensor<16x32xf16>) -> tensor<8x16x64xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  %u = ascend.mul %t, %m : tensor<8x16x32xf16>, tensor<16x32xf16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{the scores are multiplied by a tensor that is not a constant splat; the only mask flash_attention takes is additive}}
  %p = ascend.softmax %u dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative: the mask is added before the scale, so it is scaled too.
// CHECK-LABEL: func.func @mask_before_scale
// CHECK-NOT: ascend.flash_attention
func.func @mask_before_scale(%q: tensor<8x16x64xf16>, %k: tensor<8x32x64xf16>, %v: tensor<8x32x64xf16>, %m: tensor<16x32xf16>) -> tensor<8x16x64xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %u = ascend.add %s, %m : tensor<8x16x32xf16>, tensor<16x32xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %u, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{the scaled tensor comes from ascend.add, not ascend.batch_matmul (Q.K^T)}}
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative: K repeats 2 KV heads but V has all 8.
// CHECK-LABEL: func.func @gqa_key_only
// CHECK-NOT: ascend.flash_attention
func.func @gqa_key_only(%q: tensor<8x16x64xf16>, %k: tensor<1x2x32x64xf16>, %v: tensor<8x32x64xf16>) -> tensor<8x16x64xf16> {
  %e = tensor.empty() : tensor<1x2x4x32x64xf16>
  %kr = linalg.broadcast ins(%k : tensor<1x2x32x64xf16>) outs(%e : tensor<1x2x4x32x64xf16>) dimensions = [2]
  %k3 = tensor.collapse_shape %kr [[0, 1, 2], [3], [4]] : tensor<1x2x4x32x64xf16> into tensor<8x32x64xf16>
  %s = ascend.batch_matmul %q, %k3 {transpose_b} : tensor<8x16x64xf16>, tensor<8x32x64xf16> -> tensor<8x16x32xf16>
  %c = arith.constant dense<8.0> : tensor<f16>
  %t = ascend.div %s, %c : tensor<8x16x32xf16>, tensor<f16> -> tensor<8x16x32xf16>
  // expected-remark @+1 {{K repeats KV heads (grouped-query attention) but V does not repeat them the same way}}
  %p = ascend.softmax %t dim 2 : tensor<8x16x32xf16> -> tensor<8x16x32xf16>
  %o = ascend.batch_matmul %p, %v : tensor<8x16x32xf16>, tensor<8x32x64xf16> -> tensor<8x16x64xf16>
  return %o : tensor<8x16x64xf16>
}

// -----

// Negative, no remark: a softmax that is not between batch matmuls is not
// attention-like and is not reported.
// CHECK-LABEL: func.func @plain_softmax
// CHECK: ascend.softmax
func.func @plain_softmax(%x: tensor<16x32xf16>) -> tensor<16x32xf16> {
  %p = ascend.softmax %x dim 1 : tensor<16x32xf16> -> tensor<16x32xf16>
  return %p : tensor<16x32xf16>
}

// -----

// One head written with 2-D matmuls (no batch dim) and a 2-D causal mask:
// fused as batch 1, head 1; the result viewed back as [Sq, Dv].
// CHECK-LABEL: func.func @single_head_2d(
// CHECK-SAME: %[[Q:.*]]: tensor<16x64xf16>, %[[K:.*]]: tensor<16x64xf16>, %[[V:.*]]: tensor<16x32xf16>)
// CHECK-NOT: ascend.matmul
// CHECK-NOT: ascend.softmax
// CHECK: %[[O:.*]] = ascend.flash_attention %{{.*}}, %{{.*}}, %{{.*}} scale 1.250000e-01 causal : tensor<1x1x16x64xf16>, tensor<1x1x16x64xf16>, tensor<1x1x16x32xf16> -> tensor<1x1x16x32xf16>
// CHECK-NOT: ascend.matmul
// CHECK-NOT: ascend.softmax
// CHECK: return %{{.*}} : tensor<16x32xf16>
func.func @single_head_2d(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>) -> tensor<16x32xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %s, %c : tensor<16x16xf16>, tensor<1xf16> -> tensor<16x16xf16>
  %m = arith.constant dense<"0x000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC0000000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00000000000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC000000000000000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC0000000000000000000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00FC00000000000000000000000000FC00FC00FC00FC00FC00FC00FC00FC00FC00FC000000000000000000000000000000FC00FC00FC00FC00FC00FC00FC00FC00FC0000000000000000000000000000000000FC00FC00FC00FC00FC00FC00FC00FC00000000000000000000000000000000000000FC00FC00FC00FC00FC00FC00FC000000000000000000000000000000000000000000FC00FC00FC00FC00FC00FC0000000000000000000000000000000000000000000000FC00FC00FC00FC00FC00000000000000000000000000000000000000000000000000FC00FC00FC00FC000000000000000000000000000000000000000000000000000000FC00FC00FC0000000000000000000000000000000000000000000000000000000000FC00FC00000000000000000000000000000000000000000000000000000000000000FC0000000000000000000000000000000000000000000000000000000000000000"> : tensor<16x16xf16>
  %a = ascend.add %t, %m : tensor<16x16xf16>, tensor<16x16xf16> -> tensor<16x16xf16>
  %p = ascend.softmax %a dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o : tensor<16x32xf16>
}

// -----

// Negative, one head in 2-D: scaled by a tensor that is not a splat. The
// batched copy the match works on is taken back; the chain stays as it was.
// CHECK-LABEL: func.func @single_head_2d_not_splat(
// CHECK-NEXT: ascend.matmul
// CHECK-NEXT: ascend.mul
// CHECK-NEXT: ascend.softmax
// CHECK-NEXT: ascend.matmul
// CHECK-NEXT: return
func.func @single_head_2d_not_splat(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>, %w: tensor<16x16xf16>) -> tensor<16x32xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %t = ascend.mul %s, %w : tensor<16x16xf16>, tensor<16x16xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the scores are multiplied by a tensor that is not a constant splat; the only mask flash_attention takes is additive}}
  %p = ascend.softmax %t dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o : tensor<16x32xf16>
}

// -----

// Negative, no remark: a classifier head (logits from a matmul, softmax
// read by no product) is not attention-like and is not reported.
// CHECK-LABEL: func.func @classifier_head
// CHECK: ascend.softmax
func.func @classifier_head(%x: tensor<16x64xf16>, %w: tensor<64x32xf16>) -> tensor<16x32xf16> {
  %l = ascend.matmul %x, %w : tensor<16x64xf16>, tensor<64x32xf16> -> tensor<16x32xf16>
  %c = arith.constant dense<0.5> : tensor<1xf16>
  %t = ascend.mul %l, %c : tensor<16x32xf16>, tensor<1xf16> -> tensor<16x32xf16>
  %p = ascend.softmax %t dim 1 : tensor<16x32xf16> -> tensor<16x32xf16>
  return %p : tensor<16x32xf16>
}

// -----

// Negative, one head in 2-D without a scale: the reason is the 2-D chain's.
// CHECK-LABEL: func.func @single_head_2d_unscaled(
// CHECK-NEXT: ascend.matmul
// CHECK-NEXT: ascend.softmax
// CHECK-NEXT: ascend.matmul
// CHECK-NEXT: return
func.func @single_head_2d_unscaled(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>) -> tensor<16x32xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: no scale: the scores come from ascend.matmul, not ascend.mul or ascend.div by a constant; unscaled softmax(Q.K^T).V is not fused}}
  %p = ascend.softmax %s dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o : tensor<16x32xf16>
}

// -----

// Negative, one head in 2-D: Q.K^T is also returned.
// CHECK-LABEL: func.func @single_head_2d_scores_returned(
// CHECK-NOT: ascend.flash_attention
func.func @single_head_2d_scores_returned(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>) -> (tensor<16x32xf16>, tensor<16x16xf16>) {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %s, %c : tensor<16x16xf16>, tensor<1xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: Q.K^T has 2 users; fusing would compute it twice}}
  %p = ascend.softmax %t dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o, %s : tensor<16x32xf16>, tensor<16x16xf16>
}

// -----

// Negative, one head in 2-D: the softmax is over the query axis.
// CHECK-LABEL: func.func @single_head_2d_query_axis(
// CHECK-NOT: ascend.flash_attention
func.func @single_head_2d_query_axis(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>) -> tensor<16x32xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %s, %c : tensor<16x16xf16>, tensor<1xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the softmax is over dim 0, not the key axis (the last dim, 1)}}
  %p = ascend.softmax %t dim 0 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o : tensor<16x32xf16>
}

// -----

// Negative with a remark although the mask is the add's left operand (the
// remark filter looks through every operand for Q.K^T).
// CHECK-LABEL: func.func @mask_lhs_v_transposed
// CHECK-NOT: ascend.flash_attention
func.func @mask_lhs_v_transposed(%q: tensor<2x16x64xf16>, %k: tensor<2x16x64xf16>, %v: tensor<2x32x16xf16>, %m: tensor<2x16x16xf16>) -> tensor<2x16x32xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<2x16x64xf16>, tensor<2x16x64xf16> -> tensor<2x16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %s, %c : tensor<2x16x16xf16>, tensor<1xf16> -> tensor<2x16x16xf16>
  %a = ascend.add %m, %t : tensor<2x16x16xf16>, tensor<2x16x16xf16> -> tensor<2x16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: P.V has a transpose flag; V must be [.., Skv, Dv]}}
  %p = ascend.softmax %a dim 2 : tensor<2x16x16xf16> -> tensor<2x16x16xf16>
  %o = ascend.batch_matmul %p, %v {transpose_b} : tensor<2x16x16xf16>, tensor<2x32x16xf16> -> tensor<2x16x32xf16>
  return %o : tensor<2x16x32xf16>
}

// -----

// Negative with a remark: softmax in f32, cast back before P.V.
// CHECK-LABEL: func.func @f32_softmax_cast
// CHECK-NOT: ascend.flash_attention
func.func @f32_softmax_cast(%q: tensor<2x16x64xf16>, %k: tensor<2x16x64xf16>, %v: tensor<2x16x32xf16>) -> tensor<2x16x32xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<2x16x64xf16>, tensor<2x16x64xf16> -> tensor<2x16x16xf32>
  %c = arith.constant dense<0.125> : tensor<1xf32>
  %t = ascend.mul %s, %c : tensor<2x16x16xf32>, tensor<1xf32> -> tensor<2x16x16xf32>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the scores are f32; flash_attention takes f16 or bf16}}
  %p = ascend.softmax %t dim 2 : tensor<2x16x16xf32> -> tensor<2x16x16xf32>
  %h = ascend.cast <rint> %p : tensor<2x16x16xf32> -> tensor<2x16x16xf16>
  %o = ascend.batch_matmul %h, %v : tensor<2x16x16xf16>, tensor<2x16x32xf16> -> tensor<2x16x32xf16>
  return %o : tensor<2x16x32xf16>
}

// -----

// Negative, one head in 2-D: the mask is added before the scale; the reason
// names the matmul the user wrote, not the batched copy's.
// CHECK-LABEL: func.func @single_head_2d_mask_before_scale(
// CHECK-NOT: ascend.flash_attention
func.func @single_head_2d_mask_before_scale(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>, %m: tensor<16x16xf16>) -> tensor<16x32xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %a = ascend.add %s, %m : tensor<16x16xf16>, tensor<16x16xf16> -> tensor<16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %a, %c : tensor<16x16xf16>, tensor<1xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the scaled tensor comes from ascend.add, not ascend.matmul (Q.K^T)}}
  %p = ascend.softmax %t dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o : tensor<16x32xf16>
}

// -----

// Negative, one head in 2-D: the masked tensor is also returned.
// CHECK-LABEL: func.func @single_head_2d_masked_returned(
// CHECK-NOT: ascend.flash_attention
func.func @single_head_2d_masked_returned(%q: tensor<16x64xf16>, %k: tensor<16x64xf16>, %v: tensor<16x32xf16>, %m: tensor<16x16xf16>) -> (tensor<16x32xf16>, tensor<16x16xf16>) {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x16xf16>
  %a = ascend.add %s, %m : tensor<16x16xf16>, tensor<16x16xf16> -> tensor<16x16xf16>
  %c = arith.constant dense<0.125> : tensor<1xf16>
  %t = ascend.mul %a, %c : tensor<16x16xf16>, tensor<1xf16> -> tensor<16x16xf16>
  // expected-remark @+1 {{not fused into ascend.flash_attention: the masked tensor has 2 users; fusing would compute it twice}}
  %p = ascend.softmax %t dim 1 : tensor<16x16xf16> -> tensor<16x16xf16>
  %o = ascend.matmul %p, %v : tensor<16x16xf16>, tensor<16x32xf16> -> tensor<16x32xf16>
  return %o, %a : tensor<16x32xf16>, tensor<16x16xf16>
}
