// Programs for vector-fusion.test: each is run with ascend-fuse-vector on
// (the default) and off, and the results must be bit-identical.

// sigmoid as torch-mlir writes it: one generic, four ops once raised.
func.func @sigmoid_f16(%x: tensor<16x4096xf16>) -> tensor<16x4096xf16> {
  %one = arith.constant 1.0 : f16
  %s_e = tensor.empty() : tensor<16x4096xf16>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x4096xf16>) outs(%s_e : tensor<16x4096xf16>) {
  ^bb0(%a0: f16, %out: f16):
    %n = arith.negf %a0 : f16
    %e = math.exp %n : f16
    %d = arith.addf %e, %one : f16
    %r = arith.divf %one, %d : f16
    linalg.yield %r : f16
  } -> tensor<16x4096xf16>
  return %s : tensor<16x4096xf16>
}

// LLaMA-3-8B's SwiGLU at 16 tokens (I = 14336), bf16: silu as x * sigmoid(x),
// then the gate product; six ops, every intermediate rounded to bf16.
func.func @swiglu_bf16(%g: tensor<16x14336xbf16>, %u: tensor<16x14336xbf16>) -> tensor<16x14336xbf16> {
  %one = arith.constant 1.0 : bf16
  %s_e = tensor.empty() : tensor<16x14336xbf16>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<16x14336xbf16>) outs(%s_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %out: bf16):
    %n = arith.negf %a0 : bf16
    %e = math.exp %n : bf16
    %d = arith.addf %e, %one : bf16
    %r = arith.divf %one, %d : bf16
    linalg.yield %r : bf16
  } -> tensor<16x14336xbf16>
  %silu_e = tensor.empty() : tensor<16x14336xbf16>
  %silu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g, %s : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%silu_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  %h_e = tensor.empty() : tensor<16x14336xbf16>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%silu, %u : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%h_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  return %h : tensor<16x14336xbf16>
}

// A small LLaMA MLP block in the same form: the chain runs as the epilogue
// of the gate matmul.
func.func @mlp_bf16(%x: tensor<16x256xbf16>, %wg: tensor<256x512xbf16>, %wu: tensor<256x512xbf16>, %wd: tensor<512x256xbf16>) -> tensor<16x256xbf16> {
  %zero = arith.constant 0.0 : bf16
  %one = arith.constant 1.0 : bf16
  %g_e = tensor.empty() : tensor<16x512xbf16>
  %g_z = linalg.fill ins(%zero : bf16) outs(%g_e : tensor<16x512xbf16>) -> tensor<16x512xbf16>
  %g = linalg.matmul ins(%x, %wg : tensor<16x256xbf16>, tensor<256x512xbf16>) outs(%g_z : tensor<16x512xbf16>) -> tensor<16x512xbf16>
  %sig_e = tensor.empty() : tensor<16x512xbf16>
  %sig = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<16x512xbf16>) outs(%sig_e : tensor<16x512xbf16>) {
  ^bb0(%a0: bf16, %out: bf16):
    %n = arith.negf %a0 : bf16
    %e = math.exp %n : bf16
    %d = arith.addf %e, %one : bf16
    %r = arith.divf %one, %d : bf16
    linalg.yield %r : bf16
  } -> tensor<16x512xbf16>
  %silu_e = tensor.empty() : tensor<16x512xbf16>
  %silu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g, %sig : tensor<16x512xbf16>, tensor<16x512xbf16>) outs(%silu_e : tensor<16x512xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x512xbf16>
  %u_e = tensor.empty() : tensor<16x512xbf16>
  %u_z = linalg.fill ins(%zero : bf16) outs(%u_e : tensor<16x512xbf16>) -> tensor<16x512xbf16>
  %u = linalg.matmul ins(%x, %wu : tensor<16x256xbf16>, tensor<256x512xbf16>) outs(%u_z : tensor<16x512xbf16>) -> tensor<16x512xbf16>
  %h_e = tensor.empty() : tensor<16x512xbf16>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%silu, %u : tensor<16x512xbf16>, tensor<16x512xbf16>) outs(%h_e : tensor<16x512xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x512xbf16>
  %y_e = tensor.empty() : tensor<16x256xbf16>
  %y_z = linalg.fill ins(%zero : bf16) outs(%y_e : tensor<16x256xbf16>) -> tensor<16x256xbf16>
  %y = linalg.matmul ins(%h, %wd : tensor<16x512xbf16>, tensor<512x256xbf16>) outs(%y_z : tensor<16x256xbf16>) -> tensor<16x256xbf16>
  return %y : tensor<16x256xbf16>
}

