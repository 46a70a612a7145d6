// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// CHECK-LABEL: func.func @matmul
func.func @matmul(%a: tensor<64x128xf16>, %b: tensor<256x128xf16>,
                  %at: tensor<128x64xbf16>, %bt: tensor<128x32xbf16>,
                  %d: tensor<?x128xf32>, %e: tensor<128x?xf32>)
    -> (tensor<64x256xf16>, tensor<64x32xf32>, tensor<?x?xf32>) {
  // CHECK: ascend.matmul %{{.*}}, %{{.*}} {transpose_b} : tensor<64x128xf16>, tensor<256x128xf16> -> tensor<64x256xf16>
  %0 = ascend.matmul %a, %b {transpose_b}
      : tensor<64x128xf16>, tensor<256x128xf16> -> tensor<64x256xf16>
  // CHECK: ascend.matmul %{{.*}}, %{{.*}} {transpose_a} : tensor<128x64xbf16>, tensor<128x32xbf16> -> tensor<64x32xf32>
  %1 = ascend.matmul %at, %bt {transpose_a}
      : tensor<128x64xbf16>, tensor<128x32xbf16> -> tensor<64x32xf32>
  // CHECK: ascend.matmul %{{.*}}, %{{.*}} : tensor<?x128xf32>, tensor<128x?xf32> -> tensor<?x?xf32>
  %2 = ascend.matmul %d, %e : tensor<?x128xf32>, tensor<128x?xf32> -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<64x256xf16>, tensor<64x32xf32>, tensor<?x?xf32>
}

// CHECK-LABEL: func.func @batch_matmul
func.func @batch_matmul(%a: tensor<8x64x128xbf16>, %b: tensor<8x128x32xbf16>,
                        %q: tensor<?x16x64xf16>, %k: tensor<4x?x64xf16>)
    -> (tensor<8x64x32xf32>, tensor<4x16x?xf16>) {
  // CHECK: ascend.batch_matmul %{{.*}}, %{{.*}} : tensor<8x64x128xbf16>, tensor<8x128x32xbf16> -> tensor<8x64x32xf32>
  %0 = ascend.batch_matmul %a, %b
      : tensor<8x64x128xbf16>, tensor<8x128x32xbf16> -> tensor<8x64x32xf32>
  // CHECK: ascend.batch_matmul %{{.*}}, %{{.*}} {transpose_b} : tensor<?x16x64xf16>, tensor<4x?x64xf16> -> tensor<4x16x?xf16>
  %1 = ascend.batch_matmul %q, %k {transpose_b}
      : tensor<?x16x64xf16>, tensor<4x?x64xf16> -> tensor<4x16x?xf16>
  return %0, %1 : tensor<8x64x32xf32>, tensor<4x16x?xf16>
}

