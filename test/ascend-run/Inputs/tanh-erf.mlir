// Programs for lower-tanh-erf.test: ascend.tanh and ascend.erf on every f16
// and bf16 value (256 x 256 = all 65,536 bit patterns) and on random f32,
// and GELU in both forms written as torch-mlir writes it (one linalg.generic
// per activation), at GPT-2's MLP width (3072).

func.func @tanh_f16(%x: tensor<256x256xf16>) -> tensor<256x256xf16> {
  %y = ascend.tanh %x : tensor<256x256xf16> -> tensor<256x256xf16>
  return %y : tensor<256x256xf16>
}
func.func @tanh_bf16(%x: tensor<256x256xbf16>) -> tensor<256x256xbf16> {
  %y = ascend.tanh %x : tensor<256x256xbf16> -> tensor<256x256xbf16>
  return %y : tensor<256x256xbf16>
}
func.func @tanh_f32(%x: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %y = ascend.tanh %x : tensor<64x1000xf32> -> tensor<64x1000xf32>
  return %y : tensor<64x1000xf32>
}
func.func @erf_f16(%x: tensor<256x256xf16>) -> tensor<256x256xf16> {
  %y = ascend.erf %x : tensor<256x256xf16> -> tensor<256x256xf16>
  return %y : tensor<256x256xf16>
}
func.func @erf_bf16(%x: tensor<256x256xbf16>) -> tensor<256x256xbf16> {
  %y = ascend.erf %x : tensor<256x256xbf16> -> tensor<256x256xbf16>
  return %y : tensor<256x256xbf16>
}
func.func @erf_f32(%x: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %y = ascend.erf %x : tensor<64x1000xf32> -> tensor<64x1000xf32>
  return %y : tensor<64x1000xf32>
}

// GELU, erf form (PyTorch's default): 0.5 x (1 + erf(x / sqrt 2)), f32.
func.func @gelu_erf_f32(%x: tensor<64x3072xf32>) -> tensor<64x3072xf32> {
  %rsqrt2 = arith.constant 0.707106769 : f32
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<64x3072xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<64x3072xf32>) outs(%e : tensor<64x3072xf32>) {
  ^bb0(%a: f32, %out: f32):
    %0 = arith.mulf %a, %rsqrt2 : f32
    %1 = math.erf %0 : f32
    %2 = arith.addf %1, %one : f32
    %3 = arith.mulf %a, %half : f32
    %4 = arith.mulf %3, %2 : f32
    linalg.yield %4 : f32
  } -> tensor<64x3072xf32>
  return %y : tensor<64x3072xf32>
}

// GELU, tanh form (GPT-2's "gelu_new"), bf16 storage computed in f32 as
// torch-mlir writes a bf16 op it upcasts: extf, the f32 formula, truncf.
func.func @gelu_tanh_bf16(%x: tensor<64x3072xbf16>) -> tensor<64x3072xbf16> {
  %c = arith.constant 0.797884583 : f32
  %k = arith.constant 0.044715 : f32
  %one = arith.constant 1.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<64x3072xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<64x3072xbf16>) outs(%e : tensor<64x3072xbf16>) {
  ^bb0(%a: bf16, %out: bf16):
    %w = arith.extf %a : bf16 to f32
    %0 = arith.mulf %w, %w : f32
    %1 = arith.mulf %0, %w : f32
    %2 = arith.mulf %1, %k : f32
    %3 = arith.addf %w, %2 : f32
    %4 = arith.mulf %3, %c : f32
    %5 = math.tanh %4 : f32
    %6 = arith.addf %5, %one : f32
    %7 = arith.mulf %w, %half : f32
    %8 = arith.mulf %7, %6 : f32
    %9 = arith.truncf %8 : f32 to bf16
    linalg.yield %9 : bf16
  } -> tensor<64x3072xbf16>
  return %y : tensor<64x3072xbf16>
}