// GPT-2's MLP shape (f16, 32 tokens): bias + GELU fuse into the first
// matmul's epilogue, the second bias into the second's.
func.func @gelu_mlp_f16(%x: tensor<32x768xf16>, %w1: tensor<768x3072xf16>, %b1: tensor<3072xf16>, %w2: tensor<3072x768xf16>, %b2: tensor<768xf16>) -> tensor<32x768xf16> {
  %a = ascend.matmul %x, %w1 : tensor<32x768xf16>, tensor<768x3072xf16> -> tensor<32x3072xf16>
  %ab = ascend.add %a, %b1 : tensor<32x3072xf16>, tensor<3072xf16> -> tensor<32x3072xf16>
  %h = ascend.gelu %ab : tensor<32x3072xf16> -> tensor<32x3072xf16>
  %o = ascend.matmul %h, %w2 : tensor<32x3072xf16>, tensor<3072x768xf16> -> tensor<32x768xf16>
  %y = ascend.add %o, %b2 : tensor<32x768xf16>, tensor<768xf16> -> tensor<32x768xf16>
  return %y : tensor<32x768xf16>
}

// Column and scalar broadcasts, an f32 chain ending in a cast to f16.
func.func @column_chain(%x: tensor<128x96xf32>, %c: tensor<128x1xf32>, %y: tensor<128x96xf32>, %s: tensor<f32>) -> tensor<128x96xf16> {
  %m = ascend.mul %x, %c : tensor<128x96xf32>, tensor<128x1xf32> -> tensor<128x96xf32>
  %a = ascend.add %m, %y : tensor<128x96xf32>, tensor<128x96xf32> -> tensor<128x96xf32>
  %d = ascend.div %a, %s : tensor<128x96xf32>, tensor<f32> -> tensor<128x96xf32>
  %e = ascend.exp %d : tensor<128x96xf32> -> tensor<128x96xf32>
  %h = ascend.cast <rint> %e : tensor<128x96xf32> -> tensor<128x96xf16>
  return %h : tensor<128x96xf16>
}

// The LLaMA-3-8B MLP block at 16 tokens (H 4096, I 14336), timed only.
func.func @llama3_8b_mlp(%x: tensor<16x4096xbf16>, %wg: tensor<4096x14336xbf16>, %wu: tensor<4096x14336xbf16>, %wd: tensor<14336x4096xbf16>) -> tensor<16x4096xbf16> {
  %zero = arith.constant 0.0 : bf16
  %one = arith.constant 1.0 : bf16
  %g_e = tensor.empty() : tensor<16x14336xbf16>
  %g_z = linalg.fill ins(%zero : bf16) outs(%g_e : tensor<16x14336xbf16>) -> tensor<16x14336xbf16>
  %g = linalg.matmul ins(%x, %wg : tensor<16x4096xbf16>, tensor<4096x14336xbf16>) outs(%g_z : tensor<16x14336xbf16>) -> tensor<16x14336xbf16>
  %sig_e = tensor.empty() : tensor<16x14336xbf16>
  %sig = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<16x14336xbf16>) outs(%sig_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %out: bf16):
    %n = arith.negf %a0 : bf16
    %e = math.exp %n : bf16
    %d = arith.addf %e, %one : bf16
    %r = arith.divf %one, %d : bf16
    linalg.yield %r : bf16
  } -> tensor<16x14336xbf16>
  %silu_e = tensor.empty() : tensor<16x14336xbf16>
  %silu = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%g, %sig : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%silu_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  %u_e = tensor.empty() : tensor<16x14336xbf16>
  %u_z = linalg.fill ins(%zero : bf16) outs(%u_e : tensor<16x14336xbf16>) -> tensor<16x14336xbf16>
  %u = linalg.matmul ins(%x, %wu : tensor<16x4096xbf16>, tensor<4096x14336xbf16>) outs(%u_z : tensor<16x14336xbf16>) -> tensor<16x14336xbf16>
  %h_e = tensor.empty() : tensor<16x14336xbf16>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%silu, %u : tensor<16x14336xbf16>, tensor<16x14336xbf16>) outs(%h_e : tensor<16x14336xbf16>) {
  ^bb0(%a0: bf16, %a1: bf16, %out: bf16):
    %p = arith.mulf %a0, %a1 : bf16
    linalg.yield %p : bf16
  } -> tensor<16x14336xbf16>
  %y_e = tensor.empty() : tensor<16x4096xbf16>
  %y_z = linalg.fill ins(%zero : bf16) outs(%y_e : tensor<16x4096xbf16>) -> tensor<16x4096xbf16>
  %y = linalg.matmul ins(%h, %wd : tensor<16x14336xbf16>, tensor<14336x4096xbf16>) outs(%y_z : tensor<16x4096xbf16>) -> tensor<16x4096xbf16>
  return %y : tensor<16x4096xbf16>
}

