// RUN: ascend-opt %s "-ascend-fuse-attention=report-unmatched" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: ascend-opt %S/Inputs/fuse-attention-paged-linalg.mlir -split-input-file -ascend-raise-linalg -ascend-fuse-attention | FileCheck %s --check-prefix=LINALG
//
// The paged decode form: attention of one query per sequence (Sq = 1) over
// K and V gathered from paged KV caches by a block table, with the keys past
// each sequence's context length hidden by a mask computed from context_lens,
// becomes ascend.paged_attention. Structural checks: tensor.gather has no
// lowering, so the unfused form cannot run in ascend-run. Each positive case
// checks the fused op's operands and scale and that the gathers, transposes,
// repeats, mask and both matmuls are gone; each negative case checks that
// the chain becomes ascend.flash_attention as without the paged rule (the
// gathers stay), with the reason it is not paged_attention as a remark.

// The linalg inputs, after raising: MHA f16 with block_size 16 (a
// rank-preserving gather, the mask computed over [B, T] in i32 and
// broadcast by the score generic) and GQA 8:1 bf16 with block_size 128
// (repeat_kv generics, the mask over [B, 1, 1, T]).
// LINALG-LABEL: func.func @paged_mha
// LINALG-SAME: (%[[Q:.*]]: tensor<2x4x1x16xf16>, %[[KC:.*]]: tensor<16x16x4x16xf16>, %[[VC:.*]]: tensor<16x16x4x16xf16>, %[[T:.*]]: tensor<2x4xi32>, %[[L:.*]]: tensor<2xi32>)
// LINALG-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0], [1], [2, 3]] : tensor<2x4x1x16xf16> into tensor<2x4x16xf16>
// LINALG-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q3]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 2.500000e-01 : tensor<2x4x16xf16>, tensor<16x16x4x16xf16>, tensor<16x16x4x16xf16>, tensor<2x4xi32>, tensor<2xi32> -> tensor<2x4x16xf16>
// LINALG-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 4, 1, 16]
// LINALG-NEXT: return %[[O4]]
// LINALG-LABEL: func.func @paged_gqa
// LINALG-SAME: (%[[Q:.*]]: tensor<2x8x1x16xbf16>, %[[KC:.*]]: tensor<4x128x1x16xbf16>, %[[VC:.*]]: tensor<4x128x1x16xbf16>, %[[T:.*]]: tensor<2x2xi32>, %[[L:.*]]: tensor<2xi32>)
// LINALG-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0], [1], [2, 3]]
// LINALG-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q3]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 2.500000e-01 : tensor<2x8x16xbf16>, tensor<4x128x1x16xbf16>, tensor<4x128x1x16xbf16>, tensor<2x2xi32>, tensor<2xi32> -> tensor<2x8x16xbf16>
// LINALG-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 8, 1, 16]
// LINALG-NEXT: return %[[O4]]

// MHA in torch-mlir's 4-D form, f16, block_size 16: the block table is
// unsqueezed to the gather's [B, max_blocks, 1] indices (the fused op reads
// it as it was), the rank-reducing gather is collapsed to [B, T, Nkv, D] and
// transposed to [B, Nkv, T, D]; the mask [B, 1, 1, T] is
// `t < context_lens[b] ? 0 : -inf` compared as index. The mask's constants,
// read only inside its generic, are erased with it.
// CHECK-LABEL: func.func @mha_f16_bs16
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x1x16xf16>, %[[KC:.*]]: tensor<16x16x4x16xf16>, %[[VC:.*]]: tensor<16x16x4x16xf16>, %[[T:.*]]: tensor<2x4xi32>, %[[L:.*]]: tensor<2xi32>)
// CHECK-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0], [1], [2, 3]] : tensor<2x4x1x16xf16> into tensor<2x4x16xf16>
// CHECK-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q3]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 2.500000e-01 : tensor<2x4x16xf16>, tensor<16x16x4x16xf16>, tensor<16x16x4x16xf16>, tensor<2x4xi32>, tensor<2xi32> -> tensor<2x4x16xf16>
// CHECK-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 4, 1, 16] : tensor<2x4x16xf16> into tensor<2x4x1x16xf16>
// CHECK-NEXT: return %[[O4]]
func.func @mha_f16_bs16(%q: tensor<2x4x1x16xf16>, %kc: tensor<16x16x4x16xf16>, %vc: tensor<16x16x4x16xf16>, %tables: tensor<2x4xi32>, %lens: tensor<2xi32>) -> tensor<2x4x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xi32> into tensor<2x4x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x4x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x4x16x4x16xf16> into tensor<2x64x4x16xf16>
  %e = tensor.empty() : tensor<2x4x64x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x4x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x4x16x4x16xf16> into tensor<2x64x4x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x1x16xf16> into tensor<8x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x4x64x16xf16> into tensor<8x64x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<8x1x16xf16>, tensor<8x64x16xf16> -> tensor<8x1x64xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 64] : tensor<8x1x64xf16> into tensor<2x4x1x64xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x4x1x64xf16>, tensor<f16> -> tensor<2x4x1x64xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x64xf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x64xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x64xf16>
  %u = ascend.add %t, %m : tensor<2x4x1x64xf16>, tensor<2x1x1x64xf16> -> tensor<2x4x1x64xf16>
  %p = ascend.softmax %u dim 3 : tensor<2x4x1x64xf16> -> tensor<2x4x1x64xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x4x1x64xf16> into tensor<8x1x64xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x4x64x16xf16> into tensor<8x64x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<8x1x64xf16>, tensor<8x64x16xf16> -> tensor<8x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 16] : tensor<8x1x16xf16> into tensor<2x4x1x16xf16>
  return %o : tensor<2x4x1x16xf16>
}

