// torch-mlir-style linalg for paged decode attention (one query token per
// sequence over K and V gathered from a paged KV cache by the block table,
// keys past each sequence's context length masked with -inf), as
// ascend-fuse-attention's pass description defines the form. Run through
// -ascend-raise-linalg -ascend-fuse-attention by
// ../ascend-fuse-attention-paged.mlir; ascend-raise-linalg leaves the
// gathers, the [0, 2, 1, 3] transposes and the mask generic (it reads
// linalg.index) as they are.

// MHA, f16, block_size 16.
#lens = affine_map<(d0, d1) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#mask = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
func.func @paged_mha(%q: tensor<2x4x1x16xf16>, %kc: tensor<16x16x4x16xf16>, %vc: tensor<16x16x4x16xf16>, %tables: tensor<2x4xi32>, %lens: tensor<2xi32>) -> tensor<2x4x1x16xf16> {
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %sqrt_d = arith.constant 4.0 : f16
  // key = key_cache[block_tables].flatten(1, 3).transpose(1, 2) (the gather
  // keeps the unit gathered dim)
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xi32> into tensor<2x4x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x1x16x4x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2, 3], [4], [5]] : tensor<2x4x1x16x4x16xf16> into tensor<2x64x4x16xf16>
  %e = tensor.empty() : tensor<2x4x64x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x1x16x4x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2, 3], [4], [5]] : tensor<2x4x1x16x4x16xf16> into tensor<2x64x4x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  // q @ key.transpose(2, 3)
  %et = tensor.empty() : tensor<2x4x16x64xf16>
  %kt = linalg.transpose ins(%k : tensor<2x4x64x16xf16>) outs(%et : tensor<2x4x16x64xf16>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x1x16xf16> into tensor<8x1x16xf16>
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<2x4x16x64xf16> into tensor<8x16x64xf16>
  %es = tensor.empty() : tensor<8x1x64xf16>
  %zs = linalg.fill ins(%zero : f16) outs(%es : tensor<8x1x64xf16>) -> tensor<8x1x64xf16>
  %s3 = linalg.batch_matmul ins(%q3, %kt3 : tensor<8x1x16xf16>, tensor<8x16x64xf16>) outs(%zs : tensor<8x1x64xf16>) -> tensor<8x1x64xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 64] : tensor<8x1x64xf16> into tensor<2x4x1x64xf16>
  // mask = where(arange(T) < context_lens[:, None], 0, -inf), compared in i32
  %em = tensor.empty() : tensor<2x64xf16>
  %m = linalg.generic {indexing_maps = [#lens, #id2], iterator_types = ["parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x64xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i32
    %keep = arith.cmpi slt, %ii, %len : i32
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x64xf16>
  // / sqrt(head_dim) + mask[:, None, None, :]
  %e4 = tensor.empty() : tensor<2x4x1x64xf16>
  %t = linalg.generic {indexing_maps = [#id4, #mask, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %m : tensor<2x4x1x64xf16>, tensor<2x64xf16>) outs(%e4 : tensor<2x4x1x64xf16>) {
  ^bb0(%a: f16, %b: f16, %out: f16):
    %d = arith.divf %a, %sqrt_d : f16
    %r = arith.addf %d, %b : f16
    linalg.yield %r : f16
  } -> tensor<2x4x1x64xf16>
  %p = linalg.softmax dimension(3) ins(%t : tensor<2x4x1x64xf16>) outs(%e4 : tensor<2x4x1x64xf16>) -> tensor<2x4x1x64xf16>
  // @ value
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x4x1x64xf16> into tensor<8x1x64xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x4x64x16xf16> into tensor<8x64x16xf16>
  %eo = tensor.empty() : tensor<8x1x16xf16>
  %zo = linalg.fill ins(%zero : f16) outs(%eo : tensor<8x1x16xf16>) -> tensor<8x1x16xf16>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<8x1x64xf16>, tensor<8x64x16xf16>) outs(%zo : tensor<8x1x16xf16>) -> tensor<8x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 16] : tensor<8x1x16xf16> into tensor<2x4x1x16xf16>
  return %o : tensor<2x4x1x16xf16>
}

// -----

