// Tensor-level paged_attention cases for lower-paged-attention.test; the
// NumPy references are written by paged_attention.py.

// GQA 8:1, bf16: 4 sequences, 16 query heads over 2 KV heads, 32-token
// blocks, lengths 1, 45 (ends mid-block), 128 (all 4 blocks) and 70.
func.func @gqa_bf16(%q: tensor<4x16x64xbf16>, %kc: tensor<20x32x2x64xbf16>,
                    %vc: tensor<20x32x2x64xbf16>, %tables: tensor<4x4xi32>,
                    %lens: tensor<4xi32>) -> tensor<4x16x64xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.125
      : tensor<4x16x64xbf16>, tensor<20x32x2x64xbf16>, tensor<20x32x2x64xbf16>,
        tensor<4x4xi32>, tensor<4xi32> -> tensor<4x16x64xbf16>
  return %o : tensor<4x16x64xbf16>
}

// GQA 8:1, f16, the LLaMA-3-70B head shape (head_dim 128, 128-token
// blocks): lengths 129 (one key into the second block) and 384 (3 blocks).
func.func @gqa_f16(%q: tensor<2x16x128xf16>, %kc: tensor<8x128x2x128xf16>,
                   %vc: tensor<8x128x2x128xf16>, %tables: tensor<2x3xi32>,
                   %lens: tensor<2xi32>) -> tensor<2x16x128xf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.0883883461
      : tensor<2x16x128xf16>, tensor<8x128x2x128xf16>, tensor<8x128x2x128xf16>,
        tensor<2x3xi32>, tensor<2xi32> -> tensor<2x16x128xf16>
  return %o : tensor<2x16x128xf16>
}

// MHA, f16 (one query row per item, odd: vector core 1 only keeps the
// flags), 16-token blocks, Dv != D: lengths 37, 1 and 64.
func.func @mha_f16(%q: tensor<3x4x128xf16>, %kc: tensor<16x16x4x128xf16>,
                   %vc: tensor<16x16x4x64xf16>, %tables: tensor<3x5xi32>,
                   %lens: tensor<3xi32>) -> tensor<3x4x64xf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.0883883461
      : tensor<3x4x128xf16>, tensor<16x16x4x128xf16>, tensor<16x16x4x64xf16>,
        tensor<3x5xi32>, tensor<3xi32> -> tensor<3x4x64xf16>
  return %o : tensor<3x4x64xf16>
}

// GQA 3:1, bf16 (odd group of 3 rows on one vector core), 64-token blocks:
// lengths 64 and 100.
func.func @gqa3_bf16(%q: tensor<2x6x64xbf16>, %kc: tensor<6x64x2x64xbf16>,
                     %vc: tensor<6x64x2x64xbf16>, %tables: tensor<2x2xi32>,
                     %lens: tensor<2xi32>) -> tensor<2x6x64xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.125
      : tensor<2x6x64xbf16>, tensor<6x64x2x64xbf16>, tensor<6x64x2x64xbf16>,
        tensor<2x2xi32>, tensor<2xi32> -> tensor<2x6x64xbf16>
  return %o : tensor<2x6x64xbf16>
}

// GQA 8:1, bf16, 128-token blocks walked 4 at a time: lengths 1100 (three
// steps, one block in the last), 512 (one whole step) and 640.
func.func @gqa_long_bf16(%q: tensor<3x16x128xbf16>,
                         %kc: tensor<20x128x2x128xbf16>,
                         %vc: tensor<20x128x2x128xbf16>,
                         %tables: tensor<3x9xi32>, %lens: tensor<3xi32>)
    -> tensor<3x16x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.0883883461
      : tensor<3x16x128xbf16>, tensor<20x128x2x128xbf16>,
        tensor<20x128x2x128xbf16>, tensor<3x9xi32>, tensor<3xi32>
        -> tensor<3x16x128xbf16>
  return %o : tensor<3x16x128xbf16>
}

// GQA 32:1, 16 rows per vector core: the KV walk takes 2 blocks per step.
func.func @gqa32_bf16(%q: tensor<2x64x128xbf16>,
                      %kc: tensor<12x128x2x128xbf16>,
                      %vc: tensor<12x128x2x128xbf16>,
                      %tables: tensor<2x9xi32>, %lens: tensor<2xi32>)
    -> tensor<2x64x128xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.0883883461
      : tensor<2x64x128xbf16>, tensor<12x128x2x128xbf16>,
        tensor<12x128x2x128xbf16>, tensor<2x9xi32>, tensor<2xi32>
        -> tensor<2x64x128xbf16>
  return %o : tensor<2x64x128xbf16>
}

// Odd KV heads and odd G: one KV head per work item.
func.func @odd_heads_f16(%q: tensor<2x9x64xf16>, %kc: tensor<10x32x3x64xf16>,
                         %vc: tensor<10x32x3x64xf16>, %tables: tensor<2x4xi32>,
                         %lens: tensor<2xi32>) -> tensor<2x9x64xf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.125
      : tensor<2x9x64xf16>, tensor<10x32x3x64xf16>, tensor<10x32x3x64xf16>,
        tensor<2x4xi32>, tensor<2xi32> -> tensor<2x9x64xf16>
  return %o : tensor<2x9x64xf16>
}

// Two KV heads per work item (more (sequence, KV head) pairs than blocks).
func.func @pairs_bf16(%q: tensor<7x12x64xbf16>, %kc: tensor<20x128x4x64xbf16>,
                      %vc: tensor<20x128x4x64xbf16>, %tables: tensor<7x5xi32>,
                      %lens: tensor<7xi32>) -> tensor<7x12x64xbf16> {
  %o = ascend.paged_attention %q, %kc, %vc block_tables %tables
      context_lens %lens scale 0.125
      : tensor<7x12x64xbf16>, tensor<20x128x4x64xbf16>,
        tensor<20x128x4x64xbf16>, tensor<7x5xi32>, tensor<7xi32>
        -> tensor<7x12x64xbf16>
  return %o : tensor<7x12x64xbf16>
}
