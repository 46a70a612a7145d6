// Softmax rows too long for UB (or, with vector-tile, longer than a vector
// tile): lowered in column chunks. Used by ../lower-long-rows.test.
func.func @softmax_f16(%x: tensor<3x20000xf16>) -> tensor<3x20000xf16> {
  %y = ascend.softmax %x dim 1 : tensor<3x20000xf16> -> tensor<3x20000xf16>
  return %y : tensor<3x20000xf16>
}

func.func @softmax_bf16(%x: tensor<2x2x16448xbf16>) -> tensor<2x2x16448xbf16> {
  %y = ascend.softmax %x dim 2 : tensor<2x2x16448xbf16> -> tensor<2x2x16448xbf16>
  return %y : tensor<2x2x16448xbf16>
}

func.func @softmax_f32(%x: tensor<2x17000xf32>) -> tensor<2x17000xf32> {
  %y = ascend.softmax %x dim 1 : tensor<2x17000xf32> -> tensor<2x17000xf32>
  return %y : tensor<2x17000xf32>
}

func.func @softmax_fits(%x: tensor<8x4160xf16>) -> tensor<8x4160xf16> {
  %y = ascend.softmax %x dim 1 : tensor<8x4160xf16> -> tensor<8x4160xf16>
  return %y : tensor<8x4160xf16>
}
