// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics

func.func @broadcast(%a: tensor<64x128xf16>, %b: tensor<128xf16>) -> tensor<64x128xf16> {
  // expected-error @+1 {{broadcasting operands are not lowered yet; broadcast them to the result shape first}}
  %c = ascend.add %a, %b : tensor<64x128xf16>, tensor<128xf16> -> tensor<64x128xf16>
  return %c : tensor<64x128xf16>
}

// -----

func.func @ragged(%a: tensor<100x64xf16>, %b: tensor<64x64xf16>) -> tensor<100x64xf16> {
  // expected-error @+1 {{matmul 100x64x64 is not made of whole 16x16x16 fractals; tail tiles are not lowered yet}}
  %c = ascend.matmul %a, %b : tensor<100x64xf16>, tensor<64x64xf16> -> tensor<100x64xf16>
  return %c : tensor<100x64xf16>
}

// -----

// expected-error @+1 {{kernel arguments and results must be statically shaped tensors, got 'tensor<?x64xf16>'}}
func.func @dynamic(%a: tensor<?x64xf16>) -> tensor<?x64xf16> {
  %c = ascend.exp %a : tensor<?x64xf16> -> tensor<?x64xf16>
  return %c : tensor<?x64xf16>
}

// -----

func.func @rope(%x: tensor<16x4x64xbf16>, %c: tensor<16x32xf32>) -> tensor<16x4x64xbf16> {
  // expected-error @+1 {{convert-ascend-to-aicore cannot lower this op yet (lowered: matmul, batch_matmul, elementwise ops, softmax over the last dim and rms_norm, on GM arguments with the result a function result)}}
  %y = ascend.rope <half> %x, %c, %c : tensor<16x4x64xbf16>, tensor<16x32xf32>, tensor<16x32xf32> -> tensor<16x4x64xbf16>
  return %y : tensor<16x4x64xbf16>
}

// -----

func.func @softmax_dim0(%a: tensor<64x128xf16>) -> tensor<64x128xf16> {
  // expected-error @+1 {{softmax along dim 0 of a rank 2 tensor is not lowered yet; only the last dim is}}
  %c = ascend.softmax %a dim 0 : tensor<64x128xf16> -> tensor<64x128xf16>
  return %c : tensor<64x128xf16>
}

// -----

func.func @softmax_ragged_row(%a: tensor<64x100xf16>) -> tensor<64x100xf16> {
  // expected-error @+1 {{rows of 100 f16 elements are 200 bytes, expected a multiple of 32 bytes (UB tiles hold whole 32-byte blocks per row)}}
  %c = ascend.softmax %a dim 1 : tensor<64x100xf16> -> tensor<64x100xf16>
  return %c : tensor<64x100xf16>
}

// -----

func.func @rms_norm_long_row(%x: tensor<2x65536xf32>, %g: tensor<65536xf32>) -> tensor<2x65536xf32> {
  // expected-error @+1 {{a row of 65536 elements needs 1048588 bytes of UB, more than the 196608 bytes UB has; rows this long are not lowered yet}}
  %y = ascend.rms_norm %x, %g : tensor<2x65536xf32>, tensor<65536xf32> -> tensor<2x65536xf32>
  return %y : tensor<2x65536xf32>
}

