// RUN: ascend-opt %s | ascend-opt | FileCheck %s
// RUN: ascend-opt %s --mlir-print-op-generic | ascend-opt | FileCheck %s

// LLaMA-2-7B prefill: multi-head attention, no mask.
// CHECK-LABEL: func.func @flash_attention_mha
func.func @flash_attention_mha(%q: tensor<2x32x1024x128xf16>, %k: tensor<2x32x1024x128xf16>,
                               %v: tensor<2x32x1024x128xf16>) -> tensor<2x32x1024x128xf16> {
  // CHECK: ascend.flash_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} scale 0.0883883461 : tensor<2x32x1024x128xf16>, tensor<2x32x1024x128xf16>, tensor<2x32x1024x128xf16> -> tensor<2x32x1024x128xf16>
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461
      : tensor<2x32x1024x128xf16>, tensor<2x32x1024x128xf16>, tensor<2x32x1024x128xf16>
      -> tensor<2x32x1024x128xf16>
  return %o : tensor<2x32x1024x128xf16>
}

// LLaMA-3-70B chunked prefill: 64 query heads over 8 KV heads, 512 new
// tokens after 1536 cached ones, causal plus an additive [Sq, Skv] mask.
// CHECK-LABEL: func.func @flash_attention_gqa_causal_mask
func.func @flash_attention_gqa_causal_mask(%q: tensor<1x64x512x128xbf16>, %k: tensor<1x8x2048x128xbf16>,
                                           %v: tensor<1x8x2048x128xbf16>, %m: tensor<512x2048xbf16>)
    -> tensor<1x64x512x128xbf16> {
  // CHECK: ascend.flash_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} mask %{{[a-z0-9_]+}} scale 0.0883883461 causal : tensor<1x64x512x128xbf16>, tensor<1x8x2048x128xbf16>, tensor<1x8x2048x128xbf16>, tensor<512x2048xbf16> -> tensor<1x64x512x128xbf16>
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.0883883461 causal
      : tensor<1x64x512x128xbf16>, tensor<1x8x2048x128xbf16>, tensor<1x8x2048x128xbf16>,
        tensor<512x2048xbf16> -> tensor<1x64x512x128xbf16>
  return %o : tensor<1x64x512x128xbf16>
}

// Key-padding mask [B, 1, 1, Skv] and a value head dim unlike the key's.
// CHECK-LABEL: func.func @flash_attention_padding_mask
func.func @flash_attention_padding_mask(%q: tensor<4x16x256x192xf16>, %k: tensor<4x16x256x192xf16>,
                                        %v: tensor<4x16x256x128xf16>, %m: tensor<4x1x1x256xf16>)
    -> tensor<4x16x256x128xf16> {
  // CHECK: ascend.flash_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} mask %{{[a-z0-9_]+}} scale 0.0721687824 : tensor<4x16x256x192xf16>, tensor<4x16x256x192xf16>, tensor<4x16x256x128xf16>, tensor<4x1x1x256xf16> -> tensor<4x16x256x128xf16>
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.0721687824
      : tensor<4x16x256x192xf16>, tensor<4x16x256x192xf16>, tensor<4x16x256x128xf16>,
        tensor<4x1x1x256xf16> -> tensor<4x16x256x128xf16>
  return %o : tensor<4x16x256x128xf16>
}

// Batch and sequence lengths known only at run time; a rank-1 [Skv] mask.
// CHECK-LABEL: func.func @flash_attention_dynamic
func.func @flash_attention_dynamic(%q: tensor<?x32x?x128xf16>, %k: tensor<?x8x?x128xf16>,
                                   %v: tensor<?x8x?x128xf16>, %m: tensor<?xf16>)
    -> tensor<?x32x?x128xf16> {
  // CHECK: ascend.flash_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} mask %{{[a-z0-9_]+}} scale 0.0883883461 causal : tensor<?x32x?x128xf16>, tensor<?x8x?x128xf16>, tensor<?x8x?x128xf16>, tensor<?xf16> -> tensor<?x32x?x128xf16>
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.0883883461 causal
      : tensor<?x32x?x128xf16>, tensor<?x8x?x128xf16>, tensor<?x8x?x128xf16>, tensor<?xf16>
      -> tensor<?x32x?x128xf16>
  return %o : tensor<?x32x?x128xf16>
}

