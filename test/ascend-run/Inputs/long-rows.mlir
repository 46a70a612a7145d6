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

// LLaMA-3-405B's hidden size in bf16: a row and gamma need 344 KB of UB.
func.func @rms_norm_bf16(%x: tensor<4x16384xbf16>, %g: tensor<16384xbf16>) -> tensor<4x16384xbf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-5 : f32} : tensor<4x16384xbf16>, tensor<16384xbf16> -> tensor<4x16384xbf16>
  return %y : tensor<4x16384xbf16>
}

func.func @rms_norm_f32(%x: tensor<2x65536xf32>, %g: tensor<65536xf32>) -> tensor<2x65536xf32> {
  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-6 : f32} : tensor<2x65536xf32>, tensor<65536xf32> -> tensor<2x65536xf32>
  return %y : tensor<2x65536xf32>
}

func.func @rms_norm_fits(%x: tensor<8x4160xf16>, %g: tensor<4160xf16>) -> tensor<8x4160xf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-5 : f32} : tensor<8x4160xf16>, tensor<4160xf16> -> tensor<8x4160xf16>
  return %y : tensor<8x4160xf16>
}

// Rows that are not whole 32-byte blocks (333 f32, 100 f16, 333 bf16): padded
// in UB. GPT-2's 50257-token vocabulary: chunks and a ragged last one.
func.func @softmax_ragged_f32(%x: tensor<8x333xf32>) -> tensor<8x333xf32> {
  %y = ascend.softmax %x dim 1 : tensor<8x333xf32> -> tensor<8x333xf32>
  return %y : tensor<8x333xf32>
}

func.func @softmax_ragged_f16(%x: tensor<24x100xf16>) -> tensor<24x100xf16> {
  %y = ascend.softmax %x dim 1 : tensor<24x100xf16> -> tensor<24x100xf16>
  return %y : tensor<24x100xf16>
}

func.func @rms_norm_ragged_bf16(%x: tensor<16x333xbf16>, %g: tensor<333xbf16>) -> tensor<16x333xbf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 1.0e-5 : f32} : tensor<16x333xbf16>, tensor<333xbf16> -> tensor<16x333xbf16>
  return %y : tensor<16x333xbf16>
}

func.func @softmax_vocab(%x: tensor<2x50257xf32>) -> tensor<2x50257xf32> {
  %y = ascend.softmax %x dim 1 : tensor<2x50257xf32> -> tensor<2x50257xf32>
  return %y : tensor<2x50257xf32>
}
