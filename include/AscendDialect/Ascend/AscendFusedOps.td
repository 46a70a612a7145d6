//===- AscendFusedOps.td - fused LLM ops ------------------*- tablegen -*-===//
//
// Included from AscendOps.td.
//
// The fused ops are what the fusion passes produce and what the lowering
// turns into one kernel each. Their semantics are stated on whole tensors,
// with the places where f32 accumulation and rounding happen spelled out, so
// that ascend-run and the NumPy references agree on what "correct" means.
//
// Shapes are written with symbolic sizes ([B, Nq, Sq, D]); the verifiers bind
// every symbol to the static dims that carry it and report the first
// disagreement. Dynamic dims (`?`) agree with anything. Like the basic ops,
// types are spelled `: <operand types> -> <result types>`.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_ASCEND_FUSED_OPS
#define ASCEND_ASCEND_FUSED_OPS

include "AscendDialect/Ascend/AscendDialect.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

// The attention softmax, shared by flash_attention and paged_attention.
defvar Ascend_AttentionNumericsDoc = [{
    Numerics. Scores and softmax are f32: `q . k` multiplies the f16/bf16
    elements (exactly, in f32) and accumulates the products in f32; `scale`
    (an f32) multiplies the sum; an additive mask is converted to f32
    (exactly) and added after scaling. `p` is rounded to nearest even to the
    input element type before `p . v`, whose products are accumulated in f32
    and rounded once, to nearest even, to the result. docs/Numerics.md fixes
    the order of the f32 additions.

    The lowered kernel computes this tile by tile over the keys with the
    online softmax of FlashAttention-2: a running max `m` and sum `l` in f32,
    the f32 accumulator rescaled by `exp(m_old - m_new)` when the max grows,
    the unnormalized `exp(s - m)` rounded to the input type before the `P V`
    matmul, and one division by `l` in f32 at the end. It differs from the
    formulas above only in the rounding of f32 intermediates and in rounding
    `exp(s - m)` instead of `p`; it is equal up to that rounding, not bit for
    bit.

    A query row that sees no key (every score `-inf`) has an undefined
    result.
}];

//===----------------------------------------------------------------------===//
// Vector-vector fusion
//===----------------------------------------------------------------------===//

def Ascend_FusedVectorOp : Ascend_Op<"fused_vector", [
    Pure, IsolatedFromAbove, SingleBlock]> {
  let summary = "a chain of elementwise and row-wise ops run as one vector kernel";
  let description = [{
    Computes its body, a chain of elementwise ascend ops (`add` ... `cast`)
    and row-wise ones (`softmax` over the last dim, `rms_norm`), on `inputs`
    and returns what the body yields: one result or several (a value the
    chain computes and the program also reads elsewhere, such as the
    residual sum before an RMSNorm). The body's block arguments are
    `inputs`, in order: the op is isolated from above, so everything the
    chain reads from outside is an operand. Every op in the body and every
    result has one shape; inputs may broadcast against it as each op allows.

    Semantics are exactly those of the ops in the body, one after the other:
    every intermediate is rounded to its own element type as it would be in a
    kernel of its own, so fusing never changes a result bit. The lowering
    makes it one vector kernel whose intermediates stay in UB, tiled so that
    every tile the chain holds at once fits (ascend-plan-memory's placement
    decides); with a row-wise op in the chain every tile holds whole rows. A
    matmul whose only user is a `fused_vector` without row-wise ops fuses
    with it into one cube -> vector kernel on split targets.

    `ascend-fuse-vector` creates it; `report-skipped` says why a neighbouring
    op was left out.

    ```mlir
    // sigmoid(x) = 1 / (1 + e^-x), one launch instead of four
    %s = ascend.fused_vector ins(%x, %one : tensor<16x4096xf16>, tensor<1xf16>)
        -> tensor<16x4096xf16> {
    ^bb0(%a: tensor<16x4096xf16>, %c1: tensor<1xf16>):
      %n = ascend.neg %a : tensor<16x4096xf16> -> tensor<16x4096xf16>
      %e = ascend.exp %n : tensor<16x4096xf16> -> tensor<16x4096xf16>
      %d = ascend.add %e, %c1 : tensor<16x4096xf16>, tensor<1xf16> -> tensor<16x4096xf16>
      %r = ascend.reciprocal %d : tensor<16x4096xf16> -> tensor<16x4096xf16>
      ascend.yield %r : tensor<16x4096xf16>
    }
    ```
  }];
  let arguments = (ins Variadic<Ascend_FloatTensor>:$inputs);
  let results = (outs Variadic<Ascend_FloatTensor>:$results);
  let regions = (region SizedRegion<1>:$region);
  let assemblyFormat = [{
    `ins` `(` $inputs `:` type($inputs) `)` `->` type($results)
    attr-dict-with-keyword $region
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The body's ops in order, without the terminator.
    auto getMembers() { return getBody()->without_terminator(); }
    /// The values the body yields, one per result.
    OperandRange getYielded();
  }];
}

