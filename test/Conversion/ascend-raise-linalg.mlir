// RUN: ascend-opt %s -ascend-raise-linalg=report-unmatched -split-input-file -verify-diagnostics | FileCheck %s
// Without the option the pass is silent.
// RUN: ascend-opt %s -ascend-raise-linalg -split-input-file 2>&1 | FileCheck %s --check-prefix=QUIET
// QUIET-NOT: remark

// The inputs are what torch-mlir (and StableHLO->linalg) emit for LLaMA- and
// DeepSeek-sized layers: tensor.empty + linalg.fill inits, f64 literals
// truncated inside bodies, `alpha` multiplications, keepdim reductions.

//===----------------------------------------------------------------------===//
// Matmuls
//===----------------------------------------------------------------------===//

// torch.mm in f16: the zero-filled init adds nothing; the fill, the empty and
// the zero go away with the matmul.
// CHECK-LABEL: func.func @mm_f16
// CHECK-NEXT:    %[[R:.*]] = ascend.matmul %arg0, %arg1 : tensor<128x4096xf16>, tensor<4096x11008xf16> -> tensor<128x11008xf16>
// CHECK-NEXT:    return %[[R]]
func.func @mm_f16(%a: tensor<128x4096xf16>, %b: tensor<4096x11008xf16>) -> tensor<128x11008xf16> {
  %cst = arith.constant 0.000000e+00 : f16
  %0 = tensor.empty() : tensor<128x11008xf16>
  %1 = linalg.fill ins(%cst : f16) outs(%0 : tensor<128x11008xf16>) -> tensor<128x11008xf16>
  %2 = linalg.matmul ins(%a, %b : tensor<128x4096xf16>, tensor<4096x11008xf16>) outs(%1 : tensor<128x11008xf16>) -> tensor<128x11008xf16>
  return %2 : tensor<128x11008xf16>
}

// -----

// nn.Linear(4096, 11008) on bf16 with an f32 result: torch-mlir transposes
// the [out, in] weight with linalg.transpose, which becomes transpose_b, and
// adds the bias with a broadcasting generic, which becomes NumPy
// broadcasting of the [11008] bias.
// CHECK-LABEL: func.func @linear_bf16
// CHECK-NEXT:    %[[MM:.*]] = ascend.matmul %arg0, %arg1 {transpose_b} : tensor<16x4096xbf16>, tensor<11008x4096xbf16> -> tensor<16x11008xf32>
// CHECK-NEXT:    %[[Y:.*]] = ascend.add %[[MM]], %arg2 : tensor<16x11008xf32>, tensor<11008xf32> -> tensor<16x11008xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @linear_bf16(%x: tensor<16x4096xbf16>, %w: tensor<11008x4096xbf16>, %bias: tensor<11008xf32>) -> tensor<16x11008xf32> {
  %c1_i64 = arith.constant 1 : i64
  %cst = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<4096x11008xbf16>
  %transposed = linalg.transpose ins(%w : tensor<11008x4096xbf16>) outs(%0 : tensor<4096x11008xbf16>) permutation = [1, 0]
  %1 = tensor.empty() : tensor<16x11008xf32>
  %2 = linalg.fill ins(%cst : f32) outs(%1 : tensor<16x11008xf32>) -> tensor<16x11008xf32>
  %3 = linalg.matmul ins(%x, %transposed : tensor<16x4096xbf16>, tensor<4096x11008xbf16>) outs(%2 : tensor<16x11008xf32>) -> tensor<16x11008xf32>
  %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%3, %bias : tensor<16x11008xf32>, tensor<11008xf32>) outs(%1 : tensor<16x11008xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %5 = arith.sitofp %c1_i64 : i64 to f32
    %6 = arith.mulf %in_0, %5 : f32
    %7 = arith.addf %in, %6 : f32
    linalg.yield %7 : f32
  } -> tensor<16x11008xf32>
  return %4 : tensor<16x11008xf32>
}

// -----

// The named transposed forms.
// CHECK-LABEL: func.func @mm_transposed_named
// CHECK-NEXT:    ascend.matmul %arg0, %arg1 {transpose_b} : tensor<16x7168xbf16>, tensor<2112x7168xbf16> -> tensor<16x2112xbf16>
// CHECK-NEXT:    ascend.matmul %arg2, %arg3 {transpose_a} : tensor<512x64xf32>, tensor<512x256xf32> -> tensor<64x256xf32>
// CHECK-NEXT:    return
func.func @mm_transposed_named(%a: tensor<16x7168xbf16>, %b: tensor<2112x7168xbf16>, %c: tensor<512x64xf32>, %d: tensor<512x256xf32>) -> (tensor<16x2112xbf16>, tensor<64x256xf32>) {
  %zb = arith.constant 0.000000e+00 : bf16
  %zf = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<16x2112xbf16>
  %1 = linalg.fill ins(%zb : bf16) outs(%0 : tensor<16x2112xbf16>) -> tensor<16x2112xbf16>
  %2 = linalg.matmul_transpose_b ins(%a, %b : tensor<16x7168xbf16>, tensor<2112x7168xbf16>) outs(%1 : tensor<16x2112xbf16>) -> tensor<16x2112xbf16>
  %3 = tensor.empty() : tensor<64x256xf32>
  %4 = linalg.fill ins(%zf : f32) outs(%3 : tensor<64x256xf32>) -> tensor<64x256xf32>
  %5 = linalg.matmul_transpose_a ins(%c, %d : tensor<512x64xf32>, tensor<512x256xf32>) outs(%4 : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %2, %5 : tensor<16x2112xbf16>, tensor<64x256xf32>
}

// -----

// Attention scores and context in f16: q @ k^T with k transposed by a
// copying generic (older torch-mlir), then p @ v; and the named
// batch_matmul_transpose_b.
// CHECK-LABEL: func.func @attention_bmm_f16
// CHECK-NEXT:    %[[S:.*]] = ascend.batch_matmul %arg0, %arg1 {transpose_b} : tensor<32x128x128xf16>, tensor<32x128x128xf16> -> tensor<32x128x128xf16>
// CHECK-NEXT:    ascend.batch_matmul %[[S]], %arg2 : tensor<32x128x128xf16>, tensor<32x128x128xf16> -> tensor<32x128x128xf16>
// CHECK-NEXT:    ascend.batch_matmul %arg0, %arg1 {transpose_b} : tensor<32x128x128xf16>, tensor<32x128x128xf16> -> tensor<32x128x128xf32>
// CHECK-NEXT:    return
func.func @attention_bmm_f16(%q: tensor<32x128x128xf16>, %k: tensor<32x128x128xf16>, %v: tensor<32x128x128xf16>) -> (tensor<32x128x128xf16>, tensor<32x128x128xf32>) {
  %cst = arith.constant 0.000000e+00 : f16
  %zf = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<32x128x128xf16>
  %kt = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%k : tensor<32x128x128xf16>) outs(%0 : tensor<32x128x128xf16>) {
  ^bb0(%in: f16, %out: f16):
    linalg.yield %in : f16
  } -> tensor<32x128x128xf16>
  %1 = linalg.fill ins(%cst : f16) outs(%0 : tensor<32x128x128xf16>) -> tensor<32x128x128xf16>
  %s = linalg.batch_matmul ins(%q, %kt : tensor<32x128x128xf16>, tensor<32x128x128xf16>) outs(%1 : tensor<32x128x128xf16>) -> tensor<32x128x128xf16>
  %o = linalg.batch_matmul ins(%s, %v : tensor<32x128x128xf16>, tensor<32x128x128xf16>) outs(%1 : tensor<32x128x128xf16>) -> tensor<32x128x128xf16>
  %2 = tensor.empty() : tensor<32x128x128xf32>
  %3 = linalg.fill ins(%zf : f32) outs(%2 : tensor<32x128x128xf32>) -> tensor<32x128x128xf32>
  %t = linalg.batch_matmul_transpose_b ins(%q, %k : tensor<32x128x128xf16>, tensor<32x128x128xf16>) outs(%3 : tensor<32x128x128xf32>) -> tensor<32x128x128xf32>
  return %o, %t : tensor<32x128x128xf16>, tensor<32x128x128xf32>
}

// -----

