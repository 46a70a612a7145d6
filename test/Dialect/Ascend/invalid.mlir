// RUN: ascend-opt %s -split-input-file -verify-diagnostics

// The ascend ops are target-independent: no rule depends on #aicore.target.

func.func @matmul_a_type(%a: tensor<4x8xi8>, %b: tensor<8x4xi8>) {
  // expected-error @+1 {{'ascend.matmul' op a has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.matmul %a, %b : tensor<4x8xi8>, tensor<8x4xi8> -> tensor<4x4xi8>
  return
}

// -----

func.func @matmul_b_type(%a: tensor<4x8xf16>, %b: tensor<8x4xbf16>) {
  // expected-error @+1 {{'ascend.matmul' op b has element type 'bf16', expected f16 (a's element type)}}
  %0 = ascend.matmul %a, %b : tensor<4x8xf16>, tensor<8x4xbf16> -> tensor<4x4xf16>
  return
}

// -----

func.func @matmul_result_type(%a: tensor<4x8xf16>, %b: tensor<8x4xf16>) {
  // expected-error @+1 {{'ascend.matmul' op result has element type 'bf16', expected f16 or f32}}
  %0 = ascend.matmul %a, %b : tensor<4x8xf16>, tensor<8x4xf16> -> tensor<4x4xbf16>
  return
}

// -----

func.func @matmul_a_rank(%a: tensor<2x4x8xf16>, %b: tensor<8x4xf16>) {
  // expected-error @+1 {{'ascend.matmul' op a must have rank 2, got 3}}
  %0 = ascend.matmul %a, %b : tensor<2x4x8xf16>, tensor<8x4xf16> -> tensor<4x4xf16>
  return
}

// -----

func.func @matmul_b_rank(%a: tensor<4x8xf16>, %b: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.matmul' op b must have rank 2, got 1}}
  %0 = ascend.matmul %a, %b : tensor<4x8xf16>, tensor<8xf16> -> tensor<4x4xf16>
  return
}

// -----

func.func @matmul_result_rank(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{'ascend.matmul' op result must have rank 2, got 3}}
  %0 = ascend.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xf32> -> tensor<1x4x4xf32>
  return
}

// -----

func.func @matmul_contraction(%a: tensor<64x128xf16>, %b: tensor<256x64xf16>) {
  // expected-error @+1 {{'ascend.matmul' op contraction dims differ: a has K = 128 (dim 1), b has K = 64 (dim 1)}}
  %0 = ascend.matmul %a, %b {transpose_b} : tensor<64x128xf16>, tensor<256x64xf16> -> tensor<64x256xf16>
  return
}

// -----

func.func @matmul_result_shape(%a: tensor<128x64xf16>, %b: tensor<128x256xf16>) {
  // expected-error @+1 {{'ascend.matmul' op result has shape [64, 128], expected [64, 256] ([M, N] of a and b)}}
  %0 = ascend.matmul %a, %b {transpose_a} : tensor<128x64xf16>, tensor<128x256xf16> -> tensor<64x128xf32>
  return
}

// -----

func.func @batch_matmul_result_type(%a: tensor<2x4x8xf32>, %b: tensor<2x8x4xf32>) {
  // expected-error @+1 {{'ascend.batch_matmul' op result has element type 'f16', expected f32}}
  %0 = ascend.batch_matmul %a, %b : tensor<2x4x8xf32>, tensor<2x8x4xf32> -> tensor<2x4x4xf16>
  return
}

// -----

func.func @batch_matmul_rank(%a: tensor<4x8xf16>, %b: tensor<2x8x4xf16>) {
  // expected-error @+1 {{'ascend.batch_matmul' op a must have rank 3, got 2}}
  %0 = ascend.batch_matmul %a, %b : tensor<4x8xf16>, tensor<2x8x4xf16> -> tensor<2x4x4xf16>
  return
}

// -----

func.func @batch_matmul_batch(%a: tensor<4x16x64xf16>, %b: tensor<8x64x16xf16>) {
  // expected-error @+1 {{'ascend.batch_matmul' op b dim 0 is 8, expected 4 (a's batch dim)}}
  %0 = ascend.batch_matmul %a, %b : tensor<4x16x64xf16>, tensor<8x64x16xf16> -> tensor<4x16x16xf16>
  return
}

