// RUN: ascend-opt %s -convert-ascend-to-aicore -split-input-file -verify-diagnostics

// Every paged_attention shape convert-ascend-to-aicore does not lower says
// why.

func.func @block_size(%q: tensor<2x16x64xf16>, %kc: tensor<8x24x2x64xf16>,
                      %vc: tensor<8x24x2x64xf16>, %t: tensor<2x4xi32>,
                      %l: tensor<2xi32>) -> tensor<2x16x64xf16> {
  // expected-error @+1 {{paged_attention block_size must be a multiple of 16 up to 256 (a cache block is the keys of one cube product), got 24}}
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.125
      : tensor<2x16x64xf16>, tensor<8x24x2x64xf16>, tensor<8x24x2x64xf16>,
        tensor<2x4xi32>, tensor<2xi32> -> tensor<2x16x64xf16>
  return %o : tensor<2x16x64xf16>
}

// -----

func.func @big_block(%q: tensor<2x2x64xbf16>, %kc: tensor<4x512x2x64xbf16>,
                     %vc: tensor<4x512x2x64xbf16>, %t: tensor<2x2xi32>,
                     %l: tensor<2xi32>) -> tensor<2x2x64xbf16> {
  // expected-error @+1 {{paged_attention block_size must be a multiple of 16 up to 256 (a cache block is the keys of one cube product), got 512}}
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.125
      : tensor<2x2x64xbf16>, tensor<4x512x2x64xbf16>, tensor<4x512x2x64xbf16>,
        tensor<2x2xi32>, tensor<2xi32> -> tensor<2x2x64xbf16>
  return %o : tensor<2x2x64xbf16>
}

// -----

func.func @head_dim(%q: tensor<2x16x72xf16>, %kc: tensor<8x32x2x72xf16>,
                    %vc: tensor<8x32x2x64xf16>, %t: tensor<2x4xi32>,
                    %l: tensor<2xi32>) -> tensor<2x16x64xf16> {
  // expected-error @+1 {{paged_attention head dims must be multiples of 16 up to 256 (whole cube fractals), got D = 72, Dv = 64}}
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.125
      : tensor<2x16x72xf16>, tensor<8x32x2x72xf16>, tensor<8x32x2x64xf16>,
        tensor<2x4xi32>, tensor<2xi32> -> tensor<2x16x64xf16>
  return %o : tensor<2x16x64xf16>
}

// -----

// MQA with 64 query heads: 32 rows per vector core of 128 scores each.
func.func @group(%q: tensor<1x64x128xf16>, %kc: tensor<4x128x1x128xf16>,
                 %vc: tensor<4x128x1x128xf16>, %t: tensor<1x4xi32>,
                 %l: tensor<1xi32>) -> tensor<1x64x128xf16> {
  // expected-error @+1 {{paged_attention puts the 64 query heads of a KV head on 2 vector core(s), 32 rows each; at most 32 rows and 2048 scores (rows x block_size) fit UB, got block_size 128}}
  %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
      scale 0.125
      : tensor<1x64x128xf16>, tensor<4x128x1x128xf16>, tensor<4x128x1x128xf16>,
        tensor<1x4xi32>, tensor<1xi32> -> tensor<1x64x128xf16>
  return %o : tensor<1x64x128xf16>
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @coupled(%q: tensor<2x16x64xf16>, %kc: tensor<8x32x2x64xf16>,
                     %vc: tensor<8x32x2x64xf16>, %t: tensor<2x4xi32>,
                     %l: tensor<2xi32>) -> tensor<2x16x64xf16> {
    // expected-error @+1 {{paged_attention is lowered for split targets (cube results reach the vector cores through GM); Ascend310P is not one}}
    %o = ascend.paged_attention %q, %kc, %vc block_tables %t context_lens %l
        scale 0.125
        : tensor<2x16x64xf16>, tensor<8x32x2x64xf16>, tensor<8x32x2x64xf16>,
          tensor<2x4xi32>, tensor<2xi32> -> tensor<2x16x64xf16>
    return %o : tensor<2x16x64xf16>
  }
}
