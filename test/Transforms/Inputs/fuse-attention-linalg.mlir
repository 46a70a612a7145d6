// torch-mlir-style linalg for LLaMA attention (grouped-query, causal):
// repeat_kv as unsqueeze + broadcasting generic + reshape, K transposed
// before a 4-D matmul that torch-mlir collapses to linalg.batch_matmul,
// division by sqrt(head_dim), an additive causal mask, linalg.softmax.
// Run through -ascend-raise-linalg -ascend-fuse-attention by
// ../ascend-fuse-attention.mlir.
#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#mask = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
#scalar = affine_map<(d0, d1, d2, d3) -> ()>
func.func @llama_attention(%q: tensor<1x4x4x8xf16>, %k: tensor<1x2x4x8xf16>, %v: tensor<1x2x4x8xf16>) -> tensor<1x4x4x8xf16> {
  %zero = arith.constant 0.0 : f16
  %sqrt_d = arith.constant 2.828125 : f16
  %causal = arith.constant dense<[[0.0, 0xFC00, 0xFC00, 0xFC00], [0.0, 0.0, 0xFC00, 0xFC00], [0.0, 0.0, 0.0, 0xFC00], [0.0, 0.0, 0.0, 0.0]]> : tensor<4x4xf16>
  // repeat_kv(k, 2), repeat_kv(v, 2)
  %k5 = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [1, 2, 1, 4, 8] : tensor<1x2x4x8xf16> into tensor<1x2x1x4x8xf16>
  %e5 = tensor.empty() : tensor<1x2x2x4x8xf16>
  %kr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%k5 : tensor<1x2x1x4x8xf16>) outs(%e5 : tensor<1x2x2x4x8xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<1x2x2x4x8xf16>
  %krep = tensor.collapse_shape %kr [[0], [1, 2], [3], [4]] : tensor<1x2x2x4x8xf16> into tensor<1x4x4x8xf16>
  %v5 = tensor.expand_shape %v [[0], [1, 2], [3], [4]] output_shape [1, 2, 1, 4, 8] : tensor<1x2x4x8xf16> into tensor<1x2x1x4x8xf16>
  %vr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%v5 : tensor<1x2x1x4x8xf16>) outs(%e5 : tensor<1x2x2x4x8xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<1x2x2x4x8xf16>
  %vrep = tensor.collapse_shape %vr [[0], [1, 2], [3], [4]] : tensor<1x2x2x4x8xf16> into tensor<1x4x4x8xf16>
  // q @ k.transpose(2, 3)
  %et = tensor.empty() : tensor<1x4x8x4xf16>
  %kt = linalg.transpose ins(%krep : tensor<1x4x4x8xf16>) outs(%et : tensor<1x4x8x4xf16>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x4x8xf16> into tensor<4x4x8xf16>
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x8x4xf16> into tensor<4x8x4xf16>
  %es = tensor.empty() : tensor<4x4x4xf16>
  %zs = linalg.fill ins(%zero : f16) outs(%es : tensor<4x4x4xf16>) -> tensor<4x4x4xf16>
  %s3 = linalg.batch_matmul ins(%q3, %kt3 : tensor<4x4x8xf16>, tensor<4x8x4xf16>) outs(%zs : tensor<4x4x4xf16>) -> tensor<4x4x4xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 4, 4] : tensor<4x4x4xf16> into tensor<1x4x4x4xf16>
  // / sqrt(head_dim) + causal_mask
  %e4 = tensor.empty() : tensor<1x4x4x4xf16>
  %t = linalg.generic {indexing_maps = [#id4, #mask, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %causal : tensor<1x4x4x4xf16>, tensor<4x4xf16>) outs(%e4 : tensor<1x4x4x4xf16>) {
  ^bb0(%a: f16, %m: f16, %out: f16):
    %d = arith.divf %a, %sqrt_d : f16
    %r = arith.addf %d, %m : f16
    linalg.yield %r : f16
  } -> tensor<1x4x4x4xf16>
  %p = linalg.softmax dimension(3) ins(%t : tensor<1x4x4x4xf16>) outs(%e4 : tensor<1x4x4x4xf16>) -> tensor<1x4x4x4xf16>
  // @ v
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x4x4xf16> into tensor<4x4x4xf16>
  %v3 = tensor.collapse_shape %vrep [[0, 1], [2], [3]] : tensor<1x4x4x8xf16> into tensor<4x4x8xf16>
  %eo = tensor.empty() : tensor<4x4x8xf16>
  %zo = linalg.fill ins(%zero : f16) outs(%eo : tensor<4x4x8xf16>) -> tensor<4x4x8xf16>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x4x4xf16>, tensor<4x4x8xf16>) outs(%zo : tensor<4x4x8xf16>) -> tensor<4x4x8xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 4, 8] : tensor<4x4x8xf16> into tensor<1x4x4x8xf16>
  return %o : tensor<1x4x4x8xf16>
}
