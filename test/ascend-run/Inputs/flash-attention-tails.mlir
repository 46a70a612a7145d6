// Tensor-level flash_attention cases for lower-flash-attention-tails.test;
// the NumPy references are written by flash_attention_tails.py.

// Tails on Sq and Skv, Sq != Skv.
func.func @tails_f16(%q: tensor<1x2x100x64xf16>,
                     %k: tensor<1x2x77x64xf16>,
                     %v: tensor<1x2x77x64xf16>)
    -> tensor<1x2x100x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x2x100x64xf16>, tensor<1x2x77x64xf16>,
        tensor<1x2x77x64xf16> -> tensor<1x2x100x64xf16>
  return %o : tensor<1x2x100x64xf16>
}

// One query: vector core 1 holds no row.
func.func @sq1_bf16(%q: tensor<2x2x1x64xbf16>,
                    %k: tensor<2x2x130x64xbf16>,
                    %v: tensor<2x2x130x64xbf16>)
    -> tensor<2x2x1x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<2x2x1x64xbf16>, tensor<2x2x130x64xbf16>,
        tensor<2x2x130x64xbf16> -> tensor<2x2x1x64xbf16>
  return %o : tensor<2x2x1x64xbf16>
}

// Causal, Skv - Sq = 77: the diagonal crosses two KV tiles.
func.func @causal_tails_f16(%q: tensor<1x2x100x64xf16>,
                            %k: tensor<1x2x177x64xf16>,
                            %v: tensor<1x2x177x64xf16>)
    -> tensor<1x2x100x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x100x64xf16>, tensor<1x2x177x64xf16>,
        tensor<1x2x177x64xf16> -> tensor<1x2x100x64xf16>
  return %o : tensor<1x2x100x64xf16>
}

// GQA causal prefill, 6-row last query tile, Dv != D.
func.func @gqa_causal_tails_bf16(%q: tensor<1x4x70x128xbf16>,
                                 %k: tensor<1x2x70x128xbf16>,
                                 %v: tensor<1x2x70x64xbf16>)
    -> tensor<1x4x70x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461 causal
      : tensor<1x4x70x128xbf16>, tensor<1x2x70x128xbf16>,
        tensor<1x2x70x64xbf16> -> tensor<1x4x70x64xbf16>
  return %o : tensor<1x4x70x64xbf16>
}

// MQA causal: 20 queries after 130 cached tokens.
func.func @mqa_causal_short_f16(%q: tensor<1x4x20x64xf16>,
                                %k: tensor<1x1x150x64xf16>,
                                %v: tensor<1x1x150x64xf16>)
    -> tensor<1x4x20x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x4x20x64xf16>, tensor<1x1x150x64xf16>,
        tensor<1x1x150x64xf16> -> tensor<1x4x20x64xf16>
  return %o : tensor<1x4x20x64xf16>
}

// One key (Sq > Skv).
func.func @skv1_f16(%q: tensor<1x2x70x64xf16>,
                    %k: tensor<1x2x1x64xf16>,
                    %v: tensor<1x2x1x64xf16>)
    -> tensor<1x2x70x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x2x70x64xf16>, tensor<1x2x1x64xf16>,
        tensor<1x2x1x64xf16> -> tensor<1x2x70x64xf16>
  return %o : tensor<1x2x70x64xf16>
}

// Causal prefill of 65 tokens: a one-row last query tile, a one-key last
// KV tile.
func.func @causal_65_bf16(%q: tensor<1x2x65x64xbf16>,
                          %k: tensor<1x2x65x64xbf16>,
                          %v: tensor<1x2x65x64xbf16>)
    -> tensor<1x2x65x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x65x64xbf16>, tensor<1x2x65x64xbf16>,
        tensor<1x2x65x64xbf16> -> tensor<1x2x65x64xbf16>
  return %o : tensor<1x2x65x64xbf16>
}

// Mask [Sq, Skv] with -inf holes, on tails.
func.func @mask2_f16(%q: tensor<1x2x100x64xf16>,
                     %k: tensor<1x2x77x64xf16>,
                     %v: tensor<1x2x77x64xf16>,
                     %m: tensor<100x77xf16>)
    -> tensor<1x2x100x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x2x100x64xf16>, tensor<1x2x77x64xf16>,
        tensor<1x2x77x64xf16>, tensor<100x77xf16> -> tensor<1x2x100x64xf16>
  return %o : tensor<1x2x100x64xf16>
}