// LLaMA-3-70B decode: 8 sequences, 128-token blocks, up to 4096 tokens each.
// CHECK-LABEL: func.func @paged_attention
func.func @paged_attention(%q: tensor<8x64x128xbf16>, %kc: tensor<2048x128x8x128xbf16>,
                           %vc: tensor<2048x128x8x128xbf16>, %tables: tensor<8x32xi32>,
                           %lens: tensor<8xi32>) -> tensor<8x64x128xbf16> {
  // CHECK: ascend.paged_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} block_tables %{{[a-z0-9_]+}} context_lens %{{[a-z0-9_]+}} scale 0.0883883461 : tensor<8x64x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<8x32xi32>, tensor<8xi32> -> tensor<8x64x128xbf16>
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables context_lens %lens
      scale 0.0883883461
      : tensor<8x64x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>,
        tensor<8x32xi32>, tensor<8xi32> -> tensor<8x64x128xbf16>
  return %o : tensor<8x64x128xbf16>
}

// CHECK-LABEL: func.func @paged_attention_dynamic
func.func @paged_attention_dynamic(%q: tensor<?x32x128xf16>, %kc: tensor<?x16x32x128xf16>,
                                   %vc: tensor<?x16x32x128xf16>, %tables: tensor<?x?xi32>,
                                   %lens: tensor<?xi32>) -> tensor<?x32x128xf16> {
  // CHECK: ascend.paged_attention %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} block_tables %{{[a-z0-9_]+}} context_lens %{{[a-z0-9_]+}} scale 0.0883883461 : tensor<?x32x128xf16>, tensor<?x16x32x128xf16>, tensor<?x16x32x128xf16>, tensor<?x?xi32>, tensor<?xi32> -> tensor<?x32x128xf16>
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables context_lens %lens
      scale 0.0883883461
      : tensor<?x32x128xf16>, tensor<?x16x32x128xf16>, tensor<?x16x32x128xf16>,
        tensor<?x?xi32>, tensor<?xi32> -> tensor<?x32x128xf16>
  return %o : tensor<?x32x128xf16>
}

// CHECK-LABEL: func.func @reshape_and_cache
func.func @reshape_and_cache(%k: tensor<16x8x128xbf16>, %v: tensor<16x8x128xbf16>,
                             %kc: tensor<2048x128x8x128xbf16>, %vc: tensor<2048x128x8x128xbf16>,
                             %slots: tensor<16xi32>)
    -> (tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>) {
  // CHECK: ascend.reshape_and_cache %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} into %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} slots %{{[a-z0-9_]+}} : tensor<16x8x128xbf16>, tensor<16x8x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>, tensor<16xi32> -> tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
  %kc1, %vc1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<16x8x128xbf16>, tensor<16x8x128xbf16>, tensor<2048x128x8x128xbf16>,
        tensor<2048x128x8x128xbf16>, tensor<16xi32>
      -> tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
  return %kc1, %vc1 : tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
}

// An int8 key cache next to an f16 value cache of another head dim; the
// token count is dynamic.
// CHECK-LABEL: func.func @reshape_and_cache_mixed
func.func @reshape_and_cache_mixed(%k: tensor<?x1x576xi8>, %v: tensor<?x1x512xf16>,
                                   %kc: tensor<512x64x1x576xi8>, %vc: tensor<512x64x1x512xf16>,
                                   %slots: tensor<?xi32>)
    -> (tensor<512x64x1x576xi8>, tensor<512x64x1x512xf16>) {
  // CHECK: ascend.reshape_and_cache %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} into %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} slots %{{[a-z0-9_]+}} : tensor<?x1x576xi8>, tensor<?x1x512xf16>, tensor<512x64x1x576xi8>, tensor<512x64x1x512xf16>, tensor<?xi32> -> tensor<512x64x1x576xi8>, tensor<512x64x1x512xf16>
  %kc1, %vc1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %slots
      : tensor<?x1x576xi8>, tensor<?x1x512xf16>, tensor<512x64x1x576xi8>,
        tensor<512x64x1x512xf16>, tensor<?xi32>
      -> tensor<512x64x1x576xi8>, tensor<512x64x1x512xf16>
  return %kc1, %vc1 : tensor<512x64x1x576xi8>, tensor<512x64x1x512xf16>
}

