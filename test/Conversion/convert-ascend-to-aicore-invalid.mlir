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

func.func @softmax(%a: tensor<64x128xf16>) -> tensor<64x128xf16> {
  // expected-error @+1 {{convert-ascend-to-aicore cannot lower this op yet (lowered: matmul, elementwise ops on GM arguments whose result is a function result)}}
  %c = ascend.softmax %a dim 1 : tensor<64x128xf16> -> tensor<64x128xf16>
  return %c : tensor<64x128xf16>
}

