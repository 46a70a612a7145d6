// RUN: ascend-opt %s -split-input-file -verify-diagnostics

// q, k and v are 4-D: [B, N, S, D].
func.func @fa_query_rank(%q: tensor<8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{query must have rank 4, got 3}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Every operand has the query's batch.
func.func @fa_batch(%q: tensor<1x8x128x64xf16>, %k: tensor<2x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{key dim 0 is 2, expected 1 (B from query dim 0)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<2x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// q . k contracts the head dim D.
func.func @fa_head_dim(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x128xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{key dim 3 is 128, expected 64 (D from query dim 3)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x128xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Keys and values pair up along Skv.
func.func @fa_kv_len(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x128x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{value dim 2 is 128, expected 256 (Skv from key dim 2)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x128x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Keys and values share the KV heads.
func.func @fa_kv_heads(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x4x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{value dim 1 is 4, expected 2 (Nkv from key dim 1)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x4x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// The result has one row per query head.
func.func @fa_result_heads(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x2x128x64xf16> {
  // expected-error @+1 {{result dim 1 is 2, expected 8 (Nq from query dim 1)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x2x128x64xf16>
  return %r0 : tensor<1x2x128x64xf16>
}

// -----

// The result rows are combinations of value rows.
func.func @fa_result_value_dim(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x128xf16> {
  // expected-error @+1 {{result dim 3 is 128, expected 64 (Dv from value dim 3)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x128xf16>
  return %r0 : tensor<1x8x128x128xf16>
}

// -----

// A dynamic dim defers to the first known one (here the key's).
func.func @fa_dynamic_first_known(%q: tensor<?x8x128x64xf16>, %k: tensor<2x2x256x64xf16>,
    %v: tensor<?x2x256x64xf16>) -> tensor<4x8x128x64xf16> {
  // expected-error @+1 {{result dim 0 is 4, expected 2 (B from key dim 0)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<?x8x128x64xf16>, tensor<2x2x256x64xf16>, tensor<?x2x256x64xf16>
      -> tensor<4x8x128x64xf16>
  return %r0 : tensor<4x8x128x64xf16>
}

// -----

// Query heads are split evenly over the KV heads.
func.func @fa_gqa(%q: tensor<1x8x128x64xf16>, %k: tensor<1x3x256x64xf16>,
    %v: tensor<1x3x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{query heads (Nq from query dim 1 = 8) must be a multiple of KV heads (Nkv from key dim 1 = 3)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x3x256x64xf16>, tensor<1x3x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Empty KV heads leave nothing for the query heads to read.
func.func @fa_zero_kv_heads(%q: tensor<1x8x128x64xf16>, %k: tensor<1x0x256x64xf16>,
    %v: tensor<1x0x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{query heads (Nq from query dim 1 = 8) must be a multiple of KV heads (Nkv from key dim 1 = 0)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x0x256x64xf16>, tensor<1x0x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// The mask broadcasts to [B, Nq, Sq, Skv]: at most 4 dims.
func.func @fa_mask_rank(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>, %m: tensor<1x1x1x128x256xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{mask must have rank 1, 2, 3 or 4, got 5}}
  %r0 = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>,
        tensor<1x1x1x128x256xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// A mask dim is 1 or the dim it stands for (dims aligned at the end).
func.func @fa_mask_dim(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>, %m: tensor<64x256xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{mask dim 0 is 64, expected 128 (Sq from query dim 2, or 1 to broadcast)}}
  %r0 = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>, tensor<64x256xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// A 4-D mask's first dim is the batch.
func.func @fa_mask_batch(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>, %m: tensor<2x1x128x256xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{mask dim 0 is 2, expected 1 (B from query dim 0, or 1 to broadcast)}}
  %r0 = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>,
        tensor<2x1x128x256xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Bottom-right causal attention needs at least as many keys as queries.
func.func @fa_causal_short_kv(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x64x64xf16>,
    %v: tensor<1x2x64x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{causal attention needs Sq <= Skv, but Sq from query dim 2 = 128 and Skv from key dim 2 = 64: the first queries would see no key}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x8x128x64xf16>, tensor<1x2x64x64xf16>, tensor<1x2x64x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Attention runs on f16 or bf16 inputs.
func.func @fa_query_type(%q: tensor<1x8x128x64xf32>, %k: tensor<1x2x256x64xf32>,
    %v: tensor<1x2x256x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{query has element type 'f32', expected f16 or bf16}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf32>, tensor<1x2x256x64xf32>, tensor<1x2x256x64xf32>
      -> tensor<1x8x128x64xf32>
  return %r0 : tensor<1x8x128x64xf32>
}

// -----

// q, k and v share one element type.
func.func @fa_key_type(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xbf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{key has element type 'bf16', expected f16 (query's element type)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// q, k and v share one element type.
func.func @fa_value_type(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xbf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{value has element type 'bf16', expected f16 (query's element type)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xbf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// The mask has the inputs' element type.
func.func @fa_mask_type(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>, %m: tensor<128x256xf32>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{mask has element type 'f32', expected f16 (query's element type)}}
  %r0 = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>, tensor<128x256xf32>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// The result has the inputs' element type.
func.func @fa_result_type(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{result has element type 'f32', expected f16 (query's element type)}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf32>
  return %r0 : tensor<1x8x128x64xf32>
}

// -----

// Decode queries are [B, Nq, D]: one token per sequence.
func.func @pa_query_rank(%q: tensor<4x1x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{query must have rank 3, got 4}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x1x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Caches are [num_blocks, block_size, Nkv, D].
func.func @pa_key_cache_rank(%q: tensor<4x8x64xf16>, %kc: tensor<512x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{key_cache must have rank 4, got 3}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<512x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// q . k contracts the head dim D.
func.func @pa_head_dim(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x128xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{key_cache dim 3 is 128, expected 64 (D from query dim 2)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x128xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Both caches are paged with one block size.
func.func @pa_block_size(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x32x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{value_cache dim 1 is 32, expected 16 (block_size from key_cache dim 1)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x32x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Both caches have the same blocks.
func.func @pa_num_blocks(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<64x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{value_cache dim 0 is 64, expected 32 (num_blocks from key_cache dim 0)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<64x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Each sequence has a row of block ids.
func.func @pa_block_tables_rank(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<32xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{block_tables must have rank 2, got 1}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<32xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// One row of block ids per sequence.
func.func @pa_block_tables_batch(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<2x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{block_tables dim 0 is 2, expected 4 (B from query dim 0)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<2x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// One context length per sequence.
func.func @pa_context_lens_batch(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<8xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{context_lens dim 0 is 8, expected 4 (B from query dim 0)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<8xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// The result rows are combinations of value rows.
func.func @pa_result_value_dim(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x128xf16> {
  // expected-error @+1 {{result dim 2 is 128, expected 64 (Dv from value_cache dim 3)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x128xf16>
  return %r0 : tensor<4x8x128xf16>
}

// -----

// Query heads are split evenly over the KV heads.
func.func @pa_gqa(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x3x64xf16>,
    %vc: tensor<32x16x3x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{query heads (Nq from query dim 1 = 8) must be a multiple of KV heads (Nkv from key_cache dim 2 = 3)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x3x64xf16>, tensor<32x16x3x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Attention runs on f16 or bf16 inputs.
func.func @pa_query_type(%q: tensor<4x8x64xi8>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xi8> {
  // expected-error @+1 {{query has element type 'i8', expected f16 or bf16}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xi8>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xi8>
  return %r0 : tensor<4x8x64xi8>
}

// -----

// The caches have the query's element type.
func.func @pa_value_cache_type(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xbf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{value_cache has element type 'bf16', expected f16 (query's element type)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xbf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// The result has the query's element type.
func.func @pa_result_type(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi32>) -> tensor<4x8x64xf32> {
  // expected-error @+1 {{result has element type 'f32', expected f16 (query's element type)}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi32>
      -> tensor<4x8x64xf32>
  return %r0 : tensor<4x8x64xf32>
}

// -----

// Block ids are i32.
func.func @pa_block_tables_type(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi64>, %cl: tensor<4xi32>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{block_tables has element type 'i64', expected i32}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi64>,
        tensor<4xi32>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// Context lengths are i32.
func.func @pa_context_lens_type(%q: tensor<4x8x64xf16>, %kc: tensor<32x16x2x64xf16>,
    %vc: tensor<32x16x2x64xf16>, %bt: tensor<4x8xi32>, %cl: tensor<4xi64>) -> tensor<4x8x64xf16> {
  // expected-error @+1 {{context_lens has element type 'i64', expected i32}}
  %r0 = ascend.paged_attention %q, %kc, %vc block_tables %bt context_lens %cl scale 0.125
      : tensor<4x8x64xf16>, tensor<32x16x2x64xf16>, tensor<32x16x2x64xf16>, tensor<4x8xi32>,
        tensor<4xi64>
      -> tensor<4x8x64xf16>
  return %r0 : tensor<4x8x64xf16>
}

// -----

// New keys are [T, Nkv, D].
func.func @rc_key_rank(%k: tensor<8x128xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{key must have rank 3, got 2}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x128xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
}

// -----

// Keys and values come from the same tokens.
func.func @rc_value_tokens(%k: tensor<8x2x64xf16>, %v: tensor<4x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{value dim 0 is 4, expected 8 (T from key dim 0)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<4x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
}

// -----

// The cache has the keys' KV heads.
func.func @rc_cache_heads(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x4x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x4x64xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{key_cache dim 2 is 4, expected 2 (Nkv from key dim 1)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x4x64xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x4x64xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x4x64xf16>, tensor<16x16x2x32xf16>
}

// -----

// The key cache rows hold keys.
func.func @rc_cache_head_dim(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x128xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x128xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{key_cache dim 3 is 128, expected 64 (D from key dim 2)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x128xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x128xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x128xf16>, tensor<16x16x2x32xf16>
}

// -----

// Both caches have the same blocks.
func.func @rc_value_cache_blocks(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<8x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<8x16x2x32xf16>) {
  // expected-error @+1 {{value_cache dim 0 is 8, expected 16 (num_blocks from key_cache dim 0)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<8x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf16>, tensor<8x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<8x16x2x32xf16>
}

// -----

// One slot per token.
func.func @rc_slot_mapping_tokens(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<16xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{slot_mapping dim 0 is 16, expected 8 (T from key dim 0)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>,
        tensor<16xi32>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
}

// -----

// Caches hold f16, bf16 or int8.
func.func @rc_key_type(%k: tensor<8x2x64xf32>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf32>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf32>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{key has element type 'f32', expected f16, bf16 or i8}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf32>, tensor<8x2x32xf16>, tensor<16x16x2x64xf32>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf32>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf32>, tensor<16x16x2x32xf16>
}

// -----

// Caches hold f16, bf16 or int8.
func.func @rc_value_type(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xi32>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xi32>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xi32>) {
  // expected-error @+1 {{value has element type 'i32', expected f16, bf16 or i8}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xi32>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xi32>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xi32>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xi32>
}

// -----

// The copy never converts.
func.func @rc_key_cache_type(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xi8>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xi8>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{key_cache has element type 'i8', expected f16 (key's element type)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xi8>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xi8>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xi8>, tensor<16x16x2x32xf16>
}

// -----

// The copy never converts.
func.func @rc_value_cache_type(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xbf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xbf16>) {
  // expected-error @+1 {{value_cache has element type 'bf16', expected f16 (value's element type)}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xbf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xbf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xbf16>
}

// -----

// Slots are i32.
func.func @rc_slot_mapping_type(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi64>)
    -> (tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{slot_mapping has element type 'i64', expected i32}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi64>
      -> tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>
}

// -----

// The updated cache has the cache's type.
func.func @rc_result_type(%k: tensor<8x2x64xf16>, %v: tensor<8x2x32xf16>,
    %kc: tensor<16x16x2x64xf16>, %vc: tensor<16x16x2x32xf16>, %s: tensor<8xi32>)
    -> (tensor<16x16x2x64xbf16>, tensor<16x16x2x32xf16>) {
  // expected-error @+1 {{failed to verify that all of {key_cache, new_key_cache} have same type}}
  %r0, %r1 = ascend.reshape_and_cache %k, %v into %kc, %vc slots %s
      : tensor<8x2x64xf16>, tensor<8x2x32xf16>, tensor<16x16x2x64xf16>, tensor<16x16x2x32xf16>,
        tensor<8xi32>
      -> tensor<16x16x2x64xbf16>, tensor<16x16x2x32xf16>
  return %r0, %r1 : tensor<16x16x2x64xbf16>, tensor<16x16x2x32xf16>
}

// -----

// Hidden states are [T, H].
func.func @mla_hidden_rank(%x: tensor<1x4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{hidden must have rank 2, got 3}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<1x4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// The first norm weights the hidden size.
func.func @mla_hidden_gamma(%x: tensor<4x64xbf16>, %g0: tensor<32xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{hidden_gamma dim 0 is 32, expected 64 (H from hidden dim 1)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<32xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_UK is [N, Dn, Ckv]: one absorbed matrix per head.
func.func @mla_w_uk_rank(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<16x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uk must have rank 3, got 2}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<16x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_UK maps into the kv latent space.
func.func @mla_w_uk_latent(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x32xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uk dim 2 is 32, expected 16 (Ckv from kv_gamma dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x32xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// MLA caches one latent head per token.
func.func @mla_kv_cache_heads(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x2x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x2x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{kv_cache dim 2 is 2, expected 1 ([num_blocks, block_size, 1, Ckv])}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x2x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x2x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x2x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// The kv cache rows hold the normed latent.
func.func @mla_kv_cache_latent(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x32xbf16>, %krc: tensor<4x16x1x8xbf16>,
    %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x32xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{kv_cache dim 3 is 32, expected 16 (Ckv from kv_gamma dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x32xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x32xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x32xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// Both caches are paged with one block size.
func.func @mla_k_rope_cache_blocks(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x32x1x8xbf16>,
    %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x32x1x8xbf16>) {
  // expected-error @+1 {{k_rope_cache dim 1 is 32, expected 16 (block_size from kv_cache dim 1)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x32x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x32x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x32x1x8xbf16>
}

// -----

// One slot per token.
func.func @mla_slot_mapping_tokens(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>,
    %s: tensor<8xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{slot_mapping dim 0 is 8, expected 4 (T from hidden dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<8xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// q_absorbed has one row per head of W_UK.
func.func @mla_q_absorbed_heads(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>,
    %s: tensor<4xi32>)
    -> (tensor<4x4x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{q_absorbed dim 1 is 4, expected 2 (N from w_uk dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x4x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x4x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// q_rope has the rotary head dim of the rope cache.
func.func @mla_q_rope_dim(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x16xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{q_rope dim 2 is 16, expected 8 (Dr from k_rope_cache dim 3)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x16xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x16xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// RoPE rotates pairs of elements.
func.func @mla_rope_odd(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x7xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x7xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x7xbf16>) {
  // expected-error @+1 {{the rotary head dim (Dr from k_rope_cache dim 3) must be even to form pairs, got 7}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x7xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x7xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x7xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x7xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x7xbf16>
}

// -----

// The rotary table is [T, Dr / 2].
func.func @mla_cos_rank(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x1x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{cos must have rank 2, got 3}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x1x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// One rotary angle per pair.
func.func @mla_cos_pairs(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x8xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{cos dim 1 is 8, expected 4 (Dr / 2, with Dr = 8)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x8xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// One rotary angle per token.
func.func @mla_sin_tokens(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<1x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{sin dim 0 is 1, expected 4 (T from hidden dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<1x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_DQKV projects the hidden size.
func.func @mla_w_dqkv_hidden(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<32x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_dqkv dim 0 is 32, expected 64 (H from hidden dim 1)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<32x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_DQKV concatenates the q, kv and rotary-key down projections.
func.func @mla_w_dqkv_width(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x48xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_dqkv dim 1 is 48, expected 56 (Cq + Ckv + Dr, with Cq = 32, Ckv = 16, Dr = 8)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x48xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_UQ is [Cq, N * (Dn + Dr)].
func.func @mla_w_uq_rank(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x2x16xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uq must have rank 2, got 3}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x2x16xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_UQ projects the normed q latent.
func.func @mla_w_uq_rank_dim(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<64x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uq dim 0 is 64, expected 32 (Cq from q_gamma dim 0)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<64x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// W_UQ yields every head's nope and rotary parts.
func.func @mla_w_uq_width(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x16xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uq dim 1 is 16, expected 32 (N * (Dn + Dr), with N = 2, Dn = 8, Dr = 8)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x16xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// The preprocess runs on f16 or bf16 activations.
func.func @mla_hidden_type(%x: tensor<4x64xf32>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{hidden has element type 'f32', expected f16 or bf16}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xf32>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// Norm weights have the activations' type or f32.
func.func @mla_q_gamma_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{q_gamma has element type 'f16', expected bf16 or f32}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// Rotary tables have the activations' type or f32.
func.func @mla_sin_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{sin has element type 'f16', expected bf16 or f32}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// Weights have the activations' type (int8 weights are the quantized form).
func.func @mla_w_uq_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xi8>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{w_uq has element type 'i8', expected bf16 (hidden's element type)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xi8>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// The caches store the activations' type.
func.func @mla_k_rope_cache_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xf16>,
    %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xf16>) {
  // expected-error @+1 {{k_rope_cache has element type 'f16', expected bf16 (hidden's element type)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xf16>
}

// -----

// Results have the activations' type.
func.func @mla_q_rope_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xf32>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{q_rope has element type 'f32', expected bf16 (hidden's element type)}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xf32>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xf32>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// Slots are i32.
func.func @mla_slot_mapping_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>,
    %s: tensor<4xi64>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{slot_mapping has element type 'i64', expected i32}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi64>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// RMSNorm's epsilon keeps the root finite.
func.func @mla_epsilon(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>, %gq: tensor<32xbf16>,
    %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>, %wuq: tensor<32x32xbf16>,
    %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>, %sin: tensor<4x4xbf16>,
    %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>, %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{epsilon must be finite and non-negative, got -1.000000e-06}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s {epsilon = -1.0e-06 : f32}
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xbf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// The updated kv cache has the cache's type.
func.func @mla_result_cache_type(%x: tensor<4x64xbf16>, %g0: tensor<64xbf16>,
    %gq: tensor<32xbf16>, %gkv: tensor<16xbf16>, %wdqkv: tensor<64x56xbf16>,
    %wuq: tensor<32x32xbf16>, %wuk: tensor<2x8x16xbf16>, %cos: tensor<4x4xbf16>,
    %sin: tensor<4x4xbf16>, %kvc: tensor<4x16x1x16xbf16>, %krc: tensor<4x16x1x8xbf16>,
    %s: tensor<4xi32>)
    -> (tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xf16>, tensor<4x16x1x8xbf16>) {
  // expected-error @+1 {{failed to verify that all of {kv_cache, new_kv_cache} have same type}}
  %r0, %r1, %r2, %r3 = ascend.mla_preprocess %x norms(%g0, %gq, %gkv) weights(%wdqkv, %wuq, %wuk)
      rope(%cos, %sin) into %kvc, %krc slots %s
      : tensor<4x64xbf16>, tensor<64xbf16>, tensor<32xbf16>, tensor<16xbf16>, tensor<64x56xbf16>,
        tensor<32x32xbf16>, tensor<2x8x16xbf16>, tensor<4x4xbf16>, tensor<4x4xbf16>,
        tensor<4x16x1x16xbf16>, tensor<4x16x1x8xbf16>, tensor<4xi32>
      -> tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xf16>, tensor<4x16x1x8xbf16>
  return %r0, %r1, %r2, %r3 : tensor<4x2x16xbf16>, tensor<4x2x8xbf16>, tensor<4x16x1x16xf16>,
      tensor<4x16x1x8xbf16>
}

// -----

// An unranked tensor has no dims to check.
func.func @fa_unranked(%q: tensor<*xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{operand #0 must be ranked tensor of f16 or bf16, but got 'tensor<*xf16>'}}
  %r0 = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<*xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// The softmax scale is required: no default fits every head dim.
func.func @fa_missing_scale(%q: tensor<1x8x128x64xf16>, %k: tensor<1x2x256x64xf16>,
    %v: tensor<1x2x256x64xf16>) -> tensor<1x8x128x64xf16> {
  // expected-error @+1 {{requires attribute 'scale'}}
  %r0 = "ascend.flash_attention"(%q, %k, %v)
      : (tensor<1x8x128x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>)
      -> tensor<1x8x128x64xf16>
  return %r0 : tensor<1x8x128x64xf16>
}

// -----

// Only elementwise ops, softmax over the last dim and rms_norm can be in a
// fused_vector body.
func.func @fused_vector_softmax(%x: tensor<16x128xf16>) -> tensor<16x128xf16> {
  %y = ascend.fused_vector ins(%x : tensor<16x128xf16>) -> tensor<16x128xf16> {
  ^bb0(%a: tensor<16x128xf16>):
    // expected-error @+1 {{'ascend.softmax' op cannot be in an ascend.fused_vector body: only the elementwise ascend ops (add, sub, mul, div, max, min, exp, log, sqrt, rsqrt, reciprocal, abs, neg, relu, silu, gelu, tanh, erf, cast), softmax over the last dim and rms_norm can}}
    %s = ascend.softmax %a dim 0 : tensor<16x128xf16> -> tensor<16x128xf16>
    ascend.yield %s : tensor<16x128xf16>
  }
  return %y : tensor<16x128xf16>
}

// -----

// Every op in the body has the result's shape.
func.func @fused_vector_shape(%x: tensor<16x128xf16>, %r: tensor<128xf16>) -> tensor<16x128xf16> {
  %y = ascend.fused_vector ins(%x, %r : tensor<16x128xf16>, tensor<128xf16>) -> tensor<16x128xf16> {
  ^bb0(%a: tensor<16x128xf16>, %b: tensor<128xf16>):
    // expected-error @+1 {{'ascend.exp' op result has shape [128], expected [16, 128] (the enclosing ascend.fused_vector's result shape)}}
    %e = ascend.exp %b : tensor<128xf16> -> tensor<128xf16>
    %s = ascend.add %a, %e : tensor<16x128xf16>, tensor<128xf16> -> tensor<16x128xf16>
    ascend.yield %s : tensor<16x128xf16>
  }
  return %y : tensor<16x128xf16>
}

// -----

// The body's arguments are the inputs.
func.func @fused_vector_arguments(%x: tensor<16x128xf16>) -> tensor<16x128xf16> {
  // expected-error @+1 {{body argument 0 has type 'tensor<16x128xf32>', expected input 0's type 'tensor<16x128xf16>'}}
  %y = ascend.fused_vector ins(%x : tensor<16x128xf16>) -> tensor<16x128xf16> {
  ^bb0(%a: tensor<16x128xf32>):
    %e = ascend.cast <rint> %a : tensor<16x128xf32> -> tensor<16x128xf16>
    ascend.yield %e : tensor<16x128xf16>
  }
  return %y : tensor<16x128xf16>
}

// -----

// The result is computed in the body.
func.func @fused_vector_yields_input(%x: tensor<16x128xf16>) -> tensor<16x128xf16> {
  // expected-error @+1 {{body yields an input unchanged}}
  %y = ascend.fused_vector ins(%x : tensor<16x128xf16>) -> tensor<16x128xf16> {
  ^bb0(%a: tensor<16x128xf16>):
    ascend.yield %a : tensor<16x128xf16>
  }
  return %y : tensor<16x128xf16>
}

// -----

// The body yields the result type.
func.func @fused_vector_yield_type(%x: tensor<16x128xf16>) -> tensor<16x128xf32> {
  // expected-error @+1 {{body yields 'tensor<16x128xf16>' as result 0, expected its type 'tensor<16x128xf32>'}}
  %y = ascend.fused_vector ins(%x : tensor<16x128xf16>) -> tensor<16x128xf32> {
  ^bb0(%a: tensor<16x128xf16>):
    %e = ascend.exp %a : tensor<16x128xf16> -> tensor<16x128xf16>
    ascend.yield %e : tensor<16x128xf16>
  }
  return %y : tensor<16x128xf32>
}

// -----

// ascend.yield ends a fused_vector body only.
func.func @yield_outside(%x: tensor<16x128xf16>) -> tensor<16x128xf16> {
  // expected-error @+1 {{'ascend.yield' op expects parent op 'ascend.fused_vector'}}
  ascend.yield %x : tensor<16x128xf16>
}

// -----

// One yielded value per result.
func.func @fused_vector_yield_count(%x: tensor<16x128xf16>) -> tensor<16x128xf16> {
  // expected-error @+1 {{body yields 1 values, expected one per result (2)}}
  %y:2 = ascend.fused_vector ins(%x : tensor<16x128xf16>) -> tensor<16x128xf16>, tensor<16x128xf16> {
  ^bb0(%a: tensor<16x128xf16>):
    %e = ascend.exp %a : tensor<16x128xf16> -> tensor<16x128xf16>
    ascend.yield %e : tensor<16x128xf16>
  }
  return %y#0 : tensor<16x128xf16>
}

// -----

// Every result has the chain's shape.
func.func @fused_vector_result_shapes(%x: tensor<16x128xf16>, %r: tensor<128xf16>) -> tensor<128xf16> {
  // expected-error @+1 {{result 1 has shape [128], expected [16, 128] (result 0's shape)}}
  %y:2 = ascend.fused_vector ins(%x, %r : tensor<16x128xf16>, tensor<128xf16>) -> tensor<16x128xf16>, tensor<128xf16> {
  ^bb0(%a: tensor<16x128xf16>, %b: tensor<128xf16>):
    %e = ascend.exp %a : tensor<16x128xf16> -> tensor<16x128xf16>
    %n = ascend.neg %b : tensor<128xf16> -> tensor<128xf16>
    ascend.yield %e, %n : tensor<16x128xf16>, tensor<128xf16>
  }
  return %y#1 : tensor<128xf16>
}

// -----

// An empty body.
func.func @fused_vector_empty(%x: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{'ascend.fused_vector' op expects a non-empty block}}
  %y = ascend.fused_vector ins(%x : tensor<4xf16>) -> tensor<4xf16> {
  ^bb0(%a: tensor<4xf16>):
  }
  return %y : tensor<4xf16>
}

// -----

// A body without its ascend.yield.
func.func @fused_vector_no_yield(%x: tensor<4xf16>) -> tensor<4xf16> {
  // expected-error @+1 {{'ascend.fused_vector' op body must end with ascend.yield}}
  %y = ascend.fused_vector ins(%x : tensor<4xf16>) -> tensor<4xf16> {
  ^bb0(%a: tensor<4xf16>):
    %e = ascend.exp %a : tensor<4xf16> -> tensor<4xf16>
  }
  return %y : tensor<4xf16>
}