// CHECK-LABEL: func.func @binary
func.func @binary(%a: tensor<64x128xf16>, %row: tensor<128xf16>,
                  %col: tensor<64x1xf16>, %x: tensor<?x1x8xbf16>,
                  %y: tensor<4x?xbf16>, %s: tensor<f32>, %t: tensor<2x3xf32>)
    -> (tensor<64x128xf16>, tensor<64x128xf16>, tensor<64x128xf16>,
        tensor<64x128xf16>, tensor<?x4x8xbf16>, tensor<2x3xf32>) {
  // CHECK: ascend.add %{{.*}}, %{{.*}} : tensor<64x128xf16>, tensor<128xf16> -> tensor<64x128xf16>
  %0 = ascend.add %a, %row : tensor<64x128xf16>, tensor<128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.sub %{{.*}}, %{{.*}} : tensor<64x1xf16>, tensor<128xf16> -> tensor<64x128xf16>
  %1 = ascend.sub %col, %row : tensor<64x1xf16>, tensor<128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.mul %{{.*}}, %{{.*}} : tensor<64x128xf16>, tensor<64x1xf16> -> tensor<64x128xf16>
  %2 = ascend.mul %a, %col : tensor<64x128xf16>, tensor<64x1xf16> -> tensor<64x128xf16>
  // CHECK: ascend.div %{{.*}}, %{{.*}} : tensor<64x128xf16>, tensor<64x128xf16> -> tensor<64x128xf16>
  %3 = ascend.div %a, %a : tensor<64x128xf16>, tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.max %{{.*}}, %{{.*}} : tensor<?x1x8xbf16>, tensor<4x?xbf16> -> tensor<?x4x8xbf16>
  %4 = ascend.max %x, %y : tensor<?x1x8xbf16>, tensor<4x?xbf16> -> tensor<?x4x8xbf16>
  // CHECK: ascend.min %{{.*}}, %{{.*}} : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %5 = ascend.min %s, %t : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<64x128xf16>, tensor<64x128xf16>,
      tensor<64x128xf16>, tensor<64x128xf16>, tensor<?x4x8xbf16>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<64x128xf16>, %y: tensor<?x7168xbf16>, %z: tensor<16xf32>) {
  // CHECK: ascend.exp %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %0 = ascend.exp %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.log %{{.*}} : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  %1 = ascend.log %y : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  // CHECK: ascend.sqrt %{{.*}} : tensor<16xf32> -> tensor<16xf32>
  %2 = ascend.sqrt %z : tensor<16xf32> -> tensor<16xf32>
  // CHECK: ascend.rsqrt %{{.*}} : tensor<16xf32> -> tensor<16xf32>
  %3 = ascend.rsqrt %z : tensor<16xf32> -> tensor<16xf32>
  // CHECK: ascend.reciprocal %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %4 = ascend.reciprocal %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.abs %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %5 = ascend.abs %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.neg %{{.*}} : tensor<?x7168xbf16> -> tensor<4x7168xbf16>
  %6 = ascend.neg %y : tensor<?x7168xbf16> -> tensor<4x7168xbf16>
  // CHECK: ascend.relu %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %7 = ascend.relu %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.silu %{{.*}} : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  %8 = ascend.silu %y : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  // CHECK: ascend.gelu %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %9 = ascend.gelu %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.tanh %{{.*}} : tensor<64x128xf16> -> tensor<64x128xf16>
  %10 = ascend.tanh %x : tensor<64x128xf16> -> tensor<64x128xf16>
  // CHECK: ascend.erf %{{.*}} : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  %11 = ascend.erf %y : tensor<?x7168xbf16> -> tensor<?x7168xbf16>
  return
}

// CHECK-LABEL: func.func @repeat
func.func @repeat(%k: tensor<1x8x16x128xbf16>, %i: tensor<?x4xi8>) {
  // CHECK: ascend.repeat %{{.*}} dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
  %0 = ascend.repeat %k dim 1 times 4 : tensor<1x8x16x128xbf16> -> tensor<1x32x16x128xbf16>
  // CHECK: ascend.repeat %{{.*}} dim 0 times 3 : tensor<?x4xi8> -> tensor<?x4xi8>
  %1 = ascend.repeat %i dim 0 times 3 : tensor<?x4xi8> -> tensor<?x4xi8>
  return
}

// CHECK-LABEL: func.func @cast
func.func @cast(%x: tensor<64x128xf32>, %y: tensor<?x8xf16>)
    -> (tensor<64x128xbf16>, tensor<64x128xf16>, tensor<?x8xbf16>, tensor<?x8xf32>) {
  // CHECK: ascend.cast <rint> %{{.*}} : tensor<64x128xf32> -> tensor<64x128xbf16>
  %0 = ascend.cast <rint> %x : tensor<64x128xf32> -> tensor<64x128xbf16>
  // CHECK: ascend.cast <odd> %{{.*}} : tensor<64x128xf32> -> tensor<64x128xf16>
  %1 = ascend.cast <odd> %x : tensor<64x128xf32> -> tensor<64x128xf16>
  // CHECK: ascend.cast <trunc> %{{.*}} : tensor<?x8xf16> -> tensor<?x8xbf16>
  %2 = ascend.cast <trunc> %y : tensor<?x8xf16> -> tensor<?x8xbf16>
  // CHECK: ascend.cast <round> %{{.*}} : tensor<?x8xf16> -> tensor<?x8xf32>
  %3 = ascend.cast <round> %y : tensor<?x8xf16> -> tensor<?x8xf32>
  return %0, %1, %2, %3 : tensor<64x128xbf16>, tensor<64x128xf16>, tensor<?x8xbf16>, tensor<?x8xf32>
}