// Generic forms (what -linalg-generalize-named-ops makes of a zero fill and
// matmul_transpose_b, and a batched q @ k^T written by hand) are raised like
// the named ones. A multiply-add with a negated operand is not a matmul.
// CHECK-LABEL: func.func @mm_generic
// CHECK-NEXT:    tensor.empty
// CHECK-NEXT:    %[[A:.*]] = ascend.matmul %arg0, %arg1 {transpose_b} : tensor<16x7168xf16>, tensor<2112x7168xf16> -> tensor<16x2112xf32>
// CHECK-NEXT:    %[[B:.*]] = ascend.batch_matmul %arg2, %arg3 {transpose_b} : tensor<8x128x64xbf16>, tensor<8x256x64xbf16> -> tensor<8x128x256xbf16>
// CHECK:         linalg.generic
// CHECK:         arith.negf
func.func @mm_generic(%a: tensor<16x7168xf16>, %b: tensor<2112x7168xf16>, %q: tensor<8x128x64xbf16>, %k: tensor<8x256x64xbf16>) -> (tensor<16x2112xf32>, tensor<8x128x256xbf16>, tensor<16x2112xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %zb = arith.constant 0.000000e+00 : bf16
  %0 = tensor.empty() : tensor<16x2112xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%cst : f32) outs(%0 : tensor<16x2112xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<16x2112xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<16x7168xf16>, tensor<2112x7168xf16>) outs(%1 : tensor<16x2112xf32>) {
  ^bb0(%in: f16, %in_0: f16, %out: f32):
    %3 = arith.extf %in : f16 to f32
    %4 = arith.extf %in_0 : f16 to f32
    %5 = arith.mulf %3, %4 : f32
    %6 = arith.addf %out, %5 : f32
    linalg.yield %6 : f32
  } -> tensor<16x2112xf32>
  %e = tensor.empty() : tensor<8x128x256xbf16>
  %f = linalg.fill ins(%zb : bf16) outs(%e : tensor<8x128x256xbf16>) -> tensor<8x128x256xbf16>
  %s = linalg.generic {indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, affine_map<(b, m, n, k) -> (b, n, k)>, affine_map<(b, m, n, k) -> (b, m, n)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%q, %k : tensor<8x128x64xbf16>, tensor<8x256x64xbf16>) outs(%f : tensor<8x128x256xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %3 = arith.mulf %in, %in_0 : bf16
    %4 = arith.addf %3, %out : bf16
    linalg.yield %4 : bf16
  } -> tensor<8x128x256xbf16>
  // expected-remark @below {{not raised: a contraction other than the matmuls ascend.matmul and ascend.batch_matmul cover}}
  %n = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<16x7168xf16>, tensor<2112x7168xf16>) outs(%0 : tensor<16x2112xf32>) {
  ^bb0(%in: f16, %in_0: f16, %out: f32):
    %3 = arith.extf %in : f16 to f32
    %4 = arith.negf %3 : f32
    %5 = arith.extf %in_0 : f16 to f32
    %6 = arith.mulf %4, %5 : f32
    %7 = arith.addf %out, %6 : f32
    linalg.yield %7 : f32
  } -> tensor<16x2112xf32>
  return %2, %s, %n : tensor<16x2112xf32>, tensor<8x128x256xbf16>, tensor<16x2112xf32>
}

// -----

// Dynamic M and N; a tensor.empty init (undefined contents) also adds
// nothing.
// CHECK-LABEL: func.func @mm_dynamic_f32
// CHECK-NEXT:    %[[A:.*]] = ascend.matmul %arg0, %arg1 : tensor<?x4096xf32>, tensor<4096x?xf32> -> tensor<?x?xf32>
// CHECK-NEXT:    %[[B:.*]] = ascend.matmul %arg0, %arg1 : tensor<?x4096xf32>, tensor<4096x?xf32> -> tensor<?x?xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @mm_dynamic_f32(%a: tensor<?x4096xf32>, %b: tensor<4096x?xf32>) -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cst = arith.constant 0.000000e+00 : f32
  %m = tensor.dim %a, %c0 : tensor<?x4096xf32>
  %n = tensor.dim %b, %c1 : tensor<4096x?xf32>
  %0 = tensor.empty(%m, %n) : tensor<?x?xf32>
  %1 = linalg.fill ins(%cst : f32) outs(%0 : tensor<?x?xf32>) -> tensor<?x?xf32>
  %2 = linalg.matmul ins(%a, %b : tensor<?x4096xf32>, tensor<4096x?xf32>) outs(%1 : tensor<?x?xf32>) -> tensor<?x?xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<?x4096xf32>, tensor<4096x?xf32>) outs(%0 : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %2, %3 : tensor<?x?xf32>, tensor<?x?xf32>
}

// -----

// linalg accumulates into its init: a real tensor or a non-zero fill is
// added to the product.
// CHECK-LABEL: func.func @mm_accumulate
// CHECK-NEXT:    %[[P:.*]] = ascend.matmul %arg0, %arg1 : tensor<64x128xf32>, tensor<128x256xf32> -> tensor<64x256xf32>
// CHECK-NEXT:    %[[C:.*]] = ascend.add %arg2, %[[P]] : tensor<64x256xf32>, tensor<64x256xf32> -> tensor<64x256xf32>
// CHECK-NEXT:    %[[Q:.*]] = ascend.matmul %arg0, %arg1
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[D:.*]] = ascend.add %[[ONE]], %[[Q]] : tensor<f32>, tensor<64x256xf32> -> tensor<64x256xf32>
// CHECK-NEXT:    return %[[C]], %[[D]]
func.func @mm_accumulate(%a: tensor<64x128xf32>, %b: tensor<128x256xf32>, %c: tensor<64x256xf32>) -> (tensor<64x256xf32>, tensor<64x256xf32>) {
  %one = arith.constant 1.000000e+00 : f32
  %0 = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x256xf32>) outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  %1 = tensor.empty() : tensor<64x256xf32>
  %2 = linalg.fill ins(%one : f32) outs(%1 : tensor<64x256xf32>) -> tensor<64x256xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x256xf32>) outs(%2 : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %0, %3 : tensor<64x256xf32>, tensor<64x256xf32>
}

// -----

// Matmuls ascend does not have.
// CHECK-LABEL: func.func @mm_not_raised
// CHECK:         linalg.matmul ins(%arg0, %arg1 : tensor<16x7168xi8>, tensor<7168x2112xi8>)
// CHECK:         linalg.matmul ins(%arg2, %arg3 : tensor<64x128xf16>, tensor<128x256xf32>)
// CHECK:         linalg.matmul ins(%arg2, %arg4 : tensor<64x128xf16>, tensor<128x256xf16>) outs(%{{.*}} : tensor<64x256xf64>)
// CHECK:         linalg.matvec
// CHECK-NOT:     ascend.
func.func @mm_not_raised(%a: tensor<16x7168xi8>, %b: tensor<7168x2112xi8>, %c: tensor<64x128xf16>, %d: tensor<128x256xf32>, %e: tensor<128x256xf16>, %v: tensor<128xf16>) -> (tensor<16x2112xi32>, tensor<64x256xf32>, tensor<64x256xf64>, tensor<64xf16>) {
  %0 = tensor.empty() : tensor<16x2112xi32>
  // expected-remark @below {{not raised: its operands are i8; ascend matmuls take f16, bf16 or f32 (int8 is ascend.quant_matmul)}}
  %1 = linalg.matmul ins(%a, %b : tensor<16x7168xi8>, tensor<7168x2112xi8>) outs(%0 : tensor<16x2112xi32>) -> tensor<16x2112xi32>
  %2 = tensor.empty() : tensor<64x256xf32>
  // expected-remark @below {{not raised: its operands are f16 and f32; ascend matmuls take one operand type}}
  %3 = linalg.matmul ins(%c, %d : tensor<64x128xf16>, tensor<128x256xf32>) outs(%2 : tensor<64x256xf32>) -> tensor<64x256xf32>
  %4 = tensor.empty() : tensor<64x256xf64>
  // expected-remark @below {{not raised: its result is f64; ascend matmuls return the operand type (f16) or f32}}
  %5 = linalg.matmul ins(%c, %e : tensor<64x128xf16>, tensor<128x256xf16>) outs(%4 : tensor<64x256xf64>) -> tensor<64x256xf64>
  %6 = tensor.empty() : tensor<64xf16>
  // expected-remark @below {{not raised: a contraction other than the matmuls ascend.matmul and ascend.batch_matmul cover}}
  %7 = linalg.matvec ins(%c, %v : tensor<64x128xf16>, tensor<128xf16>) outs(%6 : tensor<64xf16>) -> tensor<64xf16>
  return %1, %3, %5, %7 : tensor<16x2112xi32>, tensor<64x256xf32>, tensor<64x256xf64>, tensor<64xf16>
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// -----

// torch-mlir's binary ops on bf16 LLaMA activations: sub with `alpha`, mul,
// div, maximum, minimum.
// CHECK-LABEL: func.func @binary_bf16
// CHECK-NEXT:    %[[S:.*]] = ascend.sub %arg0, %arg1 : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16> -> tensor<4x128x4096xbf16>
// CHECK-NEXT:    %[[M:.*]] = ascend.mul %[[S]], %arg1
// CHECK-NEXT:    %[[D:.*]] = ascend.div %[[M]], %arg0
// CHECK-NEXT:    %[[X:.*]] = ascend.max %[[D]], %arg1
// CHECK-NEXT:    %[[N:.*]] = ascend.min %[[X]], %arg0
// CHECK-NEXT:    return %[[N]]
func.func @binary_bf16(%a: tensor<4x128x4096xbf16>, %b: tensor<4x128x4096xbf16>) -> tensor<4x128x4096xbf16> {
  %c1_i64 = arith.constant 1 : i64
  %e = tensor.empty() : tensor<4x128x4096xbf16>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%a, %b : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16>) outs(%e : tensor<4x128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %alpha = arith.sitofp %c1_i64 : i64 to bf16
    %scaled = arith.mulf %in_0, %alpha : bf16
    %r = arith.subf %in, %scaled : bf16
    linalg.yield %r : bf16
  } -> tensor<4x128x4096xbf16>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%0, %b : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16>) outs(%e : tensor<4x128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.mulf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x128x4096xbf16>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %a : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16>) outs(%e : tensor<4x128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.divf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x128x4096xbf16>
  %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%2, %b : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16>) outs(%e : tensor<4x128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.maximumf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x128x4096xbf16>
  %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%3, %a : tensor<4x128x4096xbf16>, tensor<4x128x4096xbf16>) outs(%e : tensor<4x128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.minimumf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x128x4096xbf16>
  return %4 : tensor<4x128x4096xbf16>
}