// -----

func.func @batch_matmul_contraction(%a: tensor<4x64x16xbf16>, %b: tensor<4x32x16xbf16>) {
  // expected-error @+1 {{'ascend.batch_matmul' op contraction dims differ: a has K = 64 (dim 1), b has K = 32 (dim 1)}}
  %0 = ascend.batch_matmul %a, %b {transpose_a} : tensor<4x64x16xbf16>, tensor<4x32x16xbf16> -> tensor<4x16x16xbf16>
  return
}

// -----

func.func @batch_matmul_result_shape(%a: tensor<?x16x64xf16>, %b: tensor<4x64x32xf16>) {
  // expected-error @+1 {{'ascend.batch_matmul' op result has shape [8, 16, 32], expected [4, 16, 32] ([batch, M, N] of a and b)}}
  %0 = ascend.batch_matmul %a, %b : tensor<?x16x64xf16>, tensor<4x64x32xf16> -> tensor<8x16x32xf16>
  return
}

// -----

func.func @add_lhs_type(%a: tensor<4xi32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{'ascend.add' op lhs has element type 'i32', expected f16, bf16 or f32}}
  %0 = ascend.add %a, %b : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @sub_rhs_type(%a: tensor<4xf16>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'ascend.sub' op rhs has element type 'f32', expected f16 (lhs's element type)}}
  %0 = ascend.sub %a, %b : tensor<4xf16>, tensor<4xf32> -> tensor<4xf16>
  return
}

// -----

func.func @mul_result_type(%a: tensor<4xbf16>, %b: tensor<4xbf16>) {
  // expected-error @+1 {{'ascend.mul' op result has element type 'f32', expected bf16 (lhs's element type)}}
  %0 = ascend.mul %a, %b : tensor<4xbf16>, tensor<4xbf16> -> tensor<4xf32>
  return
}

// -----

func.func @div_not_broadcastable(%a: tensor<2x4xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'ascend.div' op lhs and rhs are not broadcast-compatible: lhs dim 1 is 4, rhs dim 0 is 8}}
  %0 = ascend.div %a, %b : tensor<2x4xf32>, tensor<8xf32> -> tensor<2x8xf32>
  return
}

// -----

func.func @max_result_shape(%a: tensor<4x1xf16>, %b: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.max' op result has shape [4, 9], expected [4, 8] (the broadcast of lhs and rhs)}}
  %0 = ascend.max %a, %b : tensor<4x1xf16>, tensor<8xf16> -> tensor<4x9xf16>
  return
}

// -----

func.func @min_result_rank(%a: tensor<?x8xf16>, %b: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.min' op result has shape [8], expected [?, 8] (the broadcast of lhs and rhs)}}
  %0 = ascend.min %a, %b : tensor<?x8xf16>, tensor<8xf16> -> tensor<8xf16>
  return
}

// -----

func.func @exp_x_type(%x: tensor<4xi8>) {
  // expected-error @+1 {{'ascend.exp' op x has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.exp %x : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @log_result_type(%x: tensor<4xf16>) {
  // expected-error @+1 {{'ascend.log' op result has element type 'f32', expected f16 (x's element type)}}
  %0 = ascend.log %x : tensor<4xf16> -> tensor<4xf32>
  return
}

// -----

