// Tensor-level flash_attention cases for lower-flash-attention.test; the
// NumPy references are written by flash_attention.py.

// MHA, f16: 2 batches x 2 heads, 128 queries over 192 keys.
func.func @mha_f16(%q: tensor<2x2x128x64xf16>, %k: tensor<2x2x192x64xf16>,
                   %v: tensor<2x2x192x64xf16>) -> tensor<2x2x128x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<2x2x128x64xf16>, tensor<2x2x192x64xf16>,
        tensor<2x2x192x64xf16> -> tensor<2x2x128x64xf16>
  return %o : tensor<2x2x128x64xf16>
}

// GQA, bf16, causal with 64 cached tokens: 4 query heads over 2 KV heads.
func.func @gqa_causal_bf16(%q: tensor<1x4x128x128xbf16>,
                           %k: tensor<1x2x192x128xbf16>,
                           %v: tensor<1x2x192x128xbf16>)
    -> tensor<1x4x128x128xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461 causal
      : tensor<1x4x128x128xbf16>, tensor<1x2x192x128xbf16>,
        tensor<1x2x192x128xbf16> -> tensor<1x4x128x128xbf16>
  return %o : tensor<1x4x128x128xbf16>
}

// MQA, f16, causal prefill (Sq = Skv), Dv != D.
func.func @mqa_causal_f16(%q: tensor<1x2x256x64xf16>,
                          %k: tensor<1x1x256x64xf16>,
                          %v: tensor<1x1x256x32xf16>)
    -> tensor<1x2x256x32xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x256x64xf16>, tensor<1x1x256x64xf16>,
        tensor<1x1x256x32xf16> -> tensor<1x2x256x32xf16>
  return %o : tensor<1x2x256x32xf16>
}

// MHA, bf16, not causal.
func.func @mha_bf16(%q: tensor<1x2x64x128xbf16>, %k: tensor<1x2x256x128xbf16>,
                    %v: tensor<1x2x256x128xbf16>) -> tensor<1x2x64x128xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461
      : tensor<1x2x64x128xbf16>, tensor<1x2x256x128xbf16>,
        tensor<1x2x256x128xbf16> -> tensor<1x2x64x128xbf16>
  return %o : tensor<1x2x64x128xbf16>
}