// -----

// Unary bodies in f32, including torch-mlir's relu (cmpf ugt + select) and
// the maximumf form, and reciprocal as 1 / x.
// CHECK-LABEL: func.func @unary_f32
// CHECK-NEXT:    %[[E:.*]] = ascend.exp %arg0 : tensor<16x1024xf32> -> tensor<16x1024xf32>
// CHECK-NEXT:    %[[L:.*]] = ascend.log %[[E]]
// CHECK-NEXT:    %[[S:.*]] = ascend.sqrt %[[L]]
// CHECK-NEXT:    %[[R:.*]] = ascend.rsqrt %[[S]]
// CHECK-NEXT:    %[[N:.*]] = ascend.neg %[[R]]
// CHECK-NEXT:    %[[A:.*]] = ascend.abs %[[N]]
// CHECK-NEXT:    %[[C:.*]] = ascend.reciprocal %[[A]]
// CHECK-NEXT:    %[[U1:.*]] = ascend.relu %[[C]]
// CHECK-NEXT:    %[[U2:.*]] = ascend.relu %[[U1]]
// CHECK-NEXT:    return %[[U2]]
func.func @unary_f32(%x: tensor<16x1024xf32>) -> tensor<16x1024xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<16x1024xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.log %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%1 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.sqrt %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%2 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.rsqrt %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%3 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.negf %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%4 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.absf %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%5 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.divf %one, %in : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%6 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.cmpf ugt, %in, %cst : f32
    %r = arith.select %c, %in, %cst : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  %8 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%7 : tensor<16x1024xf32>) outs(%e : tensor<16x1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %cst : f32
    linalg.yield %r : f32
  } -> tensor<16x1024xf32>
  return %8 : tensor<16x1024xf32>
}

// -----