func.func @sqrt_result_shape(%x: tensor<8x4xf32>) {
  // expected-error @+1 {{'ascend.sqrt' op result has shape [4, 8], expected [8, 4] (x's shape)}}
  %0 = ascend.sqrt %x : tensor<8x4xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @rsqrt_x_type(%x: tensor<4xf64>) {
  // expected-error @+1 {{'ascend.rsqrt' op x has element type 'f64', expected f16, bf16 or f32}}
  %0 = ascend.rsqrt %x : tensor<4xf64> -> tensor<4xf64>
  return
}

// -----

func.func @reciprocal_result_type(%x: tensor<4xbf16>) {
  // expected-error @+1 {{'ascend.reciprocal' op result has element type 'f16', expected bf16 (x's element type)}}
  %0 = ascend.reciprocal %x : tensor<4xbf16> -> tensor<4xf16>
  return
}

// -----

func.func @abs_result_rank(%x: tensor<4xf16>) {
  // expected-error @+1 {{'ascend.abs' op result has shape [1, 4], expected [4] (x's shape)}}
  %0 = ascend.abs %x : tensor<4xf16> -> tensor<1x4xf16>
  return
}

// -----

func.func @neg_x_type(%x: tensor<4xi32>) {
  // expected-error @+1 {{'ascend.neg' op x has element type 'i32', expected f16, bf16 or f32}}
  %0 = ascend.neg %x : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @relu_result_shape(%x: tensor<?x4xf16>) {
  // expected-error @+1 {{'ascend.relu' op result has shape [2, 8], expected [?, 4] (x's shape)}}
  %0 = ascend.relu %x : tensor<?x4xf16> -> tensor<2x8xf16>
  return
}

// -----

func.func @silu_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'ascend.silu' op result has element type 'bf16', expected f32 (x's element type)}}
  %0 = ascend.silu %x : tensor<4xf32> -> tensor<4xbf16>
  return
}

// -----

func.func @gelu_x_type(%x: tensor<4xi8>) {
  // expected-error @+1 {{'ascend.gelu' op x has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.gelu %x : tensor<4xi8> -> tensor<4xi8>
  return
}

// -----

func.func @tanh_x_type(%x: tensor<4xi32>) {
  // expected-error @+1 {{'ascend.tanh' op x has element type 'i32', expected f16, bf16 or f32}}
  %0 = ascend.tanh %x : tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

func.func @erf_shape(%x: tensor<4x8xf16>) {
  // expected-error @+1 {{'ascend.erf' op result has shape [8, 4], expected [4, 8] (x's shape)}}
  %0 = ascend.erf %x : tensor<4x8xf16> -> tensor<8x4xf16>
  return
}

// -----

func.func @cast_x_type(%x: tensor<4xi32>) {
  // expected-error @+1 {{'ascend.cast' op x has element type 'i32', expected f16, bf16 or f32}}
  %0 = ascend.cast <rint> %x : tensor<4xi32> -> tensor<4xf32>
  return
}

// -----

func.func @cast_result_type(%x: tensor<4xf16>) {
  // expected-error @+1 {{'ascend.cast' op result has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.cast <rint> %x : tensor<4xf16> -> tensor<4xi8>
  return
}

// -----

func.func @cast_same_type(%x: tensor<4xf16>) {
  // expected-error @+1 {{'ascend.cast' op result has element type 'f16', the same as x; a cast must change it}}
  %0 = ascend.cast <rint> %x : tensor<4xf16> -> tensor<4xf16>
  return
}

// -----

func.func @cast_result_shape(%x: tensor<4x8xf32>) {
  // expected-error @+1 {{'ascend.cast' op result has shape [8, 4], expected [4, 8] (x's shape)}}
  %0 = ascend.cast <floor> %x : tensor<4x8xf32> -> tensor<8x4xf16>
  return
}

// -----

func.func @cast_round_mode_kind(%x: tensor<4xf32>) {
  // expected-error @+1 {{Invalid attribute `round_mode` in property conversion: #aicore.pipe<v>}}
  %0 = "ascend.cast"(%x) <{round_mode = #aicore.pipe<v>}> : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @rms_norm_x_rank(%x: tensor<f16>, %g: tensor<1xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op x must have rank at least 1, got 0}}
  %0 = ascend.rms_norm %x, %g : tensor<f16>, tensor<1xf16> -> tensor<f16>
  return
}

// -----

func.func @rms_norm_x_type(%x: tensor<4x8xi8>, %g: tensor<8xf32>) {
  // expected-error @+1 {{'ascend.rms_norm' op x has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.rms_norm %x, %g : tensor<4x8xi8>, tensor<8xf32> -> tensor<4x8xi8>
  return
}

// -----

func.func @rms_norm_gamma_rank(%x: tensor<4x8xf16>, %g: tensor<1x8xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op gamma must have rank 1, got 2}}
  %0 = ascend.rms_norm %x, %g : tensor<4x8xf16>, tensor<1x8xf16> -> tensor<4x8xf16>
  return
}

// -----

func.func @rms_norm_gamma_type(%x: tensor<4x8xbf16>, %g: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op gamma has element type 'f16', expected bf16 or f32}}
  %0 = ascend.rms_norm %x, %g : tensor<4x8xbf16>, tensor<8xf16> -> tensor<4x8xbf16>
  return
}

