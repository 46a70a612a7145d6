// Tensor-level functions for lower-vector.test: broadcasting binary ops,
// silu, gelu, cast and rope <interleaved> on the vector cores.

// A bias row against [B, S, C]: loaded once per block, whole-row tiles
// with a tail of rows.
func.func @bias_bf16(%x: tensor<4x50x256xbf16>, %b: tensor<256xbf16>) -> tensor<4x50x256xbf16> {
  %y = ascend.add %x, %b : tensor<4x50x256xbf16>, tensor<256xbf16> -> tensor<4x50x256xbf16>
  return %y : tensor<4x50x256xbf16>
}
// A [1, 1, C] scale (mul) in f32 with 107 rows.
func.func @scale_f32(%x: tensor<107x40xf32>, %s: tensor<1x1x40xf32>) -> tensor<1x107x40xf32> {
  %y = ascend.mul %x, %s : tensor<107x40xf32>, tensor<1x1x40xf32> -> tensor<1x107x40xf32>
  return %y : tensor<1x107x40xf32>
}
// Rows of 100 f16 (200 bytes) are not whole 32-byte blocks: a row per tile.
func.func @row_ragged_f16(%x: tensor<33x100xf16>, %b: tensor<100xf16>) -> tensor<33x100xf16> {
  %y = ascend.max %x, %b : tensor<33x100xf16>, tensor<100xf16> -> tensor<33x100xf16>
  return %y : tensor<33x100xf16>
}
// A 7168-wide bf16 row does not fit a tile: chunks of a row, then tails.
func.func @row_wide_bf16(%x: tensor<3x7168xbf16>, %b: tensor<7168xbf16>) -> tensor<3x7168xbf16> {
  %y = ascend.sub %x, %b : tensor<3x7168xbf16>, tensor<7168xbf16> -> tensor<3x7168xbf16>
  return %y : tensor<3x7168xbf16>
}
// One value per row ([..., R, 1]), on either side.
func.func @per_row_f16(%x: tensor<3x37x96xf16>, %r: tensor<3x37x1xf16>) -> tensor<3x37x96xf16> {
  %y = ascend.mul %x, %r : tensor<3x37x96xf16>, tensor<3x37x1xf16> -> tensor<3x37x96xf16>
  return %y : tensor<3x37x96xf16>
}
func.func @per_row_lhs_bf16(%r: tensor<45x1xbf16>, %x: tensor<45x160xbf16>) -> tensor<45x160xbf16> {
  %y = ascend.div %r, %x : tensor<45x1xbf16>, tensor<45x160xbf16> -> tensor<45x160xbf16>
  return %y : tensor<45x160xbf16>
}
// Per row against rows too wide for a tile, in f32.
func.func @per_row_wide_f32(%x: tensor<2x20000xf32>, %r: tensor<2x1xf32>) -> tensor<2x20000xf32> {
  %y = ascend.sub %x, %r : tensor<2x20000xf32>, tensor<2x1xf32> -> tensor<2x20000xf32>
  return %y : tensor<2x20000xf32>
}
// A single element (rank 0, [1] or [1, 1]), on either side.
func.func @scalar_f32(%x: tensor<10x100xf32>, %s: tensor<f32>) -> tensor<10x100xf32> {
  %y = ascend.div %x, %s : tensor<10x100xf32>, tensor<f32> -> tensor<10x100xf32>
  return %y : tensor<10x100xf32>
}
func.func @scalar_lhs_f16(%s: tensor<1x1xf16>, %x: tensor<100000xf16>) -> tensor<1x100000xf16> {
  %y = ascend.sub %s, %x : tensor<1x1xf16>, tensor<100000xf16> -> tensor<1x100000xf16>
  return %y : tensor<1x100000xf16>
}
func.func @scalar_bf16(%x: tensor<3001xbf16>, %s: tensor<1xbf16>) -> tensor<3001xbf16> {
  %y = ascend.min %x, %s : tensor<3001xbf16>, tensor<1xbf16> -> tensor<3001xbf16>
  return %y : tensor<3001xbf16>
}
// Both operands broadcast: a column plus a row.
func.func @outer_f32(%c: tensor<40x1xf32>, %r: tensor<64xf32>) -> tensor<40x64xf32> {
  %y = ascend.add %c, %r : tensor<40x1xf32>, tensor<64xf32> -> tensor<40x64xf32>
  return %y : tensor<40x64xf32>
}