// The named elementwise ops of MLIR 19 and linalg.map, in f16.
// CHECK-LABEL: func.func @named_f16
// CHECK-NEXT:    %[[A:.*]] = ascend.add %arg0, %arg1 : tensor<8x4096xf16>, tensor<8x4096xf16> -> tensor<8x4096xf16>
// CHECK-NEXT:    %[[B:.*]] = ascend.sub %[[A]], %arg1
// CHECK-NEXT:    %[[C:.*]] = ascend.mul %[[B]], %arg0
// CHECK-NEXT:    %[[D:.*]] = ascend.div %[[C]], %arg1
// CHECK-NEXT:    %[[E:.*]] = ascend.max %[[D]], %arg0
// CHECK-NEXT:    %[[F:.*]] = ascend.min %[[E]], %arg1
// CHECK-NEXT:    %[[G:.*]] = ascend.exp %[[F]]
// CHECK-NEXT:    %[[H:.*]] = ascend.log %[[G]]
// CHECK-NEXT:    %[[I:.*]] = ascend.sqrt %[[H]]
// CHECK-NEXT:    %[[J:.*]] = ascend.rsqrt %[[I]]
// CHECK-NEXT:    %[[K:.*]] = ascend.reciprocal %[[J]]
// CHECK-NEXT:    %[[L:.*]] = ascend.abs %[[K]]
// CHECK-NEXT:    %[[M:.*]] = ascend.neg %[[L]]
// CHECK-NEXT:    %[[N:.*]] = ascend.mul %[[M]], %[[M]]
// CHECK-NEXT:    %[[O:.*]] = ascend.mul %[[N]], %arg0
// CHECK-NEXT:    return %[[O]]
func.func @named_f16(%a: tensor<8x4096xf16>, %b: tensor<8x4096xf16>) -> tensor<8x4096xf16> {
  %e = tensor.empty() : tensor<8x4096xf16>
  %0 = linalg.add ins(%a, %b : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %1 = linalg.sub ins(%0, %b : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %2 = linalg.mul ins(%1, %a : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %3 = linalg.div ins(%2, %b : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %4 = linalg.max ins(%3, %a : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %5 = linalg.min ins(%4, %b : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %6 = linalg.exp ins(%5 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %7 = linalg.log ins(%6 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %8 = linalg.sqrt ins(%7 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %9 = linalg.rsqrt ins(%8 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %10 = linalg.reciprocal ins(%9 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %11 = linalg.abs ins(%10 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %12 = linalg.negf ins(%11 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %13 = linalg.square ins(%12 : tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>) -> tensor<8x4096xf16>
  %14 = linalg.map { arith.mulf } ins(%13, %a : tensor<8x4096xf16>, tensor<8x4096xf16>) outs(%e : tensor<8x4096xf16>)
  return %14 : tensor<8x4096xf16>
}

// -----

// Casts (torch `.to(dtype)`): extf is exact, truncf rounds with its mode.
// CHECK-LABEL: func.func @casts
// CHECK-NEXT:    %[[W:.*]] = ascend.cast <rint> %arg0 : tensor<16x7168xbf16> -> tensor<16x7168xf32>
// CHECK-NEXT:    %[[N:.*]] = ascend.cast <rint> %[[W]] : tensor<16x7168xf32> -> tensor<16x7168xf16>
// CHECK-NEXT:    %[[T:.*]] = ascend.cast <trunc> %[[W]] : tensor<16x7168xf32> -> tensor<16x7168xbf16>
// CHECK-NEXT:    return %[[N]], %[[T]]
func.func @casts(%x: tensor<16x7168xbf16>) -> (tensor<16x7168xf16>, tensor<16x7168xbf16>) {
  %e32 = tensor.empty() : tensor<16x7168xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x7168xbf16>) outs(%e32 : tensor<16x7168xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %r = arith.extf %in : bf16 to f32
    linalg.yield %r : f32
  } -> tensor<16x7168xf32>
  %e16 = tensor.empty() : tensor<16x7168xf16>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0 : tensor<16x7168xf32>) outs(%e16 : tensor<16x7168xf16>) {
  ^bb0(%in: f32, %out: f16):
    %r = arith.truncf %in : f32 to f16
    linalg.yield %r : f16
  } -> tensor<16x7168xf16>
  %eb = tensor.empty() : tensor<16x7168xbf16>
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0 : tensor<16x7168xf32>) outs(%eb : tensor<16x7168xbf16>) {
  ^bb0(%in: f32, %out: bf16):
    %r = arith.truncf %in toward_zero : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<16x7168xbf16>
  return %1, %2 : tensor<16x7168xf16>, tensor<16x7168xbf16>
}

// -----

// Broadcasting: a per-row [16] operand (map drops the last dim) needs a unit
// dim to line up as NumPy does; a keepdim [16, 1] operand read at 0 and a
// bias [4096] line up as they are; a linalg.broadcast feeding the op folds
// into it.
// CHECK-LABEL: func.func @broadcasts
// CHECK-NEXT:    %[[ROW:.*]] = tensor.expand_shape %arg1 {{\[\[}}0, 1]] output_shape [16, 1] : tensor<16xf32> into tensor<16x1xf32>
// CHECK-NEXT:    %[[A:.*]] = ascend.mul %arg0, %[[ROW]] : tensor<16x4096xf32>, tensor<16x1xf32> -> tensor<16x4096xf32>
// CHECK-NEXT:    %[[B:.*]] = ascend.sub %[[A]], %arg2 : tensor<16x4096xf32>, tensor<16x1xf32> -> tensor<16x4096xf32>
// CHECK-NEXT:    %[[C:.*]] = ascend.add %[[B]], %arg3 : tensor<16x4096xf32>, tensor<4096xf32> -> tensor<16x4096xf32>
// CHECK-NEXT:    return %[[C]]
func.func @broadcasts(%x: tensor<16x4096xf32>, %row: tensor<16xf32>, %keep: tensor<16x1xf32>, %bias: tensor<4096xf32>) -> tensor<16x4096xf32> {
  %e = tensor.empty() : tensor<16x4096xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %row : tensor<16x4096xf32>, tensor<16xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.mulf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0, %keep : tensor<16x4096xf32>, tensor<16x1xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  %b = linalg.broadcast ins(%bias : tensor<4096xf32>) outs(%e : tensor<16x4096xf32>) dimensions = [0]
  %2 = linalg.add ins(%1, %b : tensor<16x4096xf32>, tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) -> tensor<16x4096xf32>
  return %2 : tensor<16x4096xf32>
}

// -----

// Rank-3 activations [batch, seq, hidden]: a per-token [batch, hidden]
// operand drops the middle dim, so it gets a unit dim there; when no operand
// has all loop dims (both [4096] on a [1, 4096] loop), one gets the missing
// unit dim.
// CHECK-LABEL: func.func @broadcasts_rank3
// CHECK-NEXT:    %[[T:.*]] = tensor.expand_shape %arg1 {{\[\[}}0], [1, 2]] output_shape [2, 1, 4096] : tensor<2x4096xf16> into tensor<2x1x4096xf16>
// CHECK-NEXT:    %[[A:.*]] = ascend.mul %arg0, %[[T]] : tensor<2x128x4096xf16>, tensor<2x1x4096xf16> -> tensor<2x128x4096xf16>
// CHECK-NEXT:    %[[R:.*]] = tensor.expand_shape %arg2 {{\[\[}}0, 1]] output_shape [1, 4096] : tensor<4096xf16> into tensor<1x4096xf16>
// CHECK-NEXT:    %[[B:.*]] = ascend.add %[[R]], %arg2 : tensor<1x4096xf16>, tensor<4096xf16> -> tensor<1x4096xf16>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @broadcasts_rank3(%x: tensor<2x128x4096xf16>, %tok: tensor<2x4096xf16>, %v: tensor<4096xf16>) -> (tensor<2x128x4096xf16>, tensor<1x4096xf16>) {
  %e = tensor.empty() : tensor<2x128x4096xf16>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %tok : tensor<2x128x4096xf16>, tensor<2x4096xf16>) outs(%e : tensor<2x128x4096xf16>) {
  ^bb0(%in: f16, %in_0: f16, %out: f16):
    %r = arith.mulf %in, %in_0 : f16
    linalg.yield %r : f16
  } -> tensor<2x128x4096xf16>
  %e1 = tensor.empty() : tensor<1x4096xf16>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%v, %v : tensor<4096xf16>, tensor<4096xf16>) outs(%e1 : tensor<1x4096xf16>) {
  ^bb0(%in: f16, %in_0: f16, %out: f16):
    %r = arith.addf %in, %in_0 : f16
    linalg.yield %r : f16
  } -> tensor<1x4096xf16>
  return %0, %1 : tensor<2x128x4096xf16>, tensor<1x4096xf16>
}

// -----

// Only linalg ops are touched: a dead linalg op (even one the pass could
// raise) and unrelated foldable arith stay as they were.
// CHECK-LABEL: func.func @scope
// CHECK-NEXT:    arith.constant 1.000000e+00
// CHECK-NEXT:    arith.constant 2.000000e+00
// CHECK-NEXT:    %[[S:.*]] = arith.addf
// CHECK-NEXT:    tensor.empty
// CHECK-NEXT:    linalg.exp
// CHECK-NEXT:    return %[[S]]
func.func @scope(%x: tensor<16x4096xf32>) -> f32 {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %sum = arith.addf %one, %two : f32
  %e = tensor.empty() : tensor<16x4096xf32>
  // expected-remark @below {{not raised: its result is unused; the pass leaves dead ops to -canonicalize}}
  %0 = linalg.exp ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) -> tensor<16x4096xf32>
  return %sum : f32
}

// -----

// Scalars: torch-mlir's `x * 0.5` (an f64 literal truncated in the body), a
// scalar input, and a fill read as an operand become rank-0 tensors.
// CHECK-LABEL: func.func @scalars
// CHECK-NEXT:    %[[HALF:.*]] = arith.constant dense<5.000000e-01> : tensor<bf16>
// CHECK-NEXT:    %[[A:.*]] = ascend.mul %arg0, %[[HALF]] : tensor<128x4096xbf16>, tensor<bf16> -> tensor<128x4096xbf16>
// CHECK-NEXT:    %[[S:.*]] = tensor.from_elements %arg1 : tensor<bf16>
// CHECK-NEXT:    %[[B:.*]] = ascend.add %[[A]], %[[S]] : tensor<128x4096xbf16>, tensor<bf16> -> tensor<128x4096xbf16>
// CHECK-NEXT:    %[[TWO:.*]] = arith.constant dense<2.000000e+00> : tensor<bf16>
// CHECK-NEXT:    %[[C:.*]] = ascend.sub %[[B]], %[[TWO]] : tensor<128x4096xbf16>, tensor<bf16> -> tensor<128x4096xbf16>
// CHECK-NEXT:    return %[[C]]
func.func @scalars(%x: tensor<128x4096xbf16>, %s: bf16) -> tensor<128x4096xbf16> {
  %half = arith.constant 5.000000e-01 : f64
  %two = arith.constant 2.000000e+00 : bf16
  %e = tensor.empty() : tensor<128x4096xbf16>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<128x4096xbf16>) outs(%e : tensor<128x4096xbf16>) {
  ^bb0(%in: bf16, %out: bf16):
    %c = arith.truncf %half : f64 to bf16
    %r = arith.mulf %in, %c : bf16
    linalg.yield %r : bf16
  } -> tensor<128x4096xbf16>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%0, %s : tensor<128x4096xbf16>, bf16) outs(%e : tensor<128x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.addf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<128x4096xbf16>
  %f = linalg.fill ins(%two : bf16) outs(%e : tensor<128x4096xbf16>) -> tensor<128x4096xbf16>
  %2 = linalg.sub ins(%1, %f : tensor<128x4096xbf16>, tensor<128x4096xbf16>) outs(%e : tensor<128x4096xbf16>) -> tensor<128x4096xbf16>
  return %2 : tensor<128x4096xbf16>
}

// -----

// A fused body (torch-mlir's SiLU, x * sigmoid(x), after elementwise
// fusion) becomes one ascend op per body op; dynamic tokens.
// CHECK-LABEL: func.func @fused_silu_dynamic
// CHECK-NEXT:    %[[N:.*]] = ascend.neg %arg0 : tensor<?x11008xf16> -> tensor<?x11008xf16>
// CHECK-NEXT:    %[[E:.*]] = ascend.exp %[[N]] : tensor<?x11008xf16> -> tensor<?x11008xf16>
// CHECK-NEXT:    %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f16>
// CHECK-NEXT:    %[[A:.*]] = ascend.add %[[E]], %[[ONE]] : tensor<?x11008xf16>, tensor<f16> -> tensor<?x11008xf16>
// CHECK-NEXT:    %[[R:.*]] = ascend.reciprocal %[[A]] : tensor<?x11008xf16> -> tensor<?x11008xf16>
// CHECK-NEXT:    %[[S:.*]] = ascend.mul %arg0, %[[R]] : tensor<?x11008xf16>, tensor<?x11008xf16> -> tensor<?x11008xf16>
// CHECK-NEXT:    return %[[S]]
func.func @fused_silu_dynamic(%x: tensor<?x11008xf16>) -> tensor<?x11008xf16> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.000000e+00 : f16
  %n = tensor.dim %x, %c0 : tensor<?x11008xf16>
  %e = tensor.empty(%n) : tensor<?x11008xf16>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x11008xf16>) outs(%e : tensor<?x11008xf16>) {
  ^bb0(%in: f16, %out: f16):
    %1 = arith.negf %in : f16
    %2 = math.exp %1 : f16
    %3 = arith.addf %2, %one : f16
    %4 = arith.divf %one, %3 : f16
    %5 = arith.mulf %in, %4 : f16
    linalg.yield %5 : f16
  } -> tensor<?x11008xf16>
  return %0 : tensor<?x11008xf16>
}

// -----

// Elementwise bodies and maps ascend cannot express stay as they are.
// CHECK-LABEL: func.func @elementwise_not_raised
// CHECK-COUNT-10: linalg.generic
// CHECK:         linalg.transpose
// CHECK-NOT:     ascend.
func.func @elementwise_not_raised(%x: tensor<16x4096xf32>, %i: tensor<16x4096xi32>, %d: tensor<16x4096xf64>, %bias: tensor<4096xf32>, %s: tensor<16x8xf32>) -> (tensor<16x4096xf32>, tensor<16x4096xi1>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xi32>, tensor<16x4096xf64>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<4096x16xf32>, tensor<16x4096xf32>) {
  %cst = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<16x4096xf32>
  // expected-remark @below {{not raised: its body computes math.sin, which no ascend op computes}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.sin %in : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  %eb = tensor.empty() : tensor<16x4096xi1>
  // expected-remark @below {{not raised: its body computes arith.cmpf, which no ascend op computes}}
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%eb : tensor<16x4096xi1>) {
  ^bb0(%in: f32, %out: i1):
    %r = arith.cmpf olt, %in, %cst : f32
    linalg.yield %r : i1
  } -> tensor<16x4096xi1>
  // expected-remark @below {{not raised: its body computes arith.select, which is raised only as relu: select(cmpf(ugt, x, +0.0), x, +0.0)}}
  %2 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %c = arith.cmpf olt, %in, %cst : f32
    %r = arith.select %c, %in, %cst : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  // expected-remark @below {{not raised: its body computes arith.maxnumf, which returns the other operand when one is NaN; ascend.max and ascend.min return NaN}}
  %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maxnumf %in, %cst : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  %ei = tensor.empty() : tensor<16x4096xi32>
  // expected-remark @below {{not raised: its body computes arith.addi, which no ascend op computes}}
  %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%i : tensor<16x4096xi32>) outs(%ei : tensor<16x4096xi32>) {
  ^bb0(%in: i32, %out: i32):
    %r = arith.addi %in, %in : i32
    linalg.yield %r : i32
  } -> tensor<16x4096xi32>
  %ed = tensor.empty() : tensor<16x4096xf64>
  // expected-remark @below {{not raised: its body computes math.exp on f64; ascend ops take f16, bf16 or f32}}
  %5 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%d : tensor<16x4096xf64>) outs(%ed : tensor<16x4096xf64>) {
  ^bb0(%in: f64, %out: f64):
    %r = math.exp %in : f64
    linalg.yield %r : f64
  } -> tensor<16x4096xf64>
  // expected-remark @below {{not raised: loop dim 0 (size 16) comes from no input, so the op broadcasts its result; ascend ops only broadcast their operands}}
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%bias : tensor<4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  // expected-remark @below {{not raised: input 1 is indexed by (d0, d1) -> (d0, 0), which reads part of a dim; ascend ops only broadcast their operands, like NumPy}}
  %7 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %s : tensor<16x4096xf32>, tensor<16x8xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.addf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  // expected-remark @below {{not raised: its body reads the iteration index (linalg.index), which ascend ops cannot}}
  %8 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %idx = linalg.index 1 : index
    %int = arith.index_cast %idx : index to i32
    %f = arith.sitofp %int : i32 to f32
    %r = arith.addf %in, %f : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  // expected-remark @below {{not raised: its body reads its init, a tensor.empty whose contents are undefined}}
  %9 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  %et = tensor.empty() : tensor<4096x16xf32>
  // expected-remark @below {{not raised: it only copies, broadcasts or transposes a tensor other than a repeat of slices along one dim (ascend.repeat); the ascend dialect has no such op}}
  %10 = linalg.transpose ins(%x : tensor<16x4096xf32>) outs(%et : tensor<4096x16xf32>) permutation = [1, 0]
  // expected-remark @below {{not raised: input 0 is indexed by (d0, d1) -> (d1, d0), which transposes or repeats loop dims; ascend ops only broadcast their operands, like NumPy}}
  %11 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%10, %x : tensor<4096x16xf32>, tensor<16x4096xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.addf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : tensor<16x4096xf32>, tensor<16x4096xi1>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xi32>, tensor<16x4096xf64>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<16x4096xf32>, tensor<4096x16xf32>, tensor<16x4096xf32>
}

// -----

// The ascend dialect works on tensors.
// CHECK-LABEL: func.func @memref_not_raised
// CHECK:         linalg.generic
func.func @memref_not_raised(%x: memref<16x4096xf32>, %y: memref<16x4096xf32>) {
  // expected-remark @below {{not raised: it works on memrefs; ascend ops take tensors}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : memref<16x4096xf32>) outs(%y : memref<16x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  }
  return
}

//===----------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------===//

// -----

// CHECK-LABEL: func.func @softmax_named
// CHECK-NEXT:    %[[A:.*]] = ascend.softmax %arg0 dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
// CHECK-NEXT:    %[[B:.*]] = ascend.softmax %arg1 dim 2 : tensor<?x32x?xbf16> -> tensor<?x32x?xbf16>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @softmax_named(%x: tensor<64x1024xf16>, %y: tensor<?x32x?xbf16>) -> (tensor<64x1024xf16>, tensor<?x32x?xbf16>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %e = tensor.empty() : tensor<64x1024xf16>
  %0 = linalg.softmax dimension(1) ins(%x : tensor<64x1024xf16>) outs(%e : tensor<64x1024xf16>) -> tensor<64x1024xf16>
  %d0 = tensor.dim %y, %c0 : tensor<?x32x?xbf16>
  %d2 = tensor.dim %y, %c2 : tensor<?x32x?xbf16>
  %f = tensor.empty(%d0, %d2) : tensor<?x32x?xbf16>
  %1 = linalg.softmax dimension(2) ins(%y : tensor<?x32x?xbf16>) outs(%f : tensor<?x32x?xbf16>) -> tensor<?x32x?xbf16>
  return %0, %1 : tensor<64x1024xf16>, tensor<?x32x?xbf16>
}