// Mask [B, 1, Sq, Skv] and causal.
func.func @mask4_causal_bf16(%q: tensor<2x2x64x64xbf16>,
                             %k: tensor<2x2x96x64xbf16>,
                             %v: tensor<2x2x96x64xbf16>,
                             %m: tensor<2x1x64x96xbf16>)
    -> tensor<2x2x64x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125 causal
      : tensor<2x2x64x64xbf16>, tensor<2x2x96x64xbf16>,
        tensor<2x2x96x64xbf16>, tensor<2x1x64x96xbf16> -> tensor<2x2x64x64xbf16>
  return %o : tensor<2x2x64x64xbf16>
}

// Mask [Skv] (key padding for all), GQA.
func.func @mask1_gqa_f16(%q: tensor<1x4x80x64xf16>,
                         %k: tensor<1x2x100x64xf16>,
                         %v: tensor<1x2x100x64xf16>,
                         %m: tensor<100xf16>)
    -> tensor<1x4x80x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<1x4x80x64xf16>, tensor<1x2x100x64xf16>,
        tensor<1x2x100x64xf16>, tensor<100xf16> -> tensor<1x4x80x64xf16>
  return %o : tensor<1x4x80x64xf16>
}

// Mask [Nq, Sq, 1]: a bias per query row and head.
func.func @mask3_rows_f16(%q: tensor<2x2x40x64xf16>,
                          %k: tensor<2x2x64x64xf16>,
                          %v: tensor<2x2x64x64xf16>,
                          %m: tensor<2x40x1xf16>)
    -> tensor<2x2x40x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<2x2x40x64xf16>, tensor<2x2x64x64xf16>,
        tensor<2x2x64x64xf16>, tensor<2x40x1xf16> -> tensor<2x2x40x64xf16>
  return %o : tensor<2x2x40x64xf16>
}

// Ragged batch: key-padding mask [B, 1, 1, Skv].
func.func @ragged_bf16(%q: tensor<4x2x100x64xbf16>,
                       %k: tensor<4x2x130x64xbf16>,
                       %v: tensor<4x2x130x64xbf16>,
                       %m: tensor<4x1x1x130xbf16>)
    -> tensor<4x2x100x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<4x2x100x64xbf16>, tensor<4x2x130x64xbf16>,
        tensor<4x2x130x64xbf16>, tensor<4x1x1x130xbf16>
        -> tensor<4x2x100x64xbf16>
  return %o : tensor<4x2x100x64xbf16>
}

// Ragged batch: key-padding mask [B, 1, 1, Skv].
func.func @ragged_f16(%q: tensor<4x2x100x64xf16>,
                      %k: tensor<4x2x130x64xf16>,
                      %v: tensor<4x2x130x64xf16>,
                      %m: tensor<4x1x1x130xf16>)
    -> tensor<4x2x100x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<4x2x100x64xf16>, tensor<4x2x130x64xf16>,
        tensor<4x2x130x64xf16>, tensor<4x1x1x130xf16> -> tensor<4x2x100x64xf16>
  return %o : tensor<4x2x100x64xf16>
}

// Causal over several 256-key KV tiles, the diagonal in every part.
func.func @causal_parts_f16(%q: tensor<1x1x600x64xf16>,
                            %k: tensor<1x1x600x64xf16>,
                            %v: tensor<1x1x600x64xf16>)
    -> tensor<1x1x600x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x1x600x64xf16>, tensor<1x1x600x64xf16>,
        tensor<1x1x600x64xf16> -> tensor<1x1x600x64xf16>
  return %o : tensor<1x1x600x64xf16>
}

// Causal, the diagonal band running on into the next KV tile; GQA.
func.func @causal_spill_bf16(%q: tensor<1x2x128x64xbf16>,
                             %k: tensor<1x1x325x64xbf16>,
                             %v: tensor<1x1x325x64xbf16>)
    -> tensor<1x2x128x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x128x64xbf16>, tensor<1x1x325x64xbf16>,
        tensor<1x1x325x64xbf16> -> tensor<1x2x128x64xbf16>
  return %o : tensor<1x2x128x64xbf16>
}

