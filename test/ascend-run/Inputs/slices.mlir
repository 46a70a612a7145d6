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