// CHECK-LABEL: func.func @rms_norm
func.func @rms_norm(%x: tensor<16x7168xbf16>, %g: tensor<7168xbf16>,
                    %x3: tensor<2x?x512xf16>, %g32: tensor<512xf32>)
    -> (tensor<16x7168xbf16>, tensor<2x?x512xf16>) {
  // CHECK: ascend.rms_norm %{{.*}}, %{{.*}} : tensor<16x7168xbf16>, tensor<7168xbf16> -> tensor<16x7168xbf16>
  %0 = ascend.rms_norm %x, %g : tensor<16x7168xbf16>, tensor<7168xbf16> -> tensor<16x7168xbf16>
  // CHECK: ascend.rms_norm %{{.*}}, %{{.*}} {epsilon = 9.99999974E-6 : f32} : tensor<2x?x512xf16>, tensor<512xf32> -> tensor<2x?x512xf16>
  %1 = ascend.rms_norm %x3, %g32 {epsilon = 1.0e-5 : f32}
      : tensor<2x?x512xf16>, tensor<512xf32> -> tensor<2x?x512xf16>
  return %0, %1 : tensor<16x7168xbf16>, tensor<2x?x512xf16>
}

// CHECK-LABEL: func.func @rope
func.func @rope(%q: tensor<16x128x64xbf16>, %cos: tensor<16x32xf32>, %sin: tensor<16x32xf32>,
                %k: tensor<2x?x8x128xf16>, %c: tensor<?x64xf16>, %s: tensor<?x64xf16>)
    -> (tensor<16x128x64xbf16>, tensor<2x?x8x128xf16>) {
  // CHECK: ascend.rope <interleaved> %{{.*}}, %{{.*}}, %{{.*}} : tensor<16x128x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x128x64xbf16>
  %0 = ascend.rope <interleaved> %q, %cos, %sin
      : tensor<16x128x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x128x64xbf16>
  // CHECK: ascend.rope <half> %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x?x8x128xf16>, tensor<?x64xf16>, tensor<?x64xf16> -> tensor<2x?x8x128xf16>
  %1 = ascend.rope <half> %k, %c, %s
      : tensor<2x?x8x128xf16>, tensor<?x64xf16>, tensor<?x64xf16> -> tensor<2x?x8x128xf16>
  return %0, %1 : tensor<16x128x64xbf16>, tensor<2x?x8x128xf16>
}

// CHECK-LABEL: func.func @softmax
func.func @softmax(%s: tensor<64x1024xf16>, %t: tensor<2x?x?xf32>)
    -> (tensor<64x1024xf16>, tensor<2x?x?xf32>) {
  // CHECK: ascend.softmax %{{.*}} dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
  %0 = ascend.softmax %s dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
  // CHECK: ascend.softmax %{{.*}} dim 0 : tensor<2x?x?xf32> -> tensor<2x?x?xf32>
  %1 = ascend.softmax %t dim 0 : tensor<2x?x?xf32> -> tensor<2x?x?xf32>
  return %0, %1 : tensor<64x1024xf16>, tensor<2x?x?xf32>
}

// CHECK-LABEL: func.func @quantize
func.func @quantize(%x: tensor<16x7168xbf16>, %ts: tensor<16xf32>,
                    %y: tensor<512x1024xf16>, %gs: tensor<512x8xf16>, %go: tensor<512x8xf16>,
                    %z: tensor<?x4x64xf32>, %one: tensor<1xf32>, %cs: tensor<64xf32>)
    -> (tensor<16x7168xi8>, tensor<512x1024xi4>, tensor<?x4x64xi8>, tensor<?x4x64xi4>) {
  // CHECK: ascend.quantize <per_token> %{{.*}} scale %{{.*}} : tensor<16x7168xbf16>, tensor<16xf32> -> tensor<16x7168xi8>
  %0 = ascend.quantize <per_token> %x scale %ts
      : tensor<16x7168xbf16>, tensor<16xf32> -> tensor<16x7168xi8>
  // CHECK: ascend.quantize <per_group> %{{.*}} scale %{{.*}} offset %{{.*}} group_size 128 : tensor<512x1024xf16>, tensor<512x8xf16>, tensor<512x8xf16> -> tensor<512x1024xi4>
  %1 = ascend.quantize <per_group> %y scale %gs offset %go group_size 128
      : tensor<512x1024xf16>, tensor<512x8xf16>, tensor<512x8xf16> -> tensor<512x1024xi4>
  // CHECK: ascend.quantize <per_tensor> %{{.*}} scale %{{.*}} offset %{{.*}} : tensor<?x4x64xf32>, tensor<1xf32>, tensor<1xf32> -> tensor<?x4x64xi8>
  %2 = ascend.quantize <per_tensor> %z scale %one offset %one
      : tensor<?x4x64xf32>, tensor<1xf32>, tensor<1xf32> -> tensor<?x4x64xi8>
  // CHECK: ascend.quantize <per_channel> %{{.*}} scale %{{.*}} : tensor<?x4x64xf32>, tensor<64xf32> -> tensor<?x4x64xi4>
  %3 = ascend.quantize <per_channel> %z scale %cs
      : tensor<?x4x64xf32>, tensor<64xf32> -> tensor<?x4x64xi4>
  return %0, %1, %2, %3 : tensor<16x7168xi8>, tensor<512x1024xi4>, tensor<?x4x64xi8>, tensor<?x4x64xi4>
}