// -----

// GQA 8:1 in the 3-D form, bf16, block_size 128: the gather keeps the unit
// gathered dim and reads [B, max_blocks, 1] indices directly (the fused op
// gets them collapsed to [B, max_blocks]); K and V repeat their one KV head
// with linalg.broadcast; the mask is computed over [B, T] in i32 with the
// operands swapped (`len > t`), then viewed as [B, 1, T], broadcast over the
// heads and collapsed to the scores' [B*Nq, 1, T]. The query is an
// unsqueezed [B, Nq, D], read as it is.
// CHECK-LABEL: func.func @gqa_bf16_bs128
// CHECK-SAME: (%[[Q:.*]]: tensor<2x8x16xbf16>, %[[KC:.*]]: tensor<4x128x1x16xbf16>, %[[VC:.*]]: tensor<4x128x1x16xbf16>, %[[IDX:.*]]: tensor<2x2x1xi32>, %[[L:.*]]: tensor<2xi32>)
// CHECK-NEXT: %[[T:.*]] = tensor.collapse_shape %[[IDX]] {{\[}}[0], [1, 2]] : tensor<2x2x1xi32> into tensor<2x2xi32>
// CHECK-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 2.500000e-01 : tensor<2x8x16xbf16>, tensor<4x128x1x16xbf16>, tensor<4x128x1x16xbf16>, tensor<2x2xi32>, tensor<2xi32> -> tensor<2x8x16xbf16>
// CHECK-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 8, 1, 16] : tensor<2x8x16xbf16> into tensor<2x8x1x16xbf16>
// CHECK-NEXT: %[[O3:.*]] = tensor.collapse_shape %[[O4]] {{\[}}[0, 1], [2], [3]] : tensor<2x8x1x16xbf16> into tensor<16x1x16xbf16>
// CHECK-NEXT: return %[[O3]]
func.func @gqa_bf16_bs128(%q: tensor<2x8x16xbf16>, %kc: tensor<4x128x1x16xbf16>, %vc: tensor<4x128x1x16xbf16>, %idx: tensor<2x2x1xi32>, %lens: tensor<2xi32>) -> tensor<16x1x16xbf16> {
  %e = tensor.empty() : tensor<2x1x256x16xbf16>
  %er = tensor.empty() : tensor<2x1x8x256x16xbf16>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<4x128x1x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x1x128x1x16xbf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2, 3], [4], [5]] : tensor<2x2x1x128x1x16xbf16> into tensor<2x256x1x16xbf16>
  %k = linalg.transpose ins(%kf : tensor<2x256x1x16xbf16>) outs(%e : tensor<2x1x256x16xbf16>) permutation = [0, 2, 1, 3]
  %kr = linalg.broadcast ins(%k : tensor<2x1x256x16xbf16>) outs(%er : tensor<2x1x8x256x16xbf16>) dimensions = [2]
  %k3 = tensor.collapse_shape %kr [[0, 1, 2], [3], [4]] : tensor<2x1x8x256x16xbf16> into tensor<16x256x16xbf16>
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<4x128x1x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x1x128x1x16xbf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2, 3], [4], [5]] : tensor<2x2x1x128x1x16xbf16> into tensor<2x256x1x16xbf16>
  %v = linalg.transpose ins(%vf : tensor<2x256x1x16xbf16>) outs(%e : tensor<2x1x256x16xbf16>) permutation = [0, 2, 1, 3]
  %vr = linalg.broadcast ins(%v : tensor<2x1x256x16xbf16>) outs(%er : tensor<2x1x8x256x16xbf16>) dimensions = [2]
  %v3 = tensor.collapse_shape %vr [[0, 1, 2], [3], [4]] : tensor<2x1x8x256x16xbf16> into tensor<16x256x16xbf16>
  %q4 = tensor.expand_shape %q [[0], [1], [2, 3]] output_shape [2, 8, 1, 16] : tensor<2x8x16xbf16> into tensor<2x8x1x16xbf16>
  %q3 = tensor.collapse_shape %q4 [[0, 1], [2], [3]] : tensor<2x8x1x16xbf16> into tensor<16x1x16xbf16>
  %s = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<16x1x16xbf16>, tensor<16x256x16xbf16> -> tensor<16x1x256xbf16>
  %c = arith.constant dense<4.0> : tensor<bf16>
  %t = ascend.div %s, %c : tensor<16x1x256xbf16>, tensor<bf16> -> tensor<16x1x256xbf16>
  %zero = arith.constant 0.0 : bf16
  %ninf = arith.constant 0xFF80 : bf16
  %em = tensor.empty() : tensor<2x256xbf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x256xbf16>) {
  ^bb0(%len: i32, %out: bf16):
    %i = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i32
    %keep = arith.cmpi sgt, %len, %ii : i32
    %r = arith.select %keep, %zero, %ninf : bf16
    linalg.yield %r : bf16
  } -> tensor<2x256xbf16>
  %m3 = tensor.expand_shape %m [[0, 1], [2]] output_shape [2, 1, 256] : tensor<2x256xbf16> into tensor<2x1x256xbf16>
  %eb = tensor.empty() : tensor<2x8x1x256xbf16>
  %mb = linalg.broadcast ins(%m3 : tensor<2x1x256xbf16>) outs(%eb : tensor<2x8x1x256xbf16>) dimensions = [1]
  %mh = tensor.collapse_shape %mb [[0, 1], [2], [3]] : tensor<2x8x1x256xbf16> into tensor<16x1x256xbf16>
  %u = ascend.add %t, %mh : tensor<16x1x256xbf16>, tensor<16x1x256xbf16> -> tensor<16x1x256xbf16>
  %p = ascend.softmax %u dim 2 : tensor<16x1x256xbf16> -> tensor<16x1x256xbf16>
  %o = ascend.batch_matmul %p, %v3 : tensor<16x1x256xbf16>, tensor<16x256x16xbf16> -> tensor<16x1x16xbf16>
  return %o : tensor<16x1x16xbf16>
}