// silu and gelu, composed in f32.
func.func @silu_f16(%x: tensor<3x1000xf16>) -> tensor<3x1000xf16> {
  %y = ascend.silu %x : tensor<3x1000xf16> -> tensor<3x1000xf16>
  return %y : tensor<3x1000xf16>
}
func.func @silu_bf16(%x: tensor<5000xbf16>) -> tensor<5000xbf16> {
  %y = ascend.silu %x : tensor<5000xbf16> -> tensor<5000xbf16>
  return %y : tensor<5000xbf16>
}
func.func @silu_f32(%x: tensor<77x33xf32>) -> tensor<77x33xf32> {
  %y = ascend.silu %x : tensor<77x33xf32> -> tensor<77x33xf32>
  return %y : tensor<77x33xf32>
}
func.func @gelu_f16(%x: tensor<3x1000xf16>) -> tensor<3x1000xf16> {
  %y = ascend.gelu %x : tensor<3x1000xf16> -> tensor<3x1000xf16>
  return %y : tensor<3x1000xf16>
}
func.func @gelu_bf16(%x: tensor<5000xbf16>) -> tensor<5000xbf16> {
  %y = ascend.gelu %x : tensor<5000xbf16> -> tensor<5000xbf16>
  return %y : tensor<5000xbf16>
}
func.func @gelu_f32(%x: tensor<77x33xf32>) -> tensor<77x33xf32> {
  %y = ascend.gelu %x : tensor<77x33xf32> -> tensor<77x33xf32>
  return %y : tensor<77x33xf32>
}

// cast in every float direction and, f32 -> f16, every rounding mode.
func.func @cast_f32_f16_rint(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <rint> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_f16_round(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <round> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_f16_floor(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <floor> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_f16_ceil(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <ceil> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_f16_trunc(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <trunc> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_f16_odd(%x: tensor<4099xf32>) -> tensor<4099xf16> {
  %y = ascend.cast <odd> %x : tensor<4099xf32> -> tensor<4099xf16>
  return %y : tensor<4099xf16>
}
func.func @cast_f32_bf16_trunc(%x: tensor<4099xf32>) -> tensor<4099xbf16> {
  %y = ascend.cast <trunc> %x : tensor<4099xf32> -> tensor<4099xbf16>
  return %y : tensor<4099xbf16>
}
func.func @cast_f16_bf16(%x: tensor<33x65xf16>) -> tensor<33x65xbf16> {
  %y = ascend.cast <rint> %x : tensor<33x65xf16> -> tensor<33x65xbf16>
  return %y : tensor<33x65xbf16>
}
func.func @cast_bf16_f16(%x: tensor<33x65xbf16>) -> tensor<33x65xf16> {
  %y = ascend.cast <rint> %x : tensor<33x65xbf16> -> tensor<33x65xf16>
  return %y : tensor<33x65xf16>
}
func.func @cast_f16_f32(%x: tensor<33x65xf16>) -> tensor<33x65xf32> {
  %y = ascend.cast <rint> %x : tensor<33x65xf16> -> tensor<33x65xf32>
  return %y : tensor<33x65xf32>
}
func.func @cast_bf16_f32(%x: tensor<33x65xbf16>) -> tensor<33x65xf32> {
  %y = ascend.cast <floor> %x : tensor<33x65xbf16> -> tensor<33x65xf32>
  return %y : tensor<33x65xf32>
}

// rope <interleaved>: per token with f32 tables, bf16 with bf16 tables
// shared by the batches, f32 with one head.
func.func @rope_il_f16(%x: tensor<16x8x128xf16>, %c: tensor<16x64xf32>, %s: tensor<16x64xf32>) -> tensor<16x8x128xf16> {
  %y = ascend.rope <interleaved> %x, %c, %s : tensor<16x8x128xf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x8x128xf16>
  return %y : tensor<16x8x128xf16>
}
func.func @rope_il_bf16(%x: tensor<2x5x3x64xbf16>, %c: tensor<5x32xbf16>, %s: tensor<5x32xbf16>) -> tensor<2x5x3x64xbf16> {
  %y = ascend.rope <interleaved> %x, %c, %s : tensor<2x5x3x64xbf16>, tensor<5x32xbf16>, tensor<5x32xbf16> -> tensor<2x5x3x64xbf16>
  return %y : tensor<2x5x3x64xbf16>
}
func.func @rope_il_f32(%x: tensor<7x1x48xf32>, %c: tensor<7x24xf32>, %s: tensor<7x24xf32>) -> tensor<7x1x48xf32> {
  %y = ascend.rope <interleaved> %x, %c, %s : tensor<7x1x48xf32>, tensor<7x24xf32>, tensor<7x24xf32> -> tensor<7x1x48xf32>
  return %y : tensor<7x1x48xf32>
}