// Ragged over four KV tiles, one element's first tile wholly masked.
func.func @ragged_long_f16(%q: tensor<3x2x70x64xf16>,
                           %k: tensor<3x2x1000x64xf16>,
                           %v: tensor<3x2x1000x64xf16>,
                           %m: tensor<3x1x1x1000xf16>)
    -> tensor<3x2x70x64xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.125
      : tensor<3x2x70x64xf16>, tensor<3x2x1000x64xf16>,
        tensor<3x2x1000x64xf16>, tensor<3x1x1x1000xf16> -> tensor<3x2x70x64xf16>
  return %o : tensor<3x2x70x64xf16>
}

// Not causal over three KV tiles; GQA, Dv != D.
func.func @ahead_gqa_bf16(%q: tensor<2x2x130x128xbf16>,
                          %k: tensor<2x1x530x128xbf16>,
                          %v: tensor<2x1x530x64xbf16>)
    -> tensor<2x2x130x64xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.0883883461
      : tensor<2x2x130x128xbf16>, tensor<2x1x530x128xbf16>,
        tensor<2x1x530x64xbf16> -> tensor<2x2x130x64xbf16>
  return %o : tensor<2x2x130x64xbf16>
}

// Causal items that see one KV tile and walk a second, wholly masked.
func.func @causal_pad_f16(%q: tensor<1x2x200x64xf16>,
                          %k: tensor<1x2x300x64xf16>,
                          %v: tensor<1x2x300x64xf16>)
    -> tensor<1x2x200x64xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x2x200x64xf16>, tensor<1x2x300x64xf16>,
        tensor<1x2x300x64xf16> -> tensor<1x2x200x64xf16>
  return %o : tensor<1x2x200x64xf16>
}

// Explicit mask and causal over several 128-key tiles.
func.func @mask_causal_long_bf16(%q: tensor<1x2x300x128xbf16>,
                                 %k: tensor<1x2x600x128xbf16>,
                                 %v: tensor<1x2x600x128xbf16>,
                                 %m: tensor<1x1x300x600xbf16>)
    -> tensor<1x2x300x128xbf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.0883883461 causal
      : tensor<1x2x300x128xbf16>, tensor<1x2x600x128xbf16>,
        tensor<1x2x600x128xbf16>, tensor<1x1x300x600xbf16>
        -> tensor<1x2x300x128xbf16>
  return %o : tensor<1x2x300x128xbf16>
}

// Head dims 256 with a key-padding mask.
func.func @mask_d256_f16(%q: tensor<2x1x70x256xf16>,
                         %k: tensor<2x1x300x256xf16>,
                         %v: tensor<2x1x300x256xf16>,
                         %m: tensor<2x1x1x300xf16>)
    -> tensor<2x1x70x256xf16> {
  %o = ascend.flash_attention %q, %k, %v mask %m scale 0.0625
      : tensor<2x1x70x256xf16>, tensor<2x1x300x256xf16>,
        tensor<2x1x300x256xf16>, tensor<2x1x1x300xf16> -> tensor<2x1x70x256xf16>
  return %o : tensor<2x1x70x256xf16>
}

// Wide V rows over a last KV tile that is not whole 16-key fractals.
func.func @tail_dv256_f16(%q: tensor<1x2x70x64xf16>,
                          %k: tensor<1x1x511x64xf16>,
                          %v: tensor<1x1x511x256xf16>)
    -> tensor<1x2x70x256xf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125
      : tensor<1x2x70x64xf16>, tensor<1x1x511x64xf16>,
        tensor<1x1x511x256xf16> -> tensor<1x2x70x256xf16>
  return %o : tensor<1x2x70x256xf16>
}

func.func @tail_dv192_causal_bf16(%q: tensor<1x1x200x64xbf16>,
                                  %k: tensor<1x1x200x64xbf16>,
                                  %v: tensor<1x1x200x192xbf16>)
    -> tensor<1x1x200x192xbf16> {
  %o = ascend.flash_attention %q, %k, %v scale 0.125 causal
      : tensor<1x1x200x64xbf16>, tensor<1x1x200x64xbf16>,
        tensor<1x1x200x192xbf16> -> tensor<1x1x200x192xbf16>
  return %o : tensor<1x1x200x192xbf16>
}
