// Constant tensors between ascend ops (host-constants.test): GM buffers
// from dense elements written out, splat, or as a resource blob.
func.func @shifted(%a: tensor<64xf16>) -> tensor<64xf16> {
  %c = arith.constant dense<1.5> : tensor<64xf16>
  %s = ascend.add %a, %c : tensor<64xf16>, tensor<64xf16> -> tensor<64xf16>
  return %s : tensor<64xf16>
}

func.func @biased(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %b = arith.constant dense_resource<bias> : tensor<4xf32>
  %w = arith.constant dense<[[2.0, 2.0, 2.0, 2.0]]> : tensor<1x4xf32>
  %y = ascend.add %x, %b : tensor<8x4xf32>, tensor<4xf32> -> tensor<8x4xf32>
  %z = ascend.mul %y, %w : tensor<8x4xf32>, tensor<1x4xf32> -> tensor<8x4xf32>
  return %z : tensor<8x4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      bias: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
