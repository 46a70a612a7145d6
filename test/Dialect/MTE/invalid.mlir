// RUN: ascend-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// mte.copy: operands
//===----------------------------------------------------------------------===//

func.func @copy_index_elements(%a: memref<16xindex, #aicore.space<gm>>, %b: memref<16xindex, #aicore.space<ub>>) {
  // expected-error @+1 {{operand #0 must be memref of signless integer or floating-point values}}
  mte.copy %a, %b : memref<16xindex, #aicore.space<gm>>, memref<16xindex, #aicore.space<ub>>
  return
}

// -----

func.func @copy_from_l0c(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{src is in l0c; cube results leave l0c through mte.fixpipe}}
  mte.copy %a, %b : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<gm>>
  return
}

// -----

func.func @copy_from_l0a(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{src must be in gm, l1 or ub, got l0a}}
  mte.copy %a, %b : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l1>>
  return
}

// -----

func.func @copy_to_l0c(%a: memref<16x16xf32, #aicore.space<l1>>, %b: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{dst must be in gm, l1, l0a, l0b or ub, got l0c}}
  mte.copy %a, %b : memref<16x16xf32, #aicore.space<l1>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @copy_no_space(%a: memref<16x16xf16>, %b: memref<16x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{src must be a memref in an #aicore.space, got 'memref<16x16xf16>'}}
  mte.copy %a, %b : memref<16x16xf16>, memref<16x16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @copy_dynamic_shape(%a: memref<?x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{src must have a static shape, got 'memref<?x16xf16, #aicore.space<gm>>'}}
  mte.copy %a, %b : memref<?x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @copy_not_strided(%a: memref<16x16xf16, affine_map<(d0, d1) -> (d0 floordiv 2, d1)>, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{src must have a strided layout}}
  mte.copy %a, %b : memref<16x16xf16, affine_map<(d0, d1) -> (d0 floordiv 2, d1)>, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @copy_misaligned(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, strided<[16, 1], offset: 8>, #aicore.space<ub>>) {
  // expected-error @+1 {{is at a 16-byte offset, not a multiple of the 32-byte alignment of ub}}
  mte.copy %a, %b : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, strided<[16, 1], offset: 8>, #aicore.space<ub>>
  return
}

// -----

// 256 KB fits the 310P's UB but not the 910B2's 192 KB.
func.func @copy_exceeds_ub(%a: memref<256x512xf16, #aicore.space<gm>>, %b: memref<256x512xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{dst needs 262144 bytes but ub holds 196608 bytes on Ascend910B2}}
  mte.copy %a, %b : memref<256x512xf16, #aicore.space<gm>>, memref<256x512xf16, #aicore.space<ub>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @copy_exceeds_ub_310p(%a: memref<256x640xf16, #aicore.space<gm>>, %b: memref<256x640xf16, #aicore.space<ub>>) {
    // expected-error @+1 {{dst needs 327680 bytes but ub holds 262144 bytes on Ascend310P}}
    mte.copy %a, %b : memref<256x640xf16, #aicore.space<gm>>, memref<256x640xf16, #aicore.space<ub>>
    return
  }
}

// -----

//===----------------------------------------------------------------------===//
// mte.copy: paths
//===----------------------------------------------------------------------===//