// Residual add + RMSNorm at LLaMA-3-8B's hidden size, 512 tokens, bf16.
func.func @add_rms_norm_bf16(%x: tensor<512x4096xbf16>, %r: tensor<512x4096xbf16>, %g: tensor<4096xbf16>) -> tensor<512x4096xbf16> {
  %s = ascend.add %x, %r : tensor<512x4096xbf16>, tensor<512x4096xbf16> -> tensor<512x4096xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-05 : f32} : tensor<512x4096xbf16>, tensor<4096xbf16> -> tensor<512x4096xbf16>
  return %n : tensor<512x4096xbf16>
}

// DeepSeek-V3's hidden size (7168): rows held one at a time, single
// buffered; the norm's result cast to f32.
func.func @add_rms_norm_7168(%x: tensor<16x7168xbf16>, %r: tensor<16x7168xbf16>, %g: tensor<7168xbf16>) -> tensor<16x7168xf32> {
  %s = ascend.add %x, %r : tensor<16x7168xbf16>, tensor<16x7168xbf16> -> tensor<16x7168xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-06 : f32} : tensor<16x7168xbf16>, tensor<7168xbf16> -> tensor<16x7168xbf16>
  %c = ascend.cast <rint> %n : tensor<16x7168xbf16> -> tensor<16x7168xf32>
  return %c : tensor<16x7168xf32>
}

// Scaled, masked softmax in f16 with its probabilities cast to f32.
func.func @scaled_masked_softmax(%x: tensor<64x1024xf16>, %m: tensor<64x1024xf16>) -> tensor<64x1024xf32> {
  %c = arith.constant dense<0.125> : tensor<f16>
  %t = ascend.mul %x, %c : tensor<64x1024xf16>, tensor<f16> -> tensor<64x1024xf16>
  %a = ascend.add %t, %m : tensor<64x1024xf16>, tensor<64x1024xf16> -> tensor<64x1024xf16>
  %p = ascend.softmax %a dim 1 : tensor<64x1024xf16> -> tensor<64x1024xf16>
  %q = ascend.cast <rint> %p : tensor<64x1024xf16> -> tensor<64x1024xf32>
  return %q : tensor<64x1024xf32>
}

// The residual stream of a transformer block: the sum goes on to the next
// block and into the norm; LLaMA-3-8B, 512 tokens.
func.func @residual_norm_bf16(%x: tensor<512x4096xbf16>, %r: tensor<512x4096xbf16>, %g: tensor<4096xbf16>)
    -> (tensor<512x4096xbf16>, tensor<512x4096xbf16>) {
  %s = ascend.add %x, %r : tensor<512x4096xbf16>, tensor<512x4096xbf16> -> tensor<512x4096xbf16>
  %n = ascend.rms_norm %s, %g {epsilon = 1.0e-05 : f32} : tensor<512x4096xbf16>, tensor<4096xbf16> -> tensor<512x4096xbf16>
  return %s, %n : tensor<512x4096xbf16>, tensor<512x4096xbf16>
}

