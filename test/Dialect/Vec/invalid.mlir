// RUN: ascend-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Tiles (shared with every kernel-level dialect through aicore::verifyTile)
//===----------------------------------------------------------------------===//

func.func @not_a_memref(%a: tensor<64xf16>, %b: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{operand #0 must be memref of any type values}}
  "vec.add"(%a, %b, %b) : (tensor<64xf16>, memref<64xf16, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>) -> ()
  return
}

// -----

func.func @no_space(%a: memref<64xf16>, %b: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.add' op lhs must be a memref in an #aicore.space, got 'memref<64xf16>'}}
  vec.add %a, %b, %b : memref<64xf16>, memref<64xf16, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>
  return
}

// -----

func.func @not_ub(%a: memref<64xf16, #aicore.space<gm>>, %b: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.exp' op src must be in ub, got gm}}
  vec.exp %a, %b : memref<64xf16, #aicore.space<gm>>, memref<64xf16, #aicore.space<ub>>
  return
}

// -----

func.func @dynamic_shape(%a: memref<?xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.abs' op src must have a static shape, got 'memref<?xf32, #aicore.space<ub>>'}}
  vec.abs %a, %a : memref<?xf32, #aicore.space<ub>>
  return
}

// -----

func.func @not_strided(%a: memref<16x16xf16, affine_map<(d0, d1) -> (d0 floordiv 2, d1)>, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.relu' op src must have a strided layout}}
  vec.relu %a, %a : memref<16x16xf16, affine_map<(d0, d1) -> (d0 floordiv 2, d1)>, #aicore.space<ub>>
  return
}

// -----

func.func @misaligned(%a: memref<64xf16, strided<[1], offset: 8>, #aicore.space<ub>>, %b: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{is at a 16-byte offset, not a multiple of the 32-byte alignment of ub}}
  vec.sqrt %a, %b : memref<64xf16, strided<[1], offset: 8>, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>
  return
}

// -----

// 200 KB fits the 310P's 256 KB UB but not the 910B's 192 KB.
func.func @too_big_910b(%a: memref<100x1024xf16, #aicore.space<ub>>, %s: f16) {
  // expected-error @+1 {{'vec.fill' op dst needs 204800 bytes but ub holds 196608 bytes on Ascend910B2}}
  vec.fill %s, %a : f16, memref<100x1024xf16, #aicore.space<ub>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @too_big_310p(%a: memref<160x1024xf16, #aicore.space<ub>>, %s: f16) {
    // expected-error @+1 {{'vec.fill' op dst needs 327680 bytes but ub holds 262144 bytes on Ascend310P}}
    vec.fill %s, %a : f16, memref<160x1024xf16, #aicore.space<ub>>
    return
  }
}

// -----

//===----------------------------------------------------------------------===//
// Rows: the vector unit addresses UB in 32-byte blocks
//===----------------------------------------------------------------------===//

func.func @row_bytes(%a: memref<4x10xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.add' op lhs has rows 20 bytes apart in dimension 0, expected a multiple of 32 bytes (the vector unit addresses UB in 32-byte blocks)}}
  vec.add %a, %a, %a : memref<4x10xf16, #aicore.space<ub>>
  return
}

// -----