// CHECK-LABEL: func.func @dequantize
func.func @dequantize(%acc: tensor<16x2112xi32>, %s: tensor<2112xf32>,
                      %w: tensor<?x256xi4>, %gs: tensor<?x2xbf16>, %go: tensor<?x2xf32>,
                      %q: tensor<8x?xi8>, %ts: tensor<8xf16>)
    -> (tensor<16x2112xbf16>, tensor<?x256xbf16>, tensor<8x?xf16>) {
  // CHECK: ascend.dequantize <per_channel> %{{.*}} scale %{{.*}} : tensor<16x2112xi32>, tensor<2112xf32> -> tensor<16x2112xbf16>
  %0 = ascend.dequantize <per_channel> %acc scale %s
      : tensor<16x2112xi32>, tensor<2112xf32> -> tensor<16x2112xbf16>
  // CHECK: ascend.dequantize <per_group> %{{.*}} scale %{{.*}} offset %{{.*}} group_size 128 : tensor<?x256xi4>, tensor<?x2xbf16>, tensor<?x2xf32> -> tensor<?x256xbf16>
  %1 = ascend.dequantize <per_group> %w scale %gs offset %go group_size 128
      : tensor<?x256xi4>, tensor<?x2xbf16>, tensor<?x2xf32> -> tensor<?x256xbf16>
  // CHECK: ascend.dequantize <per_token> %{{.*}} scale %{{.*}} : tensor<8x?xi8>, tensor<8xf16> -> tensor<8x?xf16>
  %2 = ascend.dequantize <per_token> %q scale %ts
      : tensor<8x?xi8>, tensor<8xf16> -> tensor<8x?xf16>
  return %0, %1, %2 : tensor<16x2112xbf16>, tensor<?x256xbf16>, tensor<8x?xf16>
}

// CHECK-LABEL: func.func @quant_matmul
func.func @quant_matmul(%a: tensor<16x7168xi8>, %bt: tensor<2112x7168xi8>,
                        %s: tensor<2112xf32>, %t: tensor<16xf32>, %bias: tensor<2112xi32>,
                        %b: tensor<7168x?xi8>, %one: tensor<1xf32>)
    -> (tensor<16x2112xbf16>, tensor<16x?xf16>, tensor<16x2112xf16>) {
  // CHECK: ascend.quant_matmul %{{.*}}, %{{.*}} scale %{{.*}} per_token_scale %{{.*}} bias %{{.*}} {transpose_b} : tensor<16x7168xi8>, tensor<2112x7168xi8>, tensor<2112xf32>, tensor<16xf32>, tensor<2112xi32> -> tensor<16x2112xbf16>
  %0 = ascend.quant_matmul %a, %bt scale %s per_token_scale %t bias %bias {transpose_b}
      : tensor<16x7168xi8>, tensor<2112x7168xi8>, tensor<2112xf32>, tensor<16xf32>,
        tensor<2112xi32> -> tensor<16x2112xbf16>
  // CHECK: ascend.quant_matmul %{{.*}}, %{{.*}} scale %{{.*}} : tensor<16x7168xi8>, tensor<7168x?xi8>, tensor<1xf32> -> tensor<16x?xf16>
  %1 = ascend.quant_matmul %a, %b scale %one
      : tensor<16x7168xi8>, tensor<7168x?xi8>, tensor<1xf32> -> tensor<16x?xf16>
  // CHECK: ascend.quant_matmul %{{.*}}, %{{.*}} scale %{{.*}} bias %{{.*}} {transpose_b} : tensor<16x7168xi8>, tensor<2112x7168xi8>, tensor<2112xf32>, tensor<2112xi32> -> tensor<16x2112xf16>
  %2 = ascend.quant_matmul %a, %bt scale %s bias %bias {transpose_b}
      : tensor<16x7168xi8>, tensor<2112x7168xi8>, tensor<2112xf32>, tensor<2112xi32>
      -> tensor<16x2112xf16>
  return %0, %1, %2 : tensor<16x2112xbf16>, tensor<16x?xf16>, tensor<16x2112xf16>
}