// -----

// GQA 8:1 in the 4-D form, f16, block_size 16, as HuggingFace's repeat_kv
// spells it (unsqueeze, broadcasting generic, reshape); the scale multiplies
// from the left; the mask says `t >= len ? -inf : 0` and widens len with
// index_castui.
// CHECK-LABEL: func.func @gqa_f16_bs16
// CHECK-SAME: (%[[Q:.*]]: tensor<2x8x1x32xf16>, %[[KC:.*]]: tensor<16x16x1x32xf16>, %[[VC:.*]]: tensor<16x16x1x32xf16>, %[[T:.*]]: tensor<2x4xi32>, %[[L:.*]]: tensor<2xi32>)
// CHECK-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0], [1], [2, 3]] : tensor<2x8x1x32xf16> into tensor<2x8x32xf16>
// CHECK-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q3]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 0.176757813 : tensor<2x8x32xf16>, tensor<16x16x1x32xf16>, tensor<16x16x1x32xf16>, tensor<2x4xi32>, tensor<2xi32> -> tensor<2x8x32xf16>
// CHECK-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 8, 1, 32]
// CHECK-NEXT: return %[[O4]]
#bcast = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @gqa_f16_bs16(%q: tensor<2x8x1x32xf16>, %kc: tensor<16x16x1x32xf16>, %vc: tensor<16x16x1x32xf16>, %tables: tensor<2x4xi32>, %lens: tensor<2xi32>) -> tensor<2x8x1x32xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xi32> into tensor<2x4x1xi32>
  %e = tensor.empty() : tensor<2x1x64x32xf16>
  %er = tensor.empty() : tensor<2x1x8x64x32xf16>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<16x16x1x32xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x1x32xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x4x16x1x32xf16> into tensor<2x64x1x32xf16>
  %k = linalg.transpose ins(%kf : tensor<2x64x1x32xf16>) outs(%e : tensor<2x1x64x32xf16>) permutation = [0, 2, 1, 3]
  %k5 = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [2, 1, 1, 64, 32] : tensor<2x1x64x32xf16> into tensor<2x1x1x64x32xf16>
  %kr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%k5 : tensor<2x1x1x64x32xf16>) outs(%er : tensor<2x1x8x64x32xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<2x1x8x64x32xf16>
  %k4 = tensor.collapse_shape %kr [[0], [1, 2], [3], [4]] : tensor<2x1x8x64x32xf16> into tensor<2x8x64x32xf16>
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<16x16x1x32xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x1x32xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x4x16x1x32xf16> into tensor<2x64x1x32xf16>
  %v = linalg.transpose ins(%vf : tensor<2x64x1x32xf16>) outs(%e : tensor<2x1x64x32xf16>) permutation = [0, 2, 1, 3]
  %v5 = tensor.expand_shape %v [[0], [1, 2], [3], [4]] output_shape [2, 1, 1, 64, 32] : tensor<2x1x64x32xf16> into tensor<2x1x1x64x32xf16>
  %vr = linalg.generic {indexing_maps = [#bcast, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%v5 : tensor<2x1x1x64x32xf16>) outs(%er : tensor<2x1x8x64x32xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<2x1x8x64x32xf16>
  %v4 = tensor.collapse_shape %vr [[0], [1, 2], [3], [4]] : tensor<2x1x8x64x32xf16> into tensor<2x8x64x32xf16>
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x8x1x32xf16> into tensor<16x1x32xf16>
  %k3 = tensor.collapse_shape %k4 [[0, 1], [2], [3]] : tensor<2x8x64x32xf16> into tensor<16x64x32xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<16x1x32xf16>, tensor<16x64x32xf16> -> tensor<16x1x64xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 8, 1, 64] : tensor<16x1x64xf16> into tensor<2x8x1x64xf16>
  %c = arith.constant dense<0.1767578125> : tensor<f16>
  %t = ascend.mul %c, %s : tensor<f16>, tensor<2x8x1x64xf16> -> tensor<2x8x1x64xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x64xf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x64xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_castui %len : i32 to index
    %hide = arith.cmpi sge, %i, %l : index
    %r = arith.select %hide, %ninf, %zero : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x64xf16>
  %u = ascend.add %m, %t : tensor<2x1x1x64xf16>, tensor<2x8x1x64xf16> -> tensor<2x8x1x64xf16>
  %p = ascend.softmax %u dim 3 : tensor<2x8x1x64xf16> -> tensor<2x8x1x64xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x8x1x64xf16> into tensor<16x1x64xf16>
  %v3 = tensor.collapse_shape %v4 [[0, 1], [2], [3]] : tensor<2x8x64x32xf16> into tensor<16x64x32xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<16x1x64xf16>, tensor<16x64x32xf16> -> tensor<16x1x32xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 8, 1, 32] : tensor<16x1x32xf16> into tensor<2x8x1x32xf16>
  return %o : tensor<2x8x1x32xf16>
}