func.func @row_stride(%buf: memref<64x132xf32, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  %a = memref.subview %buf[0, 0] [64, 128] [1, 1] : memref<64x132xf32, #aicore.space<ub>> to memref<64x128xf32, strided<[132, 1]>, #aicore.space<ub>>
  // expected-error @+1 {{'vec.copy' op src has rows 528 bytes apart in dimension 0, expected a multiple of 32 bytes}}
  vec.copy %a, %b : memref<64x128xf32, strided<[132, 1]>, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @inner_stride(%buf: memref<64x256xf32, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  %a = memref.subview %buf[0, 0] [64, 128] [1, 2] : memref<64x256xf32, #aicore.space<ub>> to memref<64x128xf32, strided<[256, 2]>, #aicore.space<ub>>
  // expected-error @+1 {{'vec.exp' op src must be contiguous in its innermost dimension, got stride 2 in dimension 1}}
  vec.exp %a, %b : memref<64x128xf32, strided<[256, 2]>, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

func.func @add_bf16(%a: memref<64x128xbf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.add' op lhs has element type bf16, expected f16, f32, i16 or i32; the vector unit does not compute in bf16, cast to f32 first}}
  vec.add %a, %a, %a : memref<64x128xbf16, #aicore.space<ub>>
  return
}

// -----

func.func @add_i8(%a: memref<64x128xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.add' op lhs has element type 'i8', expected f16, f32, i16 or i32}}
  vec.add %a, %a, %a : memref<64x128xi8, #aicore.space<ub>>
  return
}

// -----

func.func @div_int(%a: memref<64x128xi32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.div' op lhs has element type 'i32', expected f16 or f32}}
  vec.div %a, %a, %a : memref<64x128xi32, #aicore.space<ub>>
  return
}

// -----

func.func @mixed_elements(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.mul' op rhs has element type f32, expected f16 (the element type of lhs)}}
  vec.mul %a, %b, %a : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// -----

func.func @mixed_shapes(%a: memref<64x128xf16, #aicore.space<ub>>, %c: memref<32x128xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.sub' op dst has shape [32, 128], expected [64, 128] (the shape of lhs)}}
  vec.sub %a, %a, %c : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>, memref<32x128xf16, #aicore.space<ub>>
  return
}

// -----

func.func @type_count(%a: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{expected 1 or 3 types, got 2}}
  vec.max %a, %a, %a : memref<64xf16, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>
  return
}

// -----

func.func @scalar_type(%a: memref<64x128xf16, #aicore.space<ub>>, %s: f32) {
  // expected-error @+1 {{'vec.adds' op scalar has type f32, expected f16 (the element type of src)}}
  vec.adds %a, %s, %a : memref<64x128xf16, #aicore.space<ub>>, f32
  return
}

// -----

func.func @scalar_index(%a: memref<64x128xf16, #aicore.space<ub>>, %s: index) {
  // expected-error @+1 {{'vec.muls' op operand #1 must be float or signless integer scalar, but got 'index'}}
  vec.muls %a, %s, %a : memref<64x128xf16, #aicore.space<ub>>, index
  return
}

// -----

func.func @divs_int(%a: memref<64x128xi16, #aicore.space<ub>>, %s: i16) {
  // expected-error @+1 {{'vec.divs' op src has element type 'i16', expected f16 or f32}}
  vec.divs %a, %s, %a : memref<64x128xi16, #aicore.space<ub>>, i16
  return
}

// -----

func.func @ln_bf16(%a: memref<64x128xbf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.ln' op src has element type bf16, expected f16 or f32; the vector unit does not compute in bf16, cast to f32 first}}
  vec.ln %a, %a : memref<64x128xbf16, #aicore.space<ub>>
  return
}

// -----

func.func @relu_i16(%a: memref<64x128xi16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.relu' op src has element type 'i16', expected f16, f32 or i32}}
  vec.relu %a, %a : memref<64x128xi16, #aicore.space<ub>>
  return
}

// -----

func.func @unary_shape(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<128x64xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reciprocal' op dst has shape [128, 64], expected [64, 128] (the shape of src)}}
  vec.reciprocal %a, %b : memref<64x128xf32, #aicore.space<ub>>, memref<128x64xf32, #aicore.space<ub>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

func.func @cast_pair(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x128xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op cannot cast f32 to i8 on Ascend910B2; from f32 it casts to f16, bf16, i32, i16 or f32}}
  vec.cast %a, %b round <rint> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xi8, #aicore.space<ub>>
  return
}

// -----

func.func @cast_source(%a: memref<64x128xf64, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op cannot cast f64 to f32 on Ascend910B2; it has no casts from f64}}
  vec.cast %a, %b round <rint> : memref<64x128xf64, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @cast_exact(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op cast from f16 to f32 is exact, so the round mode must be <rint>, got <floor>}}
  vec.cast %a, %b round <floor> : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @cast_odd(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x128xi32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op round mode <odd> is not supported for a cast from f32 to i32 on Ascend910B2, expected <rint>, <round>, <floor>, <ceil> or <trunc>}}
  vec.cast %a, %b round <odd> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xi32, #aicore.space<ub>>
  return
}

// -----

