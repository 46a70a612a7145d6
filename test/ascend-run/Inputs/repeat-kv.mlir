// GQA's repeat_kv outside attention fusion (repeat-kv.test), in the three
// forms frontends write it: LLaMA-3-8B's 8 KV heads for 32 query heads.

// torch-mlir: unsqueeze (expand_shape), a broadcast generic, a reshape.
func.func @repeat_expand(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %u = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [1, 8, 1, 16, 128] : tensor<1x8x16x128xbf16> into tensor<1x8x1x16x128xbf16>
  %e = tensor.empty() : tensor<1x8x4x16x128xbf16>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%u : tensor<1x8x1x16x128xbf16>) outs(%e : tensor<1x8x4x16x128xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    linalg.yield %a : bf16
  } -> tensor<1x8x4x16x128xbf16>
  %c = tensor.collapse_shape %b [[0], [1, 2], [3], [4]] : tensor<1x8x4x16x128xbf16> into tensor<1x32x16x128xbf16>
  return %c : tensor<1x32x16x128xbf16>
}
// linalg.broadcast along a new dim, then a reshape.
func.func @repeat_broadcast(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %e = tensor.empty() : tensor<1x8x4x16x128xbf16>
  %b = linalg.broadcast ins(%k : tensor<1x8x16x128xbf16>) outs(%e : tensor<1x8x4x16x128xbf16>) dimensions = [2]
  %c = tensor.collapse_shape %b [[0], [1, 2], [3], [4]] : tensor<1x8x4x16x128xbf16> into tensor<1x32x16x128xbf16>
  return %c : tensor<1x32x16x128xbf16>
}
// A copy reading the head as h floordiv 4.
func.func @repeat_floordiv(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %e = tensor.empty() : tensor<1x32x16x128xbf16>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 4, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x8x16x128xbf16>) outs(%e : tensor<1x32x16x128xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    linalg.yield %a : bf16
  } -> tensor<1x32x16x128xbf16>
  return %b : tensor<1x32x16x128xbf16>
}

// LLaMA-3-70B prefill: 8 KV heads of 1024 tokens for 64 query heads, bf16.
func.func @repeat_70b(%k: tensor<1x8x1024x128xbf16>) -> tensor<1x64x1024x128xbf16> {
  %e = tensor.empty() : tensor<1x8x8x1024x128xbf16>
  %b = linalg.broadcast ins(%k : tensor<1x8x1024x128xbf16>) outs(%e : tensor<1x8x8x1024x128xbf16>) dimensions = [2]
  %c = tensor.collapse_shape %b [[0], [1, 2], [3], [4]] : tensor<1x8x8x1024x128xbf16> into tensor<1x64x1024x128xbf16>
  return %c : tensor<1x64x1024x128xbf16>
}