// HuggingFace LlamaRMSNorm in bf16 as torch-mlir emits it (the copy in
// test/Conversion/ascend-raise-linalg.mlir): normalized in f32, rounded to
// bf16, then `weight * hidden` in bf16.
func.func @rms_norm_llama_bf16(%x: tensor<4x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<4x4096xbf16> {
  %eps = arith.constant 1.000000e-05 : f64
  %c1_i64 = arith.constant 1 : i64
  %c2_i64 = arith.constant 2 : i64
  %c4096_i64 = arith.constant 4096 : i64
  %zero = arith.constant 0.000000e+00 : f32
  %e32 = tensor.empty() : tensor<4x4096xf32>
  %h = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4096xbf16>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %r = arith.extf %in : bf16 to f32
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %sq = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<4x4096xf32>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.fpowi %in, %c2_i64 : f32, i64
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %e1 = tensor.empty() : tensor<4x1xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%sq : tensor<4x4096xf32>) outs(%f1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %mean = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sum : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.sitofp %c4096_i64 : i64 to f32
    %r = arith.divf %in, %n : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %var = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mean : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = arith.truncf %eps : f64 to f32
    %a = arith.sitofp %c1_i64 : i64 to f32
    %m = arith.mulf %t, %a : f32
    %r = arith.addf %in, %m : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %rs = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%var : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.rsqrt %in : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %norm = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%h, %rs : tensor<4x4096xf32>, tensor<4x1xf32>) outs(%e32 : tensor<4x4096xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.mulf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x4096xf32>
  %e16 = tensor.empty() : tensor<4x4096xbf16>
  %back = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%norm : tensor<4x4096xf32>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%in: f32, %out: bf16):
    %r = arith.truncf %in : f32 to bf16
    linalg.yield %r : bf16
  } -> tensor<4x4096xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w, %back : tensor<4096xbf16>, tensor<4x4096xbf16>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%in: bf16, %in_0: bf16, %out: bf16):
    %r = arith.mulf %in, %in_0 : bf16
    linalg.yield %r : bf16
  } -> tensor<4x4096xbf16>
  return %y : tensor<4x4096xbf16>
}

// The same norm as PyTorch's mixed precision writes it in one reduction
// (extf in the sum's body); it must give rms_norm_llama_bf16's bits.
func.func @rms_norm_mixed_bf16(%x: tensor<4x4096xbf16>, %w: tensor<4096xbf16>) -> tensor<4x4096xbf16> {
  %zero = arith.constant 0.000000e+00 : f32
  %n = arith.constant 4.096000e+03 : f32
  %eps = arith.constant 9.99999974E-6 : f32
  %e1 = tensor.empty() : tensor<4x1xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x1xf32>) -> tensor<4x1xf32>
  %sum = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x4096xbf16>) outs(%f1 : tensor<4x1xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %e = arith.extf %in : bf16 to f32
    %sq = arith.mulf %e, %e : f32
    %r = arith.addf %sq, %out : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %rs = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%sum : tensor<4x1xf32>) outs(%e1 : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.divf %in, %n : f32
    %v = arith.addf %m, %eps : f32
    %r = math.rsqrt %v : f32
    linalg.yield %r : f32
  } -> tensor<4x1xf32>
  %e16 = tensor.empty() : tensor<4x4096xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w, %x, %rs : tensor<4096xbf16>, tensor<4x4096xbf16>, tensor<4x1xf32>) outs(%e16 : tensor<4x4096xbf16>) {
  ^bb0(%g: bf16, %in: bf16, %r: f32, %out: bf16):
    %e = arith.extf %in : bf16 to f32
    %s = arith.mulf %e, %r : f32
    %t = arith.truncf %s : f32 to bf16
    %p = arith.mulf %g, %t : bf16
    linalg.yield %p : bf16
  } -> tensor<4x4096xbf16>
  return %y : tensor<4x4096xbf16>
}
