// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics

func.func @broadcast(%a: tensor<64x128xf16>, %b: tensor<64x1x128xf16>) -> tensor<64x64x128xf16> {
  // expected-error @+1 {{lhs of shape [64x128] broadcasts against the result [64x64x128] in a way that is not lowered yet; expected the result's shape, a row along the last dim ([C] or [1, ..., C]), one value per row ([..., R, 1]), a row per leading index ([A, 1, ..., C]) or a single element}}
  %c = ascend.add %a, %b : tensor<64x128xf16>, tensor<64x1x128xf16> -> tensor<64x64x128xf16>
  return %c : tensor<64x64x128xf16>
}


// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @matmul_coupled(%a: tensor<100x64xf16>, %b: tensor<64x64xf16>) -> tensor<100x64xf16> {
    // expected-error @+1 {{on Ascend310P cube results leave through UB, which is not lowered yet}}
    %c = ascend.matmul %a, %b : tensor<100x64xf16>, tensor<64x64xf16> -> tensor<100x64xf16>
    return %c : tensor<100x64xf16>
  }
}

// -----

func.func @dynamic(%a: tensor<?x64xf16>) -> tensor<?x64xf16> {
  // expected-error @+1 {{ascend.exp is lowered for statically shaped, non-empty operands and results, got 'tensor<?x64xf16>'}}
  %c = ascend.exp %a : tensor<?x64xf16> -> tensor<?x64xf16>
  return %c : tensor<?x64xf16>
}

// -----

func.func @quantize(%x: tensor<16x256xbf16>, %s: tensor<16xf32>) -> tensor<16x256xi8> {
  // expected-error @+1 {{convert-ascend-to-aicore cannot lower this op yet (lowered: matmul, batch_matmul, elementwise ops with row, per-row and single-element broadcasting, silu, gelu, tanh, erf, cast, softmax over the last dim, rms_norm, rope, flash_attention, paged_attention, reshape_and_cache and fused_vector)}}
  %y = ascend.quantize <per_token> %x scale %s : tensor<16x256xbf16>, tensor<16xf32> -> tensor<16x256xi8>
  return %y : tensor<16x256xi8>
}

// -----

func.func @rope_interleaved(%x: tensor<16x4x40xbf16>, %c: tensor<16x20xf32>) -> tensor<16x4x40xbf16> {
  // expected-error @+1 {{rope <interleaved> with head dim 40 is not lowered yet: each half row of 20 f32 elements must be whole 32-byte UB blocks, expected a head dim that is a multiple of 16}}
  %y = ascend.rope <interleaved> %x, %c, %c : tensor<16x4x40xbf16>, tensor<16x20xf32>, tensor<16x20xf32> -> tensor<16x4x40xbf16>
  return %y : tensor<16x4x40xbf16>
}

// -----

func.func @rope_narrow_head(%x: tensor<16x4x24xf16>, %c: tensor<16x12xf16>) -> tensor<16x4x24xf16> {
  // expected-error @+1 {{rope <half> with head dim 24 is not lowered yet: each half row of 12 f32 elements must be whole 32-byte UB blocks, expected a head dim that is a multiple of 16}}
  %y = ascend.rope <half> %x, %c, %c : tensor<16x4x24xf16>, tensor<16x12xf16>, tensor<16x12xf16> -> tensor<16x4x24xf16>
  return %y : tensor<16x4x24xf16>
}

// -----

func.func @rope_many_heads(%x: tensor<2x512x128xf32>, %c: tensor<2x64xf32>) -> tensor<2x512x128xf32> {
  // expected-error @+1 {{one position of rope needs 1573888 bytes of UB, more than the 196608 bytes UB has; that many heads are not lowered yet}}
  %y = ascend.rope <half> %x, %c, %c : tensor<2x512x128xf32>, tensor<2x64xf32>, tensor<2x64xf32> -> tensor<2x512x128xf32>
  return %y : tensor<2x512x128xf32>
}

// -----

func.func @softmax_dim0(%a: tensor<64x128xf16>) -> tensor<64x128xf16> {
  // expected-error @+1 {{softmax along dim 0 of a rank 2 tensor is not lowered yet; only the last dim is}}
  %c = ascend.softmax %a dim 0 : tensor<64x128xf16> -> tensor<64x128xf16>
  return %c : tensor<64x128xf16>
}