// DeepSeek-V3 MLA preprocess of 16 tokens; epsilon at its default is elided.
// CHECK-LABEL: func.func @mla_preprocess_deepseek_v3
func.func @mla_preprocess_deepseek_v3(
    %hidden: tensor<16x7168xbf16>, %g_hidden: tensor<7168xbf16>, %g_q: tensor<1536xbf16>,
    %g_kv: tensor<512xbf16>, %w_dqkv: tensor<7168x2112xbf16>, %w_uq: tensor<1536x24576xbf16>,
    %w_uk: tensor<128x128x512xbf16>, %cos: tensor<16x32xbf16>, %sin: tensor<16x32xbf16>,
    %kv_cache: tensor<1024x128x1x512xbf16>, %k_rope_cache: tensor<1024x128x1x64xbf16>,
    %slots: tensor<16xi32>)
    -> (tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
        tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>) {
  // CHECK: ascend.mla_preprocess %{{[a-z0-9_]+}} norms(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) weights(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) rope(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) into %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} slots %{{[a-z0-9_]+}} : tensor<16x7168xbf16>, tensor<7168xbf16>, tensor<1536xbf16>, tensor<512xbf16>, tensor<7168x2112xbf16>, tensor<1536x24576xbf16>, tensor<128x128x512xbf16>, tensor<16x32xbf16>, tensor<16x32xbf16>, tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>, tensor<16xi32> -> tensor<16x128x512xbf16>, tensor<16x128x64xbf16>, tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
  %qa, %qr, %kv, %kr = ascend.mla_preprocess %hidden
      norms(%g_hidden, %g_q, %g_kv) weights(%w_dqkv, %w_uq, %w_uk)
      rope(%cos, %sin) into %kv_cache, %k_rope_cache slots %slots
      : tensor<16x7168xbf16>, tensor<7168xbf16>, tensor<1536xbf16>, tensor<512xbf16>,
        tensor<7168x2112xbf16>, tensor<1536x24576xbf16>, tensor<128x128x512xbf16>,
        tensor<16x32xbf16>, tensor<16x32xbf16>, tensor<1024x128x1x512xbf16>,
        tensor<1024x128x1x64xbf16>, tensor<16xi32>
      -> tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
         tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
  return %qa, %qr, %kv, %kr : tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
      tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
}

// A small MLA (16 heads) with f32 norm weights and rotary tables, Ascend's
// MlaProlog epsilon, and a token count known only at run time.
// CHECK-LABEL: func.func @mla_preprocess_dynamic
func.func @mla_preprocess_dynamic(
    %hidden: tensor<?x2048xf16>, %g_hidden: tensor<2048xf32>, %g_q: tensor<768xf32>,
    %g_kv: tensor<512xf32>, %w_dqkv: tensor<2048x1344xf16>, %w_uq: tensor<768x3072xf16>,
    %w_uk: tensor<16x128x512xf16>, %cos: tensor<?x32xf32>, %sin: tensor<?x32xf32>,
    %kv_cache: tensor<?x128x1x512xf16>, %k_rope_cache: tensor<?x128x1x64xf16>,
    %slots: tensor<?xi32>)
    -> (tensor<?x16x512xf16>, tensor<?x16x64xf16>,
        tensor<?x128x1x512xf16>, tensor<?x128x1x64xf16>) {
  // CHECK: ascend.mla_preprocess %{{[a-z0-9_]+}} norms(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) weights(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) rope(%{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}) into %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} slots %{{[a-z0-9_]+}} {epsilon = 9.99999974E-6 : f32} : tensor<?x2048xf16>, tensor<2048xf32>, tensor<768xf32>, tensor<512xf32>, tensor<2048x1344xf16>, tensor<768x3072xf16>, tensor<16x128x512xf16>, tensor<?x32xf32>, tensor<?x32xf32>, tensor<?x128x1x512xf16>, tensor<?x128x1x64xf16>, tensor<?xi32> -> tensor<?x16x512xf16>, tensor<?x16x64xf16>, tensor<?x128x1x512xf16>, tensor<?x128x1x64xf16>
  %qa, %qr, %kv, %kr = ascend.mla_preprocess %hidden
      norms(%g_hidden, %g_q, %g_kv) weights(%w_dqkv, %w_uq, %w_uk)
      rope(%cos, %sin) into %kv_cache, %k_rope_cache slots %slots {epsilon = 1.0e-5 : f32}
      : tensor<?x2048xf16>, tensor<2048xf32>, tensor<768xf32>, tensor<512xf32>,
        tensor<2048x1344xf16>, tensor<768x3072xf16>, tensor<16x128x512xf16>,
        tensor<?x32xf32>, tensor<?x32xf32>, tensor<?x128x1x512xf16>,
        tensor<?x128x1x64xf16>, tensor<?xi32>
      -> tensor<?x16x512xf16>, tensor<?x16x64xf16>,
         tensor<?x128x1x512xf16>, tensor<?x128x1x64xf16>
  return %qa, %qr, %kv, %kr : tensor<?x16x512xf16>, tensor<?x16x64xf16>,
      tensor<?x128x1x512xf16>, tensor<?x128x1x64xf16>
}

