// Generated kernels for flag-mutants.test: each is lowered with
// --ascend-lower-to-kernel=block-dim=2, so that every block runs its outer
// loop at least twice and the inner loops (K, key tiles, rows) at least
// twice, with tails, and every set/wait the kernel has is exercised.

// GEMM with tails in M, N and K, f16 and bf16 (B transposed).
func.func @gemm_f16(%a: tensor<200x150xf16>, %b: tensor<150x300xf16>) -> tensor<200x300xf16> {
  %c = ascend.matmul %a, %b : tensor<200x150xf16>, tensor<150x300xf16> -> tensor<200x300xf16>
  return %c : tensor<200x300xf16>
}
func.func @gemm_bf16(%a: tensor<200x150xbf16>, %b: tensor<300x150xbf16>) -> tensor<200x300xbf16> {
  %c = ascend.matmul %a, %b {transpose_b} : tensor<200x150xbf16>, tensor<300x150xbf16> -> tensor<200x300xbf16>
  return %c : tensor<200x300xbf16>
}

// A matmul with a fused elementwise epilogue (cube -> vector split kernel).
func.func @matmul_relu(%a: tensor<200x150xf16>, %b: tensor<150x300xf16>) -> tensor<200x300xf16> {
  %c = ascend.matmul %a, %b : tensor<200x150xf16>, tensor<150x300xf16> -> tensor<200x300xf16>
  %r = ascend.relu %c : tensor<200x300xf16> -> tensor<200x300xf16>
  return %r : tensor<200x300xf16>
}

// Row-wise vector kernels with ragged rows.
func.func @softmax(%x: tensor<40x1000xf16>) -> tensor<40x1000xf16> {
  %p = ascend.softmax %x dim 1 : tensor<40x1000xf16> -> tensor<40x1000xf16>
  return %p : tensor<40x1000xf16>
}
func.func @rms_norm(%x: tensor<44x1000xbf16>, %g: tensor<1000xbf16>) -> tensor<44x1000xbf16> {
  %n = ascend.rms_norm %x, %g {epsilon = 1.0e-05 : f32} : tensor<44x1000xbf16>, tensor<1000xbf16> -> tensor<44x1000xbf16>
  return %n : tensor<44x1000xbf16>
}

// FlashAttention: causal MHA f16, causal GQA bf16 (4 query heads over 2 KV
// heads), and an explicit additive mask; 640 keys make three key tiles.
func.func @fa_causal(%q: tensor<1x2x640x128xf16>, %k: tensor<1x2x640x128xf16>,
                     %v: tensor<1x2x640x128xf16>) -> tensor<1x2x640x128xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461 causal
      : tensor<1x2x640x128xf16>, tensor<1x2x640x128xf16>,
        tensor<1x2x640x128xf16> -> tensor<1x2x640x128xf16>
  return %o : tensor<1x2x640x128xf16>
}
func.func @fa_gqa(%q: tensor<1x4x256x64xbf16>, %k: tensor<1x2x640x64xbf16>,
                  %v: tensor<1x2x640x64xbf16>) -> tensor<1x4x256x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x4x256x64xbf16>, tensor<1x2x640x64xbf16>,
        tensor<1x2x640x64xbf16> -> tensor<1x4x256x64xbf16>
  return %o : tensor<1x4x256x64xbf16>
}
func.func @fa_mask(%q: tensor<1x2x256x64xf16>, %k: tensor<1x2x640x64xf16>,
                   %v: tensor<1x2x640x64xf16>, %m: tensor<1x1x256x640xf16>)
    -> tensor<1x2x256x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x2x256x64xf16>, tensor<1x2x640x64xf16>,
        tensor<1x2x640x64xf16>, tensor<1x1x256x640xf16> -> tensor<1x2x256x64xf16>
  return %o : tensor<1x2x256x64xf16>
}