// -----

// MHA, bf16, block_size 128, K^T spelled as a linalg.transpose of the last
// two dims (no transpose_b), the scale a division by sqrt(D).
// CHECK-LABEL: func.func @mha_bf16_bs128
// CHECK-SAME: (%[[Q:.*]]: tensor<2x2x1x16xbf16>, %[[KC:.*]]: tensor<4x128x2x16xbf16>, %[[VC:.*]]: tensor<4x128x2x16xbf16>, %[[T:.*]]: tensor<2x2xi32>, %[[L:.*]]: tensor<2xi32>)
// CHECK-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q]] {{\[}}[0], [1], [2, 3]]
// CHECK-NEXT: %[[O:.*]] = ascend.paged_attention %[[Q3]], %[[KC]], %[[VC]] block_tables %[[T]] context_lens %[[L]] scale 2.500000e-01 : tensor<2x2x16xbf16>, tensor<4x128x2x16xbf16>, tensor<4x128x2x16xbf16>, tensor<2x2xi32>, tensor<2xi32> -> tensor<2x2x16xbf16>
// CHECK-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O]] {{\[}}[0], [1], [2, 3]] output_shape [2, 2, 1, 16]
// CHECK-NEXT: return %[[O4]]
func.func @mha_bf16_bs128(%q: tensor<2x2x1x16xbf16>, %kc: tensor<4x128x2x16xbf16>, %vc: tensor<4x128x2x16xbf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x2x1x16xbf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %e = tensor.empty() : tensor<2x2x256x16xbf16>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<4x128x2x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x128x2x16xbf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x128x2x16xbf16> into tensor<2x256x2x16xbf16>
  %k = linalg.transpose ins(%kf : tensor<2x256x2x16xbf16>) outs(%e : tensor<2x2x256x16xbf16>) permutation = [0, 2, 1, 3]
  %et = tensor.empty() : tensor<2x2x16x256xbf16>
  %kt = linalg.transpose ins(%k : tensor<2x2x256x16xbf16>) outs(%et : tensor<2x2x16x256xbf16>) permutation = [0, 1, 3, 2]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<4x128x2x16xbf16>, tensor<2x2x1xi32>) -> tensor<2x2x128x2x16xbf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x128x2x16xbf16> into tensor<2x256x2x16xbf16>
  %v = linalg.transpose ins(%vf : tensor<2x256x2x16xbf16>) outs(%e : tensor<2x2x256x16xbf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xbf16> into tensor<4x1x16xbf16>
  %kt3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<2x2x16x256xbf16> into tensor<4x16x256xbf16>
  %s3 = ascend.batch_matmul %q3, %kt3 : tensor<4x1x16xbf16>, tensor<4x16x256xbf16> -> tensor<4x1x256xbf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 256] : tensor<4x1x256xbf16> into tensor<2x2x1x256xbf16>
  %c = arith.constant dense<4.0> : tensor<bf16>
  %t = ascend.div %s, %c : tensor<2x2x1x256xbf16>, tensor<bf16> -> tensor<2x2x1x256xbf16>
  %zero = arith.constant 0.0 : bf16
  %ninf = arith.constant 0xFF80 : bf16
  %em = tensor.empty() : tensor<2x1x1x256xbf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x256xbf16>) {
  ^bb0(%len: i32, %out: bf16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : bf16
    linalg.yield %r : bf16
  } -> tensor<2x1x1x256xbf16>
  %u = ascend.add %t, %m : tensor<2x2x1x256xbf16>, tensor<2x1x1x256xbf16> -> tensor<2x2x1x256xbf16>
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x256xbf16> -> tensor<2x2x1x256xbf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x256xbf16> into tensor<4x1x256xbf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x256x16xbf16> into tensor<4x256x16xbf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x256xbf16>, tensor<4x256x16xbf16> -> tensor<4x1x16xbf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xbf16> into tensor<2x2x1x16xbf16>
  return %o : tensor<2x2x1x16xbf16>
}