// -----

// torch-mlir's decomposition of softmax(scores, -1) on [batch, heads, seq,
// seq] attention scores: amax with keepdim (-inf init), x - max (with
// alpha), exp, sum with keepdim, div.
// CHECK-LABEL: func.func @softmax_torch_decomposed
// CHECK-NEXT:    %[[S:.*]] = ascend.softmax %arg0 dim 3 : tensor<2x32x128x128xf32> -> tensor<2x32x128x128xf32>
// CHECK-NEXT:    return %[[S]]
func.func @softmax_torch_decomposed(%x: tensor<2x32x128x128xf32>) -> tensor<2x32x128x128xf32> {
  %c1_i64 = arith.constant 1 : i64
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<2x32x128x1xf32>
  %1 = linalg.fill ins(%ninf : f32) outs(%0 : tensor<2x32x128x1xf32>) -> tensor<2x32x128x1xf32>
  %max = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<2x32x128x128xf32>) outs(%1 : tensor<2x32x128x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<2x32x128x1xf32>
  %2 = tensor.empty() : tensor<2x32x128x128xf32>
  %sub = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %max : tensor<2x32x128x128xf32>, tensor<2x32x128x1xf32>) outs(%2 : tensor<2x32x128x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %alpha = arith.sitofp %c1_i64 : i64 to f32
    %m = arith.mulf %in_0, %alpha : f32
    %r = arith.subf %in, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x32x128x128xf32>
  %exp = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sub : tensor<2x32x128x128xf32>) outs(%2 : tensor<2x32x128x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<2x32x128x128xf32>
  %3 = linalg.fill ins(%zero : f32) outs(%0 : tensor<2x32x128x1xf32>) -> tensor<2x32x128x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%exp : tensor<2x32x128x128xf32>) outs(%3 : tensor<2x32x128x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<2x32x128x1xf32>
  %div = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%exp, %sum : tensor<2x32x128x128xf32>, tensor<2x32x128x1xf32>) outs(%2 : tensor<2x32x128x128xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.divf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<2x32x128x128xf32>
  return %div : tensor<2x32x128x128xf32>
}

// -----