// Split target: L1 (cube core) and UB (vector core) only meet through GM.
func.func @copy_l1_to_ub_split(%a: memref<16x16xf16, #aicore.space<l1>>, %b: memref<16x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{has no l1 -> ub path on Ascend910B2; legal copies are gm -> l1, gm -> ub, ub -> gm, l1 -> gm, l1 -> l0a, l1 -> l0b, ub -> ub}}
  mte.copy %a, %b : memref<16x16xf16, #aicore.space<l1>>, memref<16x16xf16, #aicore.space<ub>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend910B4">} {
  func.func @copy_ub_to_l1_split(%a: memref<16x16xf16, #aicore.space<ub>>, %b: memref<16x16xf16, #aicore.space<l1>>) {
    // expected-error @+1 {{has no ub -> l1 path on Ascend910B4}}
    mte.copy %a, %b : memref<16x16xf16, #aicore.space<ub>>, memref<16x16xf16, #aicore.space<l1>>
    return
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @copy_gm_to_l0a_310p(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<l0a>>) {
    // expected-error @+1 {{has no gm -> l0a path on Ascend310P; legal copies are gm -> l1, gm -> ub, ub -> gm, l1 -> gm, l1 -> l0a, l1 -> l0b, l1 -> ub, ub -> l1, ub -> ub}}
    mte.copy %a, %b : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<l0a>>
    return
  }
}

// -----

func.func @copy_gm_to_gm(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{has no gm -> gm path on Ascend910B2}}
  mte.copy %a, %b : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

// The op runs on the core that owns its non-GM space.
func.func @copy_on_wrong_core(%a: memref<16x16xf16, #aicore.space<gm>>) attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <cube> {
    %b = aicore.alloc : memref<16x16xf16, #aicore.space<ub>>
    // expected-error @+1 {{runs on the vector core but is inside an aicore.core <cube> region}}
    mte.copy %a, %b : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<ub>>
  }
  return
}

// -----

//===----------------------------------------------------------------------===//
// mte.copy: types and shapes
//===----------------------------------------------------------------------===//

func.func @copy_converts(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{dst has element type 'f32', expected 'f16' (the src element type); mte.copy does not convert}}
  mte.copy %a, %b : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf32, #aicore.space<ub>>
  return
}

// -----

func.func @copy_shape_mismatch(%a: memref<16x32xf16, #aicore.space<gm>>, %b: memref<32x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{dst has shape 32x16, expected 16x32 (the src shape)}}
  mte.copy %a, %b : memref<16x32xf16, #aicore.space<gm>>, memref<32x16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @copy_transpose_shape(%a: memref<16x32xf16, #aicore.space<l1>>, %b: memref<16x32xf16, #aicore.space<l0a>>) {
  // expected-error @+1 {{dst has shape 16x32, expected 32x16 (the src shape transposed)}}
  mte.copy %a, %b transpose : memref<16x32xf16, #aicore.space<l1>>, memref<16x32xf16, #aicore.space<l0a>>
  return
}

// -----

func.func @copy_transpose_pair(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{transpose is only for l1 -> l0a or l1 -> l0b, got gm -> l1}}
  mte.copy %a, %b transpose : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<l1>>
  return
}

// -----