// A LLaMA-3-8B gated MLP activation at 16 tokens, silu(gate) * up in bf16,
// as ascend-fuse-vector writes it.
// CHECK-LABEL: func.func @fused_vector_swiglu
func.func @fused_vector_swiglu(%gate: tensor<16x14336xbf16>, %up: tensor<16x14336xbf16>)
    -> tensor<16x14336xbf16> {
  // CHECK: ascend.fused_vector ins(%{{.*}}, %{{.*}} : tensor<16x14336xbf16>, tensor<16x14336xbf16>) -> tensor<16x14336xbf16> {
  // CHECK-NEXT: ^bb0(%[[G:.*]]: tensor<16x14336xbf16>, %[[U:.*]]: tensor<16x14336xbf16>):
  // CHECK-NEXT: %[[S:.*]] = ascend.silu %[[G]]
  // CHECK-NEXT: %[[M:.*]] = ascend.mul %[[S]], %[[U]]
  // CHECK-NEXT: ascend.yield %[[M]] : tensor<16x14336xbf16>
  %h = ascend.fused_vector ins(%gate, %up : tensor<16x14336xbf16>, tensor<16x14336xbf16>)
      -> tensor<16x14336xbf16> {
  ^bb0(%g: tensor<16x14336xbf16>, %u: tensor<16x14336xbf16>):
    %s = ascend.silu %g : tensor<16x14336xbf16> -> tensor<16x14336xbf16>
    %m = ascend.mul %s, %u : tensor<16x14336xbf16>, tensor<16x14336xbf16> -> tensor<16x14336xbf16>
    ascend.yield %m : tensor<16x14336xbf16>
  }
  return %h : tensor<16x14336xbf16>
}

// Inputs broadcast as the ops in the body allow; casts change the type.
// CHECK-LABEL: func.func @fused_vector_broadcast_cast
func.func @fused_vector_broadcast_cast(%x: tensor<512x4096xf32>, %bias: tensor<4096xf32>)
    -> tensor<512x4096xbf16> {
  // CHECK: ascend.fused_vector ins(%{{.*}}, %{{.*}} : tensor<512x4096xf32>, tensor<4096xf32>) -> tensor<512x4096xbf16>
  // CHECK: ascend.cast <rint>
  // CHECK: ascend.yield %{{.*}} : tensor<512x4096xbf16>
  %y = ascend.fused_vector ins(%x, %bias : tensor<512x4096xf32>, tensor<4096xf32>)
      -> tensor<512x4096xbf16> {
  ^bb0(%a: tensor<512x4096xf32>, %b: tensor<4096xf32>):
    %s = ascend.add %a, %b : tensor<512x4096xf32>, tensor<4096xf32> -> tensor<512x4096xf32>
    %g = ascend.gelu %s : tensor<512x4096xf32> -> tensor<512x4096xf32>
    %c = ascend.cast <rint> %g : tensor<512x4096xf32> -> tensor<512x4096xbf16>
    ascend.yield %c : tensor<512x4096xbf16>
  }
  return %y : tensor<512x4096xbf16>
}

// Residual add + RMSNorm, a row-wise op in the chain.
// CHECK-LABEL: func.func @fused_vector_add_rms_norm
func.func @fused_vector_add_rms_norm(%x: tensor<512x4096xbf16>, %r: tensor<512x4096xbf16>,
                                     %g: tensor<4096xbf16>) -> tensor<512x4096xbf16> {
  // CHECK: ascend.fused_vector
  // CHECK: ascend.add
  // CHECK-NEXT: ascend.rms_norm
  %y = ascend.fused_vector ins(%x, %r, %g : tensor<512x4096xbf16>, tensor<512x4096xbf16>, tensor<4096xbf16>)
      -> tensor<512x4096xbf16> {
  ^bb0(%a: tensor<512x4096xbf16>, %b: tensor<512x4096xbf16>, %c: tensor<4096xbf16>):
    %s = ascend.add %a, %b : tensor<512x4096xbf16>, tensor<512x4096xbf16> -> tensor<512x4096xbf16>
    %n = ascend.rms_norm %s, %c {epsilon = 1.0e-05 : f32} : tensor<512x4096xbf16>, tensor<4096xbf16> -> tensor<512x4096xbf16>
    ascend.yield %n : tensor<512x4096xbf16>
  }
  return %y : tensor<512x4096xbf16>
}
