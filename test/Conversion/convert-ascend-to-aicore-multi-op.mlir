// RUN: ascend-opt %s -convert-ascend-to-aicore | FileCheck %s

// Functions of several ops become host functions: the kernel-style GM
// signature, no aicore.kernel, a GM workspace per intermediate, and one
// private kernel per ascend op, launched in program order.

// CHECK-LABEL: func.func @scores(
// CHECK-SAME: %[[A:[^:]+]]: memref<64x128xf16, #aicore.space<gm>>, %[[B:[^:]+]]: memref<128x256xf16, #aicore.space<gm>>, %[[OUT:[^:]+]]: memref<64x256xf16, #aicore.space<gm>>) {
// CHECK-NEXT: %[[S:.*]] = memref.alloc() : memref<64x256xf16, #aicore.space<gm>>
// CHECK-NEXT: call @scores_0_matmul(%[[A]], %[[B]], %[[S]])
// CHECK-NEXT: call @scores_1_softmax(%[[S]], %[[OUT]])
// CHECK-NEXT: memref.dealloc %[[S]]
// CHECK-NEXT: return
// CHECK-LABEL: func.func private @scores_0_matmul(
// CHECK-SAME: memref<64x128xf16, #aicore.space<gm>>, %{{.*}}: memref<128x256xf16, #aicore.space<gm>>, %{{.*}}: memref<64x256xf16, #aicore.space<gm>>) attributes {aicore.kernel = #aicore.kernel<block_dim = 2>}
// CHECK-NOT: bufferization
// CHECK: cube.mmad
// CHECK-LABEL: func.func private @scores_1_softmax(
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 8>}
// CHECK: vec.reduce_rows
func.func @scores(%a: tensor<64x128xf16>, %b: tensor<128x256xf16>) -> tensor<64x256xf16> {
  %s = ascend.matmul %a, %b : tensor<64x128xf16>, tensor<128x256xf16> -> tensor<64x256xf16>
  %p = ascend.softmax %s dim 1 : tensor<64x256xf16> -> tensor<64x256xf16>
  return %p : tensor<64x256xf16>
}

// A returned intermediate that is used later is written straight into its
// result argument and read from there; an argument returned as it is and a
// value returned a second time are copied once every launch is done.
// CHECK-LABEL: func.func @returns(
// CHECK-SAME: %[[X:[^:]+]]: memref<4096xf16, #aicore.space<gm>>, %[[R0:[^:]+]]: memref<4096xf16, #aicore.space<gm>>, %[[R1:[^:]+]]: memref<4096xf16, #aicore.space<gm>>, %[[R2:[^:]+]]: memref<4096xf16, #aicore.space<gm>>, %[[R3:[^:]+]]: memref<4096xf16, #aicore.space<gm>>) {
// CHECK-NEXT: call @returns_0_exp(%[[X]], %[[R0]])
// CHECK-NEXT: call @returns_1_mul(%[[R0]], %[[R1]])
// CHECK-NEXT: memref.copy %[[X]], %[[R2]]
// CHECK-NEXT: memref.copy %[[R0]], %[[R3]]
// CHECK-NEXT: return
// One operand read twice is one kernel argument.
// CHECK-LABEL: func.func private @returns_1_mul(
// CHECK-SAME: %{{[^:]+}}: memref<4096xf16, #aicore.space<gm>>, %{{[^:]+}}: memref<4096xf16, #aicore.space<gm>>) attributes
func.func @returns(%x: tensor<4096xf16>) -> (tensor<4096xf16>, tensor<4096xf16>, tensor<4096xf16>, tensor<4096xf16>) {
  %e = ascend.exp %x : tensor<4096xf16> -> tensor<4096xf16>
  %m = ascend.mul %e, %e : tensor<4096xf16>, tensor<4096xf16> -> tensor<4096xf16>
  return %e, %m, %x, %e : tensor<4096xf16>, tensor<4096xf16>, tensor<4096xf16>, tensor<4096xf16>
}