// -----

// Negative: K gathers token rows (dim 1) of its cache, not whole blocks.
// CHECK-LABEL: func.func @gather_token_rows
// CHECK: tensor.gather
// CHECK: ascend.flash_attention
// CHECK-NOT: ascend.paged_attention
func.func @gather_token_rows(%q: tensor<2x2x1x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>, %tok: tensor<2x4xi32>) -> tensor<2x2x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %tidx = tensor.expand_shape %tok [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xi32> into tensor<2x4x1xi32>
  %kg = tensor.gather %kc[%tidx] gather_dims([1]) : (tensor<8x16x2x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x8x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x4x8x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x32x16xf16> -> tensor<4x1x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 32] : tensor<4x1x32xf16> into tensor<2x2x1x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x1x32xf16>, tensor<f16> -> tensor<2x2x1x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %u = ascend.add %t, %m0 : tensor<2x2x1x32xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x1x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): K gathers dim 1 of its cache, not whole blocks (dim 0)}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x32xf16> -> tensor<2x2x1x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x32xf16> into tensor<4x1x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x32xf16>, tensor<4x32x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xf16> into tensor<2x2x1x16xf16>
  return %o : tensor<2x2x1x16xf16>
}

// -----

// Negative: `t <= len` keeps one key too many; not the key padding of
// context_lens.
// CHECK-LABEL: func.func @mask_le
// CHECK: tensor.gather
// CHECK: ascend.flash_attention
// CHECK-NOT: ascend.paged_attention
func.func @mask_le(%q: tensor<2x2x1x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x2x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x32x16xf16> -> tensor<4x1x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 32] : tensor<4x1x32xf16> into tensor<2x2x1x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x1x32xf16>, tensor<f16> -> tensor<2x2x1x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi sle, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %u = ascend.add %t, %m0 : tensor<2x2x1x32xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x1x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): the mask is not `t < context_lens[b] ? 0 : -inf`: the key index is compared with `sle`, not `<` (or `>=`) context_lens}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x32xf16> -> tensor<2x2x1x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x32xf16> into tensor<4x1x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x32xf16>, tensor<4x32x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xf16> into tensor<2x2x1x16xf16>
  return %o : tensor<2x2x1x16xf16>
}

