//===- VecOps.td - vec ops ------------------------------*- tablegen -*-===//
//
// Element types per op follow the Ascend C API pages for Atlas A2 (910B)
// (asc-devkit docs/zh/api/SIMD-API/基础API/Memory矢量计算); the sets are
// data in VecOps.cpp and named here by the op classes.
//
//===----------------------------------------------------------------------===//
#ifndef ASCEND_VEC_OPS
#define ASCEND_VEC_OPS

include "AscendDialect/Vec/VecDialect.td"
include "AscendDialect/Vec/VecAttrs.td"
include "AscendDialect/AICore/AICoreAttrs.td"
include "AscendDialect/AICore/AICoreInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Operands and op classes
//===----------------------------------------------------------------------===//

// ODS only insists on a memref; the verifiers check the space, shape,
// alignment and capacity and name the operand in their errors.
class Vec_In<string desc> : Arg<AnyMemRef, desc, [MemRead]>;
class Vec_Out<string desc> : Arg<AnyMemRef, desc, [MemWrite]>;
def Vec_Scalar : AnyTypeOf<[AnyFloat, AnySignlessInteger],
                           "float or signless integer scalar">;

class Vec_TileOp<string mnemonic, list<Trait> traits = []>
    : Vec_Op<mnemonic, !listconcat(traits,
          [DeclareOpInterfaceMethods<AICore_TileOpInterface>])> {
  let hasVerifier = 1;
  // Every vec op runs on the V pipe of a vector core; subclasses append
  // their shared verifier to this.
  code tileOpDefinition = [{
    ::mlir::aicore::Pipe $cppClass::getPipe() { return ::mlir::aicore::Pipe::v; }
    ::mlir::aicore::CoreType $cppClass::getCoreType() {
      return ::mlir::aicore::CoreType::vector;
    }
  }];
  let extraClassDefinition = tileOpDefinition;
}

// dst = lhs (op) rhs, elementwise. `types` names an element-type set of
// VecOps.cpp.
class Vec_BinaryOp<string mnemonic, string types> : Vec_TileOp<mnemonic> {
  let arguments = (ins Vec_In<"left operand">:$lhs,
                       Vec_In<"right operand">:$rhs,
                       Vec_Out<"result">:$dst);
  let assemblyFormat = [{
    $lhs `,` $rhs `,` $dst attr-dict `:`
    custom<SameTypes>(type($lhs), type($rhs), type($dst))
  }];
  let extraClassDefinition = tileOpDefinition # [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyElementwise(*this,
          {{getLhs(), "lhs"}, {getRhs(), "rhs"}, {getDst(), "dst"}}, }]
      # types # [{);
    }
  }];
}

// dst = src (op) scalar, elementwise; the scalar has the element type.
class Vec_ScalarOp<string mnemonic, string types> : Vec_TileOp<mnemonic> {
  let arguments = (ins Vec_In<"tile operand">:$src,
                       Vec_Scalar:$scalar,
                       Vec_Out<"result">:$dst);
  let assemblyFormat = [{
    $src `,` $scalar `,` $dst attr-dict `:`
    custom<ScalarOpTypes>(type($src), type($scalar), type($dst))
  }];
  let extraClassDefinition = tileOpDefinition # [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyScalarOp(*this, {getSrc(), "src"}, getScalar(),
                            {getDst(), "dst"}, }] # types # [{);
    }
  }];
}

// dst = f(src), elementwise.
class Vec_UnaryOp<string mnemonic, string types> : Vec_TileOp<mnemonic> {
  let arguments = (ins Vec_In<"operand">:$src, Vec_Out<"result">:$dst);
  let assemblyFormat = [{
    $src `,` $dst attr-dict `:` custom<SameTypes>(type($src), type($dst))
  }];
  let extraClassDefinition = tileOpDefinition # [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyElementwise(*this, {{getSrc(), "src"}, {getDst(), "dst"}},
                               }] # types # [{);
    }
  }];
}