func.func @copy_transpose_rank(%a: memref<256xf16, #aicore.space<l1>>, %b: memref<256xf16, #aicore.space<l0b>>) {
  // expected-error @+1 {{transpose needs a 2-D src, got rank 1}}
  mte.copy %a, %b transpose : memref<256xf16, #aicore.space<l1>>, memref<256xf16, #aicore.space<l0b>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// mte.copy: layouts
//===----------------------------------------------------------------------===//

func.func @copy_nd_to_nz_out(%a: memref<16x16xf16, #aicore.space<ub>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{nd -> nz conversion writes l1 or ub from gm or ub, got ub -> gm}}
  mte.copy %a, %b dst_layout <nz> : memref<16x16xf16, #aicore.space<ub>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @copy_nz_to_nd_in(%a: memref<16x16xf16, #aicore.space<gm>>, %b: memref<16x16xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{nz -> nd conversion reads l1 or ub into gm or ub, got gm -> l1}}
  mte.copy %a, %b src_layout <nz> : memref<16x16xf16, #aicore.space<gm>>, memref<16x16xf16, #aicore.space<l1>>
  return
}

// -----

// L0A/L0B have fixed fractal formats of their own.
func.func @copy_layout_of_l0b(%a: memref<16x16xf16, #aicore.space<l1>>, %b: memref<16x16xf16, #aicore.space<l0b>>) {
  // expected-error @+1 {{dst_layout does not apply to an l0b destination, whose fractal format is fixed}}
  mte.copy %a, %b src_layout <nz> dst_layout <nz> : memref<16x16xf16, #aicore.space<l1>>, memref<16x16xf16, #aicore.space<l0b>>
  return
}

// -----

func.func @copy_nz_rank(%a: memref<256xf16, #aicore.space<gm>>, %b: memref<256xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{dst has layout nz, so it must be a 2-D tile, got rank 1}}
  mte.copy %a, %b dst_layout <nz> : memref<256xf16, #aicore.space<gm>>, memref<256xf16, #aicore.space<l1>>
  return
}

// -----

// The NZ rule holds for an L1 source loaded into L0A as well.
func.func @copy_nz_into_l0a(%a: memref<16x48xi8, #aicore.space<l1>>, %b: memref<16x48xi8, #aicore.space<l0a>>) {
  // expected-error @+1 {{src has layout nz, but its shape 16x48 is not a whole number of 16x32 'i8' fractals}}
  mte.copy %a, %b src_layout <nz> : memref<16x48xi8, #aicore.space<l1>>, memref<16x48xi8, #aicore.space<l0a>>
  return
}

// -----

func.func @copy_nz_rows(%a: memref<8x16xf16, #aicore.space<l1>>, %b: memref<8x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{src has layout nz, but its shape 8x16 is not a whole number of 16x16 'f16' fractals}}
  mte.copy %a, %b src_layout <nz> : memref<8x16xf16, #aicore.space<l1>>, memref<8x16xf16, #aicore.space<gm>>
  return
}

// -----

// A 32-byte fractal row holds 32 i8 elements, not 16.
func.func @copy_nz_i8_columns(%a: memref<16x16xi8, #aicore.space<gm>>, %b: memref<16x16xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{dst has layout nz, but its shape 16x16 is not a whole number of 16x32 'i8' fractals}}
  mte.copy %a, %b dst_layout <nz> : memref<16x16xi8, #aicore.space<gm>>, memref<16x16xi8, #aicore.space<ub>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// mte.copy: L0A / L0B destinations
//===----------------------------------------------------------------------===//

func.func @copy_l0_element_type(%a: memref<16x16xi32, #aicore.space<l1>>, %b: memref<16x16xi32, #aicore.space<l0a>>) {
  // expected-error @+1 {{dst in l0a has element type 'i32', expected f16, bf16, f32, i8 or i4}}
  mte.copy %a, %b : memref<16x16xi32, #aicore.space<l1>>, memref<16x16xi32, #aicore.space<l0a>>
  return
}

// -----

func.func @copy_l0_rank(%a: memref<256xf16, #aicore.space<l1>>, %b: memref<256xf16, #aicore.space<l0b>>) {
  // expected-error @+1 {{dst in l0b feeds the cube, so it must be a 2-D tile, got rank 1}}
  mte.copy %a, %b : memref<256xf16, #aicore.space<l1>>, memref<256xf16, #aicore.space<l0b>>
  return
}

// -----

func.func @copy_l0_fractal(%a: memref<16x24xf16, #aicore.space<l1>>, %b: memref<16x24xf16, #aicore.space<l0a>>) {
  // expected-error @+1 {{dst in l0a feeds the cube, but its shape 16x24 is not a whole number of 16x16 'f16' fractals (in either orientation)}}
  mte.copy %a, %b : memref<16x24xf16, #aicore.space<l1>>, memref<16x24xf16, #aicore.space<l0a>>
  return
}

// -----

// i8 fractals are 16x32: 16x16 is half of one.
func.func @copy_l0_fractal_i8(%a: memref<16x16xi8, #aicore.space<l1>>, %b: memref<16x16xi8, #aicore.space<l0b>>) {
  // expected-error @+1 {{dst in l0b feeds the cube, but its shape 16x16 is not a whole number of 16x32 'i8' fractals (in either orientation)}}
  mte.copy %a, %b : memref<16x16xi8, #aicore.space<l1>>, memref<16x16xi8, #aicore.space<l0b>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @copy_l0_fractal_310p(%a: memref<8x8xf32, #aicore.space<l1>>, %b: memref<8x8xf32, #aicore.space<l0a>>) {
    // expected-error @+1 {{dst in l0a feeds the cube, but its shape 8x8 is not a whole number of 16x8 'f32' fractals (in either orientation)}}
    mte.copy %a, %b : memref<8x8xf32, #aicore.space<l1>>, memref<8x8xf32, #aicore.space<l0a>>
    return
  }
}

// -----

//===----------------------------------------------------------------------===//
// mte.fixpipe: operands and paths
//===----------------------------------------------------------------------===//

func.func @fixpipe_src_space(%a: memref<16x16xf32, #aicore.space<ub>>, %b: memref<16x16xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{src must be in l0c, got ub}}
  mte.fixpipe %a, %b : memref<16x16xf32, #aicore.space<ub>>, memref<16x16xf32, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_dst_space(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<l0a>>) {
  // expected-error @+1 {{dst must be in gm, l1 or ub, got l0a}}
  mte.fixpipe %a, %b : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<l0a>>
  return
}

// -----

func.func @fixpipe_src_misaligned(%a: memref<16x16xf32, strided<[16, 1], offset: 16>, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{is at a 64-byte offset, not a multiple of the 512-byte alignment of l0c}}
  mte.fixpipe %a, %b : memref<16x16xf32, strided<[16, 1], offset: 16>, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<gm>>
  return
}

