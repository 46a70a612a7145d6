// RoPE (rotate-half, as HF LLaMA writes it) in linalg, for rope-linalg.test:
// rotate_half(x) = concat(-x[..., D/2:], x[..., :D/2]), then
// x * cos + rotate_half(x) * sin with cos/sin [S, 1, D] broadcast over the
// heads. LLaMA-3-8B's query at 16 tokens: 32 heads of 128.
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#tab = affine_map<(d0, d1, d2) -> (d0, 0, d2)>

// bf16 throughout: every op rounds to bf16, as PyTorch computes it.
func.func @rope_bf16(%x: tensor<16x32x128xbf16>, %cos: tensor<16x1x128xbf16>, %sin: tensor<16x1x128xbf16>) -> tensor<16x32x128xbf16> {
  %x1 = tensor.extract_slice %x[0, 0, 0] [16, 32, 64] [1, 1, 1] : tensor<16x32x128xbf16> to tensor<16x32x64xbf16>
  %x2 = tensor.extract_slice %x[0, 0, 64] [16, 32, 64] [1, 1, 1] : tensor<16x32x128xbf16> to tensor<16x32x64xbf16>
  %e = tensor.empty() : tensor<16x32x64xbf16>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x2 : tensor<16x32x64xbf16>) outs(%e : tensor<16x32x64xbf16>) {
  ^bb0(%a: bf16, %o: bf16):
    %r = arith.negf %a : bf16
    linalg.yield %r : bf16
  } -> tensor<16x32x64xbf16>
  %rot = tensor.concat dim(2) %n, %x1 : (tensor<16x32x64xbf16>, tensor<16x32x64xbf16>) -> tensor<16x32x128xbf16>
  %e2 = tensor.empty() : tensor<16x32x128xbf16>
  %y = linalg.generic {indexing_maps = [#id, #tab, #id, #tab, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %cos, %rot, %sin : tensor<16x32x128xbf16>, tensor<16x1x128xbf16>, tensor<16x32x128xbf16>, tensor<16x1x128xbf16>) outs(%e2 : tensor<16x32x128xbf16>) {
  ^bb0(%a: bf16, %c: bf16, %r: bf16, %s: bf16, %o: bf16):
    %0 = arith.mulf %a, %c : bf16
    %1 = arith.mulf %r, %s : bf16
    %2 = arith.addf %0, %1 : bf16
    linalg.yield %2 : bf16
  } -> tensor<16x32x128xbf16>
  return %y : tensor<16x32x128xbf16>
}

// f16 activations with f32 tables: the products and the sum in f32, one
// rounding to f16 at the end (torch's type promotion, then .to(f16)).
func.func @rope_f16_f32_tables(%x: tensor<16x32x128xf16>, %cos: tensor<16x1x128xf32>, %sin: tensor<16x1x128xf32>) -> tensor<16x32x128xf16> {
  %x1 = tensor.extract_slice %x[0, 0, 0] [16, 32, 64] [1, 1, 1] : tensor<16x32x128xf16> to tensor<16x32x64xf16>
  %x2 = tensor.extract_slice %x[0, 0, 64] [16, 32, 64] [1, 1, 1] : tensor<16x32x128xf16> to tensor<16x32x64xf16>
  %e = tensor.empty() : tensor<16x32x64xf16>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x2 : tensor<16x32x64xf16>) outs(%e : tensor<16x32x64xf16>) {
  ^bb0(%a: f16, %o: f16):
    %r = arith.negf %a : f16
    linalg.yield %r : f16
  } -> tensor<16x32x64xf16>
  %rot = tensor.concat dim(2) %n, %x1 : (tensor<16x32x64xf16>, tensor<16x32x64xf16>) -> tensor<16x32x128xf16>
  %e2 = tensor.empty() : tensor<16x32x128xf16>
  %y = linalg.generic {indexing_maps = [#id, #tab, #id, #tab, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %cos, %rot, %sin : tensor<16x32x128xf16>, tensor<16x1x128xf32>, tensor<16x32x128xf16>, tensor<16x1x128xf32>) outs(%e2 : tensor<16x32x128xf16>) {
  ^bb0(%a: f16, %c: f32, %r: f16, %s: f32, %o: f16):
    %aw = arith.extf %a : f16 to f32
    %rw = arith.extf %r : f16 to f32
    %0 = arith.mulf %aw, %c : f32
    %1 = arith.mulf %rw, %s : f32
    %2 = arith.addf %0, %1 : f32
    %3 = arith.truncf %2 : f32 to f16
    linalg.yield %3 : f16
  } -> tensor<16x32x128xf16>
  return %y : tensor<16x32x128xf16>
}
