// Kernels for test/ascend-run/multi-buffer.test: each is lowered with and
// without ascend-multi-buffer and run on the same inputs.

func.func @add(%x: tensor<2097152xf16>, %y: tensor<2097152xf16>) -> tensor<2097152xf16> {
  %z = ascend.add %x, %y : tensor<2097152xf16>, tensor<2097152xf16> -> tensor<2097152xf16>
  return %z : tensor<2097152xf16>
}

func.func @softmax(%x: tensor<512x1024xf16>) -> tensor<512x1024xf16> {
  %y = ascend.softmax %x dim 1 : tensor<512x1024xf16> -> tensor<512x1024xf16>
  return %y : tensor<512x1024xf16>
}

func.func @rms_norm(%x: tensor<96x4096xbf16>, %g: tensor<4096xbf16>) -> tensor<96x4096xbf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : tensor<96x4096xbf16>, tensor<4096xbf16> -> tensor<96x4096xbf16>
  return %y : tensor<96x4096xbf16>
}

func.func @matmul(%a: tensor<512x1024xf16>, %b: tensor<1024x384xf16>) -> tensor<512x384xf16> {
  %c = ascend.matmul %a, %b : tensor<512x1024xf16>, tensor<1024x384xf16> -> tensor<512x384xf16>
  return %c : tensor<512x384xf16>
}

// A cube -> vector chain: one split kernel (fuse-epilogues).
func.func @relu_mm(%a: tensor<256x128xf16>, %b: tensor<128x256xf16>) -> tensor<256x256xf16> {
  %c = ascend.matmul %a, %b : tensor<256x128xf16>, tensor<128x256xf16> -> tensor<256x256xf16>
  %r = ascend.relu %c : tensor<256x256xf16> -> tensor<256x256xf16>
  return %r : tensor<256x256xf16>
}