// -----

// Negative: HuggingFace's finfo(f16).min instead of -inf hides a key only
// approximately; not paged_attention's exact padding.
// CHECK-LABEL: func.func @mask_finfo_min
// CHECK: tensor.gather
// CHECK: ascend.flash_attention
// CHECK-NOT: ascend.paged_attention
func.func @mask_finfo_min(%q: tensor<2x2x1x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x2x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x32x16xf16> -> tensor<4x1x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 32] : tensor<4x1x32xf16> into tensor<2x2x1x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x1x32xf16>, tensor<f16> -> tensor<2x2x1x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant -65504.0 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %u = ascend.add %t, %m0 : tensor<2x2x1x32xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x1x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): the mask is not `t < context_lens[b] ? 0 : -inf`: the select's values are not the constants 0 for kept keys and -inf for hidden ones}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x32xf16> -> tensor<2x2x1x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x32xf16> into tensor<4x1x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x32xf16>, tensor<4x32x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xf16> into tensor<2x2x1x16xf16>
  return %o : tensor<2x2x1x16xf16>
}

// -----

// Negative: Sq = 2 (chunked prefill over the paged cache) stays
// flash_attention with the context_lens mask as its explicit mask.
// CHECK-LABEL: func.func @prefill_two_queries
// CHECK: tensor.gather
// CHECK: %[[M:.*]] = linalg.generic
// CHECK: ascend.flash_attention %{{.*}}, %{{.*}}, %{{.*}} mask %[[M]] scale 2.500000e-01 : tensor<2x2x2x16xf16>, tensor<2x2x32x16xf16>, tensor<2x2x32x16xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x2x16xf16>
// CHECK-NOT: ascend.paged_attention
func.func @prefill_two_queries(%q: tensor<2x2x2x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x2x2x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x2x16xf16> into tensor<4x2x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x2x16xf16>, tensor<4x32x16xf16> -> tensor<4x2x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 2, 32] : tensor<4x2x32xf16> into tensor<2x2x2x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x2x32xf16>, tensor<f16> -> tensor<2x2x2x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %u = ascend.add %t, %m0 : tensor<2x2x2x32xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x2x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): Sq = 2; paged_attention decodes one query per sequence}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x2x32xf16> -> tensor<2x2x2x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x2x32xf16> into tensor<4x2x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x2x32xf16>, tensor<4x32x16xf16> -> tensor<4x2x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 2, 16] : tensor<4x2x16xf16> into tensor<2x2x2x16xf16>
  return %o : tensor<2x2x2x16xf16>
}

// -----

// Negative: K and V are gathered with different block tables.
// CHECK-LABEL: func.func @different_tables
// CHECK: tensor.gather
// CHECK: ascend.flash_attention
// CHECK-NOT: ascend.paged_attention
func.func @different_tables(%q: tensor<2x2x1x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>, %vtables: tensor<2x2x1xi32>) -> tensor<2x2x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%vtables] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x32x16xf16> -> tensor<4x1x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 32] : tensor<4x1x32xf16> into tensor<2x2x1x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x1x32xf16>, tensor<f16> -> tensor<2x2x1x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %u = ascend.add %t, %m0 : tensor<2x2x1x32xf16>, tensor<2x1x1x32xf16> -> tensor<2x2x1x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): K and V are gathered with different block tables}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x32xf16> -> tensor<2x2x1x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x32xf16> into tensor<4x1x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x32xf16>, tensor<4x32x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xf16> into tensor<2x2x1x16xf16>
  return %o : tensor<2x2x1x16xf16>
}

