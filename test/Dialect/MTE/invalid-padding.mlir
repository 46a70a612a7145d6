// RUN: ascend-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// mte.copy pad
//===----------------------------------------------------------------------===//

func.func @pad_not_gm_to_l1(%a: memref<7x33xf16, #aicore.space<gm>>, %b: memref<7x48xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{pad is only for gm -> l1, got gm -> ub}}
  mte.copy %a, %b dst_layout <nz> pad : memref<7x33xf16, #aicore.space<gm>>, memref<7x48xf16, #aicore.space<ub>>
  return
}

// -----

func.func @pad_without_nz(%a: memref<7x33xf16, #aicore.space<gm>>, %b: memref<7x48xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{pad needs src_layout <nd> and dst_layout <nz> (the nd -> nz engine pads)}}
  mte.copy %a, %b pad : memref<7x33xf16, #aicore.space<gm>>, memref<7x48xf16, #aicore.space<l1>>
  return
}

// -----

func.func @pad_rank(%a: memref<33xf16, #aicore.space<gm>>, %b: memref<48xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{pad needs 2-D tiles, got ranks 1 and 1}}
  mte.copy %a, %b dst_layout <nz> pad : memref<33xf16, #aicore.space<gm>>, memref<48xf16, #aicore.space<l1>>
  return
}

// -----

func.func @pad_columns_short(%a: memref<7x33xf16, #aicore.space<gm>>, %b: memref<16x40xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{dst has shape 16x40, expected 7x48 or 16x48 (the src shape 7x33 with columns padded to whole 32-byte fractal rows and rows kept or padded to whole 16-row fractals)}}
  mte.copy %a, %b dst_layout <nz> pad : memref<7x33xf16, #aicore.space<gm>>, memref<16x40xf16, #aicore.space<l1>>
  return
}

// -----

func.func @pad_too_far(%a: memref<16x33xf16, #aicore.space<gm>>, %b: memref<32x64xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{dst has shape 32x64, expected 16x48 (the src shape 16x33 with columns padded to whole 32-byte fractal rows and rows kept or padded to whole 16-row fractals)}}
  mte.copy %a, %b dst_layout <nz> pad : memref<16x33xf16, #aicore.space<gm>>, memref<32x64xf16, #aicore.space<l1>>
  return
}

// -----

// Without pad, a partial block must match dst exactly.
func.func @no_pad_larger_dst(%a: memref<7x33xf16, #aicore.space<gm>>, %b: memref<16x48xf16, #aicore.space<l1>>) {
  // expected-error @+1 {{dst has shape 16x48, expected 7x33 (the src shape)}}
  mte.copy %a, %b dst_layout <nz> : memref<7x33xf16, #aicore.space<gm>>, memref<16x48xf16, #aicore.space<l1>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// mte.fixpipe from a partial l0c tile
//===----------------------------------------------------------------------===//

func.func @fixpipe_partial_whole_buffer(%c: memref<7x20xf32, #aicore.space<l0c>>, %out: memref<7x20xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{src has shape 7x20, expected rows and columns multiples of 16 (l0c holds 16x16 fractals), or a view of a whole-fractal l0c tile with a row stride that is a multiple of 16}}
  mte.fixpipe %c, %out quant <f32_to_f16> : memref<7x20xf32, #aicore.space<l0c>>, memref<7x20xf16, #aicore.space<gm>>
  return
}

// -----

func.func @fixpipe_partial_odd_stride(%c: memref<7x20xf32, strided<[24, 1]>, #aicore.space<l0c>>, %out: memref<7x20xf16, #aicore.space<gm>>) {
  // expected-error @+1 {{src has shape 7x20, expected rows and columns multiples of 16 (l0c holds 16x16 fractals), or a view of a whole-fractal l0c tile with a row stride that is a multiple of 16}}
  mte.fixpipe %c, %out quant <f32_to_f16> : memref<7x20xf32, strided<[24, 1]>, #aicore.space<l0c>>, memref<7x20xf16, #aicore.space<gm>>
  return
}
