// Tensor-level functions ascend-run lowers with --ascend-lower-to-kernel.
func.func @mm_256(%a: tensor<256x512xf16>, %b: tensor<512x384xf16>) -> tensor<256x384xf16> {
  %c = ascend.matmul %a, %b : tensor<256x512xf16>, tensor<512x384xf16> -> tensor<256x384xf16>
  return %c : tensor<256x384xf16>
}
func.func @mm_16(%a: tensor<16x256xf16>, %b: tensor<256x512xf16>) -> tensor<16x512xf16> {
  %c = ascend.matmul %a, %b : tensor<16x256xf16>, tensor<256x512xf16> -> tensor<16x512xf16>
  return %c : tensor<16x512xf16>
}
func.func @mmtb(%a: tensor<128x256xbf16>, %b: tensor<128x256xbf16>) -> tensor<128x128xbf16> {
  %c = ascend.matmul %a, %b {transpose_b} : tensor<128x256xbf16>, tensor<128x256xbf16> -> tensor<128x128xbf16>
  return %c : tensor<128x128xbf16>
}
func.func @add(%x: tensor<100000xf16>, %y: tensor<100000xf16>) -> tensor<100000xf16> {
  %z = ascend.add %x, %y : tensor<100000xf16>, tensor<100000xf16> -> tensor<100000xf16>
  return %z : tensor<100000xf16>
}
func.func @exp(%x: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  %y = ascend.exp %x : tensor<64x64xbf16> -> tensor<64x64xbf16>
  return %y : tensor<64x64xbf16>
}

func.func @softmax_f16(%x: tensor<50x256xf16>) -> tensor<50x256xf16> {
  %y = ascend.softmax %x dim 1 : tensor<50x256xf16> -> tensor<50x256xf16>
  return %y : tensor<50x256xf16>
}

func.func @softmax_f32(%x: tensor<4x3x64xf32>) -> tensor<4x3x64xf32> {
  %y = ascend.softmax %x dim 2 : tensor<4x3x64xf32> -> tensor<4x3x64xf32>
  return %y : tensor<4x3x64xf32>
}

func.func @rms_norm_bf16(%x: tensor<22x512xbf16>, %g: tensor<512xbf16>) -> tensor<22x512xbf16> {
  %y = ascend.rms_norm %x, %g {epsilon = 9.99999974E-6 : f32} : tensor<22x512xbf16>, tensor<512xbf16> -> tensor<22x512xbf16>
  return %y : tensor<22x512xbf16>
}

func.func @rms_norm_long(%x: tensor<4x7168xf16>, %g: tensor<7168xf32>) -> tensor<4x7168xf16> {
  %y = ascend.rms_norm %x, %g : tensor<4x7168xf16>, tensor<7168xf32> -> tensor<4x7168xf16>
  return %y : tensor<4x7168xf16>
}
func.func @bmm(%a: tensor<4x64x128xf16>, %b: tensor<4x128x96xf16>) -> tensor<4x64x96xf16> {
  %c = ascend.batch_matmul %a, %b : tensor<4x64x128xf16>, tensor<4x128x96xf16> -> tensor<4x64x96xf16>
  return %c : tensor<4x64x96xf16>
}
func.func @bmmtb(%a: tensor<2x256x128xf16>, %b: tensor<2x256x128xf16>) -> tensor<2x256x256xf16> {
  %c = ascend.batch_matmul %a, %b {transpose_b} : tensor<2x256x128xf16>, tensor<2x256x128xf16> -> tensor<2x256x256xf16>
  return %c : tensor<2x256x256xf16>
}
func.func @rope_f16(%x: tensor<16x8x128xf16>, %c: tensor<16x64xf32>, %s: tensor<16x64xf32>) -> tensor<16x8x128xf16> {
  %y = ascend.rope <half> %x, %c, %s : tensor<16x8x128xf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x8x128xf16>
  return %y : tensor<16x8x128xf16>
}
func.func @rope_batched(%x: tensor<2x5x4x64xf16>, %c: tensor<5x32xf16>, %s: tensor<5x32xf16>) -> tensor<2x5x4x64xf16> {
  %y = ascend.rope <half> %x, %c, %s : tensor<2x5x4x64xf16>, tensor<5x32xf16>, tensor<5x32xf16> -> tensor<2x5x4x64xf16>
  return %y : tensor<2x5x4x64xf16>
}