// -----

func.func @rms_norm_gamma_size(%x: tensor<4x128xf16>, %g: tensor<64xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op gamma dim 0 is 64, expected 128 (x's last dim)}}
  %0 = ascend.rms_norm %x, %g : tensor<4x128xf16>, tensor<64xf16> -> tensor<4x128xf16>
  return
}

// -----

func.func @rms_norm_epsilon(%x: tensor<4x8xf16>, %g: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op epsilon must be finite and non-negative, got -1.000000e-06}}
  %0 = ascend.rms_norm %x, %g {epsilon = -1.0e-6 : f32} : tensor<4x8xf16>, tensor<8xf16> -> tensor<4x8xf16>
  return
}

// -----

func.func @rms_norm_result_type(%x: tensor<4x8xbf16>, %g: tensor<8xf32>) {
  // expected-error @+1 {{'ascend.rms_norm' op result has element type 'f32', expected bf16 (x's element type)}}
  %0 = ascend.rms_norm %x, %g : tensor<4x8xbf16>, tensor<8xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @rms_norm_result_shape(%x: tensor<4x8xf16>, %g: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.rms_norm' op result has shape [8], expected [4, 8] (x's shape)}}
  %0 = ascend.rms_norm %x, %g : tensor<4x8xf16>, tensor<8xf16> -> tensor<8xf16>
  return
}

// -----

func.func @rope_x_rank(%x: tensor<16x64xbf16>, %c: tensor<16x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op x must have rank 3 or 4, got 2}}
  %0 = ascend.rope <half> %x, %c, %c : tensor<16x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x64xbf16>
  return
}

// -----

func.func @rope_x_type(%x: tensor<16x8x64xi8>, %c: tensor<16x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op x has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.rope <half> %x, %c, %c : tensor<16x8x64xi8>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x8x64xi8>
  return
}

// -----

func.func @rope_odd_head_dim(%x: tensor<16x8x63xbf16>, %c: tensor<16x31xf32>) {
  // expected-error @+1 {{'ascend.rope' op x's head dim (dim 2) must be even to form pairs, got 63}}
  %0 = ascend.rope <interleaved> %x, %c, %c : tensor<16x8x63xbf16>, tensor<16x31xf32>, tensor<16x31xf32> -> tensor<16x8x63xbf16>
  return
}

// -----

func.func @rope_cos_rank(%x: tensor<16x8x64xbf16>, %c: tensor<1x16x32xf32>, %s: tensor<16x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op cos must have rank 2, got 3}}
  %0 = ascend.rope <half> %x, %c, %s : tensor<16x8x64xbf16>, tensor<1x16x32xf32>, tensor<16x32xf32> -> tensor<16x8x64xbf16>
  return
}

// -----

func.func @rope_sin_type(%x: tensor<16x8x64xbf16>, %c: tensor<16x32xf32>, %s: tensor<16x32xf16>) {
  // expected-error @+1 {{'ascend.rope' op sin has element type 'f16', expected bf16 or f32}}
  %0 = ascend.rope <half> %x, %c, %s : tensor<16x8x64xbf16>, tensor<16x32xf32>, tensor<16x32xf16> -> tensor<16x8x64xbf16>
  return
}

// -----