// The TOSA-style form on dynamic rows in f16: linalg.reduce without keepdim
// (lowest-finite init), sub and exp fused in one body, exp * reciprocal(sum).
// CHECK-LABEL: func.func @softmax_reduce_reciprocal_dynamic
// CHECK-NEXT:    %[[S:.*]] = ascend.softmax %arg0 dim 1 : tensor<?x1024xf16> -> tensor<?x1024xf16>
// CHECK-NEXT:    return %[[S]]
func.func @softmax_reduce_reciprocal_dynamic(%x: tensor<?x1024xf16>) -> tensor<?x1024xf16> {
  %c0 = arith.constant 0 : index
  %lowest = arith.constant -6.550400e+04 : f16
  %zero = arith.constant 0.000000e+00 : f16
  %one = arith.constant 1.000000e+00 : f16
  %n = tensor.dim %x, %c0 : tensor<?x1024xf16>
  %0 = tensor.empty(%n) : tensor<?xf16>
  %1 = linalg.fill ins(%lowest : f16) outs(%0 : tensor<?xf16>) -> tensor<?xf16>
  %max = linalg.reduce ins(%x : tensor<?x1024xf16>) outs(%1 : tensor<?xf16>) dimensions = [1]
    (%in: f16, %init: f16) {
      %r = arith.maximumf %in, %init : f16
      linalg.yield %r : f16
    }
  %2 = tensor.empty(%n) : tensor<?x1024xf16>
  %exp = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<?x1024xf16>, tensor<?xf16>) outs(%2 : tensor<?x1024xf16>) {
  ^bb0(%in: f16, %in_0: f16, %out: f16):
    %d = arith.subf %in, %in_0 : f16
    %r = math.exp %d : f16
    linalg.yield %r : f16
  } -> tensor<?x1024xf16>
  %3 = linalg.fill ins(%zero : f16) outs(%0 : tensor<?xf16>) -> tensor<?xf16>
  %sum = linalg.reduce ins(%exp : tensor<?x1024xf16>) outs(%3 : tensor<?xf16>) dimensions = [1]
    (%in: f16, %init: f16) {
      %r = arith.addf %in, %init : f16
      linalg.yield %r : f16
    }
  %rec = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%sum : tensor<?xf16>) outs(%0 : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %r = arith.divf %one, %in : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%exp, %rec : tensor<?x1024xf16>, tensor<?xf16>) outs(%2 : tensor<?x1024xf16>) {
  ^bb0(%in: f16, %in_0: f16, %out: f16):
    %r = arith.mulf %in, %in_0 : f16
    linalg.yield %r : f16
  } -> tensor<?x1024xf16>
  return %y : tensor<?x1024xf16>
}

// -----

// A max that is not the start of a softmax: its sole user is the return.
// CHECK-LABEL: func.func @max_not_raised
// CHECK:         linalg.fill
// CHECK-NEXT:    linalg.reduce
func.func @max_not_raised(%x: tensor<16x4096xf32>) -> tensor<16xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %0 = tensor.empty() : tensor<16xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %1 = linalg.fill ins(%ninf : f32) outs(%0 : tensor<16xf32>) -> tensor<16xf32>
  // expected-remark @below {{not raised: a max over dim 1 (the ascend dialect has no reduce op) that does not start a softmax: its result feeds func.return, not ascend.sub of it from the reduced tensor}}
  %max = linalg.reduce ins(%x : tensor<16x4096xf32>) outs(%1 : tensor<16xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.maximumf %in, %init : f32
      linalg.yield %r : f32
    }
  return %max : tensor<16xf32>
}

// -----

// log_softmax as torch-mlir decomposes it shares the softmax prologue but
// uses x - max twice: its elementwise ops are raised, its reductions stay.
// CHECK-LABEL: func.func @log_softmax_not_raised
// CHECK:         linalg.generic
// CHECK:         ascend.sub
// CHECK-NEXT:    ascend.exp
// CHECK:         linalg.generic
// CHECK:         ascend.log
// CHECK-NEXT:    ascend.sub
func.func @log_softmax_not_raised(%x: tensor<8x32000xf32>) -> tensor<8x32000xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<8x1xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %1 = linalg.fill ins(%ninf : f32) outs(%0 : tensor<8x1xf32>) -> tensor<8x1xf32>
  // expected-remark @below {{not raised: a max over dim 1 (the ascend dialect has no reduce op) that does not start a softmax: x - max has several users, not ascend.exp}}
  %max = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<8x32000xf32>) outs(%1 : tensor<8x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<8x1xf32>
  %2 = tensor.empty() : tensor<8x32000xf32>
  %shifted = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<8x32000xf32>, tensor<8x1xf32>) outs(%2 : tensor<8x32000xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<8x32000xf32>
  %exp = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%shifted : tensor<8x32000xf32>) outs(%2 : tensor<8x32000xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<8x32000xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %3 = linalg.fill ins(%zero : f32) outs(%0 : tensor<8x1xf32>) -> tensor<8x1xf32>
  // expected-remark @below {{not raised: a sum over dim 1 (the ascend dialect has no reduce op) that does not start an rms_norm: its input is not a square (ascend.mul of a tensor by itself); other sums are raised only as a softmax's denominator, matched from the softmax's max}}
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%exp : tensor<8x32000xf32>) outs(%3 : tensor<8x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<8x1xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%shifted, %sum : tensor<8x32000xf32>, tensor<8x1xf32>) outs(%2 : tensor<8x32000xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %l = math.log %in_0 : f32
    %r = arith.subf %in, %l : f32
    linalg.yield %r : f32
  } -> tensor<8x32000xf32>
  return %y : tensor<8x32000xf32>
}

//===----------------------------------------------------------------------===//
// RMSNorm
//===----------------------------------------------------------------------===//

// -----

// HuggingFace LlamaRMSNorm on bf16 as torch-mlir emits it: cast to f32,
// pow(2) (math.fpowi), sum with keepdim, / 4096 (an i64 literal converted
// in the body), + eps (f64 literal times alpha), rsqrt, multiply, cast back
// to bf16, weight * hidden. The cast rounds the normalized value to bf16
// before the weight multiplies it, so the multiply stays its own op (in one
// kernel with the norm after ascend-fuse-vector) instead of becoming
// rms_norm's gamma, which would skip that rounding.
// CHECK-LABEL: func.func @rms_norm_llama_bf16
// CHECK-NEXT:    %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<4096xbf16>
// CHECK-NEXT:    %[[N:.*]] = ascend.rms_norm %arg0, %[[ONES]] {epsilon = 9.99999974E-6 : f32} : tensor<4x4096xbf16>, tensor<4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    %[[Y:.*]] = ascend.mul %arg1, %[[N]] : tensor<4096xbf16>, tensor<4x4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    return %[[Y]]
func.func @rms_norm_llama_bf16(%x: tensor<4x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<4x4096xbf16> {
  %eps = arith.constant 1.000000e-05 : f64
  %c1_i64 = arith.constant 1 : i64
  %c2_i64 = arith.constant 2 : i64
  %c4096_i64 = arith.constant 4096 : i64
  %zero = arith.constant 0.000000e+00 : f32
  %e32 = tensor.empty() : tensor<4x4096xf32>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4096xbf16>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %r = arith.extf %in : bf16 to f32
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %sq = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<4x4096xf32>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.fpowi %in, %c2_i64 : f32, i64
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %e1 = tensor.empty() : tensor<4x1xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%sq : tensor<4x4096xf32>) outs(%f1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %mean = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sum : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.sitofp %c4096_i64 : i64 to f32
    %r = arith.divf %in, %n : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %var = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mean : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.truncf %eps : f64 to f32
    %a = arith.sitofp %c1_i64 : i64 to f32
    %m = arith.mulf %t, %a : f32
    %r = arith.addf %in, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %rs = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%var : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.rsqrt %in : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %norm = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%h, %rs : tensor<4x4096xf32>, tensor<4x1xf32>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.mulf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %e16 = tensor.empty() : tensor<4x4096xbf16>
  %back = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%norm : tensor<4x4096xf32>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%in: f32, %out: bf16):
    %r = arith.truncf %in : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<4x4096xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w, %back : tensor<4096xbf16>, tensor<4x4096xbf16>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.mulf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x4096xbf16>
  return %y : tensor<4x4096xbf16>
}

// -----

