// Matmuls whose only user is an elementwise op: on Ascend910B2 each
// function becomes a host launching one fused cube -> vector kernel
// (lower-cube-vector.test).

// Whole 128x128 tiles, 2 x 2 of them.
func.func @relu_mm(%a: tensor<256x192xf16>, %b: tensor<192x256xf16>) -> tensor<256x256xf16> {
  %c = ascend.matmul %a, %b : tensor<256x192xf16>, tensor<192x256xf16> -> tensor<256x256xf16>
  %r = ascend.relu %c : tensor<256x256xf16> -> tensor<256x256xf16>
  return %r : tensor<256x256xf16>
}

// A bias row added in f32 between two bf16 roundings.
func.func @bias_mm(%a: tensor<128x256xbf16>, %b: tensor<256x384xbf16>, %bias: tensor<384xbf16>) -> tensor<128x384xbf16> {
  %c = ascend.matmul %a, %b : tensor<128x256xbf16>, tensor<256x384xbf16> -> tensor<128x384xbf16>
  %y = ascend.add %c, %bias : tensor<128x384xbf16>, tensor<384xbf16> -> tensor<128x384xbf16>
  return %y : tensor<128x384xbf16>
}

// Edge tiles: the last tile row has 73 rows (split 37 / 36 between the
// vector cores), the last tile column 52 (104 bytes a row, not whole
// 32-byte blocks: one row at a time), and a K tail.
func.func @silu_mm(%a: tensor<201x100xf16>, %b: tensor<100x180xf16>) -> tensor<201x180xf16> {
  %c = ascend.matmul %a, %b : tensor<201x100xf16>, tensor<100x180xf16> -> tensor<201x180xf16>
  %y = ascend.silu %c : tensor<201x180xf16> -> tensor<201x180xf16>
  return %y : tensor<201x180xf16>
}

// A batch, the epilogue's other operand of the full shape and first.
func.func @batch_sub(%a: tensor<2x64x96xf16>, %b: tensor<2x96x64xf16>, %x: tensor<2x64x64xf16>) -> tensor<2x64x64xf16> {
  %c = ascend.batch_matmul %a, %b : tensor<2x64x96xf16>, tensor<2x96x64xf16> -> tensor<2x64x64xf16>
  %y = ascend.sub %x, %c : tensor<2x64x64xf16>, tensor<2x64x64xf16> -> tensor<2x64x64xf16>
  return %y : tensor<2x64x64xf16>
}
