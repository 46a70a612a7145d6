// Slices and concatenations between ops (../slices.test).
func.func @heads(%x: tensor<4x3x8x64xbf16>) -> tensor<4x1x8x64xbf16> {
  %n = ascend.neg %x : tensor<4x3x8x64xbf16> -> tensor<4x3x8x64xbf16>
  %k = tensor.extract_slice %n[0, 1, 0, 0] [4, 1, 8, 64] [1, 1, 1, 1] : tensor<4x3x8x64xbf16> to tensor<4x1x8x64xbf16>
  return %k : tensor<4x1x8x64xbf16>
}

func.func @qkv(%y: tensor<16x768xf16>) -> (tensor<16x256xf16>, tensor<16x256xf16>, tensor<16x256xf16>) {
  %a = ascend.abs %y : tensor<16x768xf16> -> tensor<16x768xf16>
  %q = tensor.extract_slice %a[0, 0] [16, 256] [1, 1] : tensor<16x768xf16> to tensor<16x256xf16>
  %k = tensor.extract_slice %a[0, 256] [16, 256] [1, 1] : tensor<16x768xf16> to tensor<16x256xf16>
  %v = tensor.extract_slice %a[0, 512] [16, 256] [1, 1] : tensor<16x768xf16> to tensor<16x256xf16>
  %qr = ascend.relu %q : tensor<16x256xf16> -> tensor<16x256xf16>
  return %qr, %k, %v : tensor<16x256xf16>, tensor<16x256xf16>, tensor<16x256xf16>
}

func.func @cat(%p: tensor<2x8x100xf32>, %q: tensor<2x8x28xf32>) -> tensor<2x8x128xf32> {
  %n = ascend.neg %p : tensor<2x8x100xf32> -> tensor<2x8x100xf32>
  %c = tensor.concat dim(2) %n, %q : (tensor<2x8x100xf32>, tensor<2x8x28xf32>) -> tensor<2x8x128xf32>
  %r = ascend.relu %c : tensor<2x8x128xf32> -> tensor<2x8x128xf32>
  return %r : tensor<2x8x128xf32>
}

// LLaMA-3-8B's fused QKV projection at 16 tokens: 32 query heads and 8 KV
// heads of 128, split into Q [16, 4096], K and V [16, 1024].
func.func @llama3_8b_qkv(%x: tensor<16x4096xbf16>, %w: tensor<4096x6144xbf16>)
    -> (tensor<16x4096xbf16>, tensor<16x1024xbf16>, tensor<16x1024xbf16>) {
  %c = ascend.matmul %x, %w : tensor<16x4096xbf16>, tensor<4096x6144xbf16> -> tensor<16x6144xbf16>
  %q = tensor.extract_slice %c[0, 0] [16, 4096] [1, 1] : tensor<16x6144xbf16> to tensor<16x4096xbf16>
  %k = tensor.extract_slice %c[0, 4096] [16, 1024] [1, 1] : tensor<16x6144xbf16> to tensor<16x1024xbf16>
  %v = tensor.extract_slice %c[0, 5120] [16, 1024] [1, 1] : tensor<16x6144xbf16> to tensor<16x1024xbf16>
  return %q, %k, %v : tensor<16x4096xbf16>, tensor<16x1024xbf16>, tensor<16x1024xbf16>
}

// A static KV cache written in place of 16 positions (HF's StaticCache:
// cache[:, :, 32:48] = -k): the cache's other positions on either side.
func.func @cache_write(%cache: tensor<1x8x64x128xbf16>, %k: tensor<1x8x16x128xbf16>) -> tensor<1x8x64x128xbf16> {
  %e = tensor.empty() : tensor<1x8x16x128xbf16>
  %n = linalg.negf ins(%k : tensor<1x8x16x128xbf16>) outs(%e : tensor<1x8x16x128xbf16>) -> tensor<1x8x16x128xbf16>
  %r = tensor.insert_slice %n into %cache[0, 0, 32, 0] [1, 8, 16, 128] [1, 1, 1, 1] : tensor<1x8x16x128xbf16> into tensor<1x8x64x128xbf16>
  return %r : tensor<1x8x64x128xbf16>
}

// The last columns of f32 rows (nothing to the right), a rank-reduced source.
func.func @insert_tail(%x: tensor<6x40xf32>, %t: tensor<6xf32>) -> tensor<6x40xf32> {
  %e = tensor.empty() : tensor<6xf32>
  %a = linalg.abs ins(%t : tensor<6xf32>) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %r = tensor.insert_slice %a into %x[0, 39] [6, 1] [1, 1] : tensor<6xf32> into tensor<6x40xf32>
  return %r : tensor<6x40xf32>
}