func.func @cast_shape(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op dst has shape [64, 64], expected [64, 128] (the shape of src)}}
  vec.cast %a, %b round <rint> : memref<64x128xf32, #aicore.space<ub>>, memref<64x64xf16, #aicore.space<ub>>
  return
}

// -----

// The row rule counts bytes of the narrower type too: 16 i8 are 16 bytes.
func.func @cast_rows(%a: memref<4x16xf16, #aicore.space<ub>>, %b: memref<4x16xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.cast' op dst has rows 16 bytes apart in dimension 0, expected a multiple of 32 bytes}}
  vec.cast %a, %b round <rint> : memref<4x16xf16, #aicore.space<ub>>, memref<4x16xi8, #aicore.space<ub>>
  return
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @cast_bf16_310p(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x128xbf16, #aicore.space<ub>>) {
    // expected-error @+1 {{'vec.cast' op cannot cast f32 to bf16 on Ascend310P; from f32 it casts to f16}}
    vec.cast %a, %b round <rint> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xbf16, #aicore.space<ub>>
    return
  }
}

// -----

module attributes {aicore.target = #aicore.target<"Ascend310P">} {
  func.func @cast_mode_310p(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x128xf16, #aicore.space<ub>>) {
    // expected-error @+1 {{'vec.cast' op round mode <floor> is not supported for a cast from f32 to f16 on Ascend310P, expected <rint> or <odd>}}
    vec.cast %a, %b round <floor> : memref<64x128xf32, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
    return
  }
}

// -----

//===----------------------------------------------------------------------===//
// Compare and select
//===----------------------------------------------------------------------===//

func.func @compare_type(%a: memref<64x128xi16, #aicore.space<ub>>, %m: memref<64x128xi1, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op lhs has element type 'i16', expected f16, f32 or i32}}
  vec.compare <eq> %a, %a, %m : memref<64x128xi16, #aicore.space<ub>>, memref<64x128xi1, #aicore.space<ub>>
  return
}

// -----

func.func @compare_i32_lt(%a: memref<64x128xi32, #aicore.space<ub>>, %m: memref<64x128xi1, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op predicate <lt> is not supported for i32 operands, only <eq>}}
  vec.compare <lt> %a, %a, %m : memref<64x128xi32, #aicore.space<ub>>, memref<64x128xi1, #aicore.space<ub>>
  return
}

// -----

func.func @compare_repeats(%a: memref<48xf16, #aicore.space<ub>>, %m: memref<48xi1, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op lhs holds 96 bytes, expected a multiple of 256 bytes (vcmp compares whole 256-byte repeats)}}
  vec.compare <gt> %a, %a, %m : memref<48xf16, #aicore.space<ub>>, memref<48xi1, #aicore.space<ub>>
  return
}

// -----

func.func @compare_mask_type(%a: memref<64x128xf16, #aicore.space<ub>>, %m: memref<64x128xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op mask has element type 'i8', expected i1}}
  vec.compare <ge> %a, %a, %m : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi8, #aicore.space<ub>>
  return
}

// -----

func.func @compare_mask_shape(%a: memref<64x128xf16, #aicore.space<ub>>, %m: memref<8192xi1, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op mask has shape [8192], expected [64, 128] (the shape of lhs)}}
  vec.compare <ne> %a, %a, %m : memref<64x128xf16, #aicore.space<ub>>, memref<8192xi1, #aicore.space<ub>>
  return
}

// -----

func.func @compare_operands(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>, %m: memref<64x128xi1, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.compare' op rhs has element type f32, expected f16 (the element type of lhs)}}
  vec.compare <le> %a, %b, %m : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>, memref<64x128xi1, #aicore.space<ub>>
  return
}

// -----