func.func @rope_cos_tokens(%x: tensor<16x8x64xbf16>, %c: tensor<8x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op cos dim 0 is 8, expected 16 (x's token dim)}}
  %0 = ascend.rope <interleaved> %x, %c, %c : tensor<16x8x64xbf16>, tensor<8x32xf32>, tensor<8x32xf32> -> tensor<16x8x64xbf16>
  return
}

// -----

func.func @rope_sin_sequence(%x: tensor<2x32x8x64xf16>, %c: tensor<32x32xf16>, %s: tensor<8x32xf16>) {
  // expected-error @+1 {{'ascend.rope' op sin dim 0 is 8, expected 32 (x's sequence dim)}}
  %0 = ascend.rope <half> %x, %c, %s : tensor<2x32x8x64xf16>, tensor<32x32xf16>, tensor<8x32xf16> -> tensor<2x32x8x64xf16>
  return
}

// -----

func.func @rope_cos_pairs(%x: tensor<16x8x64xbf16>, %c: tensor<16x64xf32>) {
  // expected-error @+1 {{'ascend.rope' op cos dim 1 is 64, expected 32 (half of x's head dim)}}
  %0 = ascend.rope <interleaved> %x, %c, %c : tensor<16x8x64xbf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x8x64xbf16>
  return
}

// -----

func.func @rope_result_type(%x: tensor<16x8x64xbf16>, %c: tensor<16x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op result has element type 'f32', expected bf16 (x's element type)}}
  %0 = ascend.rope <half> %x, %c, %c : tensor<16x8x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x8x64xf32>
  return
}

// -----

func.func @rope_result_shape(%x: tensor<16x8x64xbf16>, %c: tensor<16x32xf32>) {
  // expected-error @+1 {{'ascend.rope' op result has shape [16, 4, 64], expected [16, 8, 64] (x's shape)}}
  %0 = ascend.rope <half> %x, %c, %c : tensor<16x8x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x4x64xbf16>
  return
}

// -----

func.func @softmax_x_type(%x: tensor<4x8xi32>) {
  // expected-error @+1 {{'ascend.softmax' op x has element type 'i32', expected f16, bf16 or f32}}
  %0 = ascend.softmax %x dim 1 : tensor<4x8xi32> -> tensor<4x8xi32>
  return
}

// -----

func.func @softmax_dim_too_large(%x: tensor<4x8xf16>) {
  // expected-error @+1 {{'ascend.softmax' op dim 2 is out of range [0, 2) for x of rank 2}}
  %0 = ascend.softmax %x dim 2 : tensor<4x8xf16> -> tensor<4x8xf16>
  return
}

// -----

func.func @softmax_dim_negative(%x: tensor<4x8xf16>) {
  // expected-error @+1 {{'ascend.softmax' op dim -1 is out of range [0, 2) for x of rank 2}}
  %0 = ascend.softmax %x dim -1 : tensor<4x8xf16> -> tensor<4x8xf16>
  return
}

// -----

func.func @softmax_result_type(%x: tensor<4x8xf16>) {
  // expected-error @+1 {{'ascend.softmax' op result has element type 'f32', expected f16 (x's element type)}}
  %0 = ascend.softmax %x dim 1 : tensor<4x8xf16> -> tensor<4x8xf32>
  return
}

// -----

func.func @softmax_missing_dim(%x: tensor<4x8xf16>) {
  // expected-error @+1 {{'ascend.softmax' op requires attribute 'dim'}}
  %0 = "ascend.softmax"(%x) : (tensor<4x8xf16>) -> tensor<4x8xf16>
  return
}

// -----

func.func @quantize_x_type(%x: tensor<4x8xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op x has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x8xi8>, tensor<1xf32> -> tensor<4x8xi8>
  return
}

// -----

func.func @quantize_result_type(%x: tensor<4x8xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op result has element type 'i16', expected i8 or i4}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x8xf16>, tensor<1xf32> -> tensor<4x8xi16>
  return
}

// -----

func.func @quantize_x_rank(%x: tensor<f16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op x must have rank at least 1, got 0}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<f16>, tensor<1xf32> -> tensor<i8>
  return
}

// -----

func.func @quantize_group_size_not_per_group(%x: tensor<4x128xf16>, %s: tensor<128xf32>) {
  // expected-error @+1 {{'ascend.quantize' op group_size is only valid with per_group granularity, got per_channel}}
  %0 = ascend.quantize <per_channel> %x scale %s group_size 32 : tensor<4x128xf16>, tensor<128xf32> -> tensor<4x128xi8>
  return
}

// -----

func.func @quantize_per_group_needs_group_size(%x: tensor<4x128xf16>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{'ascend.quantize' op per_group granularity requires a group_size}}
  %0 = ascend.quantize <per_group> %x scale %s : tensor<4x128xf16>, tensor<4x4xf32> -> tensor<4x128xi8>
  return
}