// Reduces dimension `dim` of a 2-D tile to size 1.
class Vec_ReduceOp<string mnemonic, int dim> : Vec_TileOp<mnemonic> {
  let arguments = (ins Vec_ReductionKindAttr:$kind,
                       Vec_In<"2-D tile to reduce">:$src,
                       Vec_Out<"reduced tile">:$dst);
  let assemblyFormat = [{
    $kind $src `,` $dst attr-dict `:` type($src) `,` type($dst)
  }];
  let extraClassDefinition = tileOpDefinition # [{
    ::mlir::LogicalResult $cppClass::verify() {
      return verifyReduction(*this, {getSrc(), "src"}, {getDst(), "dst"}, }]
      # !cast<string>(dim) # [{);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Binary arithmetic
//===----------------------------------------------------------------------===//

// Shared semantics of the arithmetic ops, quoted in their descriptions.
defvar arithRounding = [{
    Float results are rounded to nearest, ties to even, in the element type;
    integer results wrap around modulo 2^n (two's complement). bf16 is not
    an arithmetic type of the vector unit: cast bf16 tiles to f32 first.
}];
defvar tileRules = [{
    All operands are UB tiles of the same shape and element type. A
    multi-dimensional tile is contiguous within a row and its rows start on
    32-byte boundaries, because the vector unit addresses UB in 32-byte
    blocks.
}];

def Vec_AddOp : Vec_BinaryOp<"add", "kArithTypes"> {
  let summary = "elementwise addition of two tiles";
  let description = !strconcat([{
    `dst[i] = lhs[i] + rhs[i]` for every element, in f16, f32, i16 or i32.
  }], arithRounding, tileRules, [{
    ```mlir
    vec.add %a, %b, %c : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

def Vec_SubOp : Vec_BinaryOp<"sub", "kArithTypes"> {
  let summary = "elementwise subtraction of two tiles";
  let description = !strconcat([{
    `dst[i] = lhs[i] - rhs[i]` for every element, in f16, f32, i16 or i32.
  }], arithRounding, tileRules, [{
    ```mlir
    vec.sub %a, %b, %c : memref<64x128xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_MulOp : Vec_BinaryOp<"mul", "kArithTypes"> {
  let summary = "elementwise multiplication of two tiles";
  let description = !strconcat([{
    `dst[i] = lhs[i] * rhs[i]` for every element, in f16, f32, i16 or i32;
    integer products keep the low n bits.
  }], arithRounding, tileRules, [{
    ```mlir
    vec.mul %a, %b, %c : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

def Vec_DivOp : Vec_BinaryOp<"div", "kFloatTypes"> {
  let summary = "elementwise division of two tiles";
  let description = !strconcat([{
    `dst[i] = lhs[i] / rhs[i]` for every element, in f16 or f32 only (the
    vector unit has no integer division). IEEE 754 special cases hold:
    `x / ±0` is ±inf for x != 0, `0 / 0` and `inf / inf` are NaN. The
    quotient is rounded as documented in docs/Numerics.md.
  }], tileRules, [{
    ```mlir
    vec.div %a, %b, %c : memref<64x128xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_MaxOp : Vec_BinaryOp<"max", "kArithTypes"> {
  let summary = "elementwise maximum of two tiles";
  let description = !strconcat([{
    `dst[i] = max(lhs[i], rhs[i])` for every element, in f16, f32, i16 or
    i32. For floats this is IEEE 754-2019 `maximum`: a NaN operand gives
    NaN and +0 is greater than -0. The result is always one of the operands,
    so nothing rounds.
  }], tileRules, [{
    ```mlir
    vec.max %a, %b, %c : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

def Vec_MinOp : Vec_BinaryOp<"min", "kArithTypes"> {
  let summary = "elementwise minimum of two tiles";
  let description = !strconcat([{
    `dst[i] = min(lhs[i], rhs[i])` for every element, in f16, f32, i16 or
    i32. For floats this is IEEE 754-2019 `minimum`: a NaN operand gives
    NaN and -0 is less than +0. The result is always one of the operands,
    so nothing rounds.
  }], tileRules, [{
    ```mlir
    vec.min %a, %b, %c : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

//===----------------------------------------------------------------------===//
// Tile-scalar arithmetic
//===----------------------------------------------------------------------===//

defvar scalarRules = [{
    `src` and `dst` are UB tiles of the same shape and element type; the
    scalar (an SSA value held in a scalar register) has that element type.
    Multi-dimensional tiles are contiguous within a row and their rows start
    on 32-byte boundaries.
}];

def Vec_AddsOp : Vec_ScalarOp<"adds", "kArithTypes"> {
  let summary = "adds a scalar to every element of a tile";
  let description = !strconcat([{
    `dst[i] = src[i] + scalar`, in f16, f32, i16 or i32.
  }], arithRounding, scalarRules, [{
    ```mlir
    vec.adds %a, %s, %b : memref<64x128xf16, #aicore.space<ub>>, f16
    ```
  }]);
}

def Vec_SubsOp : Vec_ScalarOp<"subs", "kArithTypes"> {
  let summary = "subtracts a scalar from every element of a tile";
  let description = !strconcat([{
    `dst[i] = src[i] - scalar`, in f16, f32, i16 or i32.
  }], arithRounding, scalarRules, [{
    ```mlir
    vec.subs %a, %s, %b : memref<64x128xf32, #aicore.space<ub>>, f32
    ```
  }]);
}

def Vec_MulsOp : Vec_ScalarOp<"muls", "kArithTypes"> {
  let summary = "multiplies every element of a tile by a scalar";
  let description = !strconcat([{
    `dst[i] = src[i] * scalar`, in f16, f32, i16 or i32; integer products
    keep the low n bits.
  }], arithRounding, scalarRules, [{
    ```mlir
    vec.muls %a, %s, %b : memref<64x128xf16, #aicore.space<ub>>, f16
    ```
  }]);
}

def Vec_DivsOp : Vec_ScalarOp<"divs", "kFloatTypes"> {
  let summary = "divides every element of a tile by a scalar";
  let description = !strconcat([{
    `dst[i] = src[i] / scalar`, in f16 or f32 only. It is a true division,
    not a multiplication by the rounded reciprocal; IEEE 754 special cases
    hold as for `vec.div`, rounding as documented in docs/Numerics.md.
  }], scalarRules, [{
    ```mlir
    vec.divs %a, %s, %b : memref<64x128xf32, #aicore.space<ub>>, f32
    ```
  }]);
}

def Vec_MaxsOp : Vec_ScalarOp<"maxs", "kArithTypes"> {
  let summary = "elementwise maximum of a tile and a scalar";
  let description = !strconcat([{
    `dst[i] = max(src[i], scalar)`, in f16, f32, i16 or i32, with the float
    semantics of `vec.max` (IEEE 754-2019 `maximum`).
  }], scalarRules, [{
    ```mlir
    vec.maxs %a, %zero, %b : memref<64x128xf16, #aicore.space<ub>>, f16
    ```
  }]);
}

def Vec_MinsOp : Vec_ScalarOp<"mins", "kArithTypes"> {
  let summary = "elementwise minimum of a tile and a scalar";
  let description = !strconcat([{
    `dst[i] = min(src[i], scalar)`, in f16, f32, i16 or i32, with the float
    semantics of `vec.min` (IEEE 754-2019 `minimum`).
  }], scalarRules, [{
    ```mlir
    vec.mins %a, %cap, %b : memref<64x128xi32, #aicore.space<ub>>, i32
    ```
  }]);
}

//===----------------------------------------------------------------------===//
// Unary
//===----------------------------------------------------------------------===//

defvar transcendental = [{
    The vector unit's transcendental instructions are not correctly rounded;
    the result is that of the fixed algorithm in docs/Numerics.md, so it
    does not depend on the host's libm.
}];
defvar unaryRules = [{
    `src` and `dst` are UB tiles of the same shape and element type (f16 or
    f32; bf16 must be cast to f32 first).
}];

def Vec_ExpOp : Vec_UnaryOp<"exp", "kFloatTypes"> {
  let summary = "elementwise natural exponential";
  let description = !strconcat([{
    `dst[i] = e^src[i]`. exp(-inf) = +0, exp(+inf) = +inf, results beyond
    the element type's range are +inf, NaN gives NaN.
  }], transcendental, unaryRules, [{
    ```mlir
    vec.exp %a, %b : memref<64x128xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_LnOp : Vec_UnaryOp<"ln", "kFloatTypes"> {
  let summary = "elementwise natural logarithm";
  let description = !strconcat([{
    `dst[i] = ln(src[i])`. ln(x) for x < 0 is NaN, ln(±0) = -inf,
    ln(+inf) = +inf, NaN gives NaN.
  }], transcendental, unaryRules, [{
    ```mlir
    vec.ln %a, %b : memref<64x128xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_SqrtOp : Vec_UnaryOp<"sqrt", "kFloatTypes"> {
  let summary = "elementwise square root";
  let description = !strconcat([{
    `dst[i] = sqrt(src[i])`. sqrt(x) for x < 0 is NaN, sqrt(-0) = -0,
    sqrt(+inf) = +inf, NaN gives NaN.
  }], transcendental, unaryRules, [{
    ```mlir
    vec.sqrt %a, %b : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

def Vec_RsqrtOp : Vec_UnaryOp<"rsqrt", "kFloatTypes"> {
  let summary = "elementwise reciprocal square root";
  let description = !strconcat([{
    `dst[i] = 1 / sqrt(src[i])`. rsqrt(±0) = ±inf, rsqrt(+inf) = +0,
    rsqrt(x) for x < 0 is NaN, NaN gives NaN.
  }], transcendental, unaryRules, [{
    ```mlir
    vec.rsqrt %a, %b : memref<64x1xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_ReciprocalOp : Vec_UnaryOp<"reciprocal", "kFloatTypes"> {
  let summary = "elementwise reciprocal";
  let description = !strconcat([{
    `dst[i] = 1 / src[i]`. 1/±0 = ±inf, 1/±inf = ±0, NaN gives NaN.
  }], transcendental, unaryRules, [{
    ```mlir
    vec.reciprocal %a, %b : memref<64x1xf32, #aicore.space<ub>>
    ```
  }]);
}

def Vec_AbsOp : Vec_UnaryOp<"abs", "kFloatTypes"> {
  let summary = "elementwise absolute value";
  let description = !strconcat([{
    `dst[i] = |src[i]|`: the sign bit is cleared, so the result is exact,
    -0 becomes +0 and a NaN keeps its payload with a positive sign.
  }], unaryRules, [{
    ```mlir
    vec.abs %a, %b : memref<64x128xf16, #aicore.space<ub>>
    ```
  }]);
}

def Vec_ReluOp : Vec_UnaryOp<"relu", "kReluTypes"> {
  let summary = "elementwise rectified linear unit";
  let description = [{
    `dst[i] = max(src[i], 0)`, exact: positive values pass unchanged,
    negative values and -0 become +0, NaN gives NaN. Besides f16 and f32 the vector unit also has an i32 relu
    (the Ascend C `Relu` API lists half, float and int32_t on Atlas A2).
    `src` and `dst` are UB tiles of the same shape and element type.

    ```mlir
    vec.relu %a, %b : memref<64x128xf16, #aicore.space<ub>>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Conversion
//===----------------------------------------------------------------------===//

def Vec_CastOp : Vec_TileOp<"cast"> {
  let summary = "elementwise type conversion with a rounding mode";
  let description = [{
    `dst[i] = convert(src[i])` rounded in `round` mode: `rint` (nearest,
    ties to even), `round` (nearest, ties away from zero), `floor`, `ceil`,
    `trunc` or `odd` (round to odd). Float -> integer conversions saturate to
    the integer range and turn NaN into 0; i32 -> i16 saturates. A float ->
    float conversion to a narrower type rounds in the given mode, with
    overflow and subnormals as documented in docs/Numerics.md. f32 -> f32
    rounds to an integral value.

    Only the conversions the vector unit has are legal (Ascend C `Cast`
    API), each with its own rounding modes. On Ascend910B2 / 910B4:

    | from | to | modes |
    |------|----|-------|
    | f32  | f16 | rint, round, floor, ceil, trunc, odd |
    | f32  | bf16, i32, i16, f32 | rint, round, floor, ceil, trunc |
    | f16  | i32, i16, i8, i4 | rint, round, floor, ceil, trunc |
    | bf16 | i32 | rint, round, floor, ceil, trunc |
    | i32  | f32 | rint, round, floor, ceil, trunc |
    | i16  | f16 | rint, round, floor, ceil, trunc |
    | i32  | f16 | rint (fixed: the dequantisation path, scale 1.0) |
    | i32  | i16 | rint (saturates, never rounds) |
    | f16, bf16, i16 | f32 | rint (exact) |
    | i8, i4 | f16 | rint (exact) |

    Ascend310P has no bf16 conversions, no f32 -> i32, i16 or f32, and
    fewer modes: f32 -> f16 (rint, odd); f16 -> i32 and i8 (all but odd);
    f16 -> i16 and i4, i32 -> f32, f16 and i16, i16 -> f16 (rint);
    f16 -> f32 and i8 -> f16 (rint, exact).

    An exact conversion never rounds, so any mode but `rint` is rejected.
    `src` and `dst` are UB tiles of the same shape.

    ```mlir
    vec.cast %a, %b round <rint> : memref<64x128xf32, #aicore.space<ub>>,
                                   memref<64x128xf16, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"values to convert">:$src,
                       Vec_Out<"converted values">:$dst,
                       AICore_RoundModeAttr:$round);
  let assemblyFormat = [{
    $src `,` $dst `round` $round attr-dict `:` type($src) `,` type($dst)
  }];
}

//===----------------------------------------------------------------------===//
// Compare and select
//===----------------------------------------------------------------------===//

def Vec_CompareOp : Vec_TileOp<"compare"> {
  let summary = "elementwise comparison into an i1 mask tile";
  let description = [{
    `mask[i] = lhs[i] <predicate> rhs[i]` with predicate eq, ne, lt, le, gt
    or ge. Float comparisons are IEEE 754 quiet comparisons: with a NaN
    operand every predicate is false except `ne`, which is true; -0 == +0.

    `lhs` and `rhs` are f16 or f32 tiles of the same shape and element type;
    i32 tiles are compared for `eq` only (the only i32 mode of vcmp on
    Atlas A2). vcmp compares whole 256-byte repeats, so `lhs` must hold a
    multiple of 256 bytes. `mask` has the shape of `lhs` and element type i1;
    its bits are packed (element i in bit i % 8 of byte i / 8) and written as
    one bit stream, so it must be contiguous.

    ```mlir
    vec.compare <lt> %a, %b, %m : memref<64x128xf16, #aicore.space<ub>>,
                                  memref<64x128xi1, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_CmpPredicateAttr:$predicate,
                       Vec_In<"left operand">:$lhs,
                       Vec_In<"right operand">:$rhs,
                       Vec_Out<"i1 result mask">:$mask);
  let assemblyFormat = [{
    $predicate $lhs `,` $rhs `,` $mask attr-dict `:`
    custom<CompareTypes>(type($lhs), type($rhs), type($mask))
  }];
}

def Vec_SelectOp : Vec_TileOp<"select"> {
  let summary = "elementwise choice between two tiles under an i1 mask";
  let description = [{
    `dst[i] = mask[i] ? true_value[i] : false_value[i]`, bit-exact.
    `true_value`, `false_value` and `dst` are f16 or f32 tiles of the same
    shape and element type; `mask` is a contiguous i1 tile of that shape
    (as written by `vec.compare`).

    ```mlir
    vec.select %m, %a, %b, %c : memref<64x128xi1, #aicore.space<ub>>,
                                memref<64x128xf16, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"i1 selector">:$mask,
                       Vec_In<"value where the mask is 1">:$true_value,
                       Vec_In<"value where the mask is 0">:$false_value,
                       Vec_Out<"result">:$dst);
  let assemblyFormat = [{
    $mask `,` $true_value `,` $false_value `,` $dst attr-dict `:`
    custom<SelectTypes>(type($mask), type($true_value), type($false_value),
                        type($dst))
  }];
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def Vec_ReduceRowsOp : Vec_ReduceOp<"reduce_rows", 1> {
  let summary = "reduces every row of a 2-D tile to one value";
  let description = [{
    For `src` of shape [R, C], `dst` has shape [R, 1] and
    `dst[r, 0] = kind(src[r, 0], ..., src[r, C-1])` with kind `sum`, `max`
    or `min`. `sum` adds in the order documented in docs/Numerics.md and
    rounds as described there; `max` and `min` follow `vec.max` / `vec.min`
    (a NaN gives NaN) and are exact. Element types f16 and f32 (the Ascend C
    reductions have no integer forms on Atlas A2); `dst` has the element type
    of `src`.

    ```mlir
    vec.reduce_rows <sum> %x, %s : memref<64x128xf32, #aicore.space<ub>>,
                                   memref<64x1xf32, #aicore.space<ub>>
    ```
  }];
}

def Vec_ReduceColsOp : Vec_ReduceOp<"reduce_cols", 0> {
  let summary = "reduces every column of a 2-D tile to one value";
  let description = [{
    For `src` of shape [R, C], `dst` has shape [1, C] and
    `dst[0, c] = kind(src[0, c], ..., src[R-1, c])` with kind `sum`, `max`
    or `min`. `sum` adds in the order documented in docs/Numerics.md and
    rounds as described there; `max` and `min` follow `vec.max` / `vec.min`
    (a NaN gives NaN) and are exact. Element types f16 and f32; `dst` has
    the element type of `src`.

    ```mlir
    vec.reduce_cols <max> %x, %m : memref<64x128xf16, #aicore.space<ub>>,
                                   memref<1x128xf16, #aicore.space<ub>>
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Vec_BroadcastOp : Vec_TileOp<"broadcast"> {
  let summary = "replicates a tile along its dimensions of size 1";
  let description = [{
    `src` and `dst` have the same rank and element type; every dimension of
    `src` is 1 or equal to that of `dst`, and
    `dst[i0, ..., in] = src[j0, ..., jn]` with `jk = 0` where `src` has size
    1 and `jk = ik` elsewhere. Bit-exact. Element types f16, bf16, f32, i16
    and i32 (nothing is computed, so bf16 is fine).

    ```mlir
    vec.broadcast %rowmax, %b : memref<64x1xf32, #aicore.space<ub>>,
                                memref<64x128xf32, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"tile to replicate">:$src,
                       Vec_Out<"result">:$dst);
  let assemblyFormat = "$src `,` $dst attr-dict `:` type($src) `,` type($dst)";
}

def Vec_TransposeOp : Vec_TileOp<"transpose"> {
  let summary = "transposes a 2-D tile";
  let description = [{
    `dst[j, i] = src[i, j]` for `src` of shape [R, C] and `dst` of shape
    [C, R], bit-exact. The vector unit transposes 16x16 blocks of 16-bit
    elements (Ascend C `Transpose`: int16_t, uint16_t, half), so the element
    type is f16, bf16 or i16 and R and C are multiples of 16; a larger tile
    is transposed block by block.

    ```mlir
    vec.transpose %a, %b : memref<32x64xf16, #aicore.space<ub>>,
                           memref<64x32xf16, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"2-D tile">:$src,
                       Vec_Out<"transposed tile">:$dst);
  let assemblyFormat = "$src `,` $dst attr-dict `:` type($src) `,` type($dst)";
}

def Vec_GatherOp : Vec_TileOp<"gather"> {
  let summary = "gathers elements of a tile at i32 indices";
  let description = [{
    `dst[k] = flat(src)[index[k]]` for every position k of `index`, where
    `flat(src)` is `src` in row-major order. `index` is an i32 tile of
    element offsets, `dst` has the shape of `index` and the element type of
    `src` (f16, bf16, f32, i16 or i32). Bit-exact. An index outside
    [0, number of elements of src) reads unrelated UB on the hardware; it is
    undefined behaviour, and ascend-run reports it.

    ```mlir
    vec.gather %table[%idx], %out : memref<1024xf32, #aicore.space<ub>>,
                                    memref<64xi32, #aicore.space<ub>>,
                                    memref<64xf32, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"tile to read from">:$src,
                       Vec_In<"i32 element offsets into src">:$index,
                       Vec_Out<"gathered elements">:$dst);
  let assemblyFormat = [{
    $src `[` $index `]` `,` $dst attr-dict `:`
    type($src) `,` type($index) `,` type($dst)
  }];
}

def Vec_FillOp : Vec_TileOp<"fill"> {
  let summary = "writes a scalar to every element of a tile";
  let description = [{
    `dst[i] = scalar`, bit-exact. The scalar has the element type of `dst`:
    f16, bf16, f32, i16 or i32 (Ascend C `Duplicate`).

    ```mlir
    vec.fill %zero, %acc : f32, memref<64x128xf32, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_Scalar:$scalar, Vec_Out<"tile to fill">:$dst);
  let assemblyFormat = "$scalar `,` $dst attr-dict `:` type($scalar) `,` type($dst)";
}

def Vec_CopyOp : Vec_TileOp<"copy"> {
  let summary = "copies a UB tile to another UB tile on the V pipe";
  let description = [{
    `dst[i] = src[i]`, bit-exact, for tiles of the same shape and element
    type (any element type: nothing is computed). UB -> UB copies run on the
    vector pipe, not on an MTE, so they are ordered with other `vec` ops
    without flags. Use it to change a tile's layout (e.g. from a strided
    subview into a contiguous tile).

    ```mlir
    vec.copy %a, %b : memref<64x128xf16, strided<[256, 1]>, #aicore.space<ub>>,
                      memref<64x128xf16, #aicore.space<ub>>
    ```
  }];
  let arguments = (ins Vec_In<"tile to copy">:$src,
                       Vec_Out<"copy">:$dst);
  let assemblyFormat = [{
    $src `,` $dst attr-dict `:` custom<SameTypes>(type($src), type($dst))
  }];
}

#endif // ASCEND_VEC_OPS
