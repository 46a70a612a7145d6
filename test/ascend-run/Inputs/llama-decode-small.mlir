// examples/llama_decode_attention.mlir's program at small sizes, for values
// (llama-decode.test): batch 4, hidden 1024, 8 query heads and 2 KV heads of
// 128, a paged cache of 12 blocks of 128 tokens, 3 blocks per sequence.
module {
  func.func @llama_decode_small(
      %x: tensor<4x1024xbf16>, %gamma: tensor<1024xbf16>,
      %wq: tensor<1024x1024xbf16>, %wk: tensor<1024x256xbf16>,
      %wv: tensor<1024x256xbf16>,
      %cos: tensor<4x64xf32>, %sin: tensor<4x64xf32>,
      %key_cache: tensor<12x128x2x128xbf16>,
      %value_cache: tensor<12x128x2x128xbf16>,
      %slots: tensor<4xi32>, %block_tables: tensor<4x3xi32>,
      %context_lens: tensor<4xi32>)
      -> (tensor<4x8x128xbf16>, tensor<12x128x2x128xbf16>,
          tensor<12x128x2x128xbf16>) {
    %h = ascend.rms_norm %x, %gamma {epsilon = 1.0e-5 : f32}
        : tensor<4x1024xbf16>, tensor<1024xbf16> -> tensor<4x1024xbf16>
    %q = ascend.matmul %h, %wq : tensor<4x1024xbf16>, tensor<1024x1024xbf16> -> tensor<4x1024xbf16>
    %k = ascend.matmul %h, %wk : tensor<4x1024xbf16>, tensor<1024x256xbf16> -> tensor<4x256xbf16>
    %v = ascend.matmul %h, %wv : tensor<4x1024xbf16>, tensor<1024x256xbf16> -> tensor<4x256xbf16>
    %q3 = tensor.expand_shape %q [[0], [1, 2]] output_shape [4, 8, 128] : tensor<4x1024xbf16> into tensor<4x8x128xbf16>
    %k3 = tensor.expand_shape %k [[0], [1, 2]] output_shape [4, 2, 128] : tensor<4x256xbf16> into tensor<4x2x128xbf16>
    %v3 = tensor.expand_shape %v [[0], [1, 2]] output_shape [4, 2, 128] : tensor<4x256xbf16> into tensor<4x2x128xbf16>
    %qr = ascend.rope <half> %q3, %cos, %sin
        : tensor<4x8x128xbf16>, tensor<4x64xf32>, tensor<4x64xf32> -> tensor<4x8x128xbf16>
    %kr = ascend.rope <half> %k3, %cos, %sin
        : tensor<4x2x128xbf16>, tensor<4x64xf32>, tensor<4x64xf32> -> tensor<4x2x128xbf16>
    %kc, %vc = ascend.reshape_and_cache %kr, %v3 into %key_cache, %value_cache slots %slots
        : tensor<4x2x128xbf16>, tensor<4x2x128xbf16>, tensor<12x128x2x128xbf16>,
          tensor<12x128x2x128xbf16>, tensor<4xi32>
        -> tensor<12x128x2x128xbf16>, tensor<12x128x2x128xbf16>
    %o = ascend.paged_attention %qr, %kc, %vc block_tables %block_tables context_lens %context_lens
        scale 0.0883883461
        : tensor<4x8x128xbf16>, tensor<12x128x2x128xbf16>, tensor<12x128x2x128xbf16>,
          tensor<4x3xi32>, tensor<4xi32> -> tensor<4x8x128xbf16>
    return %o, %kc, %vc : tensor<4x8x128xbf16>, tensor<12x128x2x128xbf16>, tensor<12x128x2x128xbf16>
  }
}
