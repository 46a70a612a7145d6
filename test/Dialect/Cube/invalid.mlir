// RUN: ascend-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Operands
//===----------------------------------------------------------------------===//

func.func @a_not_a_tile(%a: memref<16x16xindex, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{operand #0 must be memref of signless integer or floating-point values}}
  cube.mmad %a, %b, %c : memref<16x16xindex, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @init_not_i1(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  %flag = arith.constant 1 : i32
  // expected-error @+1 {{operand #3 must be 1-bit signless integer, but got 'i32'}}
  "cube.mmad"(%a, %b, %c, %flag) : (memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>, i32) -> ()
  return
}

// -----

func.func @a_in_l1(%a: memref<16x16xf16, #aicore.space<l1>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a must be in l0a, got l1}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l1>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @b_in_l0a(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0a>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{b must be in l0b, got l0a}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @c_in_ub(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{c must be in l0c, got ub}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<ub>>
  return
}

// -----

func.func @a_misaligned(%a: memref<16x16xf16, strided<[16, 1], offset: 128>, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{is at a 256-byte offset, not a multiple of the 512-byte alignment of l0a}}
  cube.mmad %a, %b, %c : memref<16x16xf16, strided<[16, 1], offset: 128>, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

// 192 KB of f32 results fit the 310P's 256 KB L0C but not the 910B2's 128 KB.
func.func @c_exceeds_l0c(%a: memref<256x16xf16, #aicore.space<l0a>>, %b: memref<16x192xf16, #aicore.space<l0b>>, %c: memref<256x192xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{c needs 196608 bytes but l0c holds 131072 bytes on Ascend910B2}}
  cube.mmad %a, %b, %c : memref<256x16xf16, #aicore.space<l0a>>, memref<16x192xf16, #aicore.space<l0b>>, memref<256x192xf32, #aicore.space<l0c>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @c_exceeds_l0c_310p(%a: memref<256x16xf16, #aicore.space<l0a>>, %b: memref<16x320xf16, #aicore.space<l0b>>, %c: memref<256x320xf32, #aicore.space<l0c>>) {
    // expected-error @+1 {{c needs 327680 bytes but l0c holds 262144 bytes on Ascend310P}}
    cube.mmad %a, %b, %c : memref<256x16xf16, #aicore.space<l0a>>, memref<16x320xf16, #aicore.space<l0b>>, memref<256x320xf32, #aicore.space<l0c>>
    return
  }
}

// -----

func.func @a_rank(%a: memref<256xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a must be a 2-D tile, got rank 1}}
  cube.mmad %a, %b, %c : memref<256xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @b_rank(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<1x16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{b must be a 2-D tile, got rank 3}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<1x16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @c_rank(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<256xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{c must be a 2-D tile, got rank 1}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<256xf32, #aicore.space<l0c>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

func.func @a_i16(%a: memref<16x16xi16, #aicore.space<l0a>>, %b: memref<16x16xi16, #aicore.space<l0b>>, %c: memref<16x16xi32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a has element type 'i16', expected f16, bf16, f32, i8 or i4}}
  cube.mmad %a, %b, %c : memref<16x16xi16, #aicore.space<l0a>>, memref<16x16xi16, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
  return
}

// -----

func.func @mixed_operands(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xbf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{b has element type 'bf16', expected 'f16' (the a element type)}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xbf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @f16_accumulator(%a: memref<16x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf16, #aicore.space<l0c>>) {
  // expected-error @+1 {{c has element type 'f16', expected 'f32' to accumulate 'f16' products}}
  cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf16, #aicore.space<l0c>>
  return
}

// -----

func.func @i8_float_accumulator(%a: memref<16x32xi8, #aicore.space<l0a>>, %b: memref<32x16xi8, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{c has element type 'f32', expected 'i32' to accumulate 'i8' products}}
  cube.mmad %a, %b, %c : memref<16x32xi8, #aicore.space<l0a>>, memref<32x16xi8, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

func.func @k_mismatch(%a: memref<16x32xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a has K = 32 but b has K = 16 (a is MxK, b is KxN)}}
  cube.mmad %a, %b, %c : memref<16x32xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

// With transpose_a the K of a is its row count.
func.func @k_mismatch_transposed(%a: memref<16x32xf16, #aicore.space<l0a>>, %b: memref<32x16xf16, #aicore.space<l0b>>, %c: memref<32x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a has K = 16 but b has K = 32 (a is KxM, b is KxN)}}
  cube.mmad %a, %b, %c transpose_a : memref<16x32xf16, #aicore.space<l0a>>, memref<32x16xf16, #aicore.space<l0b>>, memref<32x16xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @k_mismatch_transpose_b(%a: memref<16x32xf16, #aicore.space<l0a>>, %b: memref<32x16xf16, #aicore.space<l0b>>, %c: memref<16x32xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{a has K = 32 but b has K = 16 (a is MxK, b is NxK)}}
  cube.mmad %a, %b, %c transpose_b : memref<16x32xf16, #aicore.space<l0a>>, memref<32x16xf16, #aicore.space<l0b>>, memref<16x32xf32, #aicore.space<l0c>>
  return
}

// -----

func.func @c_shape(%a: memref<32x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{c has shape 16x16, expected 32x16 (M x N)}}
  cube.mmad %a, %b, %c : memref<32x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Fractals (target cube rates)
//===----------------------------------------------------------------------===//

func.func @m_fractal(%a: memref<8x16xf16, #aicore.space<l0a>>, %b: memref<16x16xf16, #aicore.space<l0b>>, %c: memref<8x16xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{M = 8 is not a multiple of 16, the cube's m0 for 'f16' on Ascend910B2}}
  cube.mmad %a, %b, %c : memref<8x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<8x16xf32, #aicore.space<l0c>>
  return
}

// -----

// An i8 fractal step reduces over 32 elements.
func.func @k_fractal_i8(%a: memref<16x16xi8, #aicore.space<l0a>>, %b: memref<16x16xi8, #aicore.space<l0b>>, %c: memref<16x16xi32, #aicore.space<l0c>>) {
  // expected-error @+1 {{K = 16 is not a multiple of 32, the cube's k0 for 'i8' on Ascend910B2}}
  cube.mmad %a, %b, %c : memref<16x16xi8, #aicore.space<l0a>>, memref<16x16xi8, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
  return
}

// -----

func.func @k_fractal_i4(%a: memref<16x32xi4, #aicore.space<l0a>>, %b: memref<32x16xi4, #aicore.space<l0b>>, %c: memref<16x16xi32, #aicore.space<l0c>>) {
  // expected-error @+1 {{K = 32 is not a multiple of 64, the cube's k0 for 'i4' on Ascend910B2}}
  cube.mmad %a, %b, %c : memref<16x32xi4, #aicore.space<l0a>>, memref<32x16xi4, #aicore.space<l0b>>, memref<16x16xi32, #aicore.space<l0c>>
  return
}

// -----

func.func @n_fractal(%a: memref<16x8xf32, #aicore.space<l0a>>, %b: memref<8x8xf32, #aicore.space<l0b>>, %c: memref<16x8xf32, #aicore.space<l0c>>) {
  // expected-error @+1 {{N = 8 is not a multiple of 16, the cube's n0 for 'f32' on Ascend910B2}}
  cube.mmad %a, %b, %c : memref<16x8xf32, #aicore.space<l0a>>, memref<8x8xf32, #aicore.space<l0b>>, memref<16x8xf32, #aicore.space<l0c>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @k_fractal_bf16_310p(%a: memref<16x8xbf16, #aicore.space<l0a>>, %b: memref<8x16xbf16, #aicore.space<l0b>>, %c: memref<16x16xf32, #aicore.space<l0c>>) {
    // expected-error @+1 {{K = 8 is not a multiple of 16, the cube's k0 for 'bf16' on Ascend310P}}
    cube.mmad %a, %b, %c : memref<16x8xbf16, #aicore.space<l0a>>, memref<8x16xbf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
    return
  }
}

// -----

//===----------------------------------------------------------------------===//
// Core type
//===----------------------------------------------------------------------===//

func.func @mmad_on_vector_core() attributes {aicore.kernel = #aicore.kernel<block_dim = 1>} {
  aicore.core <vector> {
    %a = aicore.alloc : memref<16x16xf16, #aicore.space<l0a>>
    %b = aicore.alloc : memref<16x16xf16, #aicore.space<l0b>>
    %c = aicore.alloc : memref<16x16xf32, #aicore.space<l0c>>
    // expected-error @+1 {{runs on the cube core but is inside an aicore.core <vector> region}}
    cube.mmad %a, %b, %c : memref<16x16xf16, #aicore.space<l0a>>, memref<16x16xf16, #aicore.space<l0b>>, memref<16x16xf32, #aicore.space<l0c>>
  }
  return
}
