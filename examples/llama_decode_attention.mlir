// Tensor level: one LLaMA-3-70B attention step for a decode batch of 16
// sequences (64 query heads, 8 KV heads, head_dim 128, hidden 8192): RMSNorm,
// Q/K/V projections, RoPE (half-split pairs), the KV-cache update by slot
// and paged attention over the cache through a block table. ascend-run
// lowers and runs it (8 launches; the caches are updated in place, the
// results tied to them with aicore.aliases). Timing only, with real block
// tables from test/ascend-run/Inputs/llama_decode.py:
//   ascend-run examples/llama_decode_attention.mlir --timing-only --seed 1 \
//     --zeros key_cache --zeros value_cache --zeros wq \
//     --input slots=real_slots.npy --input block_tables=real_tables.npy \
//     --input context_lens=real_lens.npy
// test/ascend-run/llama-decode.test checks its values at small sizes.
module {
  func.func @llama_decode_attention(
      %x: tensor<16x8192xbf16>, %gamma: tensor<8192xbf16>,
      %wq: tensor<8192x8192xbf16>, %wk: tensor<8192x1024xbf16>,
      %wv: tensor<8192x1024xbf16>,
      %cos: tensor<16x64xf32>, %sin: tensor<16x64xf32>,
      %key_cache: tensor<2048x128x8x128xbf16>,
      %value_cache: tensor<2048x128x8x128xbf16>,
      %slots: tensor<16xi32>, %block_tables: tensor<16x64xi32>,
      %context_lens: tensor<16xi32>)
      -> (tensor<16x64x128xbf16>, tensor<2048x128x8x128xbf16>,
          tensor<2048x128x8x128xbf16>) {
    %h = ascend.rms_norm %x, %gamma {epsilon = 1.0e-5 : f32}
        : tensor<16x8192xbf16>, tensor<8192xbf16> -> tensor<16x8192xbf16>
    %q = ascend.matmul %h, %wq : tensor<16x8192xbf16>, tensor<8192x8192xbf16> -> tensor<16x8192xbf16>
    %k = ascend.matmul %h, %wk : tensor<16x8192xbf16>, tensor<8192x1024xbf16> -> tensor<16x1024xbf16>
    %v = ascend.matmul %h, %wv : tensor<16x8192xbf16>, tensor<8192x1024xbf16> -> tensor<16x1024xbf16>
    %q3 = tensor.expand_shape %q [[0], [1, 2]] output_shape [16, 64, 128] : tensor<16x8192xbf16> into tensor<16x64x128xbf16>
    %k3 = tensor.expand_shape %k [[0], [1, 2]] output_shape [16, 8, 128] : tensor<16x1024xbf16> into tensor<16x8x128xbf16>
    %v3 = tensor.expand_shape %v [[0], [1, 2]] output_shape [16, 8, 128] : tensor<16x1024xbf16> into tensor<16x8x128xbf16>
    %qr = ascend.rope <half> %q3, %cos, %sin
        : tensor<16x64x128xbf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64x128xbf16>
    %kr = ascend.rope <half> %k3, %cos, %sin
        : tensor<16x8x128xbf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x8x128xbf16>
    %kc, %vc = ascend.reshape_and_cache %kr, %v3 into %key_cache, %value_cache slots %slots
        : tensor<16x8x128xbf16>, tensor<16x8x128xbf16>, tensor<2048x128x8x128xbf16>,
          tensor<2048x128x8x128xbf16>, tensor<16xi32>
        -> tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
    %o = ascend.paged_attention %qr, %kc, %vc block_tables %block_tables context_lens %context_lens
        scale 0.0883883461
        : tensor<16x64x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>,
          tensor<16x64xi32>, tensor<16xi32> -> tensor<16x64x128xbf16>
    return %o, %kc, %vc : tensor<16x64x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
  }
}
