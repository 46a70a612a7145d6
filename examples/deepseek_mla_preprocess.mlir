// Tensor level: DeepSeek-V3's fused MLA preprocess for 16 decode tokens at the
// model's real shapes (hidden 7168, q_lora_rank 1536, kv_lora_rank 512,
// rope dim 64, nope dim 128, 128 heads): RMSNorm, the down projection
// W_DQKV (N = 1536 + 512 + 64 = 2112), the q up projection W_UQ
// (N = 128 x 192 = 24576), RoPE on interleaved pairs, q_nope absorbed
// through W_UK, and the compressed kv and k_rope written to their caches by
// slot. See the op's description (ninja -C build docs) for every step.
module {
  func.func @mla_preprocess(
      %hidden: tensor<16x7168xbf16>, %g_hidden: tensor<7168xbf16>,
      %g_q: tensor<1536xbf16>, %g_kv: tensor<512xbf16>,
      %w_dqkv: tensor<7168x2112xbf16>, %w_uq: tensor<1536x24576xbf16>,
      %w_uk: tensor<128x128x512xbf16>,
      %cos: tensor<16x32xbf16>, %sin: tensor<16x32xbf16>,
      %kv_cache: tensor<1024x128x1x512xbf16>,
      %k_rope_cache: tensor<1024x128x1x64xbf16>, %slots: tensor<16xi32>)
      -> (tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
          tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>) {
    %q_absorbed, %q_rope, %kv, %kr = ascend.mla_preprocess %hidden
        norms(%g_hidden, %g_q, %g_kv) weights(%w_dqkv, %w_uq, %w_uk)
        rope(%cos, %sin) into %kv_cache, %k_rope_cache slots %slots
        : tensor<16x7168xbf16>, tensor<7168xbf16>, tensor<1536xbf16>, tensor<512xbf16>,
          tensor<7168x2112xbf16>, tensor<1536x24576xbf16>, tensor<128x128x512xbf16>,
          tensor<16x32xbf16>, tensor<16x32xbf16>, tensor<1024x128x1x512xbf16>,
          tensor<1024x128x1x64xbf16>, tensor<16xi32>
        -> tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
           tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
    return %q_absorbed, %q_rope, %kv, %kr
        : tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
          tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
  }
}