// Reshapes are views: collapse/expand keep their reassociation (inverted
// for a result written through them; here the pair folds away),
// tensor.reshape goes through 1-D. One op with reshapes around it is a host
// too.
// CHECK-LABEL: func.func @reshapes(
// CHECK-SAME: %[[X:[^:]+]]: memref<2x8x64xf16, #aicore.space<gm>>, %[[OUT:[^:]+]]: memref<16x64xf16, #aicore.space<gm>>) {
// CHECK-NEXT: %[[FLAT:.*]] = memref.collapse_shape %[[X]] {{\[\[}}0, 1, 2]] : memref<2x8x64xf16, #aicore.space<gm>> into memref<1024xf16, #aicore.space<gm>>
// CHECK-NEXT: %[[ROWS:.*]] = memref.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [16, 64] : memref<1024xf16, #aicore.space<gm>> into memref<16x64xf16, #aicore.space<gm>>
// CHECK-NEXT: call @reshapes_0_relu(%[[ROWS]], %[[OUT]])
// CHECK-NEXT: return
func.func @reshapes(%x: tensor<2x8x64xf16>) -> tensor<16x64xf16> {
  %shape = arith.constant dense<[16, 64]> : tensor<2xi64>
  %rows = tensor.reshape %x(%shape) : (tensor<2x8x64xf16>, tensor<2xi64>) -> tensor<16x64xf16>
  %y = ascend.relu %rows : tensor<16x64xf16> -> tensor<16x64xf16>
  %y3 = tensor.expand_shape %y [[0], [1, 2]] output_shape [16, 1, 64] : tensor<16x64xf16> into tensor<16x1x64xf16>
  %out = tensor.collapse_shape %y3 [[0, 1], [2]] : tensor<16x1x64xf16> into tensor<16x64xf16>
  return %out : tensor<16x64xf16>
}

// One op on its arguments stays one kernel, as before.
// CHECK-LABEL: func.func @single(
// CHECK-SAME: attributes {aicore.kernel = #aicore.kernel<block_dim = 1>}
// CHECK-NOT: call
// CHECK: vec.relu
func.func @single(%x: tensor<1024xf16>) -> tensor<1024xf16> {
  %y = ascend.relu %x : tensor<1024xf16> -> tensor<1024xf16>
  return %y : tensor<1024xf16>
}

// A result returned through tensor.reshape is written through the inverse
// view, via 1-D.
// CHECK-LABEL: func.func @reshape_result(
// CHECK-SAME: %[[X:[^:]+]]: memref<16x64xf16, #aicore.space<gm>>, %[[OUT:[^:]+]]: memref<1024xf16, #aicore.space<gm>>) {
// CHECK-NEXT: %[[ROWS:.*]] = memref.expand_shape %[[OUT]] {{\[\[}}0, 1]] output_shape [16, 64] : memref<1024xf16, #aicore.space<gm>> into memref<16x64xf16, #aicore.space<gm>>
// CHECK-NEXT: call @reshape_result_0_abs(%[[X]], %[[ROWS]])
func.func @reshape_result(%x: tensor<16x64xf16>) -> tensor<1024xf16> {
  %shape = arith.constant dense<[1024]> : tensor<1xi64>
  %y = ascend.abs %x : tensor<16x64xf16> -> tensor<16x64xf16>
  %out = tensor.reshape %y(%shape) : (tensor<16x64xf16>, tensor<1xi64>) -> tensor<1024xf16>
  return %out : tensor<1024xf16>
}

// Constant tensors between ops become private constant memref.globals in GM,
// written out or as resource blobs (torch-mlir's weights), read by the host
// with memref.get_global and passed to the launches like any buffer.
// CHECK: memref.global "private" constant @scaled_softmax_constant : memref<1xf16, #aicore.space<gm>> = dense<5.000000e-01>
// CHECK-LABEL: func.func @scaled_softmax(
// CHECK: %[[SCALE:.*]] = memref.get_global @scaled_softmax_constant : memref<1xf16, #aicore.space<gm>>
// CHECK: call @scaled_softmax_0_mul(%arg0, %[[SCALE]], %[[T:.*]]) :
// CHECK: call @scaled_softmax_1_softmax(%[[T]], %arg1) :
func.func @scaled_softmax(%x: tensor<4x64xf16>) -> tensor<4x64xf16> {
  %c = arith.constant dense<[0.5]> : tensor<1xf16>
  %t = ascend.mul %x, %c : tensor<4x64xf16>, tensor<1xf16> -> tensor<4x64xf16>
  %p = ascend.softmax %t dim 1 : tensor<4x64xf16> -> tensor<4x64xf16>
  return %p : tensor<4x64xf16>
}

// CHECK: memref.global "private" constant @biased_constant : memref<4xf32, #aicore.space<gm>> = dense_resource<bias>
// CHECK-LABEL: func.func @biased(
// CHECK: memref.get_global @biased_constant
func.func @biased(%x: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %b = arith.constant dense_resource<bias> : tensor<4xf32>
  %y = ascend.add %x, %b : tensor<8x4xf32>, tensor<4xf32> -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      bias: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