// -----

// Split target: cube results reach the vector cores through GM.
func.func @fixpipe_to_ub_split(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{has no l0c -> ub path on Ascend910B2; dst must be in gm or l1}}
  mte.fixpipe %a, %b : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<ub>>
  return
}

// -----

// The 310P has no fixpipe unit: L0C results go to UB only.
module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @fixpipe_to_gm_310p(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<gm>>) {
    // expected-error @+1 {{has no l0c -> gm path on Ascend310P; dst must be in ub}}
    mte.fixpipe %a, %b : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<gm>>
    return
  }
}

// -----

func.func @fixpipe_on_vector_core(%a: memref<16x16xf32, #aicore.space<gm>>) attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <vector> {
    %c = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    // expected-error @+1 {{runs on the cube core but is inside an aicore.core <vector> region}}
    mte.fixpipe %c, %a : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<gm>>
  }
  return
}

// -----

func.func @fixpipe_src_rank(%a: memref<256xf32, #aicore.space<l0c>>, %b: memref<256xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{src must be a 2-D tile, got rank 1}}
  mte.fixpipe %a, %b : memref<256xf32, #aicore.space<l0c>>, memref<256xf32, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_src_fractal(%a: memref<16x8xf32, #aicore.space<l0c>>, %b: memref<16x8xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{src has shape 16x8, expected rows and columns multiples of 16 (l0c holds 16x16 fractals)}}
  mte.fixpipe %a, %b : memref<16x8xf32, #aicore.space<l0c>>, memref<16x8xf32, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_dst_shape(%a: memref<16x32xf32, #aicore.space<l0c>>, %b: memref<32x16xf32, #aicore.space<gm>>) {
  // expected-error @+1 {{dst has shape 32x16, expected 16x32 (the src shape)}}
  mte.fixpipe %a, %b : memref<16x32xf32, #aicore.space<l0c>>, memref<32x16xf32, #aicore.space<gm>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// mte.fixpipe: conversions
//===----------------------------------------------------------------------===//

func.func @fixpipe_src_element_type(%a: memref<16x16xf16, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{src has element type 'f16', expected f32 or i32}}
  mte.fixpipe %a, %b : memref<16x16xf16, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_f32_to_f16_of_i32(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{quant <f32_to_f16> does not convert 'i32' results}}
  mte.fixpipe %a, %b quant <f32_to_f16> : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_requant_of_f32(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xi8, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{quant <requant> does not convert 'f32' results}}
  mte.fixpipe %a, %b quant <requant> scale(%s : f32) : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xi8, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_none_converts(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{dst has element type 'f16', expected 'f32' for quant <none> of 'f32'}}
  mte.fixpipe %a, %b : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_bf16_dst(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{dst has element type 'f16', expected 'bf16' for quant <f32_to_bf16> of 'f32'}}
  mte.fixpipe %a, %b quant <f32_to_bf16> : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_dequant_dst(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{dst has element type 'f32', expected 'f16' for quant <dequant> of 'i32'}}
  mte.fixpipe %a, %b quant <dequant> scale(%s : f32) : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_requant_without_scale(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xi8, #aicore.space<gm>>) {
  // expected-error @+1 {{quant <requant> needs a scale}}
  mte.fixpipe %a, %b quant <requant> : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xi8, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_f16_with_scale(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{quant <f32_to_f16> takes no scale}}
  mte.fixpipe %a, %b quant <f32_to_f16> scale(%s : f32) : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_scale_type(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>, %s: f16) {
  // expected-error @+1 {{operand #2 must be 32-bit float or memref of 32-bit float values, but got 'f16'}}
  mte.fixpipe %a, %b quant <dequant> scale(%s : f16) : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_scale_space(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>, %s: memref<16xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{scale must be in l1, got ub}}
  mte.fixpipe %a, %b quant <dequant> scale(%s : memref<16xf32, #aicore.space<ub>>) : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_scale_rank(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>, %s: memref<1x16xf32, #aicore.space<l1>>) {
  // expected-error @+1 {{scale must be a 1-D per-channel vector, got rank 2}}
  mte.fixpipe %a, %b quant <dequant> scale(%s : memref<1x16xf32, #aicore.space<l1>>) : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_scale_channels(%a: memref<16x32xi32, #aicore.space<l0c>>, %b: memref<16x32xi8, #aicore.space<gm>>, %s: memref<16xf32, #aicore.space<l1>>) {
  // expected-error @+1 {{scale has 16 channels, expected 32 (the dst columns)}}
  mte.fixpipe %a, %b quant <requant> scale(%s : memref<16xf32, #aicore.space<l1>>) : memref<16x32xi32, #aicore.space<l0c>>, memref<16x32xi8, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_offset_without_requant(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{offset is only for quant <requant>, got <dequant>}}
  mte.fixpipe %a, %b quant <dequant> scale(%s : f32) offset 1 : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_offset_too_large(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xi8, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{offset 256 does not fit the 9-bit range [-256, 255]}}
  mte.fixpipe %a, %b quant <requant> scale(%s : f32) offset 256 : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xi8, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_offset_too_small(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xi8, #aicore.space<gm>>, %s: f32) {
  // expected-error @+1 {{offset -257 does not fit the 9-bit range [-256, 255]}}
  mte.fixpipe %a, %b quant <requant> scale(%s : f32) offset -257 : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xi8, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_nz_to_gm(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{dst_layout <nz> keeps the fractal layout only when writing l1, got dst in gm}}
  mte.fixpipe %a, %b quant <f32_to_f16> dst_layout <nz> : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf16, #aicore.space<gm>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @fixpipe_nz_to_ub_310p(%a: memref<16x16xf32, #aicore.space<l0c>>, %b: memref<16x16xf32, #aicore.space<ub>>) {
    // expected-error @+1 {{dst_layout <nz> keeps the fractal layout only when writing l1, got dst in ub}}
    mte.fixpipe %a, %b dst_layout <nz> : memref<16x16xf32, #aicore.space<l0c>>, memref<16x16xf32, #aicore.space<ub>>
    return
  }
}

// -----

// Requantized to i8, a 16x16 tile is half of a 16x32 NZ fractal.
func.func @fixpipe_nz_i8_columns(%a: memref<16x16xi32, #aicore.space<l0c>>, %b: memref<16x16xi8, #aicore.space<l1>>, %s: f32) {
  // expected-error @+1 {{dst has layout nz, but its shape 16x16 is not a whole number of 16x32 'i8' fractals}}
  mte.fixpipe %a, %b quant <requant> scale(%s : f32) dst_layout <nz> : memref<16x16xi32, #aicore.space<l0c>>, memref<16x16xi8, #aicore.space<l1>>
  return
}