// -----

func.func @quantize_group_size_positive(%x: tensor<4x128xf16>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{'ascend.quantize' op group_size must be positive, got 0}}
  %0 = ascend.quantize <per_group> %x scale %s group_size 0 : tensor<4x128xf16>, tensor<4x4xf32> -> tensor<4x128xi8>
  return
}

// -----

func.func @quantize_group_size_divides(%x: tensor<4x100xf16>, %s: tensor<4x4xf32>) {
  // expected-error @+1 {{'ascend.quantize' op x's last dim 100 is not a multiple of group_size 32}}
  %0 = ascend.quantize <per_group> %x scale %s group_size 32 : tensor<4x100xf16>, tensor<4x4xf32> -> tensor<4x100xi8>
  return
}

// -----

func.func @quantize_per_token_rank(%x: tensor<128xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op per_token granularity needs x of rank at least 2, got 1}}
  %0 = ascend.quantize <per_token> %x scale %s : tensor<128xf16>, tensor<1xf32> -> tensor<128xi8>
  return
}

// -----

func.func @quantize_scale_type(%x: tensor<4x8xbf16>, %s: tensor<1xf16>) {
  // expected-error @+1 {{'ascend.quantize' op scale has element type 'f16', expected bf16 or f32}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x8xbf16>, tensor<1xf16> -> tensor<4x8xi8>
  return
}

// -----

func.func @quantize_offset_type(%x: tensor<4x8xf32>, %s: tensor<1xf32>, %o: tensor<1xi8>) {
  // expected-error @+1 {{'ascend.quantize' op offset has element type 'i8', expected f32}}
  %0 = ascend.quantize <per_tensor> %x scale %s offset %o : tensor<4x8xf32>, tensor<1xf32>, tensor<1xi8> -> tensor<4x8xi8>
  return
}

// -----

func.func @quantize_per_tensor_shape(%x: tensor<4x8xf16>, %s: tensor<4xf32>) {
  // expected-error @+1 {{'ascend.quantize' op scale has shape [4], expected [1] (per_tensor: one value)}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x8xf16>, tensor<4xf32> -> tensor<4x8xi8>
  return
}

// -----

func.func @quantize_per_channel_shape(%x: tensor<4x128xf16>, %s: tensor<64xf32>) {
  // expected-error @+1 {{'ascend.quantize' op scale has shape [64], expected [128] (per_channel: x's last dim)}}
  %0 = ascend.quantize <per_channel> %x scale %s : tensor<4x128xf16>, tensor<64xf32> -> tensor<4x128xi8>
  return
}

// -----

func.func @quantize_per_token_shape(%x: tensor<2x16x128xf16>, %s: tensor<32xf32>) {
  // expected-error @+1 {{'ascend.quantize' op scale has shape [32], expected [2, 16] (per_token: x's leading dims)}}
  %0 = ascend.quantize <per_token> %x scale %s : tensor<2x16x128xf16>, tensor<32xf32> -> tensor<2x16x128xi8>
  return
}

// -----

func.func @quantize_per_group_shape(%x: tensor<512x1024xf16>, %s: tensor<512x4xf32>) {
  // expected-error @+1 {{'ascend.quantize' op scale has shape [512, 4], expected [512, 8] (per_group: x's leading dims, then its last dim / group_size)}}
  %0 = ascend.quantize <per_group> %x scale %s group_size 128 : tensor<512x1024xf16>, tensor<512x4xf32> -> tensor<512x1024xi4>
  return
}

// -----