// GQA 8:1 (repeat_kv), bf16, block_size 128.
#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#lens4 = affine_map<(d0, d1, d2, d3) -> (d0)>
#mask = affine_map<(d0, d1, d2, d3) -> (d0, 0, 0, d3)>
func.func @paged_gqa(%q: tensor<2x8x1x16xbf16>, %kc: tensor<4x128x1x16xbf16>, %vc: tensor<4x128x1x16xbf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x8x1x16xbf16> {
  %zero = arith.constant 0.0 : bf16
  %ninf = arith.constant 0xFF80 : bf16
  %sqrt_d = arith.constant 4.0 : bf16
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %e = tensor.empty() : tensor<2x1x256x16xbf16>
  %e5 = tensor.empty() : tensor<2x1x8x256x16xbf16>
  // key = key_cache[block_tables].flatten(1, 2).transpose(1, 2), repeat_kv(key, 8)
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<4x128x1x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x128x1x16xbf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x128x1x16xbf16> into tensor<2x256x1x16xbf16>
  %k = linalg.transpose ins(%kf : tensor<2x256x1x16xbf16>) outs(%e : tensor<2x1x256x16xbf16>) permutation = [0, 2, 1, 3]
  %k5 = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [2, 1, 1, 256, 16] : tensor<2x1x256x16xbf16> into tensor<2x1x1x256x16xbf16>
  %kr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%k5 : tensor<2x1x1x256x16xbf16>) outs(%e5 : tensor<2x1x8x256x16xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    linalg.yield %in : bf16
  } -> tensor<2x1x8x256x16xbf16>
  %krep = tensor.collapse_shape %kr [[0], [1, 2], [3], [4]] : tensor<2x1x8x256x16xbf16> into tensor<2x8x256x16xbf16>
  // the same for value
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<4x128x1x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x128x1x16xbf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x128x1x16xbf16> into tensor<2x256x1x16xbf16>
  %v = linalg.transpose ins(%vf : tensor<2x256x1x16xbf16>) outs(%e : tensor<2x1x256x16xbf16>) permutation = [0, 2, 1, 3]
  %v5 = tensor.expand_shape %v [[0], [1, 2], [3], [4]] output_shape [2, 1, 1, 256, 16] : tensor<2x1x256x16xbf16> into tensor<2x1x1x256x16xbf16>
  %vr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%v5 : tensor<2x1x1x256x16xbf16>) outs(%e5 : tensor<2x1x8x256x16xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    linalg.yield %in : bf16
  } -> tensor<2x1x8x256x16xbf16>
  %vrep = tensor.collapse_shape %vr [[0], [1, 2], [3], [4]] : tensor<2x1x8x256x16xbf16> into tensor<2x8x256x16xbf16>
  // q @ key.transpose(2, 3)
  %et = tensor.empty() : tensor<2x8x16x256xbf16>
  %kt = linalg.transpose ins(%krep : tensor<2x8x256x16xbf16>) outs(%et : tensor<2x8x16x256xbf16>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x8x1x16xbf16> into tensor<16x1x16xbf16>
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<2x8x16x256xbf16> into tensor<16x16x256xbf16>
  %es = tensor.empty() : tensor<16x1x256xbf16>
  %zs = linalg.fill ins(%zero : bf16) outs(%es : tensor<16x1x256xbf16>) -> tensor<16x1x256xbf16>
  %s3 = linalg.batch_matmul ins(%q3, %kt3 : tensor<16x1x16xbf16>, tensor<16x16x256xbf16>) outs(%zs : tensor<16x1x256xbf16>) -> tensor<16x1x256xbf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 8, 1, 256] : tensor<16x1x256xbf16> into tensor<2x8x1x256xbf16>
  // mask = where(arange(T) < context_lens[:, None, None, None], 0, -inf)
  %em = tensor.empty() : tensor<2x1x1x256xbf16>
  %m = linalg.generic {indexing_maps = [#lens4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x256xbf16>) {
  ^bb0(%len: i32, %out: bf16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : bf16
    linalg.yield %r : bf16
  } -> tensor<2x1x1x256xbf16>
  // / sqrt(head_dim) + mask
  %e4 = tensor.empty() : tensor<2x8x1x256xbf16>
  %t = linalg.generic {indexing_maps = [#id4, #mask, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %m : tensor<2x8x1x256xbf16>, tensor<2x1x1x256xbf16>) outs(%e4 : tensor<2x8x1x256xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %out: bf16):
    %d = arith.divf %a, %sqrt_d : bf16
    %r = arith.addf %d, %b : bf16
    linalg.yield %r : bf16
  } -> tensor<2x8x1x256xbf16>
  %p = linalg.softmax dimension(3) ins(%t : tensor<2x8x1x256xbf16>) outs(%e4 : tensor<2x8x1x256xbf16>) -> tensor<2x8x1x256xbf16>
  // @ value
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x8x1x256xbf16> into tensor<16x1x256xbf16>
  %v3 = tensor.collapse_shape %vrep [[0, 1], [2], [3]] : tensor<2x8x256x16xbf16> into tensor<16x256x16xbf16>
  %eo = tensor.empty() : tensor<16x1x16xbf16>
  %zo = linalg.fill ins(%zero : bf16) outs(%eo : tensor<16x1x16xbf16>) -> tensor<16x1x16xbf16>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<16x1x256xbf16>, tensor<16x256x16xbf16>) outs(%zo : tensor<16x1x16xbf16>) -> tensor<16x1x16xbf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 8, 1, 16] : tensor<16x1x16xbf16> into tensor<2x8x1x16xbf16>
  return %o : tensor<2x8x1x16xbf16>
}
