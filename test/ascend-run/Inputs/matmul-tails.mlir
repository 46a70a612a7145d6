// Tensor-level matmuls whose M, N or K are not whole 16x16x16 fractals
// (lower-matmul-tails.test). Shapes are M x K x N.

// Decode: M = 1, 8 K chunks of 512.
func.func @decode_f16(%a: tensor<1x4096xf16>, %b: tensor<4096x128xf16>) -> tensor<1x128xf16> {
  %c = ascend.matmul %a, %b : tensor<1x4096xf16>, tensor<4096x128xf16> -> tensor<1x128xf16>
  return %c : tensor<1x128xf16>
}
// Decode with a K tail of 8 after 6 chunks of 832.
func.func @decode_bf16(%a: tensor<1x5000xbf16>, %b: tensor<5000x64xbf16>) -> tensor<1x64xbf16> {
  %c = ascend.matmul %a, %b : tensor<1x5000xbf16>, tensor<5000x64xbf16> -> tensor<1x64xbf16>
  return %c : tensor<1x64xbf16>
}
// Everything partial, B stored N x K.
func.func @mm_7x100x33_tb(%a: tensor<7x100xbf16>, %b: tensor<33x100xbf16>) -> tensor<7x33xbf16> {
  %c = ascend.matmul %a, %b {transpose_b} : tensor<7x100xbf16>, tensor<33x100xbf16> -> tensor<7x33xbf16>
  return %c : tensor<7x33xbf16>
}
// A last tile row of 72 and a last tile column of 2; K = 64 + a tail of 13.
func.func @mm_200x77x130(%a: tensor<200x77xf16>, %b: tensor<77x130xf16>) -> tensor<200x130xf16> {
  %c = ascend.matmul %a, %b : tensor<200x77xf16>, tensor<77x130xf16> -> tensor<200x130xf16>
  return %c : tensor<200x130xf16>
}
// A stored K x M: its K tail runs along rows.
func.func @mm_200x77x130_ta(%a: tensor<77x200xf16>, %b: tensor<77x130xf16>) -> tensor<200x130xf16> {
  %c = ascend.matmul %a, %b {transpose_a} : tensor<77x200xf16>, tensor<77x130xf16> -> tensor<200x130xf16>
  return %c : tensor<200x130xf16>
}
func.func @mm_40x50x24_ta_tb(%a: tensor<50x40xbf16>, %b: tensor<24x50xbf16>) -> tensor<40x24xbf16> {
  %c = ascend.matmul %a, %b {transpose_a, transpose_b} : tensor<50x40xbf16>, tensor<24x50xbf16> -> tensor<40x24xbf16>
  return %c : tensor<40x24xbf16>
}
func.func @bmm_3x15x17x31(%a: tensor<3x15x17xf16>, %b: tensor<3x17x31xf16>) -> tensor<3x15x31xf16> {
  %c = ascend.batch_matmul %a, %b : tensor<3x15x17xf16>, tensor<3x17x31xf16> -> tensor<3x15x31xf16>
  return %c : tensor<3x15x31xf16>
}
func.func @bmm_2x33x40x20_tb(%a: tensor<2x33x40xbf16>, %b: tensor<2x20x40xbf16>) -> tensor<2x33x20xbf16> {
  %c = ascend.batch_matmul %a, %b {transpose_b} : tensor<2x33x40xbf16>, tensor<2x20x40xbf16> -> tensor<2x33x20xbf16>
  return %c : tensor<2x33x20xbf16>
}