def Ascend_YieldOp : Ascend_Op<"yield", [
    Pure, Terminator, ReturnLike, HasParent<"FusedVectorOp">]> {
  let summary = "the values an `ascend.fused_vector` body returns";
  let description = [{
    Ends the body of `ascend.fused_vector`; its operands are the fused op's
    results, in order, with their types.

    ```mlir
    ascend.yield %sum, %norm : tensor<16x4096xbf16>, tensor<16x4096xbf16>
    ```
  }];
  let arguments = (ins Variadic<Ascend_FloatTensor>:$values);
  let assemblyFormat = "$values attr-dict `:` type($values)";
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

def Ascend_FlashAttentionOp : Ascend_Op<"flash_attention", [Pure]> {
  let summary = "fused multi-head attention with grouped-query heads";
  let description = !strconcat([{
    Scaled dot-product attention of `Sq` queries over `Skv` keys per batch and
    head, fused into one kernel (FlashAttention-2: the `[Sq, Skv]` score
    matrix never reaches memory).

    Layouts (row-major, last dim contiguous):
    - `query` `[B, Nq, Sq, D]`, `key` `[B, Nkv, Skv, D]`,
      `value` `[B, Nkv, Skv, Dv]`
    - `mask` (optional): additive, NumPy-broadcastable to `[B, Nq, Sq, Skv]`
      (dims aligned at the end; a missing or size-1 dim broadcasts), e.g.
      `[Sq, Skv]`, `[B, 1, Sq, Skv]` or `[Skv]` (key padding); use `-inf` to
      hide a key
    - result `[B, Nq, Sq, Dv]`

    `query`, `key`, `value`, `mask` and the result have one element type, f16
    or bf16. `Nq` is a multiple of `Nkv` (grouped-query attention): query head
    `h` reads KV head `g = h / (Nq / Nkv)` (`Nkv = Nq` is multi-head,
    `Nkv = 1` multi-query attention).

    For every `b < B`, `h < Nq`, `i < Sq` and `j < Skv`:

    ```
    s[j] = scale * sum_d query[b, h, i, d] * key[b, g, j, d] + mask[b, h, i, j]
    s[j] = -inf                    if causal and j > i + Skv - Sq
    p[j] = exp(s[j] - max_j s) / sum_j exp(s[j] - max_j s)
    result[b, h, i, e] = sum_j p[j] * value[b, g, j, e]
    ```

    `causal` is aligned at the bottom right: the last query sees every key,
    as when `Sq` new tokens follow `Skv - Sq` cached ones. It needs
    `Sq <= Skv` (verified when both are static).

  }], Ascend_AttentionNumericsDoc, [{

    ```mlir
    // LLaMA-3-70B prefill: 64 query heads over 8 KV heads, scale 128^-0.5.
    %o = ascend.flash_attention %q, %k, %v scale 0.0883883461 causal
        : tensor<1x64x2048x128xbf16>, tensor<1x8x2048x128xbf16>,
          tensor<1x8x2048x128xbf16> -> tensor<1x64x2048x128xbf16>
    ```
  }]);
  let arguments = (ins Ascend_Tensor<"f16 or bf16">:$query,
                       Ascend_Tensor<"f16 or bf16">:$key,
                       Ascend_Tensor<"f16 or bf16">:$value,
                       Optional<Ascend_Tensor<"f16 or bf16">>:$mask,
                       F32Attr:$scale,
                       UnitAttr:$causal);
  let results = (outs Ascend_Tensor<"f16 or bf16">:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` $mask^)? `scale` $scale
    (`causal` $causal^)? attr-dict `:` type(operands) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Ascend_PagedAttentionOp : Ascend_Op<"paged_attention", [Pure]> {
  let summary = "decode attention of one query token over a paged KV cache";
  let description = !strconcat([{
    Attention of one new token per sequence over that sequence's keys and
    values, which live in fixed-size blocks of a shared cache (vLLM's
    PagedAttention; the caches are the ones `ascend.reshape_and_cache` fills).

    Layouts (row-major, last dim contiguous):
    - `query` `[B, Nq, D]`
    - `key_cache` `[num_blocks, block_size, Nkv, D]`,
      `value_cache` `[num_blocks, block_size, Nkv, Dv]`
    - `block_tables` `[B, max_blocks]`, i32: the cache blocks of each
      sequence, in order
    - `context_lens` `[B]`, i32: the number of tokens of each sequence
    - result `[B, Nq, Dv]`

    `query`, the caches and the result have one element type, f16 or bf16.
    `Nq` is a multiple of `Nkv`; query head `h` reads KV head
    `g = h / (Nq / Nkv)`.

    Token `t` of sequence `b` lives in block `block_tables[b, t / block_size]`
    at row `t % block_size`. For every `b < B` and `h < Nq`, with
    `L = context_lens[b]` and `t < L`:

    ```
    k_t = key_cache[block_tables[b, t / block_size], t % block_size, g, :]
    v_t = value_cache[block_tables[b, t / block_size], t % block_size, g, :]
    s[t] = scale * sum_d query[b, h, d] * k_t[d]
    p[t] = exp(s[t] - max_t s) / sum_t exp(s[t] - max_t s)
    result[b, h, e] = sum_t p[t] * v_t[e]
    ```

    Every `context_lens[b]` must be in `[1, max_blocks * block_size]` and the
    block ids a sequence uses (its first `ceil(L / block_size)` entries) in
    `[0, num_blocks)`; otherwise the result is undefined. Later entries of a
    row of `block_tables` are ignored (padding). The rows of a sequence's
    last block past its length must hold finite values: kernels read whole
    blocks and give those keys probability 0, and 0 x NaN is NaN.

  }], Ascend_AttentionNumericsDoc, [{

    ```mlir
    // LLaMA-3-70B decode, 8 sequences, 128-token blocks, up to 4096 tokens.
    %o = ascend.paged_attention %q, %key_cache, %value_cache
        block_tables %tables context_lens %lens scale 0.0883883461
        : tensor<8x64x128xbf16>, tensor<2048x128x8x128xbf16>,
          tensor<2048x128x8x128xbf16>, tensor<8x32xi32>, tensor<8xi32>
        -> tensor<8x64x128xbf16>
    ```
  }]);
  let arguments = (ins Ascend_Tensor<"f16 or bf16">:$query,
                       Ascend_Tensor<"f16 or bf16">:$key_cache,
                       Ascend_Tensor<"f16 or bf16">:$value_cache,
                       Ascend_Tensor<"i32">:$block_tables,
                       Ascend_Tensor<"i32">:$context_lens,
                       F32Attr:$scale);
  let results = (outs Ascend_Tensor<"f16 or bf16">:$result);
  let assemblyFormat = [{
    $query `,` $key_cache `,` $value_cache `block_tables` $block_tables
    `context_lens` $context_lens `scale` $scale attr-dict `:` type(operands)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// KV-cache update
//===----------------------------------------------------------------------===//

def Ascend_ReshapeAndCacheOp : Ascend_Op<"reshape_and_cache", [
    Pure,
    AllTypesMatch<["key_cache", "new_key_cache"]>,
    AllTypesMatch<["value_cache", "new_value_cache"]>]> {
  let summary = "scatter new tokens' keys and values into paged KV caches";
  let description = [{
    Writes the keys and values of `T` new tokens into a paged KV cache and
    returns the updated caches (value semantics: the operand caches are not
    modified; bufferization makes the update in place).

    Layouts (row-major, last dim contiguous):
    - `key` `[T, Nkv, D]`, `value` `[T, Nkv, Dv]`
    - `key_cache` `[num_blocks, block_size, Nkv, D]`,
      `value_cache` `[num_blocks, block_size, Nkv, Dv]`
    - `slot_mapping` `[T]`, i32
    - results `new_key_cache`, `new_value_cache`: the caches' types

    The results start as copies of the caches; then for every token `t` with
    `s = slot_mapping[t] >= 0`:

    ```
    new_key_cache[s / block_size, s % block_size, :, :]   = key[t, :, :]
    new_value_cache[s / block_size, s % block_size, :, :] = value[t, :, :]
    ```

    Tokens with a negative slot are padding and are skipped. Non-negative
    slots must be distinct and below `num_blocks * block_size`; otherwise the
    result is undefined. The copy is exact: `key` and `key_cache` have one
    element type, and so do `value` and `value_cache` (each f16, bf16 or i8;
    an i8 cache receives keys or values quantized before this op).

    ```mlir
    %kc, %vc = ascend.reshape_and_cache %key, %value into %key_cache,
        %value_cache slots %slots
        : tensor<16x8x128xbf16>, tensor<16x8x128xbf16>,
          tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>,
          tensor<16xi32>
        -> tensor<2048x128x8x128xbf16>, tensor<2048x128x8x128xbf16>
    ```
  }];
  let arguments = (ins Ascend_Tensor<"f16, bf16 or i8">:$key,
                       Ascend_Tensor<"f16, bf16 or i8">:$value,
                       Ascend_Tensor<"f16, bf16 or i8">:$key_cache,
                       Ascend_Tensor<"f16, bf16 or i8">:$value_cache,
                       Ascend_Tensor<"i32">:$slot_mapping);
  let results = (outs Ascend_Tensor<"f16, bf16 or i8">:$new_key_cache,
                      Ascend_Tensor<"f16, bf16 or i8">:$new_value_cache);
  let assemblyFormat = [{
    $key `,` $value `into` $key_cache `,` $value_cache `slots` $slot_mapping
    attr-dict `:` type(operands) `->` type(results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// MLA preprocess
//===----------------------------------------------------------------------===//

// Element types of mla_preprocess operands, relative to hidden's type X.
defvar Ascend_MlaX = Ascend_Tensor<"X (hidden's f16 or bf16)">;
defvar Ascend_MlaXOrF32 = Ascend_Tensor<"X (hidden's f16 or bf16) or f32">;

def Ascend_MlaPreprocessOp : Ascend_Op<"mla_preprocess", [
    Pure,
    AllTypesMatch<["kv_cache", "new_kv_cache"]>,
    AllTypesMatch<["k_rope_cache", "new_k_rope_cache"]>]> {
  let summary = "DeepSeek MLA preprocess: norms, projections, RoPE, KV cache";
  let description = [{
    Everything a DeepSeek-V3 multi-head latent attention layer does between
    the hidden states and the absorbed decode attention, as one kernel
    (MLAPO): it produces the query in the latent space (`q_nope` absorbed
    through `W_UK`) plus its rotary part, and writes the compressed KV and
    the rotary key of the new tokens into paged caches.

    Sizes, all taken from the operand shapes (DeepSeek-V3 values):
    `T` tokens, `H` hidden size (7168), `Cq` q_lora_rank (1536), `Ckv`
    kv_lora_rank (512), `N` heads (128), `Dn` qk_nope_head_dim (128), `Dr`
    qk_rope_head_dim (64, even), `num_blocks`, `block_size`.

    Operands (row-major, last dim contiguous):
    - `hidden` `[T, H]`, f16 or bf16: its element type `X` is the type of
      every intermediate and of the results
    - norm weights `hidden_gamma` `[H]`, `q_gamma` `[Cq]`, `kv_gamma`
      `[Ckv]`: `X` or f32
    - weights, `X`: `w_dqkv` `[H, Cq + Ckv + Dr]` (the down projections of
      q, kv and the rotary key, concatenated in that order), `w_uq`
      `[Cq, N * (Dn + Dr)]` (the q up projection; head `n` owns columns
      `[n * (Dn + Dr), (n + 1) * (Dn + Dr))`, nope part first), `w_uk`
      `[N, Dn, Ckv]` (the k up projection per head, absorbed into q).
      Int8 weights (W8A8 with per-channel scales) are not accepted here:
      they belong to a quantized form of this op, for the quantization pass.
    - `cos`, `sin` `[T, Dr / 2]`, `X` or f32: the rotary table at each
      token's position
    - `kv_cache` `[num_blocks, block_size, 1, Ckv]`, `k_rope_cache`
      `[num_blocks, block_size, 1, Dr]`, `X`: one latent head per token
    - `slot_mapping` `[T]`, i32

    Results: `q_absorbed` `[T, N, Ckv]` and `q_rope` `[T, N, Dr]`, `X`; the
    updated caches, of the caches' types.

    Semantics, with `rms_norm`, `matmul`, `rope` meaning `ascend.rms_norm`
    (weight `gamma`, this op's `epsilon`), `ascend.matmul` and
    `ascend.rope <interleaved>`, each computed in f32 and rounded once to `X`:

    ```
    x      = rms_norm(hidden, hidden_gamma)                       [T, H]
    dqkv   = matmul(x, w_dqkv)                                    [T, Cq+Ckv+Dr]
    q_a, kv_a, k_pe = dqkv[:, :Cq], dqkv[:, Cq:Cq+Ckv], dqkv[:, Cq+Ckv:]
    q      = matmul(rms_norm(q_a, q_gamma), w_uq)  viewed as      [T, N, Dn+Dr]
    q_absorbed[:, n, :] = matmul(q[:, n, :Dn], w_uk[n])  for n < N [T, N, Ckv]
    q_rope = rope(q[:, :, Dn:], cos, sin)                         [T, N, Dr]
    kv     = rms_norm(kv_a, kv_gamma)                             [T, Ckv]
    k_rope = rope(k_pe viewed as [T, 1, Dr], cos, sin)            [T, 1, Dr]
    new_kv_cache, new_k_rope_cache =
        reshape_and_cache(kv as [T, 1, Ckv], k_rope) into the caches by slot_mapping
    ```

    So `rms_norm(v, g)[t, i] = v[t, i] / sqrt(mean_j(v[t, j]^2) + epsilon)
    * g[i]`, each matmul accumulates in f32, and RoPE maps every interleaved
    pair `(x1, x2) = (v[2i], v[2i + 1])` of token `t` to
    `(x1 * c - x2 * s, x2 * c + x1 * s)` with `c = cos[t, i]`,
    `s = sin[t, i]`. The result equals the
    composition of those basic ops bit for bit: every intermediate is
    rounded to `X` where the basic op would round it. Negative slots skip
    the cache write (padding tokens); non-negative slots must be distinct and
    below `num_blocks * block_size`.

    `epsilon` is an f32, finite and non-negative, default 1e-6 (DeepSeek-V3).

    ```mlir
    // DeepSeek-V3, 16 tokens, 128-token cache blocks.
    %qa, %qr, %kv, %kr = ascend.mla_preprocess %hidden
        norms(%g_hidden, %g_q, %g_kv) weights(%w_dqkv, %w_uq, %w_uk)
        rope(%cos, %sin) into %kv_cache, %k_rope_cache slots %slots
        : tensor<16x7168xbf16>, tensor<7168xbf16>, tensor<1536xbf16>,
          tensor<512xbf16>, tensor<7168x2112xbf16>, tensor<1536x24576xbf16>,
          tensor<128x128x512xbf16>, tensor<16x32xf32>, tensor<16x32xf32>,
          tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>,
          tensor<16xi32>
        -> tensor<16x128x512xbf16>, tensor<16x128x64xbf16>,
           tensor<1024x128x1x512xbf16>, tensor<1024x128x1x64xbf16>
    ```
  }];
  let arguments = (ins Ascend_Tensor<"f16 or bf16">:$hidden,
                       Ascend_MlaXOrF32:$hidden_gamma,
                       Ascend_MlaXOrF32:$q_gamma,
                       Ascend_MlaXOrF32:$kv_gamma,
                       Ascend_MlaX:$w_dqkv,
                       Ascend_MlaX:$w_uq,
                       Ascend_MlaX:$w_uk,
                       Ascend_MlaXOrF32:$cos,
                       Ascend_MlaXOrF32:$sin,
                       Ascend_MlaX:$kv_cache,
                       Ascend_MlaX:$k_rope_cache,
                       Ascend_Tensor<"i32">:$slot_mapping,
                       DefaultValuedAttr<F32Attr, "1.0e-6">:$epsilon);
  let results = (outs Ascend_MlaX:$q_absorbed,
                      Ascend_MlaX:$q_rope,
                      Ascend_MlaX:$new_kv_cache,
                      Ascend_MlaX:$new_k_rope_cache);
  let assemblyFormat = [{
    $hidden `norms` `(` $hidden_gamma `,` $q_gamma `,` $kv_gamma `)`
    `weights` `(` $w_dqkv `,` $w_uq `,` $w_uk `)` `rope` `(` $cos `,` $sin `)`
    `into` $kv_cache `,` $k_rope_cache `slots` $slot_mapping attr-dict `:`
    type(operands) `->` type(results)
  }];
  let hasVerifier = 1;
}

#endif // ASCEND_ASCEND_FUSED_OPS