// Mixed-precision RMSNorm as PyTorch writes it in one reduction: each bf16
// element widened (arith.extf) in the sum's body before it is squared, the
// scaling on the widened input, the cast back to bf16 before the weight.
// The weight multiply stays its own op, so its rounding is kept.
// CHECK-LABEL: func.func @rms_norm_mixed_bf16
// CHECK-NEXT:    %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<4096xbf16>
// CHECK-NEXT:    %[[N:.*]] = ascend.rms_norm %arg0, %[[ONES]] {epsilon = 9.99999974E-6 : f32} : tensor<4x4096xbf16>, tensor<4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    %[[Y:.*]] = ascend.mul %arg1, %[[N]] : tensor<4096xbf16>, tensor<4x4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    return %[[Y]]
func.func @rms_norm_mixed_bf16(%x: tensor<4x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<4x4096xbf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %n = arith.constant 4.096000e+03 : f32
  %eps = arith.constant 9.99999974E-6 : f32
  %e1 = tensor.empty() : tensor<4x1xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x4096xbf16>) outs(%f1 : tensor<4x1xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %e = arith.extf %in : bf16 to f32
    %sq = arith.mulf %e, %e : f32
    %r = arith.addf %sq, %out : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %rs = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sum : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.divf %in, %n : f32
    %v = arith.addf %m, %eps : f32
    %r = math.rsqrt %v : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %e16 = tensor.empty() : tensor<4x4096xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w, %x, %rs : tensor<4096xbf16>, tensor<4x4096xbf16>, tensor<4x1xf32>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%g: bf16, %in: bf16, %r: f32, %out: bf16):
    %e = arith.extf %in : bf16 to f32
    %s = arith.mulf %e, %r : f32
    %t = arith.truncf %s : f32 to bf16
    %p = arith.mulf %g, %t : bf16
    linalg.yield %p : bf16
  } -> tensor<4x4096xbf16>
  return %y : tensor<4x4096xbf16>
}

// -----

// The same LlamaRMSNorm after torch-mlir's output went through
// -linalg-fuse-elementwise-ops: pow(2) fused into the sum, the rest into one
// body.
// CHECK-LABEL: func.func @rms_norm_llama_bf16_fused
// CHECK-NEXT:    %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<4096xbf16>
// CHECK-NEXT:    %[[N:.*]] = ascend.rms_norm %arg0, %[[ONES]] {epsilon = 9.99999974E-6 : f32} : tensor<4x4096xbf16>, tensor<4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    %[[Y:.*]] = ascend.mul %arg1, %[[N]] : tensor<4096xbf16>, tensor<4x4096xbf16> -> tensor<4x4096xbf16>
// CHECK-NEXT:    return %[[Y]]
func.func @rms_norm_llama_bf16_fused(%x: tensor<4x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<4x4096xbf16> {
  %cst = arith.constant 4.096000e+03 : f32
  %eps = arith.constant 1.000000e-05 : f64
  %c2_i64 = arith.constant 2 : i64
  %zero = arith.constant 0.000000e+00 : f32
  %0 = tensor.empty() : tensor<4x4096xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4096xbf16>) outs(%0 : tensor<4x4096xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %7 = arith.extf %in : bf16 to f32
    linalg.yield %7 : f32
  } -> tensor<4x4096xf32>
  %2 = tensor.empty() : tensor<4x1xf32>
  %3 = linalg.fill ins(%zero : f32) outs(%2 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %4 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%1 : tensor<4x4096xf32>) outs(%3 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %7 = math.fpowi %in, %c2_i64 : f32, i64
    %8 = arith.addf %7, %out : f32
    linalg.yield %8 : f32
  } -> tensor<4x1xf32>
  %5 = tensor.empty() : tensor<4x4096xbf16>
  %6 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w, %1, %4 : tensor<4096xbf16>, tensor<4x4096xf32>, tensor<4x1xf32>) outs(%5 : tensor<4x4096xbf16>) {
  ^bb0(%in: bf16, %in_2: f32, %in_3: f32, %out: bf16):
    %7 = arith.divf %in_3, %cst : f32
    %8 = arith.truncf %eps : f64 to f32
    %9 = arith.addf %7, %8 : f32
    %10 = math.rsqrt %9 : f32
    %11 = arith.mulf %in_2, %10 : f32
    %12 = arith.truncf %11 : f32 to bf16
    %13 = arith.mulf %in, %12 : bf16
    linalg.yield %13 : bf16
  } -> tensor<4x4096xbf16>
  return %6 : tensor<4x4096xbf16>
}

// -----

// DeepSeek-V3's q_a_layernorm in f32 after linalg elementwise fusion: the
// square fused into the sum, the mean as * (1/1536), and the whole
// x * rsqrt(mean + eps) * gamma in one body. (epsilon 1e-6 is rms_norm's
// default, so it is not printed.)
// CHECK-LABEL: func.func @rms_norm_fused_f32
// CHECK-NEXT:    %[[Y:.*]] = ascend.rms_norm %arg0, %arg1 : tensor<16x1536xf32>, tensor<1536xf32> -> tensor<16x1536xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @rms_norm_fused_f32(%x: tensor<16x1536xf32>, %gamma: tensor<1536xf32>) -> tensor<16x1536xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %inv = arith.constant 6.51041686E-4 : f32
  %eps = arith.constant 9.99999997E-7 : f32
  %e1 = tensor.empty() : tensor<16xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %ss = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<16x1536xf32>) outs(%f1 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %r = arith.addf %sq, %out : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  %e = tensor.empty() : tensor<16x1536xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %ss, %gamma : tensor<16x1536xf32>, tensor<16xf32>, tensor<1536xf32>) outs(%e : tensor<16x1536xf32>) {
  ^bb0(%in: f32, %s: f32, %g: f32, %out: f32):
    %mean = arith.mulf %s, %inv : f32
    %var = arith.addf %mean, %eps : f32
    %rs = math.rsqrt %var : f32
    %n = arith.mulf %in, %rs : f32
    %r = arith.mulf %g, %n : f32
    linalg.yield %r : f32
  } -> tensor<16x1536xf32>
  return %y : tensor<16x1536xf32>
}

// -----

// StableHLO->linalg on f16 with dynamic tokens: linalg.reduce, the square a
// separate op, x / sqrt(...), broadcasts as linalg.broadcast, no gamma (ones).
// epsilon is the f16 literal's value.
// CHECK-LABEL: func.func @rms_norm_stablehlo_dynamic_f16
// CHECK-NEXT:    %[[ONES:.*]] = arith.constant dense<1.000000e+00> : tensor<7168xf16>
// CHECK-NEXT:    %[[Y:.*]] = ascend.rms_norm %arg0, %[[ONES]] {epsilon = 1.00135803E-5 : f32} : tensor<?x7168xf16>, tensor<7168xf16> -> tensor<?x7168xf16>
// CHECK-NEXT:    return %[[Y]]
func.func @rms_norm_stablehlo_dynamic_f16(%x: tensor<?x7168xf16>) -> tensor<?x7168xf16> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.000000e+00 : f16
  %h = arith.constant dense<7.168000e+03> : tensor<f16>
  %eps = arith.constant 9.99999974E-6 : f16
  %n = tensor.dim %x, %c0 : tensor<?x7168xf16>
  %e = tensor.empty(%n) : tensor<?x7168xf16>
  %sq = linalg.map { arith.mulf } ins(%x, %x : tensor<?x7168xf16>, tensor<?x7168xf16>) outs(%e : tensor<?x7168xf16>)
  %e1 = tensor.empty(%n) : tensor<?xf16>
  %f1 = linalg.fill ins(%zero : f16) outs(%e1 : tensor<?xf16>) -> tensor<?xf16>
  %sum = linalg.reduce ins(%sq : tensor<?x7168xf16>) outs(%f1 : tensor<?xf16>) dimensions = [1]
    (%in: f16, %init: f16) {
      %r = arith.addf %in, %init : f16
      linalg.yield %r : f16
    }
  %mean = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%sum, %h : tensor<?xf16>, tensor<f16>) outs(%e1 : tensor<?xf16>) {
  ^bb0(%in: f16, %in_0: f16, %out: f16):
    %r = arith.divf %in, %in_0 : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  %root = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%mean : tensor<?xf16>) outs(%e1 : tensor<?xf16>) {
  ^bb0(%in: f16, %out: f16):
    %a = arith.addf %in, %eps : f16
    %r = math.sqrt %a : f16
    linalg.yield %r : f16
  } -> tensor<?xf16>
  %b = linalg.broadcast ins(%root : tensor<?xf16>) outs(%e : tensor<?x7168xf16>) dimensions = [1]
  %y = linalg.div ins(%x, %b : tensor<?x7168xf16>, tensor<?x7168xf16>) outs(%e : tensor<?x7168xf16>) -> tensor<?x7168xf16>
  return %y : tensor<?x7168xf16>
}

// -----