func.func @quantize_offset_shape(%x: tensor<4x128xf16>, %s: tensor<128xf32>, %o: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op offset has shape [1], expected [128] (per_channel: x's last dim)}}
  %0 = ascend.quantize <per_channel> %x scale %s offset %o : tensor<4x128xf16>, tensor<128xf32>, tensor<1xf32> -> tensor<4x128xi8>
  return
}

// -----

func.func @quantize_result_shape(%x: tensor<4x8xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op result has shape [8, 4], expected [4, 8] (x's shape)}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x8xf16>, tensor<1xf32> -> tensor<8x4xi8>
  return
}

// -----

func.func @quantize_int4_packing(%x: tensor<4x127xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quantize' op result holds i4, packed two per byte, so its last dim must be even, got 127}}
  %0 = ascend.quantize <per_tensor> %x scale %s : tensor<4x127xf16>, tensor<1xf32> -> tensor<4x127xi4>
  return
}

// -----

func.func @quantize_granularity_kind(%x: tensor<4x8xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{Invalid attribute `granularity` in property conversion: #ascend.rope_mode<half>}}
  %0 = "ascend.quantize"(%x, %s) <{granularity = #ascend.rope_mode<half>}> : (tensor<4x8xf16>, tensor<1xf32>) -> tensor<4x8xi8>
  return
}

// -----

func.func @dequantize_x_type(%x: tensor<4x8xf16>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.dequantize' op x has element type 'f16', expected i8, i4 or i32}}
  %0 = ascend.dequantize <per_tensor> %x scale %s : tensor<4x8xf16>, tensor<1xf32> -> tensor<4x8xf16>
  return
}

// -----

func.func @dequantize_result_type(%x: tensor<4x8xi32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.dequantize' op result has element type 'i8', expected f16, bf16 or f32}}
  %0 = ascend.dequantize <per_tensor> %x scale %s : tensor<4x8xi32>, tensor<1xf32> -> tensor<4x8xi8>
  return
}

// -----

func.func @dequantize_scale_type(%x: tensor<4x8xi8>, %s: tensor<8xf16>) {
  // expected-error @+1 {{'ascend.dequantize' op scale has element type 'f16', expected bf16 or f32}}
  %0 = ascend.dequantize <per_channel> %x scale %s : tensor<4x8xi8>, tensor<8xf16> -> tensor<4x8xbf16>
  return
}

// -----

func.func @dequantize_per_group_shape(%x: tensor<?x256xi4>, %s: tensor<?x4xf32>) {
  // expected-error @+1 {{'ascend.dequantize' op scale has shape [?, 4], expected [?, 2] (per_group: x's leading dims, then its last dim / group_size)}}
  %0 = ascend.dequantize <per_group> %x scale %s group_size 128 : tensor<?x256xi4>, tensor<?x4xf32> -> tensor<?x256xf16>
  return
}

// -----

func.func @dequantize_result_shape(%x: tensor<16x64xi32>, %s: tensor<16xf32>) {
  // expected-error @+1 {{'ascend.dequantize' op result has shape [16, 32], expected [16, 64] (x's shape)}}
  %0 = ascend.dequantize <per_token> %x scale %s : tensor<16x64xi32>, tensor<16xf32> -> tensor<16x32xf16>
  return
}

// -----

func.func @dequantize_int4_packing(%x: tensor<4x7xi4>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.dequantize' op x holds i4, packed two per byte, so its last dim must be even, got 7}}
  %0 = ascend.dequantize <per_tensor> %x scale %s : tensor<4x7xi4>, tensor<1xf32> -> tensor<4x7xf16>
  return
}

// -----

func.func @quant_matmul_a_type(%a: tensor<16x64xf16>, %b: tensor<64x256xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op a has element type 'f16', expected i8}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xf16>, tensor<64x256xi8>, tensor<1xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_b_type(%a: tensor<16x64xi8>, %b: tensor<64x256xi4>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op b has element type 'i4', expected i8}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi4>, tensor<1xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_result_type(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op result has element type 'f32', expected f16 or bf16}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32> -> tensor<16x256xf32>
  return
}

// -----

func.func @quant_matmul_a_rank(%a: tensor<1x16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op a must have rank 2, got 3}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<1x16x64xi8>, tensor<64x256xi8>, tensor<1xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_contraction(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op contraction dims differ: a has K = 64 (dim 1), b has K = 256 (dim 1)}}
  %0 = ascend.quant_matmul %a, %b scale %s {transpose_b} : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32> -> tensor<16x64xbf16>
  return
}

// -----

func.func @quant_matmul_result_shape(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op result has shape [16, 128], expected [16, 256] ([M, N] of a and b)}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32> -> tensor<16x128xbf16>
  return
}

