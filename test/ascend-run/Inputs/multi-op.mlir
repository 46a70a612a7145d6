// Tensor-level functions of several ops: convert-ascend-to-aicore makes
// each a host function that launches one kernel per op through GM.

// Attention scores, unfused: softmax(q @ k^T) over the keys.
func.func @scores(%q: tensor<64x128xf16>, %k: tensor<256x128xf16>) -> tensor<64x256xf16> {
  %s = ascend.matmul %q, %k {transpose_b} : tensor<64x128xf16>, tensor<256x128xf16> -> tensor<64x256xf16>
  %p = ascend.softmax %s dim 1 : tensor<64x256xf16> -> tensor<64x256xf16>
  return %p : tensor<64x256xf16>
}

// A gated MLP without SiLU: (relu(x @ w1) * (x @ w3)) @ w2 on [batch, seq,
// hidden] activations, flattened to tokens and back.
func.func @mlp(%x: tensor<2x16x256xf16>, %w1: tensor<256x512xf16>, %w3: tensor<256x512xf16>, %w2: tensor<512x256xf16>) -> tensor<2x16x256xf16> {
  %t = tensor.collapse_shape %x [[0, 1], [2]] : tensor<2x16x256xf16> into tensor<32x256xf16>
  %g = ascend.matmul %t, %w1 : tensor<32x256xf16>, tensor<256x512xf16> -> tensor<32x512xf16>
  %r = ascend.relu %g : tensor<32x512xf16> -> tensor<32x512xf16>
  %u = ascend.matmul %t, %w3 : tensor<32x256xf16>, tensor<256x512xf16> -> tensor<32x512xf16>
  %h = ascend.mul %r, %u : tensor<32x512xf16>, tensor<32x512xf16> -> tensor<32x512xf16>
  %y = ascend.matmul %h, %w2 : tensor<32x512xf16>, tensor<512x256xf16> -> tensor<32x256xf16>
  %out = tensor.expand_shape %y [[0, 1], [2]] output_shape [2, 16, 256] : tensor<32x256xf16> into tensor<2x16x256xf16>
  return %out : tensor<2x16x256xf16>
}

// A pre-norm block's entry in bf16: the residual sum and its norm are
// results and are used later, so they are written straight into their
// result buffers and read from there.
func.func @norm_proj(%x: tensor<32x256xbf16>, %res: tensor<32x256xbf16>, %g: tensor<256xbf16>, %w: tensor<256x128xbf16>) -> (tensor<32x128xbf16>, tensor<32x256xbf16>, tensor<32x256xbf16>) {
  %s = ascend.add %x, %res : tensor<32x256xbf16>, tensor<32x256xbf16> -> tensor<32x256xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 9.99999997E-7 : f32} : tensor<32x256xbf16>, tensor<256xbf16> -> tensor<32x256xbf16>
  %y = ascend.matmul %n, %w : tensor<32x256xbf16>, tensor<256x128xbf16> -> tensor<32x128xbf16>
  return %y, %s, %n : tensor<32x128xbf16>, tensor<32x256xbf16>, tensor<32x256xbf16>
}

// q projection, split into heads with tensor.reshape, rotated, merged back.
func.func @q_rope(%x: tensor<16x256xf16>, %wq: tensor<256x512xf16>, %cos: tensor<16x64xf32>, %sin: tensor<16x64xf32>) -> tensor<16x512xf16> {
  %q = ascend.matmul %x, %wq : tensor<16x256xf16>, tensor<256x512xf16> -> tensor<16x512xf16>
  %shape = arith.constant dense<[16, 4, 128]> : tensor<3xi64>
  %heads = tensor.reshape %q(%shape) : (tensor<16x512xf16>, tensor<3xi64>) -> tensor<16x4x128xf16>
  %r = ascend.rope <half> %heads, %cos, %sin : tensor<16x4x128xf16>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x4x128xf16>
  %out = tensor.collapse_shape %r [[0], [1, 2]] : tensor<16x4x128xf16> into tensor<16x512xf16>
  return %out : tensor<16x512xf16>
}

// Results that alias: an argument returned as it is, one value returned
// twice (once through a reshape), an op reading one operand twice.
func.func @aliases(%x: tensor<4096xf16>) -> (tensor<4096xf16>, tensor<4096xf16>, tensor<64x64xf16>) {
  %e = ascend.neg %x : tensor<4096xf16> -> tensor<4096xf16>
  %m = ascend.mul %e, %e : tensor<4096xf16>, tensor<4096xf16> -> tensor<4096xf16>
  %r = tensor.expand_shape %m [[0, 1]] output_shape [64, 64] : tensor<4096xf16> into tensor<64x64xf16>
  return %m, %x, %r : tensor<4096xf16>, tensor<4096xf16>, tensor<64x64xf16>
}
