// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics

// Between the ops of a host, slices along one dim are copied; others not
// yet.
func.func @slice(%a: tensor<64x128xf16>) -> tensor<32x64xf16> {
  %e = ascend.exp %a : tensor<64x128xf16> -> tensor<64x128xf16>
  // expected-error @+1 {{slices along more than one dim are not lowered yet; slice one dim at a time}}
  %s = tensor.extract_slice %e[0, 0] [32, 64] [1, 1] : tensor<64x128xf16> to tensor<32x64xf16>
  %r = ascend.relu %s : tensor<32x64xf16> -> tensor<32x64xf16>
  return %r : tensor<32x64xf16>
}

// -----

// insert_slice too.
func.func @insert(%a: tensor<64x128xf16>, %b: tensor<32x64xf16>) -> tensor<64x128xf16> {
  %e = ascend.exp %a : tensor<64x128xf16> -> tensor<64x128xf16>
  // expected-error @+1 {{slices along more than one dim are not lowered yet; slice one dim at a time}}
  %s = tensor.insert_slice %b into %e[0, 0] [32, 64] [1, 1] : tensor<32x64xf16> into tensor<64x128xf16>
  %r = ascend.relu %s : tensor<64x128xf16> -> tensor<64x128xf16>
  return %r : tensor<64x128xf16>
}

// -----

// Constants become GM buffers from their dense elements; sparse ones have
// none to copy.
func.func @constant_operand(%a: tensor<64xf16>) -> tensor<64xf16> {
  // expected-error @+1 {{a constant between ascend ops becomes a GM buffer from its dense elements, which needs a statically shaped tensor of byte-sized ints or floats; got sparse<0, 1.000000e+00> : tensor<64xf16>}}
  %c = arith.constant sparse<[[0]], [1.0]> : tensor<64xf16>
  %s = ascend.add %a, %c : tensor<64xf16>, tensor<64xf16> -> tensor<64xf16>
  return %s : tensor<64xf16>
}

// -----

func.func @dynamic_reshape(%a: tensor<64x128xf16>, %shape: tensor<2xindex>) -> tensor<?x?xf16> {
  %e = ascend.exp %a : tensor<64x128xf16> -> tensor<64x128xf16>
  // expected-error @+1 {{reshapes between ascend ops are lowered for static shapes only}}
  %d = tensor.reshape %e(%shape) : (tensor<64x128xf16>, tensor<2xindex>) -> tensor<?x?xf16>
  return %d : tensor<?x?xf16>
}

// -----

// An op the patterns cannot lower says why, from its own kernel.
func.func @softmax_dim0(%a: tensor<64x128xf16>, %b: tensor<128x128xf16>) -> tensor<64x128xf16> {
  %c = ascend.matmul %a, %b : tensor<64x128xf16>, tensor<128x128xf16> -> tensor<64x128xf16>
  // expected-error @+1 {{softmax along dim 0 of a rank 2 tensor is not lowered yet; only the last dim is}}
  %s = ascend.softmax %c dim 0 : tensor<64x128xf16> -> tensor<64x128xf16>
  return %s : tensor<64x128xf16>
}

// -----

// The error lands on the op at fault, not on the init before it.
func.func @init_before_transpose(%a: tensor<64x128xf16>) -> tensor<128x64xf16> {
  %e = ascend.exp %a : tensor<64x128xf16> -> tensor<64x128xf16>
  %init = tensor.empty() : tensor<128x64xf16>
  // expected-error @+1 {{'linalg.transpose' was not raised to an ascend op, so it cannot be lowered}}
  %t = linalg.transpose ins(%e : tensor<64x128xf16>) outs(%init : tensor<128x64xf16>) permutation = [1, 0]
  %r = ascend.relu %t : tensor<128x64xf16> -> tensor<128x64xf16>
  return %r : tensor<128x64xf16>
}

// -----

// A linalg op that raising left says why raising left it, on the op
// itself (not on its tensor.empty init or fill).
#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @sin_left(%x: tensor<16x256xf16>) -> tensor<16x256xf16> {
  %zero = arith.constant 0.0 : f16
  %e = tensor.empty() : tensor<16x256xf16>
  %f = linalg.fill ins(%zero : f16) outs(%e : tensor<16x256xf16>) -> tensor<16x256xf16>
  // expected-error @+1 {{'linalg.generic' was not raised to an ascend op, so it cannot be lowered: ascend-raise-linalg left it because its body computes math.sin, which no ascend op computes}}
  %r = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<16x256xf16>) outs(%f : tensor<16x256xf16>) {
  ^bb0(%a: f16, %o: f16):
    %t = math.sin %a : f16
    %s = arith.addf %t, %o : f16
    linalg.yield %s : f16
  } -> tensor<16x256xf16>
  return %r : tensor<16x256xf16>
}
