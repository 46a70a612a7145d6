// f32 matmuls on the cube (../matmul-f32.test).
func.func @linalg_f32(%a: tensor<64x128xf32>, %b: tensor<128x64xf32>) -> tensor<64x64xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %c = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x64xf32>) outs(%f : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

func.func @ragged_f32(%a: tensor<200x300xf32>, %b: tensor<300x136xf32>) -> tensor<200x136xf32> {
  %c = ascend.matmul %a, %b : tensor<200x300xf32>, tensor<300x136xf32> -> tensor<200x136xf32>
  return %c : tensor<200x136xf32>
}

func.func @transposed_b_f32(%a: tensor<64x96xf32>, %b: tensor<80x96xf32>) -> tensor<64x80xf32> {
  %c = ascend.matmul %a, %b {transpose_b} : tensor<64x96xf32>, tensor<80x96xf32> -> tensor<64x80xf32>
  return %c : tensor<64x80xf32>
}

// DeepSeek-V3's MoE router at 16 tokens: hidden 7168 against 256 experts'
// gate weights, in f32.
func.func @deepseek_v3_router(%x: tensor<16x7168xf32>, %w: tensor<7168x256xf32>) -> tensor<16x256xf32> {
  %c = ascend.matmul %x, %w : tensor<16x7168xf32>, tensor<7168x256xf32> -> tensor<16x256xf32>
  return %c : tensor<16x256xf32>
}