// Sums that do not start an rms_norm: a plain sum, a sum of squares over a
// dim that is not the last, and a mean by the wrong divisor. Their
// elementwise parts are raised; the reductions and their fills stay.
// CHECK-LABEL: func.func @sums_not_raised
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT:     linalg.generic
// CHECK:         ascend.rsqrt
func.func @sums_not_raised(%x: tensor<16x4096xf32>) -> (tensor<16x1xf32>, tensor<1x4096xf32>, tensor<16x4096xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  %c4095 = arith.constant 4.095000e+03 : f32
  %eps = arith.constant 9.99999997E-7 : f32
  %e1 = tensor.empty() : tensor<16x1xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16x1xf32>) -> tensor<16x1xf32>
  // expected-remark @below {{not raised: a sum over dim 1 (the ascend dialect has no reduce op) that does not start an rms_norm: its input is not a square (ascend.mul of a tensor by itself); other sums are raised only as a softmax's denominator, matched from the softmax's max}}
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<16x4096xf32>) outs(%f1 : tensor<16x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<16x1xf32>
  %e0 = tensor.empty() : tensor<1x4096xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x4096xf32>) -> tensor<1x4096xf32>
  // expected-remark @below {{not raised: a sum of squares over dim 0 (the ascend dialect has no reduce op) that does not start an rms_norm: rms_norm normalizes the last dim (1)}}
  %cols = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<16x4096xf32>) outs(%f0 : tensor<1x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %r = arith.addf %sq, %out : f32
    linalg.yield %r : f32
  } -> tensor<1x4096xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %f2 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16x1xf32>) -> tensor<16x1xf32>
  // expected-remark @below {{not raised: a sum of squares over dim 1 (the ascend dialect has no reduce op) that does not start an rms_norm: its result feeds ascend.div, not a division by the row length 4096 (the mean)}}
  %ss = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<16x4096xf32>) outs(%f2 : tensor<16x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %in, %in : f32
    %r = arith.addf %sq, %out : f32
    linalg.yield %r : f32
  } -> tensor<16x1xf32>
  %e = tensor.empty() : tensor<16x4096xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x, %ss : tensor<16x4096xf32>, tensor<16x1xf32>) outs(%e : tensor<16x4096xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %mean = arith.divf %s, %c4095 : f32
    %var = arith.addf %mean, %eps : f32
    %rs = math.rsqrt %var : f32
    %r = arith.mulf %in, %rs : f32
    linalg.yield %r : f32
  } -> tensor<16x4096xf32>
  return %sum, %cols, %y : tensor<16x1xf32>, tensor<1x4096xf32>, tensor<16x4096xf32>
}

// -----

// A reduction the pass does not recognise at all.
// CHECK-LABEL: func.func @product_not_raised
// CHECK:         linalg.reduce
func.func @product_not_raised(%x: tensor<16x4096xf32>) -> tensor<16xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %0 = tensor.empty() : tensor<16xf32>
  // expected-remark @below {{not raised: the ascend dialect has no fill op; a fill goes away with the last raised op that reads it}}
  %1 = linalg.fill ins(%one : f32) outs(%0 : tensor<16xf32>) -> tensor<16xf32>
  // expected-remark @below {{not raised: a reduction, but not a sum or max over one dim the pass recognises: its body combines with arith.mulf; only sums (arith.addf) and maxima (arith.maximumf, arith.maxnumf) are raised}}
  %p = linalg.reduce ins(%x : tensor<16x4096xf32>) outs(%1 : tensor<16xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.mulf %in, %init : f32
      linalg.yield %r : f32
    }
  return %p : tensor<16xf32>
}

// -----

// GELU, erf form, as torch-mlir writes it: math.erf raises to ascend.erf.
// CHECK-LABEL: func.func @gelu_erf
// CHECK:         %[[R:.*]] = arith.constant dense<0.707106769> : tensor<f32>
// CHECK-NEXT:    %[[S:.*]] = ascend.mul %arg0, %[[R]] : tensor<8x3072xf32>, tensor<f32> -> tensor<8x3072xf32>
// CHECK-NEXT:    %[[E:.*]] = ascend.erf %[[S]] : tensor<8x3072xf32> -> tensor<8x3072xf32>
// CHECK:         ascend.add %[[E]]
func.func @gelu_erf(%x: tensor<8x3072xf32>) -> tensor<8x3072xf32> {
  %rsqrt2 = arith.constant 0.707106769 : f32
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<8x3072xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<8x3072xf32>) outs(%e : tensor<8x3072xf32>) {
  ^bb0(%a: f32, %out: f32):
    %0 = arith.mulf %a, %rsqrt2 : f32
    %1 = math.erf %0 : f32
    %2 = arith.addf %1, %one : f32
    %3 = arith.mulf %a, %half : f32
    %4 = arith.mulf %3, %2 : f32
    linalg.yield %4 : f32
  } -> tensor<8x3072xf32>
  return %y : tensor<8x3072xf32>
}

// -----

// math.tanh raises to ascend.tanh, in the body's type (here f16).
// CHECK-LABEL: func.func @tanh_f16
// CHECK-NEXT:    %[[T:.*]] = ascend.tanh %arg0 : tensor<4x1024xf16> -> tensor<4x1024xf16>
// CHECK-NEXT:    return %[[T]]
func.func @tanh_f16(%x: tensor<4x1024xf16>) -> tensor<4x1024xf16> {
  %e = tensor.empty() : tensor<4x1024xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x1024xf16>) outs(%e : tensor<4x1024xf16>) {
  ^bb0(%a: f16, %out: f16):
    %0 = math.tanh %a : f16
    linalg.yield %0 : f16
  } -> tensor<4x1024xf16>
  return %y : tensor<4x1024xf16>
}

// -----

// GQA's repeat_kv in the three forms frontends write it, each raised to
// ascend.repeat along the KV-head dim (4 query heads per KV head).
// torch-mlir: unsqueeze, a broadcast generic over the unit dim, a reshape.
// CHECK-LABEL: func.func @repeat_kv_unsqueeze
// CHECK-NEXT:    %[[R:.*]] = ascend.repeat %arg0 dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
// CHECK-NOT:     linalg.generic
func.func @repeat_kv_unsqueeze(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %u = tensor.expand_shape %k [[0], [1, 2], [3], [4]] output_shape [1, 8, 1, 16, 128] : tensor<1x8x16x128xbf16> into tensor<1x8x1x16x128xbf16>
  %e = tensor.empty() : tensor<1x8x4x16x128xbf16>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, d3, d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%u : tensor<1x8x1x16x128xbf16>) outs(%e : tensor<1x8x4x16x128xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    linalg.yield %a : bf16
  } -> tensor<1x8x4x16x128xbf16>
  %c = tensor.collapse_shape %b [[0], [1, 2], [3], [4]] : tensor<1x8x4x16x128xbf16> into tensor<1x32x16x128xbf16>
  return %c : tensor<1x32x16x128xbf16>
}

// -----

// linalg.broadcast along a new dim after the KV heads.
// CHECK-LABEL: func.func @repeat_kv_broadcast
// CHECK-NEXT:    %[[R:.*]] = ascend.repeat %arg0 dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
// CHECK-NEXT:    tensor.expand_shape %[[R]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 8, 4, 16, 128]
func.func @repeat_kv_broadcast(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %e = tensor.empty() : tensor<1x8x4x16x128xbf16>
  %b = linalg.broadcast ins(%k : tensor<1x8x16x128xbf16>) outs(%e : tensor<1x8x4x16x128xbf16>) dimensions = [2]
  %c = tensor.collapse_shape %b [[0], [1, 2], [3], [4]] : tensor<1x8x4x16x128xbf16> into tensor<1x32x16x128xbf16>
  return %c : tensor<1x32x16x128xbf16>
}

// -----

// A copy reading the head as `h floordiv 4`.
// CHECK-LABEL: func.func @repeat_kv_floordiv
// CHECK-NEXT:    %[[R:.*]] = ascend.repeat %arg0 dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
// CHECK-NEXT:    return %[[R]]
func.func @repeat_kv_floordiv(%k: tensor<1x8x16x128xbf16>) -> tensor<1x32x16x128xbf16> {
  %e = tensor.empty() : tensor<1x32x16x128xbf16>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 4, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x8x16x128xbf16>) outs(%e : tensor<1x32x16x128xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    linalg.yield %a : bf16
  } -> tensor<1x32x16x128xbf16>
  return %b : tensor<1x32x16x128xbf16>
}

// -----

// A broadcast along a new leading dim tiles the whole tensor: not a repeat.
func.func @broadcast_leading(%k: tensor<8x128xbf16>) -> tensor<4x8x128xbf16> {
  %e = tensor.empty() : tensor<4x8x128xbf16>
  // expected-remark @below {{not raised: it only copies, broadcasts or transposes a tensor other than a repeat of slices along one dim (ascend.repeat); the ascend dialect has no such op}}
  %b = linalg.broadcast ins(%k : tensor<8x128xbf16>) outs(%e : tensor<4x8x128xbf16>) dimensions = [0]
  return %b : tensor<4x8x128xbf16>
}
