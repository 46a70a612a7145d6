// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// Every operand type: f16/bf16/f32 accumulate in f32, i8/i4 in i32; M, K, N
// are multiples of the fractal m0 x k0 x n0 of the type.

// CHECK-LABEL: func.func @mmad_f16
func.func @mmad_f16(%a: memref<64x128xf16, #aicore.space<l0a>>,
                    %b: memref<128x32xf16, #aicore.space<l0b>>,
                    %c: memref<64x32xf32, #aicore.space<l0c>>, %first: i1) {
  // CHECK: cube.mmad %arg0, %arg1, %arg2 init(%arg3) : memref<64x128xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c init(%first) : memref<64x128xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  // CHECK: cube.mmad %arg0, %arg1, %arg2 : memref<64x128xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c : memref<64x128xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  return
}

// CHECK-LABEL: func.func @mmad_bf16
func.func @mmad_bf16(%a: memref<16x16xbf16, #aicore.space<l0a>>,
                     %b: memref<16x16xbf16, #aicore.space<l0b>>,
                     %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // CHECK: cube.mmad %arg0, %arg1, %arg2 : memref<16x16xbf16, #aicore.space<l0a>>, memref<16x16xbf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c : memref<16x16xbf16, #aicore.space<l0a>>, memref<16x16xbf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// f32 operands: k0 = 8.
// CHECK-LABEL: func.func @mmad_f32
func.func @mmad_f32(%a: memref<16x8xf32, #aicore.space<l0a>>,
                    %b: memref<8x16xf32, #aicore.space<l0b>>,
                    %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // CHECK: cube.mmad %arg0, %arg1, %arg2 : memref<16x8xf32, #aicore.space<l0a>>, memref<8x16xf32, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c : memref<16x8xf32, #aicore.space<l0a>>, memref<8x16xf32, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// i8 operands: k0 = 32.
// CHECK-LABEL: func.func @mmad_i8
func.func @mmad_i8(%a: memref<32x64xi8, #aicore.space<l0a>>,
                   %b: memref<64x16xi8, #aicore.space<l0b>>,
                   %c: memref<32x16xi32, #aicore.space<l0c>>, %first: i1) {
  // CHECK: cube.mmad %arg0, %arg1, %arg2 init(%arg3) : memref<32x64xi8, #aicore.space<l0a>>, memref<64x16xi8, #aicore.space<l0b>>, memref<32x16xi32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c init(%first) : memref<32x64xi8, #aicore.space<l0a>>, memref<64x16xi8, #aicore.space<l0b>>, memref<32x16xi32, #aicore.space<l0c>>
  return
}

// i4 operands: k0 = 64.
// CHECK-LABEL: func.func @mmad_i4
func.func @mmad_i4(%a: memref<16x64xi4, #aicore.space<l0a>>,
                   %b: memref<64x16xi4, #aicore.space<l0b>>,
                   %c: memref<16x16xi32, #aicore.space<l0c>>) {
  // CHECK: cube.mmad %arg0, %arg1, %arg2 : memref<16x64xi4, #aicore.space<l0a>>, memref<64x16xi4, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
  cube.mmad %a, %b, %c : memref<16x64xi4, #aicore.space<l0a>>, memref<64x16xi4, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
  return
}

// Transposed operands: A stored K x M, B stored N x K.
// CHECK-LABEL: func.func @mmad_transposes
func.func @mmad_transposes(%at: memref<128x64xf16, #aicore.space<l0a>>,
                           %a: memref<64x128xf16, #aicore.space<l0a>>,
                           %bt: memref<32x128xf16, #aicore.space<l0b>>,
                           %b: memref<128x32xf16, #aicore.space<l0b>>,
                           %c: memref<64x32xf32, #aicore.space<l0c>>,
                           %ai8t: memref<64x32xi8, #aicore.space<l0a>>,
                           %bi8t: memref<16x64xi8, #aicore.space<l0b>>,
                           %ci: memref<32x16xi32, #aicore.space<l0c>>,
                           %first: i1) {
  // CHECK: cube.mmad %arg0, %arg3, %arg4 transpose_a : memref<128x64xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  cube.mmad %at, %b, %c transpose_a : memref<128x64xf16, #aicore.space<l0a>>, memref<128x32xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  // CHECK: cube.mmad %arg1, %arg2, %arg4 init(%arg8) transpose_b : memref<64x128xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  cube.mmad %a, %bt, %c init(%first) transpose_b : memref<64x128xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  // CHECK: cube.mmad %arg0, %arg2, %arg4 transpose_a transpose_b : memref<128x64xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  cube.mmad %at, %bt, %c transpose_a transpose_b : memref<128x64xf16, #aicore.space<l0a>>, memref<32x128xf16, #aicore.space<l0b>>, memref<64x32xf32, #aicore.space<l0c>>
  // CHECK: cube.mmad %arg5, %arg6, %arg7 transpose_a transpose_b : memref<64x32xi8, #aicore.space<l0a>>, memref<16x64xi8, #aicore.space<l0b>>, memref<32x16xi32, #aicore.space<l0c>>
  cube.mmad %ai8t, %bi8t, %ci transpose_a transpose_b : memref<64x32xi8, #aicore.space<l0a>>, memref<16x64xi8, #aicore.space<l0b>>, memref<32x16xi32, #aicore.space<l0c>>
  return
}

// Tiles carved out of a larger L0 buffer by a subview keep their alignment.
// CHECK-LABEL: func.func @mmad_subview
func.func @mmad_subview(%a: memref<32x32xf16, #aicore.space<l0a>>,
                        %b: memref<32x16xf16, #aicore.space<l0b>>,
                        %c: memref<64x16xf32, #aicore.space<l0c>>) {
  %c1 = memref.subview %c[32, 0] [32, 16] [1, 1] : memref<64x16xf32, #aicore.space<l0c>> to memref<32x16xf32, strided<[16, 1], offset: 512>, #aicore.space<l0c>>
  // CHECK: cube.mmad %arg0, %arg1, %{{.*}} : memref<32x32xf16, #aicore.space<l0a>>, memref<32x16xf16, #aicore.space<l0b>>, memref<32x16xf32, strided<[16, 1], offset: 512>, #aicore.space<l0c>>
  cube.mmad %a, %b, %c1 : memref<32x32xf16, #aicore.space<l0a>>, memref<32x16xf16, #aicore.space<l0b>>, memref<32x16xf32, strided<[16, 1], offset: 512>, #aicore.space<l0c>>
  return
}

// The coupled 310P has the same cube rates.
// CHECK: module attributes {aicore.target = #aicore.target<"Ascend310P">}
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  // CHECK-LABEL: func.func @mmad_310p
  func.func @mmad_310p(%a: memref<16x32xi8, #aicore.space<l0a>>,
                       %b: memref<32x16xi8, #aicore.space<l0b>>,
                       %c: memref<16x16xi32, #aicore.space<l0c>>) {
    // CHECK: cube.mmad %arg0, %arg1, %arg2 : memref<16x32xi8, #aicore.space<l0a>>, memref<32x16xi8, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
    cube.mmad %a, %b, %c : memref<16x32xi8, #aicore.space<l0a>>, memref<32x16xi8, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
    return
  }
}