// -----

// Negative: the mask [1, 2, 1, T] lines its sequence dim up with the heads,
// so head h reads sequence h's length.
// CHECK-LABEL: func.func @mask_other_sequence
// CHECK: tensor.gather
// CHECK: ascend.flash_attention
// CHECK-NOT: ascend.paged_attention
func.func @mask_other_sequence(%q: tensor<2x2x1x16xf16>, %kc: tensor<8x16x2x16xf16>, %vc: tensor<8x16x2x16xf16>, %tables: tensor<2x2xi32>, %lens: tensor<2xi32>) -> tensor<2x2x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 2, 1] : tensor<2x2xi32> into tensor<2x2x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %e = tensor.empty() : tensor<2x2x32x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x2x16xf16>, tensor<2x2x1xi32>) -> tensor<2x2x16x2x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x2x16x2x16xf16> into tensor<2x32x2x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x32x2x16xf16>) outs(%e : tensor<2x2x32x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x2x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x32x16xf16> -> tensor<4x1x32xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 32] : tensor<4x1x32xf16> into tensor<2x2x1x32xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x2x1x32xf16>, tensor<f16> -> tensor<2x2x1x32xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x32xf16>
  %m0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x32xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x32xf16>
  %m = tensor.collapse_shape %m0 [[0, 1], [2], [3]] : tensor<2x1x1x32xf16> into tensor<2x1x32xf16>
  %m1 = tensor.expand_shape %m [[0, 1], [2], [3]] output_shape [1, 2, 1, 32] : tensor<2x1x32xf16> into tensor<1x2x1x32xf16>
  %u = ascend.add %t, %m1 : tensor<2x2x1x32xf16>, tensor<1x2x1x32xf16> -> tensor<2x2x1x32xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): query head 1 of sequence 0 reads the mask of sequence 1}}
  %p = ascend.softmax %u dim 3 : tensor<2x2x1x32xf16> -> tensor<2x2x1x32xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x2x1x32xf16> into tensor<4x1x32xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x2x32x16xf16> into tensor<4x32x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x32xf16>, tensor<4x32x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 2, 1, 16] : tensor<4x1x16xf16> into tensor<2x2x1x16xf16>
  return %o : tensor<2x2x1x16xf16>
}

// -----

// K and V caches of different block counts: no paged_attention (whose
// verifier needs one [num_blocks, block_size, Nkv] for both).
func.func @caches_of_different_sizes(%q: tensor<2x4x1x16xf16>, %kc: tensor<16x16x4x16xf16>, %vc: tensor<8x16x4x16xf16>, %tables: tensor<2x4xi32>, %lens: tensor<2xi32>) -> tensor<2x4x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xi32> into tensor<2x4x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x4x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<2x4x16x4x16xf16> into tensor<2x64x4x16xf16>
  %e = tensor.empty() : tensor<2x4x64x16xf16>
  %k = linalg.transpose ins(%kf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<8x16x4x16xf16>, tensor<2x4x1xi32>) -> tensor<2x4x16x4x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<2x4x16x4x16xf16> into tensor<2x64x4x16xf16>
  %v = linalg.transpose ins(%vf : tensor<2x64x4x16xf16>) outs(%e : tensor<2x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<2x4x1x16xf16> into tensor<8x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<2x4x64x16xf16> into tensor<8x64x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<8x1x16xf16>, tensor<8x64x16xf16> -> tensor<8x1x64xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 64] : tensor<8x1x64xf16> into tensor<2x4x1x64xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x4x1x64xf16>, tensor<f16> -> tensor<2x4x1x64xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<2x1x1x64xf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<2xi32>) outs(%em : tensor<2x1x1x64xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<2x1x1x64xf16>
  %u = ascend.add %t, %m : tensor<2x4x1x64xf16>, tensor<2x1x1x64xf16> -> tensor<2x4x1x64xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): the K and V caches differ in [num_blocks, block_size, Nkv]}}
  %p = ascend.softmax %u dim 3 : tensor<2x4x1x64xf16> -> tensor<2x4x1x64xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<2x4x1x64xf16> into tensor<8x1x64xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<2x4x64x16xf16> into tensor<8x64x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<8x1x64xf16>, tensor<8x64x16xf16> -> tensor<8x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [2, 4, 1, 16] : tensor<8x1x16xf16> into tensor<2x4x1x16xf16>
  return %o : tensor<2x4x1x16xf16>
}