// -----

func.func @quant_matmul_scale_rank(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1x256xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op scale must have rank 1, got 2}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1x256xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_scale_type(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<256xf16>) {
  // expected-error @+1 {{'ascend.quant_matmul' op scale has element type 'f16', expected f32}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi8>, tensor<256xf16> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_scale_size(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<128xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op scale has 128 elements, expected 1 (per-tensor) or 256 (per-channel: N of b)}}
  %0 = ascend.quant_matmul %a, %b scale %s : tensor<16x64xi8>, tensor<64x256xi8>, tensor<128xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_per_token_rank(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>, %t: tensor<16x1xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op per_token_scale must have rank 1, got 2}}
  %0 = ascend.quant_matmul %a, %b scale %s per_token_scale %t : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32>, tensor<16x1xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_per_token_type(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>, %t: tensor<16xbf16>) {
  // expected-error @+1 {{'ascend.quant_matmul' op per_token_scale has element type 'bf16', expected f32}}
  %0 = ascend.quant_matmul %a, %b scale %s per_token_scale %t : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32>, tensor<16xbf16> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_per_token_size(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>, %t: tensor<32xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op per_token_scale dim 0 is 32, expected 16 (M of a)}}
  %0 = ascend.quant_matmul %a, %b scale %s per_token_scale %t : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32>, tensor<32xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_bias_rank(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>, %bias: tensor<1x256xi32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op bias must have rank 1, got 2}}
  %0 = ascend.quant_matmul %a, %b scale %s bias %bias : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32>, tensor<1x256xi32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_bias_type(%a: tensor<16x64xi8>, %b: tensor<64x256xi8>, %s: tensor<1xf32>, %bias: tensor<256xf32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op bias has element type 'f32', expected i32}}
  %0 = ascend.quant_matmul %a, %b scale %s bias %bias : tensor<16x64xi8>, tensor<64x256xi8>, tensor<1xf32>, tensor<256xf32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @quant_matmul_bias_size(%a: tensor<16x64xi8>, %b: tensor<256x64xi8>, %s: tensor<1xf32>, %bias: tensor<128xi32>) {
  // expected-error @+1 {{'ascend.quant_matmul' op bias dim 0 is 128, expected 256 (N of b)}}
  %0 = ascend.quant_matmul %a, %b scale %s bias %bias {transpose_b} : tensor<16x64xi8>, tensor<256x64xi8>, tensor<1xf32>, tensor<128xi32> -> tensor<16x256xbf16>
  return
}

// -----

func.func @unranked_operand(%x: tensor<*xf16>) {
  // expected-error @+1 {{'ascend.exp' op operand #0 must be ranked tensor of f16, bf16 or f32, but got 'tensor<*xf16>'}}
  %0 = "ascend.exp"(%x) : (tensor<*xf16>) -> tensor<4xf16>
  return
}

// -----

func.func @repeat_dim(%x: tensor<8x16xf16>) {
  // expected-error @+1 {{'ascend.repeat' op dim 2 is out of range [0, 2) for x of rank 2}}
  %0 = ascend.repeat %x dim 2 times 2 : tensor<8x16xf16> -> tensor<8x32xf16>
  return
}

// -----

func.func @repeat_times(%x: tensor<8x16xf16>) {
  // expected-error @+1 {{'ascend.repeat' op times must be at least 1, got 0}}
  %0 = ascend.repeat %x dim 0 times 0 : tensor<8x16xf16> -> tensor<8x16xf16>
  return
}

// -----

func.func @repeat_shape(%x: tensor<8x16xf16>) {
  // expected-error @+1 {{'ascend.repeat' op result has shape [8, 16], expected [32, 16] (x's shape, dim 0 times 4)}}
  %0 = ascend.repeat %x dim 0 times 4 : tensor<8x16xf16> -> tensor<8x16xf16>
  return
}

// -----

func.func @repeat_type(%x: tensor<8x16xf16>) {
  // expected-error @+1 {{'ascend.repeat' op result has element type 'bf16', expected x's ('f16')}}
  %0 = ascend.repeat %x dim 0 times 2 : tensor<8x16xf16> -> tensor<16x16xbf16>
  return
}
