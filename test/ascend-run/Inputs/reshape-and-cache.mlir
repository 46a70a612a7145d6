// Programs for reshape-and-cache.test.

// The caches are arguments read by nothing else: the results are tied to
// them (aicore.aliases) and updated in place; the kernel writes 5 rows.
func.func @cache_bf16(%k: tensor<5x2x64xbf16>, %v: tensor<5x2x64xbf16>,
                      %kc: tensor<8x16x2x64xbf16>, %vc: tensor<8x16x2x64xbf16>,
                      %slots: tensor<5xi32>)
    -> (tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>) {
  %nk, %nv = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<5x2x64xbf16>, tensor<5x2x64xbf16>, tensor<8x16x2x64xbf16>,
        tensor<8x16x2x64xbf16>, tensor<5xi32>
      -> tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>
  return %nk, %nv : tensor<8x16x2x64xbf16>, tensor<8x16x2x64xbf16>
}

// The old key cache is also returned: it is copied into the new one first
// (value semantics), while the value cache is still updated in place. An
// i8 cache (quantized K/V) with values of another head dim.
func.func @cache_i8_copy(%k: tensor<3x4x32xi8>, %v: tensor<3x4x64xi8>,
                         %kc: tensor<4x8x4x32xi8>, %vc: tensor<4x8x4x64xi8>,
                         %slots: tensor<3xi32>)
    -> (tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>, tensor<4x8x4x32xi8>) {
  %nk, %nv = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<3x4x32xi8>, tensor<3x4x64xi8>, tensor<4x8x4x32xi8>,
        tensor<4x8x4x64xi8>, tensor<3xi32>
      -> tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>
  return %nk, %nv, %kc : tensor<4x8x4x32xi8>, tensor<4x8x4x64xi8>, tensor<4x8x4x32xi8>
}