// -----

// Three lengths for one sequence: not context_lens of this batch.
func.func @b1_lens3(%q: tensor<1x4x1x16xf16>, %kc: tensor<16x16x4x16xf16>, %vc: tensor<16x16x4x16xf16>, %tables: tensor<1x4xi32>, %lens: tensor<3xi32>) -> tensor<1x4x1x16xf16> {
  %idx = tensor.expand_shape %tables [[0], [1, 2]] output_shape [1, 4, 1] : tensor<1x4xi32> into tensor<1x4x1xi32>
  %kg = tensor.gather %kc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<1x4x1xi32>) -> tensor<1x4x16x4x16xf16>
  %kf = tensor.collapse_shape %kg [[0], [1, 2], [3], [4]] : tensor<1x4x16x4x16xf16> into tensor<1x64x4x16xf16>
  %e = tensor.empty() : tensor<1x4x64x16xf16>
  %k = linalg.transpose ins(%kf : tensor<1x64x4x16xf16>) outs(%e : tensor<1x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %vg = tensor.gather %vc[%idx] gather_dims([0]) : (tensor<16x16x4x16xf16>, tensor<1x4x1xi32>) -> tensor<1x4x16x4x16xf16>
  %vf = tensor.collapse_shape %vg [[0], [1, 2], [3], [4]] : tensor<1x4x16x4x16xf16> into tensor<1x64x4x16xf16>
  %v = linalg.transpose ins(%vf : tensor<1x64x4x16xf16>) outs(%e : tensor<1x4x64x16xf16>) permutation = [0, 2, 1, 3]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x1x16xf16> into tensor<4x1x16xf16>
  %k3 = tensor.collapse_shape %k [[0, 1], [2], [3]] : tensor<1x4x64x16xf16> into tensor<4x64x16xf16>
  %s3 = ascend.batch_matmul %q3, %k3 {transpose_b} : tensor<4x1x16xf16>, tensor<4x64x16xf16> -> tensor<4x1x64xf16>
  %s = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 1, 64] : tensor<4x1x64xf16> into tensor<1x4x1x64xf16>
  %c = arith.constant dense<0.25> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<1x4x1x64xf16>, tensor<f16> -> tensor<1x4x1x64xf16>
  %zero = arith.constant 0.0 : f16
  %ninf = arith.constant 0xFC00 : f16
  %em = tensor.empty() : tensor<3x1x1x64xf16>
  %m = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lens : tensor<3xi32>) outs(%em : tensor<3x1x1x64xf16>) {
  ^bb0(%len: i32, %out: f16):
    %i = linalg.index 3 : index
    %l = arith.index_cast %len : i32 to index
    %keep = arith.cmpi slt, %i, %l : index
    %r = arith.select %keep, %zero, %ninf : f16
    linalg.yield %r : f16
  } -> tensor<3x1x1x64xf16>
  %em1 = tensor.empty() : tensor<1x1x1x64xf16>
  %m1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%m : tensor<3x1x1x64xf16>) outs(%em1 : tensor<1x1x1x64xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<1x1x1x64xf16>
  %u = ascend.add %t, %m1 : tensor<1x4x1x64xf16>, tensor<1x1x1x64xf16> -> tensor<1x4x1x64xf16>
  // expected-remark @+1 {{not fused into ascend.paged_attention (fused into ascend.flash_attention instead): context_lens is not one length per sequence (1 of them)}}
  %p = ascend.softmax %u dim 3 : tensor<1x4x1x64xf16> -> tensor<1x4x1x64xf16>
  %p3 = tensor.collapse_shape %p [[0, 1], [2], [3]] : tensor<1x4x1x64xf16> into tensor<4x1x64xf16>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x64x16xf16> into tensor<4x64x16xf16>
  %o3 = ascend.batch_matmul %p3, %v3 : tensor<4x1x64xf16>, tensor<4x64x16xf16> -> tensor<4x1x16xf16>
  %o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 1, 16] : tensor<4x1x16xf16> into tensor<1x4x1x16xf16>
  return %o : tensor<1x4x1x16xf16>
}