func.func @mask_strided(%buf: memref<64x256xi1, #aicore.space<ub>>, %a: memref<64x128xf16, #aicore.space<ub>>) {
  %m = memref.subview %buf[0, 0] [64, 128] [1, 1] : memref<64x256xi1, #aicore.space<ub>> to memref<64x128xi1, strided<[256, 1]>, #aicore.space<ub>>
  // expected-error @+1 {{'vec.select' op mask must be contiguous (an i1 mask is one bit stream), got stride 256 in dimension 0, expected 128}}
  vec.select %m, %a, %a, %a : memref<64x128xi1, strided<[256, 1]>, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// -----

func.func @select_type(%m: memref<64x128xi1, #aicore.space<ub>>, %a: memref<64x128xi32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.select' op true_value has element type 'i32', expected f16 or f32}}
  vec.select %m, %a, %a, %a : memref<64x128xi1, #aicore.space<ub>>, memref<64x128xi32, #aicore.space<ub>>
  return
}

// -----

func.func @select_false_value(%m: memref<64x128xi1, #aicore.space<ub>>, %a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.select' op false_value has shape [64, 64], expected [64, 128] (the shape of true_value)}}
  vec.select %m, %a, %b, %a : memref<64x128xi1, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>, memref<64x64xf16, #aicore.space<ub>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// -----

func.func @select_mask_space(%m: memref<64x128xi1, #aicore.space<gm>>, %a: memref<64x128xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.select' op mask must be in ub, got gm}}
  vec.select %m, %a, %a, %a : memref<64x128xi1, #aicore.space<gm>>, memref<64x128xf16, #aicore.space<ub>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

func.func @reduce_rank(%a: memref<128xf32, #aicore.space<ub>>, %b: memref<1xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reduce_rows' op src must be a 2-D tile, got rank 1}}
  vec.reduce_rows <sum> %a, %b : memref<128xf32, #aicore.space<ub>>, memref<1xf32, #aicore.space<ub>>
  return
}

// -----

func.func @reduce_rows_shape(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<1x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reduce_rows' op dst has shape [1, 128], expected [64, 1] (one value per row of src)}}
  vec.reduce_rows <max> %a, %b : memref<64x128xf32, #aicore.space<ub>>, memref<1x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @reduce_cols_shape(%a: memref<64x128xf32, #aicore.space<ub>>, %b: memref<64x1xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reduce_cols' op dst has shape [64, 1], expected [1, 128] (one value per column of src)}}
  vec.reduce_cols <min> %a, %b : memref<64x128xf32, #aicore.space<ub>>, memref<64x1xf32, #aicore.space<ub>>
  return
}

// -----

func.func @reduce_int(%a: memref<64x128xi32, #aicore.space<ub>>, %b: memref<64x1xi32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reduce_rows' op src has element type 'i32', expected f16 or f32}}
  vec.reduce_rows <sum> %a, %b : memref<64x128xi32, #aicore.space<ub>>, memref<64x1xi32, #aicore.space<ub>>
  return
}

// -----

func.func @reduce_dst_type(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x1xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.reduce_rows' op dst has element type f32, expected f16 (the element type of src)}}
  vec.reduce_rows <sum> %a, %b : memref<64x128xf16, #aicore.space<ub>>, memref<64x1xf32, #aicore.space<ub>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

func.func @broadcast_rank(%a: memref<128xf32, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.broadcast' op src has rank 1, expected rank 2 (the rank of dst); broadcast dimensions have size 1 in src}}
  vec.broadcast %a, %b : memref<128xf32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @broadcast_size(%a: memref<64x8xf32, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.broadcast' op src has size 8 in dimension 1, expected 1 or 128 (the size of dst)}}
  vec.broadcast %a, %b : memref<64x8xf32, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @broadcast_type(%a: memref<64x1xi8, #aicore.space<ub>>, %b: memref<64x128xi8, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.broadcast' op src has element type 'i8', expected f16, bf16, f32, i16 or i32}}
  vec.broadcast %a, %b : memref<64x1xi8, #aicore.space<ub>>, memref<64x128xi8, #aicore.space<ub>>
  return
}

// -----

func.func @broadcast_dst_type(%a: memref<64x1xf16, #aicore.space<ub>>, %b: memref<64x128xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.broadcast' op dst has element type f32, expected f16 (the element type of src)}}
  vec.broadcast %a, %b : memref<64x1xf16, #aicore.space<ub>>, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @transpose_rank(%a: memref<16x16x16xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.transpose' op src must be a 2-D tile, got rank 3}}
  vec.transpose %a, %a : memref<16x16x16xf16, #aicore.space<ub>>, memref<16x16x16xf16, #aicore.space<ub>>
  return
}

// -----

func.func @transpose_shape(%a: memref<16x32xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.transpose' op dst has shape [16, 32], expected [32, 16] (src with its dimensions swapped)}}
  vec.transpose %a, %a : memref<16x32xf16, #aicore.space<ub>>, memref<16x32xf16, #aicore.space<ub>>
  return
}

// -----

func.func @transpose_blocks(%a: memref<8x32xf16, #aicore.space<ub>>, %b: memref<32x8xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.transpose' op src has shape [8, 32], expected both dimensions to be multiples of 16 (the vector unit transposes 16x16 blocks)}}
  vec.transpose %a, %b : memref<8x32xf16, #aicore.space<ub>>, memref<32x8xf16, #aicore.space<ub>>
  return
}

// -----

func.func @transpose_f32(%a: memref<16x16xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.transpose' op src has element type 'f32', expected f16, bf16 or i16}}
  vec.transpose %a, %a : memref<16x16xf32, #aicore.space<ub>>, memref<16x16xf32, #aicore.space<ub>>
  return
}

// -----

func.func @gather_index_type(%s: memref<1024xf32, #aicore.space<ub>>, %i: memref<64xi16, #aicore.space<ub>>, %d: memref<64xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.gather' op index has element type 'i16', expected i32}}
  vec.gather %s[%i], %d : memref<1024xf32, #aicore.space<ub>>, memref<64xi16, #aicore.space<ub>>, memref<64xf32, #aicore.space<ub>>
  return
}

// -----

func.func @gather_shape(%s: memref<1024xf32, #aicore.space<ub>>, %i: memref<64xi32, #aicore.space<ub>>, %d: memref<8x8xf32, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.gather' op dst has shape [8, 8], expected [64] (the shape of index)}}
  vec.gather %s[%i], %d : memref<1024xf32, #aicore.space<ub>>, memref<64xi32, #aicore.space<ub>>, memref<8x8xf32, #aicore.space<ub>>
  return
}

// -----

func.func @gather_dst_type(%s: memref<1024xf32, #aicore.space<ub>>, %i: memref<64xi32, #aicore.space<ub>>, %d: memref<64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.gather' op dst has element type f16, expected f32 (the element type of src)}}
  vec.gather %s[%i], %d : memref<1024xf32, #aicore.space<ub>>, memref<64xi32, #aicore.space<ub>>, memref<64xf16, #aicore.space<ub>>
  return
}

// -----

func.func @fill_scalar(%d: memref<64x128xf32, #aicore.space<ub>>, %s: f16) {
  // expected-error @+1 {{'vec.fill' op scalar has type f16, expected f32 (the element type of dst)}}
  vec.fill %s, %d : f16, memref<64x128xf32, #aicore.space<ub>>
  return
}

// -----

func.func @fill_i8(%d: memref<64x128xi8, #aicore.space<ub>>, %s: i8) {
  // expected-error @+1 {{'vec.fill' op dst has element type 'i8', expected f16, bf16, f32, i16 or i32}}
  vec.fill %s, %d : i8, memref<64x128xi8, #aicore.space<ub>>
  return
}

// -----

func.func @copy_type(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<64x128xi16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.copy' op dst has element type i16, expected f16 (the element type of src)}}
  vec.copy %a, %b : memref<64x128xf16, #aicore.space<ub>>, memref<64x128xi16, #aicore.space<ub>>
  return
}

// -----

func.func @copy_shape(%a: memref<64x128xf16, #aicore.space<ub>>, %b: memref<128x64xf16, #aicore.space<ub>>) {
  // expected-error @+1 {{'vec.copy' op dst has shape [128, 64], expected [64, 128] (the shape of src)}}
  vec.copy %a, %b : memref<64x128xf16, #aicore.space<ub>>, memref<128x64xf16, #aicore.space<ub>>
  return
}

// -----

// vec ops run on a vector core; a cube region of a split target rejects them.
func.func @cube_region(%a: memref<64x128xf16, #aicore.space<ub>>) {
  aicore.core <cube> {
    // expected-error @+1 {{'vec.abs' op runs on the vector core but is inside an aicore.core <cube> region}}
    vec.abs %a, %a : memref<64x128xf16, #aicore.space<ub>>
  }
  return
}
