// RUN: ascend-opt %s --ascend-lower-to-kernel -split-input-file | FileCheck %s
// RUN: ascend-opt %s "--ascend-lower-to-kernel=fuse-attention=false fuse-vector=false fuse-epilogues=false" -split-input-file | FileCheck %s --check-prefix=OFF

// The pipeline's fuse-attention step: a chain the flash-attention lowering
// takes becomes one kernel; with fuse-attention=false (and vector and
// epilogue fusion off) one kernel per op.
// CHECK-LABEL: func.func @fused(
// CHECK: call @fused_0_flash_attention(
// CHECK-NOT: call @
// OFF-LABEL: func.func @fused(
// OFF: call @fused_0_batch_matmul(
// OFF: call @fused_1_mul(
// OFF: call @fused_2_softmax(
// OFF: call @fused_3_batch_matmul(
func.func @fused(%q: tensor<2x128x64xf16>, %k: tensor<2x128x64xf16>, %v: tensor<2x128x64xf16>) -> tensor<2x128x64xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<2x128x64xf16>, tensor<2x128x64xf16> -> tensor<2x128x128xf16>
  %c = arith.constant dense<0.125> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<2x128x128xf16>, tensor<f16> -> tensor<2x128x128xf16>
  %p = ascend.softmax %t dim 2 : tensor<2x128x128xf16> -> tensor<2x128x128xf16>
  %o = ascend.batch_matmul %p, %v : tensor<2x128x128xf16>, tensor<2x128x64xf16> -> tensor<2x128x64xf16>
  return %o : tensor<2x128x64xf16>
}

// -----

// Head dim 512: flash_attention's lowering refuses it (head dims up to
// 256), so the chain stays unfused and still lowers: Q.K^T, the scale and
// softmax as one fused vector kernel, P.V.
// CHECK-LABEL: func.func @head_dim_512(
// CHECK: call @head_dim_512_0_batch_matmul(
// CHECK: call @head_dim_512_1_fused_vector(
// CHECK: call @head_dim_512_2_batch_matmul(
func.func @head_dim_512(%q: tensor<4x128x512xf16>, %k: tensor<4x128x512xf16>, %v: tensor<4x128x512xf16>) -> tensor<4x128x512xf16> {
  %s = ascend.batch_matmul %q, %k {transpose_b} : tensor<4x128x512xf16>, tensor<4x128x512xf16> -> tensor<4x128x128xf16>
  %c = arith.constant dense<0.125> : tensor<f16>
  %t = ascend.mul %s, %c : tensor<4x128x128xf16>, tensor<f16> -> tensor<4x128x128xf16>
  %p = ascend.softmax %t dim 2 : tensor<4x128x128xf16> -> tensor<4x128x128xf16>
  %o = ascend.batch_matmul %p, %v : tensor<4x128x128xf16>, tensor<4x128x512xf16> -> tensor<4x128x512xf16>
  return %o : tensor<4x128x512xf16>
}
